using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Monitor;

namespace Pactwerk.Web.Features.Vouchers;

/// <summary>One group of a scheme's vouchers: where the holders live, the course's sector and the year of the grant.</summary>
public sealed record VoucherFeedCount(string Municipality, string Sector, int Year, int Granted, int Started, int Completed);

/// <summary>
/// A scheme's vouchers in the monitor, as a confidential source of its own (<see cref="MonitorFeeds"/>):
/// granted, started (enrolled or further) and completed (delivered, approved or paid) per municipality
/// of residence, course sector and the calendar year of the grant. The year of the grant is the period
/// of all three, so a year's figures read as a cohort: of the vouchers granted in 2026, how many
/// started and how many were completed. Applications without a municipality (made before it was
/// asked, or erased) are not counted anywhere.
/// </summary>
public sealed class VoucherMonitorFeed(PactwerkDb db, MonitorFeeds feeds)
{
    public static string SourceCode(string scheme) => $"vouchers-{scheme}";
    public static string GrantedElement(string scheme) => $"vouchers-{scheme}-toegekend";
    public static string StartedElement(string scheme) => $"vouchers-{scheme}-gestart";
    public static string CompletedElement(string scheme) => $"vouchers-{scheme}-afgerond";

    /// <summary>The counts, in one grouped query over the scheme's applications.</summary>
    public async Task<IReadOnlyList<VoucherFeedCount>> CountAsync(int schemeId, CancellationToken ct) =>
        (await db.VoucherApplications.AsNoTracking()
            .Where(a => a.SchemeId == schemeId && a.GrantedAt != null && a.MunicipalityCode != null)
            .Join(db.VoucherCourses, a => a.CourseId, c => c.Id, (a, c) => new { a.MunicipalityCode, c.Sector, a.GrantedAt!.Value.Year, a.Status })
            .GroupBy(x => new { x.MunicipalityCode, x.Sector, x.Year })
            .Select(g => new
            {
                g.Key.MunicipalityCode, g.Key.Sector, g.Key.Year, Granted = g.Count(),
                Started = g.Count(x => x.Status == VoucherStatus.Enrolled || x.Status == VoucherStatus.Delivered || x.Status == VoucherStatus.Approved || x.Status == VoucherStatus.Paid),
                Completed = g.Count(x => x.Status == VoucherStatus.Delivered || x.Status == VoucherStatus.Approved || x.Status == VoucherStatus.Paid),
            })
            .ToListAsync(ct))
        .Select(g => new VoucherFeedCount(g.MunicipalityCode!, g.Sector, g.Year, g.Granted, g.Started, g.Completed)).ToList();

    /// <summary>Replaces the scheme's figures in the monitor with the counts of now; unchanged counts write nothing.</summary>
    public async Task<(FeedOutcome Outcome, IReadOnlyList<VoucherFeedCount> Counts)> RefreshAsync(VoucherScheme scheme, CancellationToken ct)
    {
        var counts = await CountAsync(scheme.Id, ct);
        var code = scheme.Code;
        FeedElement Element(string element, string what, string whatEn, string rule, string ruleEn) => new(element,
            Trim($"Vouchers {what}: {scheme.Name}"), Trim($"Vouchers {whatEn}: {scheme.NameEn}"), "vouchers",
            $"Aantal vouchers van de regeling {scheme.Name} dat {rule}, per woongemeente van de aanvrager, sector van de opleiding en jaar van toekenning.",
            $"Number of vouchers of the scheme {scheme.NameEn} that {ruleEn}, per municipality of residence of the applicant, sector of the course and year of the grant.");
        FeedElement[] elements =
        [
            Element(GrantedElement(code), "toegekend", "granted", "is toegekend", "were granted"),
            Element(StartedElement(code), "gestart", "started", "is gestart (inschrijving bevestigd of verder)", "started (enrolment confirmed or further)"),
            Element(CompletedElement(code), "afgerond", "completed", "is afgerond (bewijs ingediend, goedgekeurd of betaald)", "were completed (evidence submitted, approved or paid)"),
        ];
        var cells = counts.SelectMany(c => new[]
        {
            new FeedCell(elements[0].Code, c.Municipality, c.Year, c.Sector, c.Granted),
            new FeedCell(elements[1].Code, c.Municipality, c.Year, c.Sector, c.Started),
            new FeedCell(elements[2].Code, c.Municipality, c.Year, c.Sector, c.Completed),
        }).ToList();
        return (await feeds.ReplaceAsync(new FeedSource(SourceCode(code), Trim($"Scholingsvouchers {scheme.Name}"), SourceCode(code)), elements, cells, ct), counts);
    }

    /// <summary>Every scheme, one after the other.</summary>
    public async Task RefreshAllAsync(CancellationToken ct)
    {
        foreach (var scheme in await db.VoucherSchemes.AsNoTracking().OrderBy(s => s.Id).ToListAsync(ct))
            await RefreshAsync(scheme, ct);
    }

    private static string Trim(string text) => text.Length > 200 ? text[..199] + "…" : text;
}

public sealed class VoucherMonitorFeedOptions
{
    /// <summary>Minutes between refreshes of every scheme's figures in the monitor; 0 switches the timer off (the officer's refresh still works).</summary>
    public int IntervalMinutes { get; set; } = 5;
}

/// <summary>
/// Refreshes every scheme's figures in the monitor on a timer, once across instances; the first tick comes
/// one interval after start, when the database is ready (the demo feeds its scheme while it seeds). Not after
/// each decision: at an opening those come by the thousand a second, and the monitor's figures are
/// yearly counts that may be a few minutes behind.
/// </summary>
public sealed class VoucherMonitorFeedWorker(IServiceScopeFactory scopes, TimeProvider clock, Microsoft.Extensions.Options.IOptions<VoucherMonitorFeedOptions> options,
    ILogger<VoucherMonitorFeedWorker> log) : Pactwerk.Web.Shared.ClusterJob(scopes, clock, log)
{
    public override string Name => "voucher-monitor-feed";
    protected override bool Enabled => options.Value.IntervalMinutes > 0;
    protected override TimeSpan Period => TimeSpan.FromMinutes(options.Value.IntervalMinutes);
    protected override TimeSpan FirstRunAfter => Period;

    protected override async Task<string?> RunAsync(IServiceProvider services, DateTime now, CancellationToken ct)
    {
        await services.GetRequiredService<VoucherMonitorFeed>().RefreshAllAsync(ct);
        return null;
    }
}
