namespace Pactwerk.Web.Features.Vouchers;

/// <summary>
/// Where an application, and the voucher it becomes, stands. Stored as its number, so every value
/// is fixed here once: branches of the code that add a state take the next free number.
/// </summary>
public enum VoucherStatus
{
    /// <summary>On the waiting list; no budget is held.</summary>
    Waiting = 0,
    /// <summary>A voucher: its amount is held in the scheme's reserve.</summary>
    Granted = 1,
    /// <summary>Withdrawn by the applicant; what it held went back to the budget.</summary>
    Withdrawn = 2,
    /// <summary>Received and complete, awaiting the scheme's allocation (a day's close or the period's draw); no budget is held.</summary>
    Pending = 3,
    /// <summary>Refused by the scheme's officer, with a reason; what it held went back to the budget.</summary>
    Refused = 4,
    /// <summary>The provider and the participant both confirmed the enrolment; the amount stays reserved.</summary>
    Enrolled = 5,
    /// <summary>The provider submitted the delivery evidence (attendance, certificate); awaiting the officer.</summary>
    Delivered = 6,
    /// <summary>The officer approved the evidence: approved for payment; the amount stays reserved until paid.</summary>
    Approved = 7,
    /// <summary>Paid: the amount moved from the reserve to the scheme's paid sum.</summary>
    Paid = 8,
    /// <summary>Not used within the scheme's period; what it held went back to the budget.</summary>
    Expired = 9,
}

/// <summary>
/// One person's application to one scheme (a unique index holds that), and the voucher it becomes
/// when granted. Personal data is what the rules need: an e-mail address to reach the person and
/// tell applications apart, and a date of birth for the age rule.
/// </summary>
public class VoucherApplication
{
    public long Id { get; set; }
    public int SchemeId { get; set; }
    /// <summary>1, 2, 3, … per scheme in the order the scheme decided them: the order of arrival.</summary>
    public int Arrival { get; set; }
    /// <summary>
    /// The place in the scheme's queue: the waiting list moves up in this order. It is the arrival
    /// number, except for applications decided by a draw, which take their own arrival numbers in
    /// drawn order; 0 while an application is pending.
    /// </summary>
    public int QueueOrder { get; set; }
    public int CourseId { get; set; }
    public required string Email { get; set; }
    public DateOnly DateOfBirth { get; set; }
    /// <summary>
    /// When the applicant opened the confirmation link mailed to <see cref="Email"/> and confirmed it;
    /// null until then. The participant can only confirm an enrolment with a confirmed address, and
    /// an unconfirmed application expires after the scheme's <see cref="VoucherScheme.ConfirmEmailWithinDays"/>.
    /// </summary>
    public DateTime? EmailConfirmedAt { get; set; }
    /// <summary>
    /// The CBS code of the municipality the applicant lives in (GM0200), for the scheme's figures in
    /// the monitor per municipality of residence. Only the code is kept, never the postcode or the
    /// address: the monitor needs no more (data minimisation, AVG art. 5). Null for applications made
    /// before it was asked, and after erasure.
    /// </summary>
    public string? MunicipalityCode { get; set; }
    public required string TargetGroup { get; set; }
    public DateOnly CourseStart { get; set; }
    public DateTime SubmittedAt { get; set; }
    public VoucherStatus Status { get; set; }
    /// <summary>What the voucher pays and, while granted, holds in reserve.</summary>
    public decimal Amount { get; set; }
    public DateTime? GrantedAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    /// <summary>The voucher's code, shown to the holder and the provider once granted.</summary>
    public required string VoucherCode { get; set; }
    /// <summary>SHA-256 of the secret in the applicant's status link: the link is the proof, no account needed.</summary>
    public required string KeyHash { get; set; }
    /// <summary>The language of the page the applicant applied on (nl or en): every message to them is in it.</summary>
    public string Language { get; set; } = "nl";
    /// <summary>When the provider confirmed the enrolment; with <see cref="ParticipantConfirmedAt"/> the voucher is enrolled.</summary>
    public DateTime? ProviderConfirmedAt { get; set; }
    /// <summary>When the participant confirmed the enrolment through their status link.</summary>
    public DateTime? ParticipantConfirmedAt { get; set; }

    /// <summary>
    /// The states of an application that is still open before any enrolment: waiting, pending a draw, or a
    /// voucher not yet enrolled. Such an application can be withdrawn, and its address still awaits confirmation.
    /// </summary>
    public static readonly VoucherStatus[] Open = [VoucherStatus.Granted, VoucherStatus.Waiting, VoucherStatus.Pending];

    public static bool IsOpen(VoucherStatus status) => status is VoucherStatus.Granted or VoucherStatus.Waiting or VoucherStatus.Pending;

    /// <summary>Whether an application in this state holds its amount in the scheme's reserve (a voucher not yet paid or closed).</summary>
    public static bool HoldsReserve(VoucherStatus status) =>
        status is VoucherStatus.Granted or VoucherStatus.Enrolled or VoucherStatus.Delivered or VoucherStatus.Approved;

    /// <summary>The application number people quote; ascending in order of arrival.</summary>
    public static string NumberOf(string schemeCode, int arrival) => $"{schemeCode.ToUpperInvariant()}-{arrival:D6}";
}
