namespace Pactwerk.Web.Features.LearningAccounts;

/// <summary>
/// A funder's bulk deposit file that was written, known by the SHA-256 of its bytes: the same file sent
/// again is answered with this report and writes nothing. A refused file is not kept (nothing was written).
/// </summary>
public class DepositFile
{
    public long Id { get; set; }
    public int FunderId { get; set; }
    /// <summary>Lower-case hex; unique per funder.</summary>
    public required string Sha256 { get; set; }
    public DateTime ReceivedAt { get; set; }
    /// <summary>The account id of the officer who sent it.</summary>
    public string? By { get; set; }
    public int Rows { get; set; }
    /// <summary>The rows written now; the others were already deposited with the same content.</summary>
    public int NewDeposits { get; set; }
    public int AccountsCreated { get; set; }
    /// <summary>The sum of every row's amount, in euro cents.</summary>
    public long Total { get; set; }
}
