using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.Monitor;
using Pactwerk.Web.Features.ReferenceData;
using Pactwerk.Web.Features.Vouchers;

namespace Pactwerk.Web.Features.LearningAccounts;

public abstract record FunderReportOutcome
{
    public sealed record Made(FunderReport Report) : FunderReportOutcome;
    public sealed record NotFound(string Message) : FunderReportOutcome;
    public sealed record Forbidden(string Message) : FunderReportOutcome;
    public sealed record Invalid(Dictionary<string, string[]> Errors) : FunderReportOutcome;
}

/// <summary>
/// The funders' report (<see cref="FunderReport"/>): read by exactly those who may deposit for the funder (its officers,
/// with two-factor, and administrators, <see cref="LearningAccountAccess.IsFunderOfficer"/>). Everything is summed from the
/// ledger's lines of the funder's deposits, never from stored balances. The statement and the unspent money are the
/// funder's own deposits, which it made to persons it named itself: shown in full. The uptake says where the persons
/// live, how old they are and what they chose to learn: the confidential small-cell rule holds for it, for the funder's
/// own officers too, as the issue asks (the report may be passed on; the monitor's figures of the same source are hidden
/// the same way).
/// </summary>
public sealed class FunderReports(PactwerkDb db, AccessScopeProvider scopes, TimeProvider clock)
{
    public const int DefaultWithinDays = 90;
    public const int MaxWithinDays = 3650;
    /// <summary>The category of a holder whose municipality, province or birth year is not known.</summary>
    public const string Unknown = "onbekend";
    public static readonly string[] Dimensions = ["region", "sector", "ageGroup", "courseKind"];
    /// <summary>Age groups by the age reached in the period's last year (only the birth year is kept).</summary>
    public static readonly string[] AgeGroups = ["<25", "25-34", "35-44", "45-54", "55+"];

    public async Task<FunderReportOutcome> ReportAsync(string code, string? from, string? to, string? days, CancellationToken ct)
    {
        var funder = await db.LearningFunders.AsNoTracking().SingleOrDefaultAsync(f => f.Code == code, ct);
        if (funder is null)
            return new FunderReportOutcome.NotFound(LearningAccountMessages.Format(LearningAccountMessages.NoFunder, code.Length > 40 ? code[..40] : code));
        if (!LearningAccountAccess.IsFunderOfficer(await scopes.GetAsync(ct), funder, forChange: false))
            return new FunderReportOutcome.Forbidden(LearningAccountMessages.NotFunderOfficer);

        var errors = new Dictionary<string, string[]>();
        var today = LearningDay.Today(clock);
        var last = Day(to, "to", today, errors);
        var first = Day(from, "from", new DateOnly(last.Year, 1, 1), errors);
        if (errors.Count == 0 && first > last)
            errors["from"] = [LearningAccountMessages.Format(LearningAccountMessages.ReportPeriodInverted, Deposit.Iso(first), Deposit.Iso(last))];
        var within = DefaultWithinDays;
        if (!string.IsNullOrWhiteSpace(days) && (!int.TryParse(days.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out within) || within < 1 || within > MaxWithinDays))
            errors["days"] = [LearningAccountMessages.Format(LearningAccountMessages.ReportDaysInvalid, MaxWithinDays)];
        if (errors.Count > 0)
            return new FunderReportOutcome.Invalid(errors);

        // The period's Dutch days as UTC moments: from the start of the first day up to (not including) the day after the last.
        var start = StartOf(first);
        var end = StartOf(last.AddDays(1));
        var statement = new FunderStatement(LedgerBuckets.Of(await BucketsAsync(funder.Id, start, ct)), await MovementsAsync(funder.Id, start, end, ct),
            LedgerBuckets.Of(await BucketsAsync(funder.Id, end, ct)));
        return new FunderReportOutcome.Made(new FunderReport(funder.Code, funder.Name, first, last, statement,
            await UnspentAsync(funder.Id, last, end, within, ct), await UptakeAsync(funder.Id, last, start, end, ct)));
    }

    private static DateOnly Day(string? text, string field, DateOnly otherwise, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
            return otherwise;
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return day;
        errors[field] = [LearningAccountMessages.ReportDateInvalid];
        return otherwise;
    }

    private static DateTime StartOf(DateOnly day) => VoucherFormat.FromDutch(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified));

    private async Task<Dictionary<LedgerBucket, long>> BucketsAsync(int funderId, DateTime before, CancellationToken ct) =>
        (await (from l in db.LedgerLines
                join d in db.LearningDeposits on l.DepositId equals d.Id
                where d.FunderId == funderId
                join p in db.LedgerPostings on l.PostingId equals p.Id
                where p.At < before
                group l.Amount by l.Bucket into g
                select new { Bucket = g.Key, Amount = g.Sum() }).ToListAsync(ct))
        .ToDictionary(x => x.Bucket, x => x.Amount);

    private async Task<IReadOnlyList<LedgerMovement>> MovementsAsync(int funderId, DateTime start, DateTime end, CancellationToken ct)
    {
        var sums = await (from l in db.LedgerLines
                          join d in db.LearningDeposits on l.DepositId equals d.Id
                          where d.FunderId == funderId
                          join p in db.LedgerPostings on l.PostingId equals p.Id
                          where p.At >= start && p.At < end
                          group l.Amount by new { p.Kind, l.Bucket } into g
                          select new { g.Key.Kind, g.Key.Bucket, Amount = g.Sum() }).ToListAsync(ct);
        var counts = await (from p in db.LedgerPostings
                            where p.At >= start && p.At < end && db.LedgerLines.Any(l => l.PostingId == p.Id && db.LearningDeposits.Any(d => d.Id == l.DepositId && d.FunderId == funderId))
                            group p by p.Kind into g
                            select new { Kind = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Kind, x => x.Count, ct);
        return [.. Enum.GetValues<PostingKind>().Where(counts.ContainsKey).Select(kind =>
        {
            var cents = sums.Where(s => s.Kind == kind).ToDictionary(s => s.Bucket, s => s.Amount);
            var b = LedgerBuckets.Of(cents);
            return new LedgerMovement(kind, counts[kind], b.Deposited, b.Spent, b.Reserved, b.Expired, b.Available);
        })];
    }

    private async Task<UnspentMoney> UnspentAsync(int funderId, DateOnly last, DateTime end, int within, CancellationToken ct)
    {
        // What each deposit holds available at the period's end; one row per deposit that still holds some.
        var held = await (from l in db.LedgerLines
                          where l.Bucket == LedgerBucket.Available
                          join d in db.LearningDeposits on l.DepositId equals d.Id
                          where d.FunderId == funderId
                          join p in db.LedgerPostings on l.PostingId equals p.Id
                          where p.At < end
                          group l.Amount by new { d.Id, d.AccountId, d.ValidUntil } into g
                          where g.Sum() > 0
                          select new { g.Key.AccountId, g.Key.ValidUntil, Available = g.Sum() }).ToListAsync(ct);
        var months = held.GroupBy(h => (h.ValidUntil.Year, h.ValidUntil.Month)).OrderBy(g => g.Key)
            .Select(g => new ExpiryMonth($"{g.Key.Year:D4}-{g.Key.Month:D2}", g.Sum(h => h.Available) / 100m, g.Select(h => h.AccountId).Distinct().Count())).ToList();
        var by = last.AddDays(within);
        var expiring = held.Where(h => h.ValidUntil <= by).ToList();
        return new UnspentMoney(months, within, by, expiring.Sum(h => h.Available) / 100m, expiring.Select(h => h.AccountId).Distinct().Count());
    }

    private async Task<Uptake> UptakeAsync(int funderId, DateOnly last, DateTime start, DateTime end, CancellationToken ct)
    {
        var rows = await (from b in FunderMoney.BookingsTakenUp(db, funderId, end)
                          where b.BookedAt >= start && b.BookedAt < end
                          join a in db.LearningAccounts on b.AccountId equals a.Id
                          join c in db.VoucherCourses on b.CourseId equals c.Id
                          select new
                          {
                              Account = a.Id, a.MunicipalityCode, a.BirthYear, c.Sector, c.Level,
                              // The funder's share of the booking, once its delivery was spent by the period's end.
                              Spent = db.LedgerLines.Where(l => l.Bucket == LedgerBucket.Spent
                                      && db.LedgerPostings.Any(p => p.Id == l.PostingId && p.Kind == PostingKind.Spend && p.SettlesId == b.ReservationId && p.At < end)
                                      && db.LearningDeposits.Any(d => d.Id == l.DepositId && d.FunderId == funderId))
                                  .Sum(l => (long?)l.Amount) ?? 0,
                          }).ToListAsync(ct);
        var provinces = await ProvincesAsync([.. rows.Select(r => r.MunicipalityCode).OfType<string>().Distinct()], last, ct);

        var cells = new Dictionary<(string Dimension, string Category), (HashSet<long> Persons, long Spent)>();
        var names = new Dictionary<(string, string), string>();
        void Add(string dimension, string category, string name, long account, long spent)
        {
            var key = (dimension, category);
            var cell = cells.TryGetValue(key, out var known) ? known : ([], 0);
            cell.Persons.Add(account);
            cells[key] = (cell.Persons, cell.Spent + spent);
            names[key] = name;
        }
        foreach (var r in rows)
        {
            var province = r.MunicipalityCode is { } m && provinces.TryGetValue(m, out var p) ? p : (Code: Unknown, Name: "Onbekend");
            Add("", "", "Totaal", r.Account, r.Spent);
            Add("region", province.Code, province.Name, r.Account, r.Spent);
            Add("sector", r.Sector, r.Sector, r.Account, r.Spent);
            Add("courseKind", r.Level, r.Level, r.Account, r.Spent);
            var age = AgeGroup(r.BirthYear, last.Year);
            Add("ageGroup", age, age == Unknown ? "Onbekend" : age, r.Account, r.Spent);
        }
        var total = ("", "");
        var persons = cells.ToDictionary(c => c.Key, c => c.Value.Persons.Count);
        persons.TryAdd(total, 0);
        // Each breakdown adds up to the total (persons of a region or age group exactly; a person who booked two sectors
        // counts in both, and is still hidden as if they added up).
        var sums = Dimensions.Select(d => (IReadOnlyList<(string, string)>)[total, .. persons.Keys.Where(k => k.Dimension == d)]).ToList();
        var hidden = SmallCellRule.Hide(persons, sums);
        UptakeCell Cell((string Dimension, string Category) key) => hidden.TryGetValue(key, out var why)
            ? new UptakeCell(key.Category, names.GetValueOrDefault(key, "Totaal"), null, null, why)
            : new UptakeCell(key.Category, names.GetValueOrDefault(key, "Totaal"), persons[key], cells.TryGetValue(key, out var c) ? c.Spent / 100m : 0m, null);
        return new Uptake(Cell(total), [.. Dimensions.Select(d => new UptakeDimension(d, [.. persons.Keys.Where(k => k.Dimension == d)
            .OrderBy(k => k.Category == Unknown).ThenBy(k => d == "ageGroup" ? Array.IndexOf(AgeGroups, k.Category).ToString("D2", CultureInfo.InvariantCulture) : names[k], StringComparer.Ordinal)
            .Select(Cell)]))]);
    }

    /// <summary>The age group of a holder born in <paramref name="birthYear"/> at the end of <paramref name="year"/>.</summary>
    public static string AgeGroup(int? birthYear, int year) => (year - birthYear) switch
    {
        null => Unknown,
        < 25 => AgeGroups[0],
        < 35 => AgeGroups[1],
        < 45 => AgeGroups[2],
        < 55 => AgeGroups[3],
        _ => AgeGroups[4],
    };

    /// <summary>The province each municipality belonged to on <paramref name="day"/> (else its latest province), by CBS code.</summary>
    private async Task<Dictionary<string, (string Code, string Name)>> ProvincesAsync(List<string> municipalities, DateOnly day, CancellationToken ct)
    {
        if (municipalities.Count == 0)
            return [];
        var links = await db.RegionMemberships.AsNoTracking()
            .Where(m => m.Region.RegionSet.Code == RegionSetCodes.Provinces && municipalities.Contains(m.Municipality.Code))
            .Select(m => new { Municipality = m.Municipality.Code, m.Region.Code, m.Region.Name, m.ValidFrom, m.ValidTo }).ToListAsync(ct);
        return links.GroupBy(l => l.Municipality).ToDictionary(g => g.Key, g =>
        {
            var chosen = g.FirstOrDefault(l => l.ValidFrom <= day && (l.ValidTo is null || l.ValidTo > day)) ?? g.OrderByDescending(l => l.ValidFrom).First();
            return (chosen.Code, chosen.Name);
        });
    }
}
