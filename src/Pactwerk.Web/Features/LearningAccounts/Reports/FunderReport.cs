using Pactwerk.Web.Features.Monitor;

namespace Pactwerk.Web.Features.LearningAccounts;

/// <summary>
/// A funder's report of its learning-account money for a period (Dutch days <see cref="From"/> to <see cref="To"/>, both
/// included): the statement that reconciles to the ledger, the money still unspent and when it expires, and the uptake in
/// persons. Amounts in euros.
/// </summary>
public sealed record FunderReport(string Funder, string Name, DateOnly From, DateOnly To, FunderStatement Statement, UnspentMoney Unspent, Uptake Uptake);

/// <summary>
/// Every bucket of the funder's deposits, summed from the ledger's lines: at the start of the period
/// (<see cref="Opening"/>), the movements within it per kind of posting, and at its end (<see cref="Closing"/>). Each posting
/// balances per deposit, so at any moment deposited = spent + reserved + expired + available, and opening plus the
/// movements is the closing.
/// </summary>
public sealed record FunderStatement(LedgerBuckets Opening, IReadOnlyList<LedgerMovement> Movements, LedgerBuckets Closing);

/// <summary>What the funder's deposits hold at one moment. <see cref="Balance"/> is what is still on the accounts: available and reserved.</summary>
public sealed record LedgerBuckets(decimal Deposited, decimal Spent, decimal Reserved, decimal Expired, decimal Available)
{
    public decimal Balance => Available + Reserved;

    internal static LedgerBuckets Of(IReadOnlyDictionary<LedgerBucket, long> cents) => new(
        -Euros(cents, LedgerBucket.Funded), Euros(cents, LedgerBucket.Spent), Euros(cents, LedgerBucket.Reserved), Euros(cents, LedgerBucket.Expired), Euros(cents, LedgerBucket.Available));

    internal static decimal Euros(IReadOnlyDictionary<LedgerBucket, long> cents, LedgerBucket bucket) => cents.GetValueOrDefault(bucket) / 100m;
}

/// <summary>
/// What the postings of one kind moved in the period, per bucket (into it positive, out of it negative): deposits raise
/// deposited and available; a reservation moves available to reserved; a release moves it back (cancelled bookings); a
/// spend moves reserved to spent; an expiry available to expired; a reversal undoes an earlier posting.
/// </summary>
public sealed record LedgerMovement(PostingKind Kind, int Postings, decimal Deposited, decimal Spent, decimal Reserved, decimal Expired, decimal Available);

/// <summary>
/// The money available on <see cref="FunderReport.To"/>, by the month its deposit's last valid day falls in (after which it
/// expires), and how much of it expires within <see cref="WithinDays"/> days: its last valid day on or before
/// <see cref="ExpiringBy"/>. A month before the period's end holds money whose validity ended but whose expiry is not
/// posted yet (the hourly expiry job).
/// </summary>
public sealed record UnspentMoney(IReadOnlyList<ExpiryMonth> ByExpiryMonth, int WithinDays, DateOnly ExpiringBy, decimal Expiring, int ExpiringAccounts);

/// <summary>Money available in deposits whose last valid day is in <see cref="Month"/> (yyyy-MM), and the accounts holding it.</summary>
public sealed record ExpiryMonth(string Month, decimal Available, int Accounts);

/// <summary>
/// Persons who booked a course in the period paid (partly) from the funder's money, not cancelled by the period's end, and
/// the funder's money spent on those bookings (delivered by the period's end), in total and per dimension. Confidential
/// figures about people: <see cref="SmallCellRule"/> hides small cells and the cells that would give them away.
/// </summary>
public sealed record Uptake(UptakeCell Total, IReadOnlyList<UptakeDimension> Dimensions);

/// <summary>One breakdown of the uptake: <c>region</c> (province of the holder's municipality), <c>sector</c> and <c>courseKind</c> (level) of the course, <c>ageGroup</c> at the period's end.</summary>
public sealed record UptakeDimension(string Dimension, IReadOnlyList<UptakeCell> Cells);

/// <summary>
/// One cell: its category (a province's CBS code, a sector, a level, an age group; <see cref="FunderReports.Unknown"/> when the
/// holder's fact is not known) and name, the persons and the funder's money spent on them; both null when
/// <see cref="Hidden"/> says why they are not shown.
/// </summary>
public sealed record UptakeCell(string Category, string Name, int? Persons, decimal? Spent, SmallCell? Hidden);
