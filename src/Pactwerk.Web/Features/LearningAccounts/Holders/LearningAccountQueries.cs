using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.LearningAccounts;

/// <summary>What an account holds, in euros, summed from the ledger: in total, per funder, per deposit, and every movement.</summary>
public sealed record AccountStatement(long Id, string HolderEmail, decimal Deposited, decimal Available, decimal Reserved, decimal Spent, decimal Expired,
    IReadOnlyList<FunderShare> Funders, IReadOnlyList<DepositState> Deposits, IReadOnlyList<Movement> Movements);
public sealed record FunderShare(string Code, string Name, FunderKind Kind, decimal Deposited, decimal Available, decimal Reserved, decimal Spent, decimal Expired);
public sealed record DepositState(long Id, string Funder, string Reference, decimal Deposited, decimal Available, decimal Reserved, decimal Spent, decimal Expired,
    DateOnly ValidFrom, DateOnly ValidUntil, IReadOnlyList<string> Sectors, IReadOnlyList<string> Levels, IReadOnlyList<string> Occupations, bool FollowsPerson);
public sealed record Movement(long Id, PostingKind Kind, DateTime At, long? Settles, long? Reverses, IReadOnlyList<MovementLine> Lines);
public sealed record MovementLine(long DepositId, string Funder, LedgerBucket Bucket, decimal Amount);

public abstract record StatementOutcome
{
    public sealed record Found(AccountStatement Statement) : StatementOutcome;
    public sealed record NotFound(string Message) : StatementOutcome;
    public sealed record Forbidden(string Message) : StatementOutcome;
    /// <summary>An officer or administrator who may read the statement, but only once two-factor is on.</summary>
    public sealed record TwoFactorNeeded : StatementOutcome;
}

/// <summary>
/// Reads accounts for who may see them (<see cref="LearningAccountAccess"/>): the holder and an administrator
/// the whole account; a funder's officer only what their funders paid in and what became of it. A read by
/// anyone but the holder is written to the audit trail: it is a person's money, and asks for two-factor
/// (<see cref="LearningAccountAccess.NeedsTwoFactorAsync"/>), which the holder reading their own does not.
/// </summary>
public sealed class LearningAccountQueries(PactwerkDb db, AccessScopeProvider scopes, TimeProvider clock, Microsoft.Extensions.Options.IOptions<TwoFactorOptions> twoFactor)
{
    public async Task<StatementOutcome> MineAsync(CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        var user = scope.UserId is { } id ? await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, ct) : null;
        if (user is not { EmailConfirmed: true, Email: { } email })
            return new StatementOutcome.NotFound(LearningAccountMessages.NoAccountForYou);
        var normalised = LearningAccount.Normalise(email);
        var account = await db.LearningAccounts.AsNoTracking().SingleOrDefaultAsync(a => a.HolderEmail == normalised, ct);
        return account is null ? new StatementOutcome.NotFound(LearningAccountMessages.NoAccountForYou) : new StatementOutcome.Found(await StatementOfAsync(account, null, ct));
    }

    public async Task<StatementOutcome> StatementAsync(long accountId, CancellationToken ct)
    {
        var account = await db.LearningAccounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == accountId, ct);
        var scope = await scopes.GetAsync(ct);
        if (account is null)
            return scope.IsSignedIn ? new StatementOutcome.NotFound(LearningAccountMessages.NoAccount) : new StatementOutcome.Forbidden(LearningAccountMessages.NotYourAccount);
        var user = scope.UserId is { } id ? await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, ct) : null;
        if (LearningAccountAccess.Holds(user, account))
            return new StatementOutcome.Found(await StatementOfAsync(account, null, ct));
        // Decided on the roles the account has with two-factor on (an administrator's are held back without it), so
        // whoever would be let in with two-factor is told to set it up rather than that the account is not theirs.
        var full = scope.WithTwoFactor ?? scope;
        IReadOnlySet<int>? funders = null;
        if (!full.IsAdministrator)
        {
            var paying = await db.LearningFunders.AsNoTracking().Where(f => db.LearningDeposits.Any(d => d.AccountId == accountId && d.FunderId == f.Id)).ToListAsync(ct);
            funders = paying.Where(f => LearningAccountAccess.IsFunderOfficer(full, f, forChange: false)).Select(f => f.Id).ToHashSet();
            if (funders.Count == 0)
                return new StatementOutcome.Forbidden(LearningAccountMessages.NotYourAccount);
        }
        if (user is not { TwoFactorEnabled: true } && !twoFactor.Value.Exempts(user?.Email))
            return new StatementOutcome.TwoFactorNeeded();
        db.RecordEvent(clock.GetUtcNow().UtcDateTime, LearningAccountAuditActions.StatementRead, nameof(LearningAccount), accountId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new { funders = funders?.Order().ToArray() });
        await db.SaveChangesAsync(ct);
        return new StatementOutcome.Found(await StatementOfAsync(account, funders, ct));
    }

    /// <summary>The account's statement; with <paramref name="funders"/>, only those funders' deposits and their lines.</summary>
    private async Task<AccountStatement> StatementOfAsync(LearningAccount account, IReadOnlySet<int>? funders, CancellationToken ct)
    {
        var deposits = await db.LearningDeposits.AsNoTracking().Include(d => d.Funder).Where(d => d.AccountId == account.Id).OrderBy(d => d.ValidUntil).ThenBy(d => d.Id).ToListAsync(ct);
        if (funders is not null)
            deposits = [.. deposits.Where(d => funders.Contains(d.FunderId))];
        var shown = deposits.ToDictionary(d => d.Id);
        // The shown deposits' lines, read through their deposit index (a posting moves money within its own account's
        // deposits only, so these are exactly the account's lines for those deposits).
        var shownIds = shown.Keys.ToList();
        var lines = await db.LedgerLines.AsNoTracking().Where(l => shownIds.Contains(l.DepositId))
            .OrderBy(l => l.PostingId).ThenBy(l => l.Id).ToListAsync(ct);
        var postingIds = lines.Select(l => l.PostingId).Distinct().ToList();
        var postings = await db.LedgerPostings.AsNoTracking().Where(p => postingIds.Contains(p.Id)).OrderBy(p => p.Id).ToListAsync(ct);

        var balances = new Dictionary<long, DepositBalance>(deposits.Select(d => KeyValuePair.Create(d.Id, default(DepositBalance))));
        foreach (var l in lines)
            balances[l.DepositId] = balances[l.DepositId].Add(l.Bucket, l.Amount);
        static decimal E(long cents) => cents / 100m;
        var states = deposits.Select(d => (Deposit: d, Balance: balances[d.Id])).ToList();
        // Grouped by the funder's id: read without tracking, every deposit has a Funder object of its own.
        var byFunder = states.GroupBy(s => s.Deposit.FunderId).Select(g => (Key: g.First().Deposit.Funder, States: g))
            .OrderBy(g => g.Key.Priority).ThenBy(g => g.Key.Code, StringComparer.Ordinal)
            .Select(g => new FunderShare(g.Key.Code, g.Key.Name, g.Key.Kind, E(g.States.Sum(s => s.Balance.Deposited)), E(g.States.Sum(s => s.Balance.Available)),
                E(g.States.Sum(s => s.Balance.Reserved)), E(g.States.Sum(s => s.Balance.Spent)), E(g.States.Sum(s => s.Balance.Expired)))).ToList();
        var linesOf = lines.ToLookup(l => l.PostingId);
        return new AccountStatement(account.Id, account.HolderEmail,
            E(states.Sum(s => s.Balance.Deposited)), E(states.Sum(s => s.Balance.Available)), E(states.Sum(s => s.Balance.Reserved)),
            E(states.Sum(s => s.Balance.Spent)), E(states.Sum(s => s.Balance.Expired)),
            byFunder,
            [.. states.Select(s => new DepositState(s.Deposit.Id, s.Deposit.Funder.Code, s.Deposit.Reference, E(s.Balance.Deposited), E(s.Balance.Available), E(s.Balance.Reserved),
                E(s.Balance.Spent), E(s.Balance.Expired), s.Deposit.ValidFrom, s.Deposit.ValidUntil, s.Deposit.Sectors, s.Deposit.Levels, s.Deposit.Occupations, s.Deposit.FollowsPerson))],
            [.. postings.Select(p => new Movement(p.Id, p.Kind, p.At, p.SettlesId, p.ReversesId,
                [.. linesOf[p.Id].Select(l => new MovementLine(l.DepositId, shown[l.DepositId].Funder.Code, l.Bucket, E(l.Amount)))]))]);
    }
}
