using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Tests.Vouchers;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.LearningAccounts;
using Pactwerk.Web.Features.Monitor;
using Pactwerk.Web.Features.Vouchers;
using static Pactwerk.Tests.Infrastructure.Session;
using static Pactwerk.Tests.LearningAccounts.LearningAccountBuilder;

namespace Pactwerk.Tests.LearningAccounts;

/// <summary>
/// A funder's learning-account money in the monitor: holders, bookings and completed courses, in persons per
/// municipality, course sector and year, as a confidential source. The figures are checked through the monitor's
/// own values API against the fixture counted here in C#; the bookings are real reservations on the ledger, so
/// which funder's money paid is what the ledger chose, not what the fixture says.
/// </summary>
public abstract class LearningAccountMonitorFeedTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    /// <param name="Funders">Whose money the person holds: "A", "B", or "AB" (A's expires first, so A pays first).</param>
    /// <param name="Split">The course costs more than A's deposit, so B pays the rest.</param>
    /// <param name="Twice">The person booked the same kind of course twice in the year: still one person.</param>
    private sealed record Person(string? Municipality, int DepositYear, string Funders, string? Sector = null, int BookYear = 0,
        BookingStatus Status = BookingStatus.Reserved, bool Split = false, bool Twice = false);

    private static readonly Person[] Fixture =
    [
        // Apeldoorn: A's money; four booked technology in 2025, one of them cancelled; one booked care in 2026.
        new("GM0200", 2025, "A", "techniek", 2025, BookingStatus.Delivered),
        new("GM0200", 2025, "A", "techniek", 2025, BookingStatus.Delivered),
        new("GM0200", 2025, "A", "techniek", 2025, BookingStatus.Reserved),
        new("GM0200", 2025, "A", "techniek", 2025, BookingStatus.Cancelled),
        new("GM0200", 2025, "A", "zorg", 2026, BookingStatus.Delivered),
        new("GM0200", 2025, "A"),
        // Apeldoorn, B's money only: never A's figures.
        new("GM0200", 2025, "B", "techniek", 2025, BookingStatus.Delivered),
        new("GM0200", 2025, "B", "techniek", 2025, BookingStatus.Delivered),
        // Arnhem: both funders; one course paid by A alone, one by A and B together, one person not booking.
        new("GM0202", 2026, "AB", "techniek", 2026, BookingStatus.Reserved),
        new("GM0202", 2026, "AB", "techniek", 2026, BookingStatus.Delivered, Split: true),
        new("GM0202", 2026, "AB"),
        // Utrecht: five booked care in 2026, one of them twice.
        new("GM0344", 2026, "A", "zorg", 2026, BookingStatus.Reserved, Twice: true),
        new("GM0344", 2026, "A", "zorg", 2026, BookingStatus.Reserved),
        new("GM0344", 2026, "A", "zorg", 2026, BookingStatus.Delivered),
        new("GM0344", 2026, "A", "zorg", 2026, BookingStatus.Reserved),
        new("GM0344", 2026, "A", "zorg", 2026, BookingStatus.Reserved),
        // No municipality known: counted nowhere.
        new(null, 2025, "A", "techniek", 2025, BookingStatus.Delivered),
    ];

    private const long Price = 500_00;

    /// <summary>The expected figure, counted over the fixture: the second way of computing it.</summary>
    private static int Expected(string funder, string stage, string municipality, int year, string? sector = null) => Fixture.Count(p =>
        p.Municipality == municipality && p.Funders.Contains(funder) && stage switch
        {
            "houders" => p.DepositYear == year && sector is null or LearningAccountMonitorFeed.AllSectors,
            _ => p.Sector is not null && p.BookYear == year && (sector is null || p.Sector == sector) && p.Status != BookingStatus.Cancelled
                && (stage == "geboekt" || p.Status == BookingStatus.Delivered)
                // B pays only where A's money does not cover the course.
                && (funder == "A" ? p.Funders.Contains('A') : p.Funders == "B" || p.Split),
        });

    private async Task SeedAsync(string code)
    {
        var scheme = await VoucherSchemeBuilder.SchemeAsync(factory, "lr" + code, ceiling: 100_000m, price: 500m);
        var care = await factory.InDbAsync(async db =>
        {
            var course = new VoucherCourse { ProviderId = scheme.ProviderId, Title = "Helpende zorg", Sector = "zorg", Level = "mbo-2", Hours = 80, Price = 500m, TargetOccupation = "Helpende" };
            db.VoucherCourses.Add(course);
            await db.SaveChangesAsync();
            return course.Id;
        });
        var funderA = await FunderAsync(factory, code + "-a", priority: 1);
        var funderB = await FunderAsync(factory, code + "-b", priority: 2);
        var n = 0;
        foreach (var p in Fixture)
        {
            var account = await AccountAsync(factory, $"p{++n}@{code}.example");
            await factory.InDbAsync(db => db.LearningAccounts.Where(a => a.Id == account).ExecuteUpdateAsync(u => u.SetProperty(a => a.MunicipalityCode, p.Municipality)));
            var deposits = new List<long>();
            // A's expires first, so the ledger takes A's money first; A's covers one course exactly unless the course is split.
            if (p.Funders.Contains('A'))
                deposits.Add(await DepositAsync(factory, account, funderA, p.Split ? Price / 2 : (p.Twice ? 2 : 1) * Price, validUntil: Today.AddMonths(6)));
            if (p.Funders.Contains('B'))
                deposits.Add(await DepositAsync(factory, account, funderB, 2 * Price, validUntil: Today.AddMonths(9)));
            await factory.InDbAsync(db => db.LearningDeposits.Where(d => deposits.Contains(d.Id))
                .ExecuteUpdateAsync(u => u.SetProperty(d => d.DepositedAt, new DateTime(p.DepositYear, 2, 1, 10, 0, 0, DateTimeKind.Utc))));
            if (p.Sector is null)
                continue;
            for (var i = 0; i < (p.Twice ? 2 : 1); i++)
                await BookAsync(account, p.Sector == "zorg" ? care : scheme.CourseId, scheme.ProviderId, p.Sector, p.BookYear, p.Status);
        }
    }

    /// <summary>A real reservation on the ledger, its booking as the app stores it, then spent or released.</summary>
    private Task BookAsync(long account, int course, int provider, string sector, int year, BookingStatus status) =>
        factory.InScopeAsync(async sp =>
        {
            var ledger = sp.GetRequiredService<LearningLedger>();
            var reserved = Assert.IsType<PostingOutcome.Posted>(await ledger.ReserveAsync(account, new Pactwerk.Web.Features.LearningAccounts.CourseFacts(sector, "mbo-4", "x"), Price, Today, "test", default));
            var db = sp.GetRequiredService<PactwerkDb>();
            var at = new DateTime(year, 3, 1, 10, 0, 0, DateTimeKind.Utc);
            db.LearningBookings.Add(new LearningBooking
            {
                AccountId = account, CourseId = course, ProviderId = provider, Start = DateOnly.FromDateTime(at), Price = Price, FromAccount = Price,
                ReservationId = reserved.Posting.Id, Status = status, BookedAt = at, BookedBy = "test",
            });
            await db.SaveChangesAsync();
            if (status == BookingStatus.Delivered)
                Assert.IsType<PostingOutcome.Posted>(await ledger.SpendAsync(account, reserved.Posting.Id, "test", default));
            if (status == BookingStatus.Cancelled)
                Assert.IsType<PostingOutcome.Posted>(await ledger.ReleaseAsync(account, reserved.Posting.Id, "test", default));
        });

    private async Task<FeedOutcome> RefreshAsync(string funder)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        return (await sp.GetRequiredService<LearningAccountMonitorFeed>().RefreshAsync(
            await sp.GetRequiredService<PactwerkDb>().LearningFunders.AsNoTracking().SingleAsync(f => f.Code == funder), default)).Outcome;
    }

    private static async Task<JsonElement[]> ValuesAsync(HttpClient client, string indicator, string region, int year, string? breakdown = null)
    {
        var response = await client.GetAsync($"/api/v1/monitor/values?indicator={indicator}&region={region}&period={year}" + (breakdown is null ? "" : $"&breakdown={breakdown}"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadAsync<JsonElement>()).EnumerateArray().ToArray();
    }

    private static double Value(JsonElement row) => row.GetProperty("value").ValueKind == JsonValueKind.Null ? 0 : row.GetProperty("value").GetDouble();

    [Fact]
    public async Task Holders_bookings_and_completions_per_municipality_sector_and_year_match_the_persons_counted_one_by_one()
    {
        await SeedAsync("lrf");
        Assert.True((await RefreshAsync("lrf-a")).Changed);
        Assert.True((await RefreshAsync("lrf-b")).Changed);
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        string[] gelderland = ["GM0200", "GM0202"];
        foreach (var (funder, code) in new[] { ("A", "lrf-a"), ("B", "lrf-b") })
            foreach (var stage in new[] { "houders", "geboekt", "afgerond" })
            {
                var indicator = $"leerrekening-{code}-{stage}";
                foreach (var year in new[] { 2025, 2026 })
                {
                    foreach (var municipality in new[] { "GM0200", "GM0202", "GM0344" })
                    {
                        var total = (await ValuesAsync(coordinator, indicator, municipality, year)).Single();
                        Assert.Equal((indicator, municipality, year, (double)Expected(funder, stage, municipality, year)), (indicator, municipality, year, Value(total)));
                        foreach (var row in await ValuesAsync(coordinator, indicator, municipality, year, MonitorFeeds.Dimension))
                        {
                            var sector = row.GetProperty("breakdown").GetString()!;
                            Assert.Equal((indicator, municipality, year, sector, (double)Expected(funder, stage, municipality, year, sector)),
                                (indicator, municipality, year, sector, Value(row)));
                        }
                    }
                    var province = (await ValuesAsync(coordinator, indicator, "PV25", year)).Single();
                    Assert.Equal(gelderland.Sum(m => Expected(funder, stage, m, year)), Value(province));
                }
            }
        // The fixture really has the cases it claims: A's split course also counts for B, a cancelled booking for nobody.
        Assert.Equal(1, Expected("B", "geboekt", "GM0202", 2026));
        Assert.Equal(5, Expected("A", "geboekt", "GM0344", 2026, "zorg"));
        Assert.Equal(3, Expected("A", "geboekt", "GM0200", 2025, "techniek"));
        var source = await factory.InDbAsync(db => db.DataSources.AsNoTracking().SingleAsync(s => s.Code == "leerrekening-lrf-a"));
        Assert.Equal((Disclosure.Confidential, (string?)null), (source.Disclosure, source.License));
    }

    [Fact]
    public async Task An_unchanged_refresh_writes_nothing_a_cancellation_lowers_the_count_and_small_counts_are_hidden_from_the_public()
    {
        await SeedAsync("lrg");
        Assert.True((await RefreshAsync("lrg-a")).Changed);
        Assert.False((await RefreshAsync("lrg-a")).Changed);

        // One of Utrecht's reserved care bookings is cancelled: the ledger releases it and the booking says so.
        await factory.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PactwerkDb>();
            var booking = await db.LearningBookings.Where(b => b.Status == BookingStatus.Reserved && db.LearningAccounts.Any(a => a.Id == b.AccountId
                && a.MunicipalityCode == "GM0344" && a.HolderEmail.EndsWith("@lrg.example")) && !db.LearningBookings.Any(o => o.AccountId == b.AccountId && o.Id != b.Id)).OrderBy(b => b.Id).FirstAsync();
            Assert.IsType<PostingOutcome.Posted>(await sp.GetRequiredService<LearningLedger>().ReleaseAsync(booking.AccountId, booking.ReservationId, "test", default));
            await db.LearningBookings.Where(b => b.Id == booking.Id).ExecuteUpdateAsync(u => u.SetProperty(b => b.Status, BookingStatus.Cancelled));
        });
        Assert.True((await RefreshAsync("lrg-a")).Changed);
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var booked = (await ValuesAsync(coordinator, "leerrekening-lrg-a-geboekt", "GM0344", 2026)).Single();
        Assert.Equal(Expected("A", "geboekt", "GM0344", 2026) - 1, Value(booked));
        var releases = await factory.InDbAsync(db => db.DataReleases.CountAsync(r => r.Dataset == "leerrekening-lrg-a"));
        Assert.Equal(2, releases);

        // Arnhem's three holders of 2026 are a small cell: hidden from an anonymous reader, shown to the coordinator.
        Assert.Equal(3, Expected("A", "houders", "GM0202", 2026));
        var hidden = (await ValuesAsync(Anonymous(factory), "leerrekening-lrg-a-houders", "GM0202", 2026)).Single();
        Assert.Equal(("Small", JsonValueKind.Null), (hidden.GetProperty("protected").GetString(), hidden.GetProperty("value").ValueKind));
        var shown = (await ValuesAsync(coordinator, "leerrekening-lrg-a-houders", "GM0202", 2026)).Single();
        Assert.Equal(3.0, shown.GetProperty("value").GetDouble());
    }
}

public sealed class LearningAccountMonitorFeedSqlite(SqliteFactory factory) : LearningAccountMonitorFeedTests<SqliteFactory>(factory);
public sealed class LearningAccountMonitorFeedPostgres(PostgresFactory factory) : LearningAccountMonitorFeedTests<PostgresFactory>(factory);
