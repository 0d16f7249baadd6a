namespace Pactwerk.Web.Features.LearningAccounts;

/// <summary>
/// Money a funder paid into one account, with what it may pay for. Its amount is what the ledger's
/// deposit posting brought in; what is left of it is never stored here but summed from the ledger
/// (<see cref="LearningLedger"/>). An empty earmark list means "any".
/// </summary>
public class Deposit : Audit.IAudited
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public int FunderId { get; set; }
    public Funder Funder { get; set; } = null!;
    /// <summary>In euro cents.</summary>
    public long Amount { get; set; }
    public DateOnly ValidFrom { get; set; }
    /// <summary>The last day it can be spent; what is still available after it expires (an expiry posting).</summary>
    public DateOnly ValidUntil { get; set; }
    /// <summary>The sectors of the courses it may pay for (as the vouchers' courses name them).</summary>
    public List<string> Sectors { get; set; } = [];
    /// <summary>The course levels it may pay for.</summary>
    public List<string> Levels { get; set; } = [];
    /// <summary>The occupations a course must lead to (the opportunity-occupation list).</summary>
    public List<string> Occupations { get; set; } = [];
    /// <summary>Whether it stays usable after the person leaves the funder's sector or employer.</summary>
    public bool FollowsPerson { get; set; }
    /// <summary>The funder's own reference (e.g. its row in a bulk file); unique per funder.</summary>
    public required string Reference { get; set; }
    public DateTime DepositedAt { get; set; }

    /// <summary>Whether this deposit may pay for a course of this sector, level and occupation on this day.</summary>
    public static bool Fits(IReadOnlyCollection<string> sectors, IReadOnlyCollection<string> levels, IReadOnlyCollection<string> occupations,
        DateOnly validFrom, DateOnly validUntil, CourseFacts course, DateOnly day) =>
        Misfits(sectors, levels, occupations, validFrom, validUntil, course, day).Count == 0;

    /// <summary>
    /// Why this deposit may not pay for the course on this day, in Dutch (empty when it may): the one reading of a
    /// deposit's earmarks and validity, so the booking's preview explains exactly what <see cref="LedgerRules.Choose"/> decides.
    /// </summary>
    public static IReadOnlyList<string> Misfits(IReadOnlyCollection<string> sectors, IReadOnlyCollection<string> levels, IReadOnlyCollection<string> occupations,
        DateOnly validFrom, DateOnly validUntil, CourseFacts course, DateOnly day)
    {
        var why = new List<string>();
        if (day < validFrom)
            why.Add(LearningAccountMessages.Format(LearningAccountMessages.MisfitNotYet, Iso(validFrom)));
        if (day > validUntil)
            why.Add(LearningAccountMessages.Format(LearningAccountMessages.MisfitExpired, Iso(validUntil)));
        if (sectors.Count > 0 && !sectors.Contains(course.Sector, StringComparer.OrdinalIgnoreCase))
            why.Add(LearningAccountMessages.Format(LearningAccountMessages.MisfitSector, course.Sector, string.Join(", ", sectors)));
        if (levels.Count > 0 && !levels.Contains(course.Level, StringComparer.OrdinalIgnoreCase))
            why.Add(LearningAccountMessages.Format(LearningAccountMessages.MisfitLevel, course.Level, string.Join(", ", levels)));
        if (occupations.Count > 0 && !occupations.Contains(course.Occupation, StringComparer.OrdinalIgnoreCase))
            why.Add(LearningAccountMessages.Format(LearningAccountMessages.MisfitOccupation, course.Occupation, string.Join(", ", occupations)));
        return why;
    }

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>What a deposit's earmarks are checked against: a catalogue course (a vouchers' <see cref="Vouchers.VoucherCourse"/>).</summary>
public sealed record CourseFacts(string Sector, string Level, string Occupation);
