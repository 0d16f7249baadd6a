namespace Pactwerk.Web.Features.LearningAccounts;

/// <summary>Where money of a deposit stands. Stored as its name.</summary>
public enum LedgerBucket
{
    /// <summary>The funder's side of a deposit: minus what it paid in, so every posting sums to zero.</summary>
    Funded,
    Available,
    /// <summary>Held for a booked course until it is delivered (spent) or cancelled (released).</summary>
    Reserved,
    Spent,
    Expired,
}

/// <summary>What a posting does. Stored as its name.</summary>
public enum PostingKind
{
    /// <summary>Funded → available.</summary>
    Deposit,
    /// <summary>Available → reserved, for a booking.</summary>
    Reserve,
    /// <summary>Reserved → available: a cancelled booking, back to the same deposits.</summary>
    Release,
    /// <summary>Reserved → spent: the course was delivered and confirmed by both sides.</summary>
    Spend,
    /// <summary>Available → expired, after a deposit's last valid day.</summary>
    Expire,
    /// <summary>The lines of an earlier posting with their signs turned: the only way to correct one.</summary>
    Reversal,
}

/// <summary>
/// One posting in a learning account's ledger: lines that move money between the buckets of its
/// deposits, each deposit's lines summing to zero (so the posting does too). Never changed or deleted;
/// a mistake is undone by a <see cref="PostingKind.Reversal"/>. Written only by <see cref="LearningLedger"/>.
/// </summary>
public class LedgerPosting
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public PostingKind Kind { get; set; }
    public DateTime At { get; set; }
    /// <summary>The account id of whoever caused it, or null for the system (expiry).</summary>
    public string? By { get; set; }
    /// <summary>The reservation a release or spend settles: one settlement per reservation (a unique index).</summary>
    public long? SettlesId { get; set; }
    /// <summary>The posting a reversal undoes: one reversal per posting (a unique index).</summary>
    public long? ReversesId { get; set; }
    public List<LedgerLine> Lines { get; set; } = [];
}

/// <summary>One line of a posting: an amount in euro cents into (positive) or out of (negative) one bucket of one deposit.</summary>
public class LedgerLine
{
    public long Id { get; set; }
    public long PostingId { get; set; }
    public long DepositId { get; set; }
    public LedgerBucket Bucket { get; set; }
    public long Amount { get; set; }
}
