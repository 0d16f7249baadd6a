namespace Pactwerk.Web.Features.Vouchers;

/// <summary>Where an application, and the voucher it becomes, stands.</summary>
public enum VoucherStatus
{
    /// <summary>On the waiting list; no budget is held.</summary>
    Waiting,
    /// <summary>A voucher: its amount is held in the scheme's reserve.</summary>
    Granted,
    /// <summary>Withdrawn by the applicant; what it held went back to the budget.</summary>
    Withdrawn,
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
    public int CourseId { get; set; }
    public required string Email { get; set; }
    public DateOnly DateOfBirth { get; set; }
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

    /// <summary>The application number people quote; ascending in order of arrival.</summary>
    public static string NumberOf(string schemeCode, int arrival) => $"{schemeCode.ToUpperInvariant()}-{arrival:D6}";
}
