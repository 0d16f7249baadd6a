namespace Pactwerk.Web.Features.LearningAccounts;

/// <summary>One thing wrong in a deposit file: its line (1 is the header), the field, and why (in the reader's language).</summary>
public sealed record BadRow(int Line, string Field, string Message);

/// <summary>
/// What a deposit file did, or why it did nothing. <see cref="Written"/> is false when a row was bad: then
/// <see cref="BadRows"/> lists them (the first <see cref="DepositFiles.MaxListedBadRows"/>; <see cref="BadRowCount"/>
/// counts all) and nothing was written. <see cref="Repeat"/> is true for a file already written before:
/// its first report, nothing written twice. Amounts in euros.
/// </summary>
public sealed record DepositFileReport(string Sha256, bool Written, bool Repeat, int Rows, int NewDeposits, int AlreadyDeposited, int AccountsCreated,
    decimal Total, int BadRowCount, IReadOnlyList<BadRow> BadRows);

public abstract record DepositFileOutcome
{
    public sealed record Done(DepositFileReport Report) : DepositFileOutcome;
    public sealed record Refused(DepositFileReport Report) : DepositFileOutcome;
    public sealed record TooLarge(string Message) : DepositFileOutcome;
    public sealed record NotFound(string Message) : DepositFileOutcome;
    public sealed record Forbidden(string Message) : DepositFileOutcome;
}
