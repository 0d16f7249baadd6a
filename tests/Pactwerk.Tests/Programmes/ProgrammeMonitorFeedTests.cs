using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Monitor;
using Pactwerk.Web.Features.Programmes;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Programmes;

/// <summary>
/// Retraining programmes in the monitor (<see cref="ProgrammeMonitorFeed"/>): applications, starts, certificates and jobs per
/// municipality of the candidate, sector of the programme and start year of the cohort, each checked against the facts
/// below counted one candidate at a time; the rates against those counts for a landsdeel; a confidential source whose small
/// cells the public does not see; an erased candidate leaves the counts. The timer is off (interval 0): the test refreshes.
/// </summary>
public abstract class ProgrammeMonitorFeedTests<TFactory> : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private readonly TFactory factory;

    protected ProgrammeMonitorFeedTests(TFactory factory)
    {
        this.factory = factory;
        factory.With("Programmes:MonitorFeed:IntervalMinutes", "0");
    }

    /// <summary>A candidate: where they live, which programme (by sector), the cohort's start year, how many intake steps they passed, and the outcome.</summary>
    private sealed record Fact(string Municipality, string? Sector, int Year, int StepsPassed, bool Certificate, bool Job);

    // Cohorts in 2031 and 2032, years the demo does not touch. Six steps: passing all six is the start.
    private static readonly Fact[] Facts =
    [
        new("GM0193", "ict", 2031, 6, true, true),
        new("GM0193", "ict", 2031, 6, true, false),
        new("GM0193", "ict", 2031, 6, false, true),
        new("GM0193", "ict", 2031, 3, false, false),
        new("GM0193", "ict", 2031, 1, false, false),
        new("GM0193", "ict", 2031, 6, true, true),
        new("GM0193", null, 2031, 6, true, true),
        new("GM0193", null, 2031, 2, false, false),
        new("GM0202", "ict", 2031, 6, false, false),
        new("GM0202", "ict", 2031, 5, false, false),
        new("GM0202", "ict", 2032, 6, true, true),
        new("GM0202", null, 2032, 0, false, false),
    ];

    private static int Expected(string element, string municipality, int year, string? sector = "*")
    {
        var mine = Facts.Where(f => f.Municipality == municipality && f.Year == year && (sector == "*" || (f.Sector ?? ProgrammeMonitorFeed.UnknownSector) == sector)).ToList();
        var started = mine.Where(f => f.StepsPassed == 6).ToList();
        return element switch
        {
            ProgrammeMonitorFeed.AppliedElement => mine.Count,
            ProgrammeMonitorFeed.StartedElement => started.Count,
            ProgrammeMonitorFeed.CertificatesElement => started.Count(f => f.Certificate),
            _ => started.Count(f => f.Job),
        };
    }

    private async Task SeedAsync() => await factory.InDbAsync(async db =>
    {
        var pact = await db.Pacts.Where(p => p.Code == "techniekpact").Select(p => p.Id).SingleAsync();
        var owner = await db.Organisations.Where(o => o.Name == "Hogeschool van Amsterdam").Select(o => o.Id).SingleAsync();
        var municipalities = await db.Regions.Where(r => r.ValidTo == null && (r.Code == "GM0193" || r.Code == "GM0202") && r.RegionSet.Code == "gemeenten")
            .ToDictionaryAsync(r => r.Code, r => r.Id);
        var programmes = new Dictionary<string, Programme>();
        foreach (var sector in new[] { "ict", "none" })
        {
            var code = "feed-" + sector + "-" + Guid.NewGuid().ToString("N")[..6];
            programmes[sector] = new Programme
            {
                Code = code, Name = "Feed " + code, PactId = pact, OwnerOrganisationId = owner, Sector = sector == "none" ? null : sector,
                TargetCertificateRate = 90, TargetJobRate = 97, TargetWomenShare = 33.3m,
                Steps = Programme.DefaultSteps.Select((s, i) => new IntakeStep { Position = i + 1, Code = s.Code, Name = s.Name }).ToList(),
                Cohorts = new[] { 2031, 2032 }.Select(y => new Cohort { Code = $"c{y}", Name = $"Cohort {y}", StartDate = new(y, 3, 1), EndDate = new(y, 8, 31), Seats = 20, Status = CohortStatus.Closed }).ToList(),
            };
            db.Add(programmes[sector]);
        }
        await db.SaveChangesAsync();
        foreach (var f in Facts)
        {
            var programme = programmes[f.Sector ?? "none"];
            // The steps are passed in order; a step's position is its number, the last is the start.
            var steps = programme.Steps.OrderBy(s => s.Position).Take(f.StepsPassed);
            db.Add(new Candidate
            {
                CohortId = programme.Cohorts.Single(c => c.StartDate.Year == f.Year).Id, UserId = "feed-" + Guid.NewGuid().ToString("N"),
                MunicipalityId = municipalities[f.Municipality], AppliedAt = new DateTime(f.Year - 1, 12, 1, 9, 0, 0, DateTimeKind.Utc),
                Certificate = f.Certificate ? true : null, CertificateOn = f.Certificate ? new DateOnly(f.Year, 8, 31) : null,
                JobStartedOn = f.Job ? new DateOnly(f.Year, 10, 1) : null, JobEmployerName = f.Job ? "Werkgever (test)" : null,
                Steps = steps.Select(s => new CandidateStep { IntakeStepId = s.Id, On = new DateOnly(f.Year - 1, 12, 15), Decision = StepDecision.Passed, RecordedBy = "test", RecordedAt = DateTime.UtcNow }).ToList(),
            });
        }
        // A failed step is not a passed one: a candidate who failed the assessment counts as applied only.
        var failed = programmes["ict"];
        db.Add(new Candidate
        {
            CohortId = failed.Cohorts.Single(c => c.StartDate.Year == 2032).Id, UserId = "feed-failed", MunicipalityId = municipalities["GM0202"],
            AppliedAt = new DateTime(2031, 12, 1, 9, 0, 0, DateTimeKind.Utc),
            Steps = failed.Steps.OrderBy(s => s.Position).Take(2).Select((s, i) => new CandidateStep
            { IntakeStepId = s.Id, On = new DateOnly(2031, 12, 15), Decision = i == 0 ? StepDecision.Passed : StepDecision.Failed, RecordedBy = "test", RecordedAt = DateTime.UtcNow }).ToList(),
        });
        await db.SaveChangesAsync();
        return 0;
    });

    private static async Task<JsonElement[]> ValuesAsync(HttpClient client, string indicator, string region, int year, string? breakdown = null)
    {
        var response = await client.GetAsync($"/api/v1/monitor/values?indicator={indicator}&region={region}&period={year}" + (breakdown is null ? "" : $"&breakdown={breakdown}"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadAsync<JsonElement>()).EnumerateArray().ToArray();
    }

    private static double? Value(JsonElement row) => row.GetProperty("value").ValueKind == JsonValueKind.Null ? null : row.GetProperty("value").GetDouble();

    private async Task<FeedOutcome> RefreshAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ProgrammeMonitorFeed>().RefreshAsync(default);
    }

    [Fact]
    public async Task Applications_starts_certificates_and_jobs_per_municipality_sector_and_year_match_the_candidates_counted_one_by_one()
    {
        await SeedAsync();
        // The failed candidate counts as applied in Arnhem 2032 and nowhere else.
        static int WithFailed(string element, string municipality, int year, string? sector = "*") =>
            Expected(element, municipality, year, sector) + (element == ProgrammeMonitorFeed.AppliedElement && municipality == "GM0202" && year == 2032 && sector is "*" or "ict" ? 1 : 0);
        Assert.True((await RefreshAsync()).Changed);

        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        string[] elements = [ProgrammeMonitorFeed.AppliedElement, ProgrammeMonitorFeed.StartedElement, ProgrammeMonitorFeed.CertificatesElement, ProgrammeMonitorFeed.JobsElement];
        foreach (var element in elements)
            foreach (var year in new[] { 2031, 2032 })
                foreach (var municipality in new[] { "GM0193", "GM0202" })
                {
                    var total = (await ValuesAsync(coordinator, element, municipality, year)).Single();
                    Assert.Equal((element, municipality, year, (double?)WithFailed(element, municipality, year)), (element, municipality, year, Value(total) ?? 0));
                    foreach (var row in await ValuesAsync(coordinator, element, municipality, year, MonitorFeeds.Dimension))
                    {
                        var sector = row.GetProperty("breakdown").GetString()!;
                        Assert.Equal((element, municipality, year, sector, (double?)WithFailed(element, municipality, year, sector)),
                            (element, municipality, year, sector, Value(row) ?? 0));
                    }
                }

        // The fixture has the cases it claims: Zwolle 2031 has eight applicants, five started, of whom four have a certificate and four a job.
        Assert.Equal((8, 5, 4, 4), (Expected(ProgrammeMonitorFeed.AppliedElement, "GM0193", 2031), Expected(ProgrammeMonitorFeed.StartedElement, "GM0193", 2031),
            Expected(ProgrammeMonitorFeed.CertificatesElement, "GM0193", 2031), Expected(ProgrammeMonitorFeed.JobsElement, "GM0193", 2031)));

        // The rates of landsdeel Oost (both municipalities): Σ certificates / Σ started, never an average of the municipalities' rates.
        string[] oost = ["GM0193", "GM0202"];
        var started = oost.Sum(m => Expected(ProgrammeMonitorFeed.StartedElement, m, 2031));
        Assert.Equal(Math.Round(100.0 * oost.Sum(m => Expected(ProgrammeMonitorFeed.CertificatesElement, m, 2031)) / started, 4),
            Value((await ValuesAsync(coordinator, ProgrammeMonitorFeed.CertificateRateIndicator, "TP-OOST", 2031)).Single())!.Value, 6);
        Assert.Equal(Math.Round(100.0 * oost.Sum(m => Expected(ProgrammeMonitorFeed.JobsElement, m, 2031)) / started, 4),
            Value((await ValuesAsync(coordinator, ProgrammeMonitorFeed.JobRateIndicator, "TP-OOST", 2031)).Single())!.Value, 6);

        // Confidential: Arnhem's one start in 2032 is a small cell, hidden from the public and shown to the coordinator.
        var source = await factory.InDbAsync(db => db.DataSources.AsNoTracking().SingleAsync(s => s.Code == ProgrammeMonitorFeed.SourceCode));
        Assert.Equal((Disclosure.Confidential, (string?)null), (source.Disclosure, source.License));
        Assert.Null(Value((await ValuesAsync(Anonymous(factory), ProgrammeMonitorFeed.StartedElement, "GM0202", 2032)).Single()));
        Assert.Equal(1, Value((await ValuesAsync(coordinator, ProgrammeMonitorFeed.StartedElement, "GM0202", 2032)).Single()));

        // Nothing changed: a second refresh writes nothing. An erased candidate (no municipality any more) leaves the counts.
        Assert.False((await RefreshAsync()).Changed);
        await factory.InDbAsync(db => db.Set<Candidate>().Where(c => c.UserId == "feed-failed")
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.UserId, (string?)null).SetProperty(c => c.MunicipalityId, (int?)null).SetProperty(c => c.ErasedAt, DateTime.UtcNow)));
        Assert.True((await RefreshAsync()).Changed);
        Assert.Equal(Expected(ProgrammeMonitorFeed.AppliedElement, "GM0202", 2032),
            Value((await ValuesAsync(coordinator, ProgrammeMonitorFeed.AppliedElement, "GM0202", 2032)).Single()));
    }
}

public sealed class ProgrammeMonitorFeedSqlite(SqliteFactory factory) : ProgrammeMonitorFeedTests<SqliteFactory>(factory);
public sealed class ProgrammeMonitorFeedPostgres(PostgresFactory factory) : ProgrammeMonitorFeedTests<PostgresFactory>(factory);
