using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Monitor;

namespace Pactwerk.Web.Features.LearningAccounts;

/// <summary>One cell of a funder's figures: persons in a municipality, a course sector (or all) and a year.</summary>
public sealed record LearningFeedCount(string Element, string Municipality, string Sector, int Year, int Persons);

/// <summary>
/// A funder's learning-account money in the monitor, as a confidential source of its own (<see cref="MonitorFeeds"/>),
/// so a pact can measure an objective by it. Three counts of persons, per municipality the holder lives in:
/// <list type="bullet">
/// <item>holders: accounts the funder paid into that year (all sectors: a deposit belongs to no course yet);</item>
/// <item>booked: holders who booked a course that year paid (partly) from the funder's money, per sector of the
/// course, a cancelled booking not counted;</item>
/// <item>completed: of those bookings, the ones delivered (both sides confirmed), by the year of booking, so a
/// year's figures read as a cohort as the vouchers' do.</item>
/// </list>
/// Persons are counted once per cell however many deposits or bookings they have in it. Accounts without a
/// municipality are counted nowhere. "Paid from the funder's money" is read from the ledger: the booking's
/// reservation has a line on one of the funder's deposits (<see cref="FunderMoney.BookingsPaidBy"/>, as the funders' report reads it).
/// </summary>
public sealed class LearningAccountMonitorFeed(PactwerkDb db, MonitorFeeds feeds)
{
    /// <summary>The sector of the holders' count, which has none.</summary>
    public const string AllSectors = "alle";

    public static string SourceCode(string funder) => $"leerrekening-{funder}";
    public static string HoldersElement(string funder) => $"leerrekening-{funder}-houders";
    public static string BookedElement(string funder) => $"leerrekening-{funder}-geboekt";
    public static string CompletedElement(string funder) => $"leerrekening-{funder}-afgerond";

    /// <summary>The counts, each in one grouped query over the funder's deposits and the bookings they pay for.</summary>
    public async Task<IReadOnlyList<LearningFeedCount>> CountAsync(Funder funder, CancellationToken ct)
    {
        var holders = await (
                from d in db.LearningDeposits
                where d.FunderId == funder.Id
                join a in db.LearningAccounts on d.AccountId equals a.Id
                where a.MunicipalityCode != null
                group a.Id by new { a.MunicipalityCode, d.DepositedAt.Year } into g
                select new { g.Key.MunicipalityCode, g.Key.Year, Persons = g.Distinct().Count() })
            .ToListAsync(ct);

        // Bookings whose reservation took money from one of the funder's deposits.
        var paid = FunderMoney.BookingsTakenUp(db, funder.Id);
        var bookings = await (
                from b in paid
                join a in db.LearningAccounts on b.AccountId equals a.Id
                where a.MunicipalityCode != null
                join c in db.VoucherCourses on b.CourseId equals c.Id
                group new { a.Id, b.Status } by new { a.MunicipalityCode, c.Sector, b.BookedAt.Year } into g
                select new
                {
                    g.Key.MunicipalityCode, g.Key.Sector, g.Key.Year,
                    Booked = g.Select(x => x.Id).Distinct().Count(),
                    Completed = g.Where(x => x.Status == BookingStatus.Delivered).Select(x => x.Id).Distinct().Count(),
                })
            .ToListAsync(ct);

        return
        [
            .. holders.Select(h => new LearningFeedCount(HoldersElement(funder.Code), h.MunicipalityCode!, AllSectors, h.Year, h.Persons)),
            .. bookings.Select(b => new LearningFeedCount(BookedElement(funder.Code), b.MunicipalityCode!, b.Sector, b.Year, b.Booked)),
            .. bookings.Where(b => b.Completed > 0).Select(b => new LearningFeedCount(CompletedElement(funder.Code), b.MunicipalityCode!, b.Sector, b.Year, b.Completed)),
        ];
    }

    /// <summary>Replaces the funder's figures in the monitor with the counts of now; unchanged counts write nothing.</summary>
    public async Task<(FeedOutcome Outcome, IReadOnlyList<LearningFeedCount> Counts)> RefreshAsync(Funder funder, CancellationToken ct)
    {
        var counts = await CountAsync(funder, ct);
        FeedElement Element(string code, string what, string whatEn, string rule, string ruleEn) => new(code,
            Trim($"Leerrekening {what}: {funder.Name}"), Trim($"Learning account {whatEn}: {funder.Name}"), "personen",
            $"Aantal personen {rule}, per woongemeente van de houder{(code == HoldersElement(funder.Code) ? "" : ", sector van de opleiding")} en jaar.",
            $"Number of persons {ruleEn}, per municipality the holder lives in{(code == HoldersElement(funder.Code) ? "" : ", sector of the course")} and year.");
        FeedElement[] elements =
        [
            Element(HoldersElement(funder.Code), "houders", "holders", $"op wier leerrekening {funder.Name} dat jaar geld stortte",
                $"into whose learning account {funder.Name} paid money that year"),
            Element(BookedElement(funder.Code), "geboekt", "booked", $"dat dat jaar een opleiding boekte die (deels) met geld van {funder.Name} wordt betaald (geannuleerd niet meegeteld)",
                $"who booked a course that year paid (partly) with money of {funder.Name} (cancelled bookings not counted)"),
            Element(CompletedElement(funder.Code), "afgerond", "completed", $"van wie zo'n opleiding, geboekt in dat jaar, is geleverd (door aanbieder en deelnemer bevestigd)",
                $"whose such course, booked that year, was delivered (confirmed by provider and participant)"),
        ];
        var cells = counts.Select(c => new FeedCell(c.Element, c.Municipality, c.Year, c.Sector, c.Persons)).ToList();
        return (await feeds.ReplaceAsync(new FeedSource(SourceCode(funder.Code), Trim($"Leerrekeningen {funder.Name}"), SourceCode(funder.Code)), elements, cells, ct), counts);
    }

    /// <summary>Every funder, one after the other.</summary>
    public async Task RefreshAllAsync(CancellationToken ct)
    {
        foreach (var funder in await db.LearningFunders.AsNoTracking().OrderBy(f => f.Id).ToListAsync(ct))
            await RefreshAsync(funder, ct);
    }

    private static string Trim(string text) => text.Length > 200 ? text[..199] + "…" : text;
}

public sealed class LearningAccountMonitorFeedOptions
{
    /// <summary>Minutes between refreshes of every funder's figures in the monitor; 0 switches the timer off.</summary>
    public int IntervalMinutes { get; set; } = 5;
}

/// <summary>
/// Refreshes every funder's figures in the monitor on a timer, once across instances, as the vouchers' feed does:
/// not after each booking, because the figures are yearly counts of persons that may be a few minutes behind.
/// </summary>
public sealed class LearningAccountMonitorFeedWorker(IServiceScopeFactory scopes, TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<LearningAccountMonitorFeedOptions> options, ILogger<LearningAccountMonitorFeedWorker> log)
    : Pactwerk.Web.Shared.ClusterJob(scopes, clock, log)
{
    public override string Name => "learning-account-monitor-feed";
    protected override bool Enabled => options.Value.IntervalMinutes > 0;
    protected override TimeSpan Period => TimeSpan.FromMinutes(options.Value.IntervalMinutes);
    protected override TimeSpan FirstRunAfter => Period;

    protected override async Task<string?> RunAsync(IServiceProvider services, DateTime now, CancellationToken ct)
    {
        await services.GetRequiredService<LearningAccountMonitorFeed>().RefreshAllAsync(ct);
        return null;
    }
}
