namespace Pactwerk.Web.Features.LearningAccounts;

/// <summary>What one deposit holds in each bucket, summed from its ledger lines (in euro cents).</summary>
public readonly record struct DepositBalance(long Funded, long Available, long Reserved, long Spent, long Expired)
{
    /// <summary>What the funder paid in, net of reversals.</summary>
    public long Deposited => -Funded;

    public DepositBalance Add(LedgerBucket bucket, long amount) => bucket switch
    {
        LedgerBucket.Funded => this with { Funded = checked(Funded + amount) },
        LedgerBucket.Available => this with { Available = checked(Available + amount) },
        LedgerBucket.Reserved => this with { Reserved = checked(Reserved + amount) },
        LedgerBucket.Spent => this with { Spent = checked(Spent + amount) },
        LedgerBucket.Expired => this with { Expired = checked(Expired + amount) },
        _ => throw new ArgumentOutOfRangeException(nameof(bucket)),
    };

    public long this[LedgerBucket bucket] => bucket switch
    {
        LedgerBucket.Funded => Funded,
        LedgerBucket.Available => Available,
        LedgerBucket.Reserved => Reserved,
        LedgerBucket.Spent => Spent,
        LedgerBucket.Expired => Expired,
        _ => throw new ArgumentOutOfRangeException(nameof(bucket)),
    };
}

/// <summary>A line before it is written.</summary>
public readonly record struct LineDraft(long DepositId, LedgerBucket Bucket, long Amount);

/// <summary>A deposit that might pay for a course, with what it holds available now.</summary>
public sealed record PaymentCandidate(long DepositId, int FunderPriority, DateOnly ValidFrom, DateOnly ValidUntil,
    IReadOnlyCollection<string> Sectors, IReadOnlyCollection<string> Levels, IReadOnlyCollection<string> Occupations, long Available);

/// <summary>How much one deposit pays of a booking.</summary>
public readonly record struct Allocation(long DepositId, long Amount);

/// <summary>
/// The ledger's rules, pure so they can be property-tested apart from any database: how postings are
/// made, which postings are allowed, and which deposits pay for a course. <see cref="LearningLedger"/>
/// applies them to what the database holds, under the account's lock.
/// </summary>
public static class LedgerRules
{
    /// <summary>
    /// Why these lines may not be posted onto these balances, or null when they may: at least one line,
    /// no line of zero, each deposit's lines summing to zero (money never moves between deposits, so a
    /// funder's deposits always equal spent + reserved + expired + available), and no bucket of any
    /// deposit below zero afterwards (the funded side never above it).
    /// </summary>
    public static string? Refusal(IReadOnlyList<LineDraft> lines, IReadOnlyDictionary<long, DepositBalance> before)
    {
        if (lines.Count == 0)
            return LearningAccountMessages.EmptyPosting;
        if (lines.Any(l => l.Amount == 0))
            return LearningAccountMessages.ZeroLine;
        foreach (var deposit in lines.GroupBy(l => l.DepositId))
        {
            if (!before.TryGetValue(deposit.Key, out var balance))
                return LearningAccountMessages.UnknownDeposit;
            long sum = 0;
            foreach (var line in deposit)
            {
                sum = checked(sum + line.Amount);
                balance = balance.Add(line.Bucket, line.Amount);
            }
            if (sum != 0)
                return LearningAccountMessages.Unbalanced;
            if (balance.Funded > 0 || balance.Available < 0 || balance.Reserved < 0 || balance.Spent < 0 || balance.Expired < 0)
                return LearningAccountMessages.NotEnough;
        }
        return null;
    }

    /// <summary>The balances after the lines.</summary>
    public static Dictionary<long, DepositBalance> Apply(IReadOnlyDictionary<long, DepositBalance> before, IEnumerable<LineDraft> lines)
    {
        var after = new Dictionary<long, DepositBalance>(before);
        foreach (var line in lines)
            after[line.DepositId] = after.GetValueOrDefault(line.DepositId).Add(line.Bucket, line.Amount);
        return after;
    }

    public static IReadOnlyList<LineDraft> Deposit(long depositId, long amount) =>
        [new(depositId, LedgerBucket.Funded, -amount), new(depositId, LedgerBucket.Available, amount)];

    /// <summary>Each allocation's amount out of one bucket and into another of the same deposit.</summary>
    public static IReadOnlyList<LineDraft> Move(LedgerBucket from, LedgerBucket to, IEnumerable<Allocation> allocations) =>
        [.. allocations.SelectMany(a => new[] { new LineDraft(a.DepositId, from, -a.Amount), new LineDraft(a.DepositId, to, a.Amount) })];

    public static IReadOnlyList<LineDraft> Reverse(IEnumerable<LineDraft> lines) => [.. lines.Select(l => l with { Amount = -l.Amount })];

    /// <summary>What a reservation's lines put into the reserved bucket, per deposit: what its release or spend moves on.</summary>
    public static IReadOnlyList<Allocation> Reserved(IEnumerable<LineDraft> reservation) =>
        [.. reservation.Where(l => l.Bucket == LedgerBucket.Reserved && l.Amount > 0).Select(l => new Allocation(l.DepositId, l.Amount))];

    /// <summary>
    /// The deposits that may pay for the course on this day and have money available, in the order they pay:
    /// the one that expires first first, then the funder the scheme puts first, then the oldest deposit.
    /// </summary>
    public static IEnumerable<PaymentCandidate> Fitting(IEnumerable<PaymentCandidate> candidates, CourseFacts course, DateOnly day) =>
        candidates
            .Where(c => c.Available > 0 && LearningAccounts.Deposit.Fits(c.Sectors, c.Levels, c.Occupations, c.ValidFrom, c.ValidUntil, course, day))
            .OrderBy(c => c.ValidUntil).ThenBy(c => c.FunderPriority).ThenBy(c => c.DepositId);

    /// <summary>
    /// Which deposits pay for a course of this price on this day: only those valid that day whose earmarks
    /// fit the course, in the order of <see cref="Fitting"/>; each pays what it has until the price is met.
    /// Null when the fitting money is not enough.
    /// </summary>
    public static IReadOnlyList<Allocation>? Choose(IEnumerable<PaymentCandidate> candidates, CourseFacts course, long price, DateOnly day)
    {
        if (price <= 0)
            return null;
        var allocations = new List<Allocation>();
        var rest = price;
        foreach (var c in Fitting(candidates, course, day))
        {
            var take = Math.Min(rest, c.Available);
            allocations.Add(new Allocation(c.DepositId, take));
            rest -= take;
            if (rest == 0)
                return allocations;
        }
        return null;
    }
}
