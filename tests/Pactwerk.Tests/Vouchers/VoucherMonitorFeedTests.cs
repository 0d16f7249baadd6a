using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Monitor;
using Pactwerk.Web.Features.Vouchers;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Vouchers;

/// <summary>
/// A scheme's vouchers in the monitor: granted, started and completed per municipality of residence,
/// sector and year of the grant, as a confidential source. The counts are checked against a hand-made
/// set of applications counted here in C#, through the monitor's own values API; the small-cell rule
/// hides small counts from everyone who is not a coordinator.
/// </summary>
public abstract class VoucherMonitorFeedTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private sealed record Made(string Municipality, string Sector, int Year, VoucherStatus Status, bool EverGranted = true);

    /// <summary>
    /// Apeldoorn (GM0200) and Arnhem (GM0202) in Gelderland, Utrecht (GM0344) elsewhere; two sectors, two years,
    /// every state of a voucher's life. Waiting and pending applications were never granted; a withdrawn one was.
    /// </summary>
    private static readonly Made[] Fixture =
    [
        .. Enumerable.Repeat(new Made("GM0200", "techniek", 2025, VoucherStatus.Granted), 4),
        .. Enumerable.Repeat(new Made("GM0200", "techniek", 2025, VoucherStatus.Enrolled), 3),
        .. Enumerable.Repeat(new Made("GM0200", "techniek", 2025, VoucherStatus.Delivered), 2),
        new("GM0200", "techniek", 2025, VoucherStatus.Approved),
        new("GM0200", "techniek", 2025, VoucherStatus.Paid),
        new("GM0200", "techniek", 2025, VoucherStatus.Expired),
        new("GM0200", "techniek", 2025, VoucherStatus.Withdrawn),
        new("GM0200", "techniek", 2026, VoucherStatus.Granted),
        new("GM0200", "techniek", 2026, VoucherStatus.Waiting, EverGranted: false),
        new("GM0200", "zorg", 2025, VoucherStatus.Enrolled),
        new("GM0200", "zorg", 2025, VoucherStatus.Paid),
        .. Enumerable.Repeat(new Made("GM0202", "techniek", 2025, VoucherStatus.Enrolled), 6),
        new("GM0202", "techniek", 2025, VoucherStatus.Refused),
        new("GM0202", "techniek", 2025, VoucherStatus.Pending, EverGranted: false),
        .. Enumerable.Repeat(new Made("GM0344", "zorg", 2026, VoucherStatus.Delivered), 5),
    ];

    private static readonly VoucherStatus[] StartedStates = [VoucherStatus.Enrolled, VoucherStatus.Delivered, VoucherStatus.Approved, VoucherStatus.Paid];
    private static readonly VoucherStatus[] CompletedStates = [VoucherStatus.Delivered, VoucherStatus.Approved, VoucherStatus.Paid];

    /// <summary>The expected figure, counted over the fixture in C#: the second way of computing it.</summary>
    private static int Expected(string stage, IEnumerable<string> municipalities, int year, string? sector = null) => Fixture.Count(m =>
        m.EverGranted && municipalities.Contains(m.Municipality) && m.Year == year && (sector is null || m.Sector == sector)
        && stage switch { "toegekend" => true, "gestart" => StartedStates.Contains(m.Status), _ => CompletedStates.Contains(m.Status) });

    private async Task<VoucherSchemeBuilder.Built> SeedAsync(string code)
    {
        var scheme = await VoucherSchemeBuilder.SchemeAsync(factory, code, ceiling: 1_000_000m, price: 1000m);
        await factory.InDbAsync(async db =>
        {
            var schemeId = await db.VoucherSchemes.Where(s => s.Code == code).Select(s => s.Id).SingleAsync();
            var care = new VoucherCourse { ProviderId = scheme.ProviderId, Title = "Helpende zorg", Sector = "zorg", Level = "mbo-2", Hours = 80, Price = 900m, TargetOccupation = "Helpende" };
            db.VoucherCourses.Add(care);
            await db.SaveChangesAsync();
            var arrival = 0;
            foreach (var m in Fixture)
            {
                arrival++;
                var at = new DateTime(m.Year, 3, 1, 9, 0, 0, DateTimeKind.Utc).AddHours(arrival);
                db.VoucherApplications.Add(new VoucherApplication
                {
                    SchemeId = schemeId, Arrival = arrival, CourseId = m.Sector == "zorg" ? care.Id : scheme.CourseId, Email = $"p{arrival}@{code}.example",
                    DateOfBirth = new DateOnly(1980, 1, 1), MunicipalityCode = m.Municipality, TargetGroup = "werkzoekend-naar-techniek", CourseStart = DateOnly.FromDateTime(at),
                    SubmittedAt = at, GrantedAt = m.EverGranted ? at : null, Status = m.Status, Amount = 1000m, VoucherCode = $"V-{code}-{arrival}".ToUpperInvariant(),
                    KeyHash = $"{code}-{arrival}".PadLeft(64, '0'),
                });
            }
            // One made before the municipality was asked: counted nowhere.
            db.VoucherApplications.Add(new VoucherApplication
            {
                SchemeId = schemeId, Arrival = ++arrival, CourseId = scheme.CourseId, Email = $"oud@{code}.example", DateOfBirth = new DateOnly(1980, 1, 1),
                TargetGroup = "werkzoekend-naar-techniek", CourseStart = new DateOnly(2025, 3, 1), SubmittedAt = new DateTime(2025, 3, 1, 0, 0, 0, DateTimeKind.Utc),
                GrantedAt = new DateTime(2025, 3, 1, 0, 0, 0, DateTimeKind.Utc), Status = VoucherStatus.Paid, Amount = 1000m, VoucherCode = $"V-OUD-{code}".ToUpperInvariant(),
                KeyHash = $"oud-{code}".PadLeft(64, '0'),
            });
            return await db.SaveChangesAsync();
        });
        return scheme;
    }

    private static async Task<JsonElement[]> ValuesAsync(HttpClient client, string indicator, string region, int year, string? breakdown = null)
    {
        var url = $"/api/v1/monitor/values?indicator={indicator}&region={region}&period={year}" + (breakdown is null ? "" : $"&breakdown={breakdown}");
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadAsync<JsonElement>()).EnumerateArray().ToArray();
    }

    /// <summary>A figure; none at all (no voucher was granted there that year) reads as 0, which is what the fixture counts.</summary>
    private static double Value(JsonElement row) => row.GetProperty("value").ValueKind == JsonValueKind.Null ? 0 : row.GetProperty("value").GetDouble();

    [Fact]
    public async Task The_counts_per_municipality_sector_and_year_match_the_applications_counted_one_by_one()
    {
        await SeedAsync("feed-tel");
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var refreshed = await coordinator.PostAsync("/api/v1/voucher-schemes/feed-tel/monitor-feed", null);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var answer = await refreshed.ReadAsync<JsonElement>();
        Assert.True(answer.GetProperty("changed").GetBoolean());
        Assert.Equal(Fixture.Count(m => m.EverGranted), answer.GetProperty("granted").GetInt32());

        string[] gelderland = ["GM0200", "GM0202"];
        foreach (var stage in new[] { "toegekend", "gestart", "afgerond" })
        {
            var indicator = $"vouchers-feed-tel-{stage}";
            foreach (var year in new[] { 2025, 2026 })
            {
                foreach (var municipality in new[] { "GM0200", "GM0202", "GM0344" })
                {
                    var total = (await ValuesAsync(coordinator, indicator, municipality, year)).Single();
                    Assert.Equal(Expected(stage, [municipality], year), Value(total));
                    foreach (var row in await ValuesAsync(coordinator, indicator, municipality, year, MonitorFeeds.Dimension))
                    {
                        var sector = row.GetProperty("breakdown").GetString()!;
                        Assert.Equal((stage, municipality, year, sector, (double)Expected(stage, [municipality], year, sector)),
                            (stage, municipality, year, sector, Value(row)));
                    }
                }
                // The province adds its municipalities up; Utrecht's figures are not Gelderland's.
                var province = (await ValuesAsync(coordinator, indicator, "PV25", year)).Single();
                Assert.Equal(Expected(stage, gelderland, year), Value(province));
            }
        }
        // The source is confidential and carries no licence.
        var source = await factory.InDbAsync(db => db.DataSources.AsNoTracking().SingleAsync(s => s.Code == "vouchers-feed-tel"));
        Assert.Equal((Disclosure.Confidential, (string?)null), (source.Disclosure, source.License));
    }

    [Fact]
    public async Task A_refresh_replaces_the_counts_in_one_release_and_an_unchanged_one_writes_nothing()
    {
        await SeedAsync("feed-ver");
        var officer = await SignInAsync(factory, "redacteur@hva.demo");
        Assert.True((await (await officer.PostAsync("/api/v1/voucher-schemes/feed-ver/monitor-feed", null)).ReadAsync<JsonElement>()).GetProperty("changed").GetBoolean());
        var again = await (await officer.PostAsync("/api/v1/voucher-schemes/feed-ver/monitor-feed", null)).ReadAsync<JsonElement>();
        Assert.False(again.GetProperty("changed").GetBoolean());

        // Three of Apeldoorn's granted vouchers of 2025 are enrolled now.
        await factory.InDbAsync(db => db.VoucherApplications.Where(a => db.VoucherSchemes.Any(s => s.Id == a.SchemeId && s.Code == "feed-ver")
                && a.Status == VoucherStatus.Granted && a.MunicipalityCode == "GM0200" && a.GrantedAt!.Value.Year == 2025).OrderBy(a => a.Arrival).Take(3)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.Status, VoucherStatus.Enrolled)));
        Assert.True((await (await officer.PostAsync("/api/v1/voucher-schemes/feed-ver/monitor-feed", null)).ReadAsync<JsonElement>()).GetProperty("changed").GetBoolean());

        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var started = (await ValuesAsync(coordinator, "vouchers-feed-ver-gestart", "GM0200", 2025)).Single();
        Assert.Equal(Expected("gestart", ["GM0200"], 2025) + 3, started.GetProperty("value").GetDouble());
        // Only the current counts are kept: one observation per element, municipality, year and sector, and two releases.
        var (observations, releases, groups) = await factory.InDbAsync(async db =>
        {
            var elements = await db.DataElements.Where(e => e.Code.StartsWith("vouchers-feed-ver-")).Select(e => e.Id).ToListAsync();
            return (await db.Observations.CountAsync(o => elements.Contains(o.DataElementId)),
                await db.DataReleases.CountAsync(r => r.Dataset == "vouchers-feed-ver"),
                Fixture.Where(m => m.EverGranted).Select(m => (m.Municipality, m.Sector, m.Year)).Distinct().Count());
        });
        Assert.Equal((3 * groups, 2), (observations, releases));
    }

    [Fact]
    public async Task Small_counts_are_hidden_from_the_public_and_from_readers_without_the_right_and_shown_to_a_coordinator()
    {
        await SeedAsync("feed-klein");
        var officer = await SignInAsync(factory, "redacteur@hva.demo");
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsync("/api/v1/voucher-schemes/feed-klein/monitor-feed", null)).StatusCode);

        // Apeldoorn granted 15 vouchers in 2025 (shown to all) and 1 in 2026 (a small cell).
        Assert.Equal(1, Expected("toegekend", ["GM0200"], 2026));
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var member = await SignInAsync(factory, "lid@pactwerk.demo");
        foreach (var (reader, seesSmall) in new[] { (Anonymous(factory), false), (officer, false), (member, false), (coordinator, true) })
        {
            var small = (await ValuesAsync(reader, "vouchers-feed-klein-toegekend", "GM0200", 2026)).Single();
            if (seesSmall)
                Assert.Equal((1.0, JsonValueKind.Null), (small.GetProperty("value").GetDouble(), small.GetProperty("protected").ValueKind));
            else
                Assert.Equal(("Small", JsonValueKind.Null), (small.GetProperty("protected").GetString(), small.GetProperty("value").ValueKind));
            var large = (await ValuesAsync(reader, "vouchers-feed-klein-toegekend", "GM0200", 2025)).Single();
            Assert.Equal((double)Expected("toegekend", ["GM0200"], 2025), large.GetProperty("value").GetDouble());
        }
    }

    [Fact]
    public async Task The_demo_schemes_action_shows_its_vouchers_beside_the_objectives_figures_in_the_effect_view()
    {
        // The demo fed the Gelderland scheme at start; its action (Leve(n)lang Gelders Vakmanschap) works towards objective 4.
        var (objective, applications) = await factory.InDbAsync(async db =>
        {
            var action = await db.PactActions.Where(a => a.Slug == "levenlang-gelders-vakmanschap").Select(a => a.Id).SingleAsync();
            Assert.Equal(action, await db.VoucherSchemes.Where(s => s.Code == "gelders-vakmanschap").Select(s => s.ActionId).SingleAsync());
            var id = await db.Objectives.Where(o => o.Number == 4 && db.Pacts.Any(p => p.Id == o.PactId && p.Code == "techniekpact")).Select(o => o.Id).SingleAsync();
            // The demo measures objective 4 by no indicator of its own; here it is measured by DUO's share of technology too.
            db.Add(new Pactwerk.Web.Features.Agenda.ObjectiveIndicator { ObjectiveId = id, IndicatorId = await db.Indicators.Where(i => i.Code == "hbo-aandeel-techniek").Select(i => i.Id).SingleAsync() });
            await db.SaveChangesAsync();
            var rows = await db.VoucherApplications.AsNoTracking().Where(a => db.VoucherSchemes.Any(s => s.Id == a.SchemeId && s.Code == "gelders-vakmanschap")).ToListAsync();
            return (id, rows);
        });
        Assert.NotEmpty(applications);
        var effect = await Anonymous(factory).GetFromJsonAsync<JsonElement>($"/api/v1/objectives/{objective}/effect?region=PV25");
        var indicators = effect.GetProperty("indicators").EnumerateArray().ToList();
        var codes = indicators.Select(i => i.GetProperty("code").GetString()).ToList();
        // The objective's own indicator (DUO) first, then the scheme's three.
        Assert.Equal(["hbo-aandeel-techniek", "vouchers-gelders-vakmanschap-toegekend", "vouchers-gelders-vakmanschap-gestart", "vouchers-gelders-vakmanschap-afgerond"], codes);
        Assert.Contains(indicators[0].GetProperty("points").EnumerateArray(), p => p.GetProperty("value").ValueKind == JsonValueKind.Number);
        // Counted here from the applications: every demo applicant lives in Gelderland.
        var granted = indicators.Single(i => i.GetProperty("code").GetString() == "vouchers-gelders-vakmanschap-toegekend");
        foreach (var year in applications.Where(a => a.GrantedAt is not null).GroupBy(a => a.GrantedAt!.Value.Year))
        {
            var point = granted.GetProperty("points").EnumerateArray().Single(p => p.GetProperty("period").GetString() == year.Key.ToString());
            Assert.Equal((double)year.Count(), point.GetProperty("value").GetDouble());
        }
    }

    [Fact]
    public async Task Only_the_schemes_officers_refresh_its_figures()
    {
        await VoucherSchemeBuilder.SchemeAsync(factory, "feed-recht", ceiling: 10_000m, price: 1000m);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Anonymous(factory).PostAsync("/api/v1/voucher-schemes/feed-recht/monitor-feed", null)).StatusCode);
        var other = await SignInAsync(factory, "regeling@gelderland.demo");
        var forbidden = await other.PostAsync("/api/v1/voucher-schemes/feed-recht/monitor-feed", null);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        var officer = await SignInAsync(factory, "redacteur@hva.demo");
        Assert.Equal(HttpStatusCode.NotFound, (await officer.PostAsync("/api/v1/voucher-schemes/bestaat-niet/monitor-feed", null)).StatusCode);
        Assert.False(await factory.InDbAsync(db => db.DataSources.AnyAsync(s => s.Code == "vouchers-feed-recht")));
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsync("/api/v1/voucher-schemes/feed-recht/monitor-feed", null)).StatusCode);
    }
}

public sealed class VoucherMonitorFeedSqlite(SqliteFactory factory) : VoucherMonitorFeedTests<SqliteFactory>(factory);
public sealed class VoucherMonitorFeedPostgres(PostgresFactory factory) : VoucherMonitorFeedTests<PostgresFactory>(factory);
