using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Accounts;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Matching;

/// <summary>Invented candidates, each an account with a confirmed address of its own, and the zorg framework's competences.</summary>
public static class MatchingTestData
{
    public const string Coordinator = "coordinator@zorgpact.demo";

    /// <summary>A fresh confirmed account, signed in.</summary>
    public static async Task<(HttpClient Client, string Email)> PersonAsync(PactwerkFactory factory)
    {
        var email = $"kandidaat-{Guid.NewGuid():N}@matching.test";
        await factory.InScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<PactwerkUser>>();
            var user = new PactwerkUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email, CreatedAt = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(user, DemoPassword)).Succeeded);
        });
        return (await SignInAsync(factory, email), email);
    }

    /// <summary>The first competences of the zorgpact's demo framework, by id.</summary>
    public static Task<List<int>> CompetencesAsync(PactwerkFactory factory, int count) =>
        factory.InDbAsync(async db =>
        {
            var pact = await db.Pacts.Where(p => p.Code == "zorgpact").Select(p => p.Id).SingleAsync();
            return await db.Competences.Where(c => c.PactId == pact).OrderBy(c => c.Id).Select(c => c.Id).Take(count).ToListAsync();
        });

    public static async Task<JsonElement> PutProfileAsync(HttpClient client, string name, bool consent, (int Competence, int Level, string? Evidence)[] competences,
        int? birthYear = null, string? gender = null)
    {
        var response = await client.PutAsJsonAsync("/api/v1/candidates/me", new
        {
            name, birthYear, gender, consent, competences = competences.Select(c => new { competenceId = c.Competence, level = c.Level, evidence = c.Evidence }),
        });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
