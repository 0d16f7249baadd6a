using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Vouchers;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Vouchers;

/// <summary>
/// An opening rush: 500 people apply at the same moment for a budget that pays 50 vouchers. The
/// database decides who gets the last euro: exactly 50 grants, 450 on the waiting list in order, no
/// person twice, the ceiling kept. Then granted vouchers are withdrawn at the same moment and the
/// first of the waiting list move up.
/// </summary>
public abstract class VoucherBudgetRaceTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    [Fact]
    public async Task Five_hundred_simultaneous_applications_for_fifty_vouchers_give_fifty_grants_and_a_waiting_list_of_four_hundred_and_fifty()
    {
        // 50 vouchers of € 1.234,56 each: the ceiling is 50 × 1234.56 = 61,728.00, written out by hand.
        var scheme = await VoucherSchemeBuilder.SchemeAsync(factory, "race", ceiling: 61_728.00m, price: 1234.56m);

        // A test of correctness, not speed: on a loaded 2-core machine the last of 500 decisions, taken one after
        // the other on PostgreSQL, can come after HttpClient's default 100 s.
        var clients = Enumerable.Range(0, 500).Select(_ => { var c = Anonymous(factory); c.Timeout = TimeSpan.FromMinutes(10); return c; }).ToList();
        using var start = new SemaphoreSlim(0, clients.Count);
        var attempts = clients.Select(async (client, i) =>
        {
            await start.WaitAsync();
            var response = await client.PostAsJsonAsync("/api/v1/voucher-schemes/race/applications", VoucherSchemeBuilder.Application(scheme, $"aanvrager{i}@example.org"));
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }).ToList();
        start.Release(clients.Count);
        var results = await Task.WhenAll(attempts);

        Assert.All(results, r => Assert.True(r.StatusCode == HttpStatusCode.Created, r.Body));
        var answers = results.Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
        Assert.Equal(50, answers.Count(a => a.GetProperty("status").GetString() == "Granted"));
        Assert.Equal(450, answers.Count(a => a.GetProperty("status").GetString() == "Waiting"));

        // The database agrees, counted apart from the app's own sums.
        var schemeId = await factory.InDbAsync(db => db.VoucherSchemes.Where(s => s.Code == "race").Select(s => s.Id).SingleAsync());
        var rows = await factory.InDbAsync(db => db.VoucherApplications.AsNoTracking().Where(a => a.SchemeId == schemeId).ToListAsync());
        Assert.Equal(500, rows.Count);
        Assert.Equal(500, rows.Select(r => r.Email).Distinct().Count());
        var granted = rows.Where(r => r.Status == VoucherStatus.Granted).ToList();
        Assert.Equal(50, granted.Count);
        Assert.All(granted, g => Assert.Equal(1234.56m, g.Amount));
        var sums = await factory.InDbAsync(db => db.VoucherSchemes.AsNoTracking().Where(s => s.Code == "race").Select(s => new { s.Reserved, s.Paid, s.Waiting }).SingleAsync());
        Assert.Equal(granted.Sum(g => g.Amount), sums.Reserved);
        Assert.True(sums.Reserved + sums.Paid <= 61_728.00m);
        Assert.Equal(450, sums.Waiting);
        // First come, first served: nobody granted arrived after anyone who waits.
        Assert.Equal(Enumerable.Range(1, 500), rows.Select(r => r.Arrival).Order());
        Assert.Equal(Enumerable.Range(1, 50), granted.Select(g => g.Arrival).Order());

        var budget = await Anonymous(factory).GetFromJsonAsync<JsonElement>("/api/v1/voucher-schemes/race/budget");
        Assert.Equal(61_728.00m, budget.GetProperty("ceiling").GetDecimal());
        Assert.Equal(61_728.00m, budget.GetProperty("reserved").GetDecimal());
        Assert.Equal(0m, budget.GetProperty("paid").GetDecimal());
        Assert.Equal(0m, budget.GetProperty("available").GetDecimal());
        Assert.Equal(50, budget.GetProperty("granted").GetInt32());
        Assert.Equal(450, budget.GetProperty("waiting").GetInt32());

        // The positions of those who wait are 1…450 in order of arrival (RACE-000051 is the first to wait).
        var waiting = answers.Where(a => a.GetProperty("status").GetString() == "Waiting")
            .Select(a => (Number: a.GetProperty("number").GetString()!, Position: a.GetProperty("position").GetInt32())).OrderBy(a => a.Number, StringComparer.Ordinal).ToList();
        Assert.Equal("RACE-000051", waiting[0].Number);
        Assert.Equal(Enumerable.Range(1, 450), waiting.Select(w => w.Position));

        // Five holders withdraw at the same moment: the first five of the waiting list move up, in order, and the ceiling holds.
        var holders = answers.Where(a => a.GetProperty("status").GetString() == "Granted").Take(5).Select(VoucherSchemeBuilder.KeyOf).ToList();
        var expectedUp = rows.Where(r => r.Status == VoucherStatus.Waiting).OrderBy(r => r.Arrival).Take(5).Select(r => r.Email).ToList();
        using var go = new SemaphoreSlim(0, holders.Count);
        var withdrawals = holders.Select(async key =>
        {
            await go.WaitAsync();
            return await Anonymous(factory).PostAsJsonAsync("/api/v1/voucher-applications/withdrawal", new { key });
        }).ToList();
        go.Release(holders.Count);
        Assert.All(await Task.WhenAll(withdrawals), r => Assert.Equal(HttpStatusCode.NoContent, r.StatusCode));

        var after = await factory.InDbAsync(db => db.VoucherApplications.AsNoTracking().Where(a => a.SchemeId == schemeId).ToListAsync());
        Assert.Equal(50, after.Count(a => a.Status == VoucherStatus.Granted));
        Assert.Equal(5, after.Count(a => a.Status == VoucherStatus.Withdrawn));
        Assert.Equal(445, after.Count(a => a.Status == VoucherStatus.Waiting));
        Assert.Equal(expectedUp.Order(), after.Where(a => a.Status == VoucherStatus.Granted && expectedUp.Contains(a.Email)).Select(a => a.Email).Order());
        var budgetAfter = await Anonymous(factory).GetFromJsonAsync<JsonElement>("/api/v1/voucher-schemes/race/budget");
        Assert.Equal(61_728.00m, budgetAfter.GetProperty("reserved").GetDecimal());
        Assert.Equal(445, budgetAfter.GetProperty("waiting").GetInt32());
        // A second withdrawal with the same link changes nothing.
        var again = await Anonymous(factory).PostAsJsonAsync("/api/v1/voucher-applications/withdrawal", new { key = holders[0] });
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(61_728.00m, (await Anonymous(factory).GetFromJsonAsync<JsonElement>("/api/v1/voucher-schemes/race/budget")).GetProperty("reserved").GetDecimal());
    }

    [Fact]
    public async Task The_same_person_applying_many_times_in_one_rush_is_saved_once_and_every_other_attempt_is_told_why()
    {
        // 40 people, each sending 5 applications at the same moment (200 in all), for a budget of 10 vouchers of € 500.
        var scheme = await VoucherSchemeBuilder.SchemeAsync(factory, "dubbel", ceiling: 5_000.00m, price: 500.00m);
        using var start = new SemaphoreSlim(0, 200);
        var attempts = Enumerable.Range(0, 200).Select(async i =>
        {
            var client = Anonymous(factory);
            client.Timeout = TimeSpan.FromMinutes(10);
            await start.WaitAsync();
            var response = await client.PostAsJsonAsync("/api/v1/voucher-schemes/dubbel/applications", VoucherSchemeBuilder.Application(scheme, $"persoon{i % 40}@example.org"));
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }).ToList();
        start.Release(200);
        var results = await Task.WhenAll(attempts);

        Assert.Equal(40, results.Count(r => r.StatusCode == HttpStatusCode.Created));
        var refused = results.Where(r => r.StatusCode != HttpStatusCode.Created).ToList();
        Assert.Equal(160, refused.Count);
        Assert.All(refused, r => Assert.Contains(VoucherMessages.AlreadyApplied, r.Body));
        var schemeId = await factory.InDbAsync(db => db.VoucherSchemes.Where(s => s.Code == "dubbel").Select(s => s.Id).SingleAsync());
        var rows = await factory.InDbAsync(db => db.VoucherApplications.AsNoTracking().Where(a => a.SchemeId == schemeId).ToListAsync());
        Assert.Equal(40, rows.Count);
        // No arrival number lost to a refused attempt: 1…40, and the first ten of them granted.
        Assert.Equal(Enumerable.Range(1, 40), rows.Select(r => r.Arrival).Order());
        Assert.Equal(Enumerable.Range(1, 10), rows.Where(r => r.Status == VoucherStatus.Granted).Select(r => r.Arrival).Order());
        var sums = await factory.InDbAsync(db => db.VoucherSchemes.AsNoTracking().Where(s => s.Id == schemeId).Select(s => new { s.Reserved, s.Waiting, s.Arrivals }).SingleAsync());
        Assert.Equal(10 * 500.00m, sums.Reserved);
        Assert.Equal(30, sums.Waiting);
        Assert.Equal(40, sums.Arrivals);
    }
}

public sealed class VoucherBudgetRaceSqlite(SqliteFactory factory) : VoucherBudgetRaceTests<SqliteFactory>(factory);
public sealed class VoucherBudgetRacePostgres(PostgresFactory factory) : VoucherBudgetRaceTests<PostgresFactory>(factory);
