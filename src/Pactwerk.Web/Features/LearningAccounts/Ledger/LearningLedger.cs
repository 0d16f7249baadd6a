using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.LearningAccounts;

/// <summary>The answer to a posting: the posting written, or why nothing was.</summary>
public abstract record PostingOutcome
{
    public sealed record Posted(LedgerPosting Posting) : PostingOutcome;
    public sealed record Refused(string Message) : PostingOutcome;
}

/// <summary>
/// The learning accounts' ledger: the one writer of <see cref="LedgerPosting"/>s. Every posting of an
/// account is decided under that account's lock (its row on PostgreSQL, raised in the posting's
/// transaction; the file's write lock on SQLite, whose transactions begin IMMEDIATE), on balances summed
/// from the ledger inside that lock, and checked by <see cref="LedgerRules.Refusal"/> before it is
/// written: so two bookings racing for the same money are decided one after the other, and the second
/// sees the first's reservation.
/// </summary>
public sealed class LearningLedger(PactwerkDb db, TimeProvider clock, LedgerGate gate)
{
    /// <summary>Each deposit's buckets of one account, summed from its lines; deposits without lines yet count as empty.</summary>
    public async Task<Dictionary<long, DepositBalance>> BalancesAsync(long accountId, CancellationToken ct)
    {
        var deposits = await db.LearningDeposits.Where(d => d.AccountId == accountId).Select(d => d.Id).ToListAsync(ct);
        var sums = await db.LedgerLines
            // By the account's own deposit ids, so the lines are read through their (deposit, bucket) index: a filter
            // through the deposits table made the database scan every account's lines (816 ms p95 at 10⁶ accounts).
            .Where(l => deposits.Contains(l.DepositId))
            .GroupBy(l => new { l.DepositId, l.Bucket })
            .Select(g => new { g.Key.DepositId, g.Key.Bucket, Amount = g.Sum(l => l.Amount) })
            .ToListAsync(ct);
        var balances = deposits.ToDictionary(d => d, _ => default(DepositBalance));
        foreach (var s in sums)
            balances[s.DepositId] = balances[s.DepositId].Add(s.Bucket, s.Amount);
        return balances;
    }

    /// <summary>Brings a new deposit's money onto the ledger (funded → available).</summary>
    public Task<PostingOutcome> DepositAsync(long accountId, long depositId, long amount, string? by, CancellationToken ct) =>
        PostAsync(accountId, PostingKind.Deposit, by, null, null, _ => ValueTask.FromResult<(IReadOnlyList<LineDraft>?, string?)>((LedgerRules.Deposit(depositId, amount), null)), ct);

    /// <summary>Reserves the price of a course from the deposits <see cref="LedgerRules.Choose"/> picks on what is available now.</summary>
    public Task<PostingOutcome> ReserveAsync(long accountId, CourseFacts course, long price, DateOnly day, string? by, CancellationToken ct) =>
        PostAsync(accountId, PostingKind.Reserve, by, null, null, async balances =>
        {
            var candidates = await CandidatesAsync(accountId, balances, ct);
            var chosen = LedgerRules.Choose(candidates, course, price, day);
            return chosen is null ? (null, LearningAccountMessages.NoFittingMoney) : (LedgerRules.Move(LedgerBucket.Available, LedgerBucket.Reserved, chosen), null);
        }, ct);

    /// <summary>
    /// Reserves what <paramref name="decide"/> picks from the account's deposits as they are under the lock (the caller's
    /// own reckoning, such as a booking's share and co-payment), or posts nothing with its refusal.
    /// </summary>
    public Task<PostingOutcome> ReserveAsync(long accountId, Func<IReadOnlyList<PaymentCandidate>, (IReadOnlyList<Allocation>? Chosen, string? Refusal)> decide,
        string? by, CancellationToken ct) =>
        PostAsync(accountId, PostingKind.Reserve, by, null, null, async balances =>
        {
            var (chosen, refusal) = decide(await CandidatesAsync(accountId, balances, ct));
            return chosen is null or { Count: 0 } ? (null, refusal ?? LearningAccountMessages.NoFittingMoney) : (LedgerRules.Move(LedgerBucket.Available, LedgerBucket.Reserved, chosen), null);
        }, ct);

    /// <summary>What <see cref="ReserveAsync(long, CourseFacts, long, DateOnly, string?, CancellationToken)"/> would pick now, without reserving it (the booking's preview).</summary>
    public async Task<IReadOnlyList<Allocation>?> PreviewAsync(long accountId, CourseFacts course, long price, DateOnly day, CancellationToken ct) =>
        LedgerRules.Choose(await CandidatesAsync(accountId, await BalancesAsync(accountId, ct), ct), course, price, day);

    /// <summary>A cancelled booking: its reservation back to the same deposits it came from.</summary>
    public Task<PostingOutcome> ReleaseAsync(long accountId, long reservationId, string? by, CancellationToken ct) =>
        SettleAsync(accountId, reservationId, PostingKind.Release, LedgerBucket.Available, by, ct);

    /// <summary>A delivered course: its reservation becomes spent.</summary>
    public Task<PostingOutcome> SpendAsync(long accountId, long reservationId, string? by, CancellationToken ct) =>
        SettleAsync(accountId, reservationId, PostingKind.Spend, LedgerBucket.Spent, by, ct);

    private Task<PostingOutcome> SettleAsync(long accountId, long reservationId, PostingKind kind, LedgerBucket to, string? by, CancellationToken ct) =>
        PostAsync(accountId, kind, by, reservationId, null, async _ =>
        {
            var reservation = await LinesOfAsync(accountId, reservationId, PostingKind.Reserve, ct);
            if (reservation is null)
                return (null, LearningAccountMessages.NoReservation);
            if (await db.LedgerPostings.AnyAsync(p => p.SettlesId == reservationId, ct))
                return (null, LearningAccountMessages.AlreadySettled);
            return (LedgerRules.Move(LedgerBucket.Reserved, to, LedgerRules.Reserved(reservation)), null);
        }, ct);

    /// <summary>Undoes a posting with its lines' signs turned; refused where the money has moved on since (the result would go below zero).</summary>
    public Task<PostingOutcome> ReverseAsync(long accountId, long postingId, string? by, CancellationToken ct) =>
        PostAsync(accountId, PostingKind.Reversal, by, null, postingId, async _ =>
        {
            var original = await db.LedgerPostings.AsNoTracking().Where(p => p.Id == postingId && p.AccountId == accountId).Select(p => new { p.Kind }).SingleOrDefaultAsync(ct);
            if (original is null)
                return (null, LearningAccountMessages.NoPosting);
            if (original.Kind == PostingKind.Reversal)
                return (null, LearningAccountMessages.ReversalOfReversal);
            if (await db.LedgerPostings.AnyAsync(p => p.ReversesId == postingId, ct))
                return (null, LearningAccountMessages.AlreadyReversed);
            return (LedgerRules.Reverse((await LinesOfAsync(accountId, postingId, original.Kind, ct))!), null);
        }, ct);

    /// <summary>
    /// Moves what is still available of every deposit whose last valid day is before <paramref name="today"/> to expired,
    /// one posting per account. Money reserved at that moment stays reserved; released later, it expires on the next run.
    /// </summary>
    public async Task<int> ExpireAsync(DateOnly today, CancellationToken ct)
    {
        var accounts = await db.LearningDeposits.Where(d => d.ValidUntil < today).Select(d => d.AccountId).Distinct().ToListAsync(ct);
        var posted = 0;
        foreach (var accountId in accounts)
            if (await ExpireAccountAsync(accountId, today, null, ct) is PostingOutcome.Posted)
                posted++;
        return posted;
    }

    /// <summary>The expiry due today in the Netherlands (<see cref="LearningDay"/>): the hourly job's pass.</summary>
    public Task<int> ExpireDueAsync(CancellationToken ct) => ExpireAsync(LearningDay.Today(clock), ct);

    /// <summary>The expiry of one account's lapsed deposits; refused without a message when nothing is left to expire.</summary>
    public Task<PostingOutcome> ExpireAccountAsync(long accountId, DateOnly today, string? by, CancellationToken ct) =>
        PostAsync(accountId, PostingKind.Expire, by, null, null, async balances =>
        {
            var over = await db.LearningDeposits.Where(d => d.AccountId == accountId && d.ValidUntil < today).Select(d => d.Id).ToListAsync(ct);
            var lines = LedgerRules.Move(LedgerBucket.Available, LedgerBucket.Expired,
                over.Where(id => balances[id].Available > 0).Select(id => new Allocation(id, balances[id].Available)));
            return lines.Count == 0 ? (null, null) : (lines, null);
        }, ct);

    /// <summary>The account's deposits as the rule weighs them, with what each holds available now (outside the lock: for a preview).</summary>
    public async Task<IReadOnlyList<PaymentCandidate>> CandidatesAsync(long accountId, CancellationToken ct) =>
        await CandidatesAsync(accountId, await BalancesAsync(accountId, ct), ct);

    private async Task<List<PaymentCandidate>> CandidatesAsync(long accountId, IReadOnlyDictionary<long, DepositBalance> balances, CancellationToken ct) =>
        [.. (await db.LearningDeposits.AsNoTracking().Where(d => d.AccountId == accountId)
                .Select(d => new { d.Id, d.Funder.Priority, d.ValidFrom, d.ValidUntil, d.Sectors, d.Levels, d.Occupations }).ToListAsync(ct))
            .Select(d => new PaymentCandidate(d.Id, d.Priority, d.ValidFrom, d.ValidUntil, d.Sectors, d.Levels, d.Occupations, balances.GetValueOrDefault(d.Id).Available))];

    private async Task<IReadOnlyList<LineDraft>?> LinesOfAsync(long accountId, long postingId, PostingKind kind, CancellationToken ct)
    {
        var lines = await db.LedgerLines.AsNoTracking()
            .Where(l => l.PostingId == postingId && db.LedgerPostings.Any(p => p.Id == postingId && p.AccountId == accountId && p.Kind == kind))
            .OrderBy(l => l.Id).Select(l => new LineDraft(l.DepositId, l.Bucket, l.Amount)).ToListAsync(ct);
        return lines.Count == 0 ? null : lines;
    }

    /// <summary>
    /// The one way a posting is written: under the account's lock, on balances read inside it, checked by
    /// <see cref="LedgerRules.Refusal"/>. <paramref name="build"/> gives the lines, or a refusal, or neither
    /// (nothing to post: a refusal without a message, such as an expiry run with nothing to expire).
    /// </summary>
    private async Task<PostingOutcome> PostAsync(long accountId, PostingKind kind, string? by, long? settles, long? reverses,
        Func<IReadOnlyDictionary<long, DepositBalance>, ValueTask<(IReadOnlyList<LineDraft>? Lines, string? Refusal)>> build, CancellationToken ct)
    {
        using var turn = await gate.EnterAsync(accountId, ct);
        // Within a caller's transaction (a deposit saved with its posting) the posting commits with it.
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await using var _ = own;
        if (await db.LearningAccounts.Where(a => a.Id == accountId).ExecuteUpdateAsync(a => a.SetProperty(x => x.Postings, x => x.Postings + 1), ct) == 0)
            return new PostingOutcome.Refused(LearningAccountMessages.NoAccount);
        var balances = await BalancesAsync(accountId, ct);
        var (lines, refusal) = await build(balances);
        if (lines is null)
            return new PostingOutcome.Refused(refusal ?? "");
        if (LedgerRules.Refusal(lines, balances) is { } broken)
            return new PostingOutcome.Refused(broken);
        var posting = new LedgerPosting
        {
            AccountId = accountId, Kind = kind, At = clock.GetUtcNow().UtcDateTime, By = by, SettlesId = settles, ReversesId = reverses,
            Lines = [.. lines.Select(l => new LedgerLine { DepositId = l.DepositId, Bucket = l.Bucket, Amount = l.Amount })],
        };
        db.LedgerPostings.Add(posting);
        await db.SaveChangesAsync(ct);
        if (own is not null)
        {
            await own.CommitAsync(ct);
            db.ChangeTracker.Clear();
        }
        return new PostingOutcome.Posted(posting);
    }
}
