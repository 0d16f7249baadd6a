using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.LearningPlaces;
using static Pactwerk.Tests.Infrastructure.Session;
using static Pactwerk.Tests.LearningPlaces.LearningPlacesTestData;

namespace Pactwerk.Tests.LearningPlaces;

/// <summary>
/// Many acceptances at the same moment: a place is never filled beyond its seats, nor a supervisor beyond their capacity, in
/// any week; exactly as many succeed as there is room for, everyone else is told it is full, and the rows agree — counted
/// here week by week from the rows themselves.
/// </summary>
public abstract class PlacementRaceTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private async Task<List<HttpStatusCode>> RushAsync(IReadOnlyList<(int Place, string From, string To)> requests)
    {
        var clients = new[] { await StaffAsync(factory, Vogellanden), await SignInAsync(factory, "coordinator@zorgpact.demo") };
        using var start = new SemaphoreSlim(0, requests.Count);
        var attempts = requests.Select(async (r, i) =>
        {
            await start.WaitAsync();
            var response = await clients[i % 2].PostAsJsonAsync($"/api/v1/learning-places/{r.Place}/placements", new { learner = $"R-{i:000}", from = r.From, to = r.To });
            return response.StatusCode;
        }).ToList();
        start.Release(requests.Count);
        return [.. await Task.WhenAll(attempts)];
    }

    /// <summary>The most rows that share one ISO week, counted by walking each row's days.</summary>
    private static int MostInOneWeek(IEnumerable<(DateOnly From, DateOnly To)> rows) =>
        rows.SelectMany(r => Enumerable.Range(0, r.To.DayNumber - r.From.DayNumber + 1)
                .Select(d => r.From.AddDays(d).ToDateTime(TimeOnly.MinValue))
                .Select(d => (ISOWeek.GetYear(d), ISOWeek.GetWeekOfYear(d))).Distinct())
            .GroupBy(w => w).Select(g => g.Count()).DefaultIfEmpty(0).Max();

    [Fact]
    public async Task Twenty_simultaneous_acceptances_for_five_seats_give_exactly_five_placements()
    {
        var staff = await StaffAsync(factory, Vogellanden);
        var supervisors = new[] { await SupervisorAsync(staff, "Race A", 3), await SupervisorAsync(staff, "Race B", 3) };
        var place = await LearningPlacesTestData.PlaceAsync(staff, "Vijf stoelen", 5, supervisors, [("2027-07-01", "2027-08-31")]);
        // Overlapping periods of one to three weeks: every pair shares week 29.
        var requests = Enumerable.Range(0, 20).Select(i => (place, i % 2 == 0 ? "2027-07-12" : "2027-07-19", i % 3 == 0 ? "2027-07-30" : "2027-07-23")).ToList();

        var results = await RushAsync(requests);

        Assert.Equal(5, results.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(15, results.Count(s => s == HttpStatusCode.Conflict));
        var rows = await factory.InDbAsync(db => db.Set<Placement>().AsNoTracking().Where(p => p.LearningPlaceId == place).ToListAsync());
        Assert.Equal(5, rows.Count);
        Assert.True(MostInOneWeek(rows.Select(r => (r.From, r.To))) <= 5);
        foreach (var s in supervisors)
            Assert.True(MostInOneWeek(rows.Where(r => r.SupervisorId == s).Select(r => (r.From, r.To))) <= 3);
    }

    [Fact]
    public async Task Two_places_that_share_a_supervisor_rushed_at_once_never_give_that_supervisor_more_than_their_capacity()
    {
        var staff = await StaffAsync(factory, Vogellanden);
        var shared = await SupervisorAsync(staff, "Gedeelde begeleider", 4);
        var first = await LearningPlacesTestData.PlaceAsync(staff, "Gedeeld een", 10, [shared], [("2027-07-01", "2027-08-31")]);
        var second = await LearningPlacesTestData.PlaceAsync(staff, "Gedeeld twee", 10, [shared], [("2027-07-01", "2027-08-31")]);
        var requests = Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? first : second, "2027-07-05", "2027-07-16")).ToList();

        var results = await RushAsync(requests);

        Assert.Equal(4, results.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(16, results.Count(s => s == HttpStatusCode.Conflict));
        var rows = await factory.InDbAsync(db => db.Set<Placement>().AsNoTracking().Where(p => p.SupervisorId == shared).ToListAsync());
        Assert.Equal(4, rows.Count);
        Assert.True(MostInOneWeek(rows.Select(r => (r.From, r.To))) <= 4);
    }
}

public sealed class PlacementRaceSqlite(SqliteFactory factory) : PlacementRaceTests<SqliteFactory>(factory);
public sealed class PlacementRacePostgres(PostgresFactory factory) : PlacementRaceTests<PostgresFactory>(factory);
