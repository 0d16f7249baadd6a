using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Monitor;

namespace Pactwerk.Web.Features.Programmes;

/// <summary>
/// Retraining programmes in the monitor, as a confidential source of their own through the <see cref="MonitorFeeds"/> façade,
/// so a pact can measure an objective such as "more people retrained into technical work" by the cohorts it runs. Per
/// municipality the candidate lives in, the programme's sector and the year the cohort starts:
/// <list type="bullet">
/// <item>applications: candidates of the cohort;</item>
/// <item>started: those who passed the programme's last intake step (the start), as the cohort figures count them
/// (<see cref="CohortFigures"/>);</item>
/// <item>certificates and jobs: of those who started, those with a certificate and those with a job;</item>
/// <item>and the indicators certificate rate and job rate = 100 × certificates (jobs) / started.</item>
/// </list>
/// A candidate who was erased has no municipality any more and drops out of these counts: a count per municipality would
/// otherwise keep where the person lived. Confidential because candidates are people: small cells are hidden by the
/// monitor's one rule, not here.
/// </summary>
public sealed class ProgrammeMonitorFeed(PactwerkDb db, MonitorFeeds feeds)
{
    public const string SourceCode = "omscholing";
    public const string AppliedElement = "omscholing-aanmeldingen";
    public const string StartedElement = "omscholing-gestart";
    public const string CertificatesElement = "omscholing-certificaten";
    public const string JobsElement = "omscholing-banen";
    public const string CertificateRateIndicator = "omscholing-certificaat-percentage";
    public const string JobRateIndicator = "omscholing-baan-percentage";
    /// <summary>The sector of a programme that has none set.</summary>
    public const string UnknownSector = "unknown";

    /// <summary>The cells, counted per candidate from their cohort, steps and outcome.</summary>
    public async Task<IReadOnlyList<FeedCell>> CellsAsync(CancellationToken ct)
    {
        // The start is each programme's last step; a programme without steps has nobody started.
        var starts = await db.Set<IntakeStep>().AsNoTracking().GroupBy(s => s.ProgrammeId)
            .Select(g => new { ProgrammeId = g.Key, Start = g.OrderByDescending(s => s.Position).Select(s => s.Id).First() })
            .ToDictionaryAsync(x => x.ProgrammeId, x => x.Start, ct);
        var candidates = await (
            from c in db.Set<Candidate>().AsNoTracking()
            join cohort in db.Set<Cohort>() on c.CohortId equals cohort.Id
            join programme in db.Set<Programme>() on cohort.ProgrammeId equals programme.Id
            join region in db.Regions on c.MunicipalityId equals region.Id
            select new
            {
                cohort.ProgrammeId, programme.Sector, Municipality = region.Code, cohort.StartDate, c.Certificate, c.JobStartedOn,
                Passed = c.Steps.Where(s => s.Decision == StepDecision.Passed).Select(s => s.IntakeStepId).ToList(),
            }).ToListAsync(ct);

        var counts = new Dictionary<(string Municipality, string Sector, int Year), (int Applied, int Started, int Certificates, int Jobs)>();
        foreach (var c in candidates)
        {
            var key = (c.Municipality, c.Sector ?? UnknownSector, c.StartDate.Year);
            var started = starts.TryGetValue(c.ProgrammeId, out var start) && c.Passed.Contains(start);
            var (a, s, cert, jobs) = counts.GetValueOrDefault(key);
            counts[key] = (a + 1, s + (started ? 1 : 0), cert + (started && c.Certificate == true ? 1 : 0), jobs + (started && c.JobStartedOn is not null ? 1 : 0));
        }
        return counts.SelectMany(c => new[]
        {
            new FeedCell(AppliedElement, c.Key.Municipality, c.Key.Year, c.Key.Sector, c.Value.Applied),
            new FeedCell(StartedElement, c.Key.Municipality, c.Key.Year, c.Key.Sector, c.Value.Started),
            new FeedCell(CertificatesElement, c.Key.Municipality, c.Key.Year, c.Key.Sector, c.Value.Certificates),
            new FeedCell(JobsElement, c.Key.Municipality, c.Key.Year, c.Key.Sector, c.Value.Jobs),
        }).ToList();
    }

    /// <summary>Replaces the programmes' figures in the monitor with those of now; unchanged figures write nothing.</summary>
    public async Task<FeedOutcome> RefreshAsync(CancellationToken ct)
    {
        const string Per = ", per woongemeente van de kandidaat, sector van het programma en startjaar van het cohort.";
        const string PerEn = ", per municipality the candidate lives in, sector of the programme and year the cohort starts.";
        FeedElement[] elements =
        [
            new(AppliedElement, "Omscholing: aanmeldingen", "Retraining: applications", "personen",
                "Aantal kandidaten dat zich aanmeldde voor een cohort van een omscholingsprogramma" + Per,
                "Number of candidates who applied to a cohort of a retraining programme" + PerEn),
            new(StartedElement, "Omscholing: gestart", "Retraining: started", "personen",
                "Aantal kandidaten dat alle intakestappen doorliep en aan het programma begon" + Per,
                "Number of candidates who passed every intake step and started the programme" + PerEn),
            new(CertificatesElement, "Omscholing: certificaat behaald", "Retraining: certificate earned", "personen",
                "Aantal gestarte deelnemers dat het certificaat behaalde" + Per,
                "Number of participants who started and earned the certificate" + PerEn),
            new(JobsElement, "Omscholing: baan gevonden", "Retraining: job found", "personen",
                "Aantal gestarte deelnemers dat een baan vond" + Per,
                "Number of participants who started and found a job" + PerEn),
        ];
        FeedRatio[] ratios =
        [
            new(CertificateRateIndicator, "Omscholing: percentage certificaat", "Retraining: certificate rate", "%", CertificatesElement, StartedElement, 100,
                "Deelnemers met een certificaat als percentage van de gestarte deelnemers.",
                "Participants with a certificate as a percentage of the participants who started."),
            new(JobRateIndicator, "Omscholing: percentage baan", "Retraining: job rate", "%", JobsElement, StartedElement, 100,
                "Deelnemers met een baan als percentage van de gestarte deelnemers.",
                "Participants with a job as a percentage of the participants who started."),
        ];
        return await feeds.ReplaceAsync(new FeedSource(SourceCode, "Omscholingsprogramma's", SourceCode), elements, await CellsAsync(ct), ct, ratios);
    }
}

public sealed class ProgrammeMonitorFeedOptions
{
    /// <summary>Minutes between refreshes of the programmes' figures in the monitor; 0 switches the timer off.</summary>
    public int IntervalMinutes { get; set; } = 60;
}

/// <summary>
/// Refreshes the programmes' figures in the monitor on a timer, once across instances, as the learning places' feed does; the
/// first tick one interval after start (the demo feeds its programmes while it seeds). Yearly counts that may be an hour behind.
/// </summary>
public sealed class ProgrammeMonitorFeedWorker(IServiceScopeFactory scopes, TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<ProgrammeMonitorFeedOptions> options, ILogger<ProgrammeMonitorFeedWorker> log)
    : Pactwerk.Web.Shared.ClusterJob(scopes, clock, log)
{
    public override string Name => "programme-monitor-feed";
    protected override bool Enabled => options.Value.IntervalMinutes > 0;
    protected override TimeSpan Period => TimeSpan.FromMinutes(options.Value.IntervalMinutes);
    protected override TimeSpan FirstRunAfter => Period;

    protected override async Task<string?> RunAsync(IServiceProvider services, DateTime now, CancellationToken ct)
    {
        await services.GetRequiredService<ProgrammeMonitorFeed>().RefreshAsync(ct);
        return null;
    }
}
