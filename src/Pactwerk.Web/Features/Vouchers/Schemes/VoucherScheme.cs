namespace Pactwerk.Web.Features.Vouchers;

/// <summary>How a scheme hands out its budget when more people apply than it can pay for.</summary>
public enum DistributionRule
{
    /// <summary>Granted at once in order of arrival while the budget lasts; the rest wait in arrival order.</summary>
    OrderOfArrival = 0,
    /// <summary>
    /// The applications of one day (Europe/Amsterdam) count as arriving at the same moment: they are
    /// decided together after the day ends, all granted while the budget covers the whole day, and
    /// drawn by lot on the day it does not (see <see cref="VoucherDraws"/>).
    /// </summary>
    DailyLottery = 1,
    /// <summary>Every complete application of the opening period waits for one draw after the window closes.</summary>
    PeriodLottery = 2,
}

/// <summary>
/// A voucher scheme (regeling) of one organisation in one pact. Its budget is a ceiling with two
/// running sums: what granted vouchers hold in reserve and what has been paid. Both change only by
/// one conditional statement on this row (see <see cref="VoucherApplications"/>), so
/// reserved + paid never passes the ceiling whatever happens at the same moment.
/// </summary>
public class VoucherScheme : Audit.IAudited, Data.IVersioned
{
    /// <summary>Counts the saved edits of the settings (not the budget's running sums, which change by conditional statements only), so a stale edit is refused.</summary>
    public int Version { get; set; }

    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string NameEn { get; set; }
    public int PactId { get; set; }
    public int OrganisationId { get; set; }
    /// <summary>The agenda's action this scheme carries out: its effect view shows the scheme's vouchers beside the monitor's figures.</summary>
    public int? ActionId { get; set; }

    /// <summary>The subsidieplafond, in euros.</summary>
    public decimal Ceiling { get; set; }
    /// <summary>The most one voucher pays, in euros incl. VAT.</summary>
    public decimal MaxPerVoucher { get; set; }
    /// <summary>The share of the course price the participant or employer pays (0.25 = 25 %).</summary>
    public decimal CoFundingShare { get; set; }
    /// <summary>The share that may be paid before delivery; 0 unless the scheme says otherwise.</summary>
    public decimal AdvanceShare { get; set; }

    /// <summary>Held for granted vouchers not yet paid. Changed only by conditional updates.</summary>
    public decimal Reserved { get; set; }
    /// <summary>Paid out. Counts against the ceiling with <see cref="Reserved"/>.</summary>
    public decimal Paid { get; set; }
    /// <summary>Applications on the waiting list; while it is not 0 nobody jumps the queue.</summary>
    public int Waiting { get; set; }
    /// <summary>Applications received so far; each takes the next number under the row's lock, so the number is the order of arrival.</summary>
    public int Arrivals { get; set; }

    public DistributionRule Rule { get; set; }
    /// <summary>The application window, UTC; <see cref="ClosesAt"/> is exclusive.</summary>
    public DateTime OpensAt { get; set; }
    public DateTime ClosesAt { get; set; }
    /// <summary>An application is in time until this many days after the course's first day.</summary>
    public int ApplyWithinDaysAfterStart { get; set; } = 14;
    /// <summary>The youngest applicant on the day of application.</summary>
    public int MinimumAge { get; set; } = 18;
    /// <summary>A voucher not enrolled within this many days of its grant expires, and its amount goes back to the budget.</summary>
    public int ExpireAfterDays { get; set; } = 90;
    /// <summary>
    /// An application whose address is not confirmed (through the link in the first mail) within this
    /// many days of its submission expires: a made-up or mistyped address does not hold a voucher or a
    /// place on the waiting list, and a voucher is used by the person who reads that mail.
    /// </summary>
    public int ConfirmEmailWithinDays { get; set; } = 7;

    /// <summary>Target group codes (see <see cref="VoucherRules.TargetGroups"/>) an applicant may belong to.</summary>
    public List<string> TargetGroups { get; set; } = [];
    /// <summary>Sector codes of eligible courses.</summary>
    public List<string> Sectors { get; set; } = [];
    /// <summary>Levels of eligible courses (mbo-2 … master); empty means any.</summary>
    public List<string> Levels { get; set; } = [];
    /// <summary>The scheme's own list of opportunity occupations (kansberoepen); empty means any.</summary>
    public List<string> Occupations { get; set; } = [];

    /// <summary>A payment above this many euros needs a second, different officer's co-signature (four eyes).</summary>
    public decimal FourEyesThreshold { get; set; } = 1000m;
    /// <summary>The account the scheme pays from, as the SEPA credit transfer file names it: holder, IBAN and the bank's BIC.</summary>
    public string DebtorName { get; set; } = "";
    public string DebtorIban { get; set; } = "";
    public string DebtorBic { get; set; } = "";

    public decimal Available => Ceiling - Reserved - Paid;

    /// <summary>What a voucher for a course of this price pays: the price less the co-funding share, at most the maximum, in cents.</summary>
    public decimal VoucherAmount(decimal price) =>
        Math.Min(MaxPerVoucher, Math.Round(price * (1 - CoFundingShare), 2, MidpointRounding.AwayFromZero));
}
