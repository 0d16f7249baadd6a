using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Tests.Knowledge;
using Pactwerk.Tests.LearningPlaces;
using Pactwerk.Web.Features.LearningPlaces;
using Pactwerk.Web.Features.Matching;
using static Pactwerk.Tests.Matching.MatchingTestData;

namespace Pactwerk.Tests.Matching;

/// <summary>
/// A candidate's list of openings holds open ones only, and a closed one never takes the place of an open one: more
/// openings than the list holds, the best-scoring of which close as the app's clock moves on; the list is then compared
/// with the open openings the test counts one by one from the database.
/// </summary>
public abstract class OpenOpeningsRankingTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory, IHasClock
{
    private DateOnly Today => DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime);

    /// <summary>The ids of the openings a candidate holding these competences could be ranked for, open today, counted one by one.</summary>
    private async Task<List<int>> OpenSharingAsync(bool places, HashSet<int> held)
    {
        var today = Today;
        var open = new List<int>();
        if (places)
        {
            foreach (var place in await factory.InDbAsync(db => db.Set<LearningPlace>().Include(p => p.Periods).ToListAsync()))
            {
                var asks = await factory.InDbAsync(db => db.Set<PlaceRequirement>().Where(r => r.LearningPlaceId == place.Id).Select(r => r.CompetenceId).ToListAsync());
                var ended = place.Periods.Count > 0 && place.Periods.All(p => p.To < today);
                if (!ended && asks.Any(held.Contains))
                    open.Add(place.Id);
            }
        }
        else
        {
            foreach (var vacancy in await factory.InDbAsync(db => db.Set<Vacancy>().Include(v => v.Requirements).ToListAsync()))
                if (vacancy.OpenUntil >= today && vacancy.Requirements.Any(r => held.Contains(r.CompetenceId)))
                    open.Add(vacancy.Id);
        }
        return open;
    }

    [Fact]
    public async Task Expired_vacancies_leave_the_list_and_the_open_ones_take_their_places()
    {
        var competences = await CompetencesAsync(factory, 4);
        var (a, b) = (competences[2], competences[3]);
        var staff = await LearningPlacesTestData.StaffAsync(factory, LearningPlacesTestData.Vogellanden);
        async Task<int> PublishAsync(int competence, int openDays)
        {
            var created = await staff.PostAsJsonAsync("/api/v1/vacancies", new
            {
                title = $"Vacature {competence}-{openDays}-{Guid.NewGuid():N}"[..40], sector = "care", municipality = "GM0193", hoursPerWeek = 32m,
                openUntil = Today.AddDays(openDays).ToString("yyyy-MM-dd"),
                requirements = new[] { new { competenceId = competence, required = true, weight = 3, minimumLevel = 4 } },
            });
            Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
            return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        }
        // The candidate meets a fully (100) and b below level (12.5): the 55 vacancies asking a outscore the 8 asking b.
        var soon = new List<int>();
        for (var i = 0; i < 55; i++)
            soon.Add(await PublishAsync(a, 1));
        var later = new List<int>();
        for (var i = 0; i < 8; i++)
            later.Add(await PublishAsync(b, 30));
        var (candidate, email) = await PersonAsync(factory);
        var id = (await PutProfileAsync(candidate, "Olga Open", true, [(a, 4, null), (b, 1, null)])).GetProperty("id").GetInt32();
        async Task<List<int>> ListAsync() => (await candidate.GetFromJsonAsync<JsonElement>($"/api/v1/candidates/{id}/vacancies")).EnumerateArray()
            .Select(v => v.GetProperty("vacancyId").GetInt32()).ToList();

        var before = await ListAsync();
        Assert.Equal(50, before.Count);
        Assert.All(before, v => Assert.Contains(v, soon));

        // Two days on, the 55 have closed: the list is exactly the open ones, counted one by one.
        factory.Clock.Advance(TimeSpan.FromDays(2));
        candidate = await Session.SignInAsync(factory, email);
        var expected = await OpenSharingAsync(places: false, [a, b]);
        Assert.Superset(later.ToHashSet(), expected.ToHashSet());
        Assert.DoesNotContain(expected, soon.Contains);
        Assert.Equal(expected.Order(), (await ListAsync()).Order());
    }

    [Fact]
    public async Task Places_whose_last_period_ended_leave_the_list_and_open_ones_take_their_places()
    {
        var competences = await CompetencesAsync(factory, 6);
        var (a, b) = (competences[4], competences[5]);
        var organisation = await factory.InDbAsync(db => db.Organisations.Where(o => o.Name == "Vogellanden").Select(o => o.Id).SingleAsync());
        var municipality = await factory.InDbAsync(db => db.Regions.Where(r => r.Code == "GM0193").Select(r => r.Id).FirstAsync());
        var staff = await LearningPlacesTestData.StaffAsync(factory, LearningPlacesTestData.Vogellanden);
        async Task<int> PlaceAsync(int competence, int lastDay)
        {
            var today = Today;
            var id = await factory.InDbAsync(async db =>
            {
                var place = new LearningPlace
                {
                    OrganisationId = organisation, Title = "Leerplek " + Guid.NewGuid().ToString("N")[..8], Sector = "care", Seats = 1, MunicipalityId = municipality,
                    Kind = LearningPlaceKind.WorkBasedPlace,
                    Periods = [new() { From = today.AddDays(-60), To = today.AddDays(-30) }, new() { From = today.AddDays(-10), To = today.AddDays(lastDay) }],
                };
                db.Add(place);
                await db.SaveChangesAsync();
                return place.Id;
            });
            Assert.Equal(HttpStatusCode.OK, (await staff.PutAsJsonAsync($"/api/v1/learning-places/{id}/requirements",
                new[] { new { competenceId = competence, required = true, weight = 3, minimumLevel = 4 } })).StatusCode);
            return id;
        }
        var soon = new List<int>();
        for (var i = 0; i < 52; i++)
            soon.Add(await PlaceAsync(a, 1));
        var later = new List<int>();
        for (var i = 0; i < 5; i++)
            later.Add(await PlaceAsync(b, 40));
        var (candidate, email) = await PersonAsync(factory);
        var id = (await PutProfileAsync(candidate, "Piet Plek", true, [(a, 4, null), (b, 1, null)])).GetProperty("id").GetInt32();
        async Task<List<int>> ListAsync() => (await candidate.GetFromJsonAsync<JsonElement>($"/api/v1/candidates/{id}/places")).EnumerateArray()
            .Select(v => v.GetProperty("learningPlaceId").GetInt32()).ToList();

        var before = await ListAsync();
        Assert.Equal(50, before.Count);
        Assert.All(before, p => Assert.Contains(p, soon));

        factory.Clock.Advance(TimeSpan.FromDays(2));
        candidate = await Session.SignInAsync(factory, email);
        var expected = await OpenSharingAsync(places: true, [a, b]);
        Assert.Superset(later.ToHashSet(), expected.ToHashSet());
        Assert.DoesNotContain(expected, soon.Contains);
        Assert.Equal(expected.Order(), (await ListAsync()).Order());
    }
}

public sealed class ClockedSqliteFactory : SqliteFactory, IHasClock
{
    public TestClock Clock { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
    }
}

public sealed class ClockedPostgresFactory : PostgresFactory, IHasClock
{
    public TestClock Clock { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
    }
}

public sealed class OpenOpeningsRankingSqlite(ClockedSqliteFactory factory) : OpenOpeningsRankingTests<ClockedSqliteFactory>(factory);
public sealed class OpenOpeningsRankingPostgres(ClockedPostgresFactory factory) : OpenOpeningsRankingTests<ClockedPostgresFactory>(factory);
