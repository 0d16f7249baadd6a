using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.Programmes;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Programmes;

/// <summary>
/// The programmes' test world: programmes of the Techniekpact owned by the Hogeschool van Amsterdam (whose demo editor,
/// redacteur@hva.demo, is their staff) or by the HAN, each with the default intake steps and one open cohort, and
/// applicants: plain accounts without any role.
/// </summary>
public static class ProgrammesTestData
{
    public const string HvaStaff = "redacteur@hva.demo";
    public static readonly string[] Steps = ["application", "assessment", "selection", "employer-match", "contract", "start"];
    private static readonly SemaphoreSlim Once = new(1, 1);

    /// <summary>A programme with one open cohort <c>c1</c> of the given seats; returns the programme's code.</summary>
    public static Task<string> ProgrammeAsync(PactwerkFactory factory, int seats = 20, string owner = "Hogeschool van Amsterdam") =>
        factory.InDbAsync(async db =>
        {
            var code = "p-" + Guid.NewGuid().ToString("N")[..8];
            var programme = new Programme
            {
                Code = code, Name = "Programma " + code, PactId = await db.Pacts.Where(p => p.Code == "techniekpact").Select(p => p.Id).SingleAsync(),
                OwnerOrganisationId = await db.Organisations.Where(o => o.Name == owner).Select(o => o.Id).SingleAsync(),
                TargetCertificateRate = 90, TargetJobRate = 97, TargetWomenShare = 33.3m,
                Steps = Programme.DefaultSteps.Select((s, i) => new IntakeStep { Position = i + 1, Code = s.Code, Name = s.Name }).ToList(),
                Cohorts = [new Cohort { Code = "c1", Name = "Cohort 1", StartDate = new(2027, 3, 1), EndDate = new(2027, 8, 31), Seats = seats, Status = CohortStatus.Open }],
            };
            db.Add(programme);
            await db.SaveChangesAsync();
            return code;
        });

    /// <summary>A signed-in person without any role, created on first use.</summary>
    public static async Task<HttpClient> ApplicantAsync(PactwerkFactory factory, string email)
    {
        await Once.WaitAsync();
        try
        {
            await factory.InScopeAsync(async services =>
            {
                var users = services.GetRequiredService<UserManager<PactwerkUser>>();
                if (await users.FindByEmailAsync(email) is null)
                    Assert.True((await users.CreateAsync(new PactwerkUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email, CreatedAt = DateTime.UtcNow },
                        DemoPassword)).Succeeded);
            });
        }
        finally
        {
            Once.Release();
        }
        return await SignInAsync(factory, email);
    }

    public static Task<HttpResponseMessage> ApplyAsync(HttpClient client, string programme, object body, string cohort = "c1") =>
        client.PostAsJsonAsync($"/api/v1/programmes/{programme}/cohorts/{cohort}/applications", body);

    /// <summary>Applies and returns the candidate's number.</summary>
    public static async Task<long> AppliedAsync(HttpClient client, string programme, string municipality = "Amsterdam", string? gender = null)
    {
        var response = await ApplyAsync(client, programme, new { municipality, gender });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    public static Task<HttpResponseMessage> DecideAsync(HttpClient staff, string programme, long candidate, string step, string decision, string on, string cohort = "c1") =>
        staff.PostAsJsonAsync($"/api/v1/programmes/{programme}/cohorts/{cohort}/candidates/{candidate}/steps", new { step, decision, on });

    /// <summary>
    /// Candidates written straight to the database, each having passed every step before the start: the setting of a
    /// race for the cohort's seats, without a hundred requests to get there.
    /// </summary>
    public static Task<List<long>> ReadyToStartAsync(PactwerkFactory factory, string programme, int count) =>
        factory.InDbAsync(async db =>
        {
            var found = await db.Set<Programme>().Include(p => p.Steps).Include(p => p.Cohorts).SingleAsync(p => p.Code == programme);
            var before = found.Steps.OrderBy(s => s.Position).SkipLast(1).ToList();
            var candidates = Enumerable.Range(0, count).Select(i => new Candidate
            {
                CohortId = found.Cohorts.Single().Id, UserId = "race-" + Guid.NewGuid().ToString("N"), AppliedAt = new DateTime(2027, 1, 4, 9, 0, 0, DateTimeKind.Utc),
                Steps = before.Select(s => new CandidateStep { IntakeStepId = s.Id, On = new DateOnly(2027, 1, 10), Decision = StepDecision.Passed, RecordedBy = "test", RecordedAt = DateTime.UtcNow }).ToList(),
            }).ToList();
            db.AddRange(candidates);
            await db.SaveChangesAsync();
            return candidates.Select(c => c.Id).ToList();
        });

    public static Task<int> DecisionsAsync(PactwerkFactory factory, long candidate) =>
        factory.InDbAsync(db => db.Set<CandidateStep>().CountAsync(s => s.CandidateId == candidate));

    public static async Task<string> DetailAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;

    public static async Task<string> ErrorAsync(HttpResponseMessage response, string field) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty(field)[0].GetString()!;
}
