using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Tests.Knowledge;
using Pactwerk.Web.Features.Vouchers;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Vouchers;

/// <summary>
/// The lottery rules end to end over HTTP: applications wait (Pending) for their draw, the draw is
/// published, and the test recomputes the drawn order itself from the published seed with
/// <see cref="SHA256"/> (not the app's <see cref="VoucherLottery"/>), then checks who was granted
/// against it: the first k in that order whose amounts fit the ceiling, the rest waiting in that order.
/// The clock is moved by hand to pass the window's close and the days' ends.
/// </summary>
public abstract class VoucherDrawTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory, IHasClock
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    private DateTime Now => factory.Clock.GetUtcNow().UtcDateTime;

    /// <summary>The independent ranking: lowercase hex SHA-256 of "seed:number", ascending, computed here.</summary>
    private static List<string> RankHere(string seed, IEnumerable<string> numbers) =>
        numbers.Select(n => (n, Hash: Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(seed + ":" + n))).ToLowerInvariant()))
            .OrderBy(x => x.Hash, StringComparer.Ordinal).Select(x => x.n).ToList();

    private async Task<int> SchemeIdAsync(string code) => await factory.InDbAsync(db => db.VoucherSchemes.Where(s => s.Code == code).Select(s => s.Id).SingleAsync());

    private async Task<List<VoucherApplication>> RowsAsync(int schemeId) =>
        await factory.InDbAsync(db => db.VoucherApplications.AsNoTracking().Where(a => a.SchemeId == schemeId).OrderBy(a => a.Arrival).ToListAsync());

    private async Task<JsonElement> ApplyAsync(VoucherSchemeBuilder.Built scheme, string email)
    {
        var response = await Anonymous(factory).PostAsJsonAsync($"/api/v1/voucher-schemes/{scheme.Code}/applications", VoucherSchemeBuilder.Application(scheme, email));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadAsync<JsonElement>();
    }

    private async Task<HttpResponseMessage> DrawAsync(string code) =>
        await (await SignInAsync(factory, "coordinator@techniekpact.demo")).PostAsync($"/api/v1/voucher-schemes/{code}/draws", null);

    [Fact]
    public async Task Two_hundred_simultaneous_applications_to_a_period_lottery_wait_for_one_draw_that_anyone_can_recompute()
    {
        // 30 vouchers of € 750: ceiling 30 × 750 = 22,500.
        var scheme = await VoucherSchemeBuilder.SchemeAsync(factory, "periode", ceiling: 22_500m, price: 750m,
            opensAt: Now.AddDays(-1), closesAt: Now.AddHours(1), rule: DistributionRule.PeriodLottery);
        var clients = Enumerable.Range(0, 200).Select(_ => { var c = Anonymous(factory); c.Timeout = TimeSpan.FromMinutes(10); return c; }).ToList();
        using var start = new SemaphoreSlim(0, clients.Count);
        var attempts = clients.Select(async (client, i) =>
        {
            await start.WaitAsync();
            var response = await client.PostAsJsonAsync("/api/v1/voucher-schemes/periode/applications", VoucherSchemeBuilder.Application(scheme, $"loter{i}@example.org"));
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }).ToList();
        start.Release(clients.Count);
        var results = await Task.WhenAll(attempts);
        Assert.All(results, r => Assert.True(r.StatusCode == HttpStatusCode.Created, r.Body));
        var answers = results.Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
        Assert.All(answers, a => Assert.Equal("Pending", a.GetProperty("status").GetString()));

        // Nothing reserved, nobody waiting, and no draw before the window closes.
        var schemeId = await SchemeIdAsync("periode");
        var budget = await Anonymous(factory).GetFromJsonAsync<JsonElement>("/api/v1/voucher-schemes/periode/budget");
        Assert.Equal(0m, budget.GetProperty("reserved").GetDecimal());
        Assert.Equal(0, budget.GetProperty("waiting").GetInt32());
        var early = await DrawAsync("periode");
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("na de sluiting", await early.Content.ReadAsStringAsync());
        Assert.Empty(await factory.InDbAsync(db => db.VoucherDraws.Where(d => d.SchemeId == schemeId).ToListAsync()));
        Assert.All(await RowsAsync(schemeId), r => Assert.Equal(VoucherStatus.Pending, r.Status));

        // The applicant's page says when the draw is.
        var page = await Anonymous(factory).GetStringAsync(answers[0].GetProperty("statusUrl").GetString());
        Assert.Contains("doet mee aan de loting op", page);

        // After the close, the draw is asked for five times at the same moment: one draw.
        factory.Clock.Advance(TimeSpan.FromHours(2));
        var officers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => SignInAsync(factory, "coordinator@techniekpact.demo")));
        using var go = new SemaphoreSlim(0, officers.Length);
        var draws = officers.Select(async officer =>
        {
            await go.WaitAsync();
            return await officer.PostAsync("/api/v1/voucher-schemes/periode/draws", null);
        }).ToList();
        go.Release(officers.Length);
        Assert.All(await Task.WhenAll(draws), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single(await factory.InDbAsync(db => db.VoucherDraws.Where(d => d.SchemeId == schemeId).ToListAsync()));

        // The published draw, recomputed here from its seed.
        var published = await Anonymous(factory).GetFromJsonAsync<JsonElement>("/api/v1/voucher-schemes/periode/draws");
        var draw = Assert.Single(published.EnumerateArray());
        var seed = draw.GetProperty("seed").GetString()!;
        Assert.Matches("^[0-9a-f]{64}$", seed);
        var allNumbers = answers.Select(a => a.GetProperty("number").GetString()!).ToList();
        var expected = RankHere(seed, allNumbers);
        Assert.Equal(expected, draw.GetProperty("numbers").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal(30, draw.GetProperty("granted").GetInt32());
        Assert.Contains("sha256sum", draw.GetProperty("ruleText").GetString());

        // Granted: the first 30 by rank (30 × 750 = the ceiling); the other 170 wait, in drawn order.
        var rows = await RowsAsync(schemeId);
        Assert.Equal(expected.Take(30).Order(), rows.Where(r => r.Status == VoucherStatus.Granted).Select(r => VoucherApplication.NumberOf("periode", r.Arrival)).Order());
        var waitingInQueue = rows.Where(r => r.Status == VoucherStatus.Waiting).OrderBy(r => r.QueueOrder).Select(r => VoucherApplication.NumberOf("periode", r.Arrival)).ToList();
        Assert.Equal(expected.Skip(30), waitingInQueue);
        var sums = await factory.InDbAsync(db => db.VoucherSchemes.AsNoTracking().Where(s => s.Id == schemeId).Select(s => new { s.Reserved, s.Waiting }).SingleAsync());
        Assert.Equal(22_500m, sums.Reserved);
        Assert.Equal(170, sums.Waiting);

        // The status page of the 31st drawn shows place 1 on the waiting list.
        var key31 = VoucherSchemeBuilder.KeyOf(answers.Single(a => a.GetProperty("number").GetString() == expected[30]));
        Assert.Contains("<dd id=\"plaats\">1</dd>", await Anonymous(factory).GetStringAsync(VouchersApi.StatusUrl(key31)));

        // A holder withdraws: the 31st drawn (not the lowest arrival number waiting) gets the voucher.
        var holder = answers.Single(a => a.GetProperty("number").GetString() == expected[5]);
        var withdrawn = await Anonymous(factory).PostAsJsonAsync("/api/v1/voucher-applications/withdrawal", new { key = VoucherSchemeBuilder.KeyOf(holder) });
        Assert.Equal(HttpStatusCode.NoContent, withdrawn.StatusCode);
        var after = (await RowsAsync(schemeId)).ToDictionary(r => VoucherApplication.NumberOf("periode", r.Arrival));
        Assert.Equal(VoucherStatus.Granted, after[expected[30]].Status);
        Assert.Equal(VoucherStatus.Waiting, after[expected[31]].Status);
        Assert.Equal(VoucherStatus.Withdrawn, after[expected[5]].Status);
        Assert.Equal(30, after.Values.Count(r => r.Status == VoucherStatus.Granted));

        // Asking again draws nothing new.
        Assert.Equal(HttpStatusCode.OK, (await DrawAsync("periode")).StatusCode);
        Assert.Single(await factory.InDbAsync(db => db.VoucherDraws.Where(d => d.SchemeId == schemeId).ToListAsync()));

        // The published page, in Dutch and English: the seed, the drawn order and how to recompute it; linked from the scheme's page.
        var nl = await Anonymous(factory).GetStringAsync("/regelingen/periode/trekkingen");
        Assert.Contains(seed, nl);
        Assert.Contains("Zo reken je een trekking na", nl);
        Assert.Contains("sha256sum", nl);
        // In the table of the draw: the instructions above it use number 000042 as their example, which may be one of these.
        var table = nl[nl.IndexOf("Volgorde van de trekking", StringComparison.Ordinal)..];
        Assert.True(table.IndexOf(expected[0], StringComparison.Ordinal) is >= 0 and var first && first < table.IndexOf(expected[1], StringComparison.Ordinal),
            $"{expected[0]} is not before {expected[1]} in the draw's table");
        Assert.Contains("de eerste 30 in de volgorde van de trekking", nl);
        var en = await Anonymous(factory).GetStringAsync("/regelingen/periode/trekkingen?culture=en");
        Assert.Contains("How to recompute a draw", en);
        Assert.Contains("the first 30 in the order of the draw", en);
        Assert.Contains("/regelingen/periode/trekkingen", await Anonymous(factory).GetStringAsync("/regelingen/periode"));
        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous(factory).GetAsync("/regelingen/bestaat-niet/trekkingen")).StatusCode);
    }

    [Fact]
    public async Task A_daily_lottery_grants_whole_days_while_the_budget_covers_them_and_draws_among_the_day_it_does_not()
    {
        // Start at 10:00 Dutch time on a day two days ahead, so the test's moves stay within the course's deadline.
        var day1 = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(Now, Amsterdam)).AddDays(1);
        MoveTo(day1, new TimeOnly(10, 0));
        // 10 vouchers of € 500: ceiling 5,000.
        var scheme = await VoucherSchemeBuilder.SchemeAsync(factory, "dagloting", ceiling: 5_000m, price: 500m,
            opensAt: Now.AddDays(-1), closesAt: Now.AddDays(20), rule: DistributionRule.DailyLottery);
        var schemeId = await SchemeIdAsync("dagloting");

        // Day 1: six applications (3,000), all pending until the day ends.
        var first = new List<JsonElement>();
        for (var i = 0; i < 6; i++)
            first.Add(await ApplyAsync(scheme, $"dag1-{i}@example.org"));
        Assert.All(first, a => Assert.Equal("Pending", a.GetProperty("status").GetString()));
        // The day has not ended: nothing is decided.
        Assert.Equal(HttpStatusCode.OK, (await DrawAsync("dagloting")).StatusCode);
        Assert.All(await RowsAsync(schemeId), r => Assert.Equal(VoucherStatus.Pending, r.Status));

        // Day 2: seven applications in the morning and one at 23:59:50 (8 × 500 = 4,000 > the 2,000 left).
        MoveTo(day1.AddDays(1), new TimeOnly(10, 0));
        var second = new List<JsonElement>();
        for (var i = 0; i < 7; i++)
            second.Add(await ApplyAsync(scheme, $"dag2-{i}@example.org"));
        MoveTo(day1.AddDays(1), new TimeOnly(23, 59, 50));
        second.Add(await ApplyAsync(scheme, "dag2-laat@example.org"));
        // Day 1 is decided now (the day ended): covered whole, all six granted in order of arrival, no draw.
        Assert.Equal(HttpStatusCode.OK, (await DrawAsync("dagloting")).StatusCode);
        var rows = await RowsAsync(schemeId);
        Assert.Equal(Enumerable.Range(1, 6), rows.Where(r => r.Status == VoucherStatus.Granted).Select(r => r.Arrival));
        Assert.Equal(8, rows.Count(r => r.Status == VoucherStatus.Pending));
        Assert.Empty(await factory.InDbAsync(db => db.VoucherDraws.Where(d => d.SchemeId == schemeId).ToListAsync()));

        // Twenty seconds later it is day 3: this application belongs to day 3, not to day 2's draw.
        MoveTo(day1.AddDays(2), new TimeOnly(0, 0, 10));
        var third = new List<JsonElement> { await ApplyAsync(scheme, "dag3-vroeg@example.org") };
        Assert.Equal("Pending", third[0].GetProperty("status").GetString());
        MoveTo(day1.AddDays(2), new TimeOnly(10, 0));
        Assert.Equal(HttpStatusCode.OK, (await DrawAsync("dagloting")).StatusCode);

        // Day 2 was drawn: recomputed here, the first four by rank granted (4 × 500 = the 2,000 left), four waiting in drawn order.
        var published = await Anonymous(factory).GetFromJsonAsync<JsonElement>("/api/v1/voucher-schemes/dagloting/draws");
        var draw = Assert.Single(published.EnumerateArray());
        Assert.Equal(day1.AddDays(1).ToString("yyyy-MM-dd"), draw.GetProperty("day").GetString());
        var day2Numbers = second.Select(a => a.GetProperty("number").GetString()!).ToList();
        var expected = RankHere(draw.GetProperty("seed").GetString()!, day2Numbers);
        Assert.Equal(expected, draw.GetProperty("numbers").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal(4, draw.GetProperty("granted").GetInt32());
        rows = await RowsAsync(schemeId);
        string Number(VoucherApplication r) => VoucherApplication.NumberOf("dagloting", r.Arrival);
        Assert.Equal(expected.Take(4).Order(), rows.Where(r => r.Status == VoucherStatus.Granted && r.Arrival > 6).Select(Number).Order());
        Assert.Equal(expected.Skip(4), rows.Where(r => r.Status == VoucherStatus.Waiting).OrderBy(r => r.QueueOrder).Select(Number));
        Assert.Equal(VoucherStatus.Pending, rows.Single(r => r.Email == "dag3-vroeg@example.org").Status);

        // Later on day 3, with people waiting: straight onto the waiting list, behind day 2's.
        var late = await ApplyAsync(scheme, "dag3-later@example.org");
        Assert.Equal("Waiting", late.GetProperty("status").GetString());
        Assert.Equal(5, late.GetProperty("position").GetInt32());

        // Day 4: the background service's pass (called here, at the moved clock) puts day 3's pending application
        // on the list in order of arrival, before the later one; no second draw.
        MoveTo(day1.AddDays(3), new TimeOnly(9, 0));
        await factory.InScopeAsync(async services => Assert.Equal(1, await services.GetRequiredService<VoucherDraws>().DecideDueAsync(Now, CancellationToken.None)));
        Assert.Single(await factory.InDbAsync(db => db.VoucherDraws.Where(d => d.SchemeId == schemeId).ToListAsync()));
        rows = await RowsAsync(schemeId);
        Assert.Equal([.. expected.Skip(4), Number(rows.Single(r => r.Email == "dag3-vroeg@example.org")), Number(rows.Single(r => r.Email == "dag3-later@example.org"))],
            rows.Where(r => r.Status == VoucherStatus.Waiting).OrderBy(r => r.QueueOrder).Select(Number));
        var sums = await factory.InDbAsync(db => db.VoucherSchemes.AsNoTracking().Where(s => s.Id == schemeId).Select(s => new { s.Reserved, s.Waiting }).SingleAsync());
        Assert.Equal(5_000m, sums.Reserved);
        Assert.Equal(6, sums.Waiting);
        // Day 3's early application went onto the list ahead of one already waiting: the places still count right.
        await VoucherSchemeBuilder.AssertWaitingPlacesAsync(factory, schemeId);

        // A day-1 holder withdraws: the fifth drawn of day 2 moves up.
        var withdrawn = await Anonymous(factory).PostAsJsonAsync("/api/v1/voucher-applications/withdrawal", new { key = VoucherSchemeBuilder.KeyOf(first[0]) });
        Assert.Equal(HttpStatusCode.NoContent, withdrawn.StatusCode);
        rows = await RowsAsync(schemeId);
        Assert.Equal(VoucherStatus.Granted, rows.Single(r => Number(r) == expected[4]).Status);
        Assert.Equal(5_000m, await factory.InDbAsync(db => db.VoucherSchemes.Where(s => s.Id == schemeId).Select(s => s.Reserved).SingleAsync()));
        await VoucherSchemeBuilder.AssertWaitingPlacesAsync(factory, schemeId);
    }

    [Fact]
    public async Task Drawing_is_for_the_schemes_officers_and_lottery_schemes_only_and_a_pending_application_can_be_withdrawn()
    {
        await VoucherSchemeBuilder.SchemeAsync(factory, "eerstkomt", ceiling: 1_000m, price: 500m);
        var refused = await DrawAsync("eerstkomt");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("volgorde van binnenkomst", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await DrawAsync("bestaat-niet")).StatusCode);

        var lottery = await VoucherSchemeBuilder.SchemeAsync(factory, "intrek", ceiling: 1_000m, price: 500m,
            opensAt: Now.AddDays(-1), closesAt: Now.AddHours(1), rule: DistributionRule.PeriodLottery);
        var applied = await ApplyAsync(lottery, "pending@example.org");
        // Someone of another organisation, and an anonymous visitor, may not draw.
        var outsider = await SignInAsync(factory, "coordinator@zorgpact.demo");
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.PostAsync("/api/v1/voucher-schemes/intrek/draws", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Anonymous(factory).PostAsync("/api/v1/voucher-schemes/intrek/draws", null)).StatusCode);

        var withdrawn = await Anonymous(factory).PostAsJsonAsync("/api/v1/voucher-applications/withdrawal", new { key = VoucherSchemeBuilder.KeyOf(applied) });
        Assert.Equal(HttpStatusCode.NoContent, withdrawn.StatusCode);
        var sums = await factory.InDbAsync(db => db.VoucherSchemes.AsNoTracking().Where(s => s.Code == "intrek").Select(s => new { s.Reserved, s.Waiting }).SingleAsync());
        Assert.Equal(0m, sums.Reserved);
        Assert.Equal(0, sums.Waiting);
    }

    /// <summary>Moves the clock to a Dutch wall-clock moment.</summary>
    private void MoveTo(DateOnly day, TimeOnly time)
    {
        var target = TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(time), Amsterdam);
        factory.Clock.Advance(target - Now);
    }
}

public sealed class DrawSqliteFactory : SqliteFactory, IHasClock
{
    public TestClock Clock { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // The draws are asked for by the test at chosen moments; the worker's pass is called by the test too.
        builder.ConfigureTestServices(s =>
        {
            s.AddSingleton<TimeProvider>(Clock);
            foreach (var worker in s.Where(d => d.ImplementationType == typeof(VoucherDrawWorker)).ToList())
                s.Remove(worker);
        });
    }
}

public sealed class DrawPostgresFactory : PostgresFactory, IHasClock
{
    public TestClock Clock { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // The draws are asked for by the test at chosen moments; the worker's pass is called by the test too.
        builder.ConfigureTestServices(s =>
        {
            s.AddSingleton<TimeProvider>(Clock);
            foreach (var worker in s.Where(d => d.ImplementationType == typeof(VoucherDrawWorker)).ToList())
                s.Remove(worker);
        });
    }
}

public sealed class VoucherDrawSqlite(DrawSqliteFactory factory) : VoucherDrawTests<DrawSqliteFactory>(factory);
public sealed class VoucherDrawPostgres(DrawPostgresFactory factory) : VoucherDrawTests<DrawPostgresFactory>(factory);
