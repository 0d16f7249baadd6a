using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.LearningAccounts;

/// <summary>A deposit as the API shows it; the amount in euros.</summary>
public sealed record DepositDto(long Id, long AccountId, string Funder, decimal Amount, DateOnly ValidFrom, DateOnly ValidUntil,
    IReadOnlyList<string> Sectors, IReadOnlyList<string> Levels, IReadOnlyList<string> Occupations, bool FollowsPerson, string Reference, DateTime DepositedAt);

public abstract record DepartureOutcome
{
    public sealed record Recorded(DepartureDto Departure) : DepartureOutcome;
    public sealed record NotFound(string Message) : DepartureOutcome;
    public sealed record Forbidden(string Message) : DepartureOutcome;
    public sealed record Invalid(Dictionary<string, string[]> Errors) : DepartureOutcome;
}

public abstract record DepositOutcome
{
    /// <param name="New">False when the funder's reference was already deposited with the same content: nothing was written.</param>
    public sealed record Made(DepositDto Deposit, bool New) : DepositOutcome;
    public sealed record NotFound(string Message) : DepositOutcome;
    public sealed record Forbidden(string Message) : DepositOutcome;
    public sealed record Invalid(Dictionary<string, string[]> Errors) : DepositOutcome;
    public sealed record Conflict(string Message) : DepositOutcome;
}

/// <summary>
/// Funders pay into accounts. A deposit opens the person's account if they have none (one per person,
/// whoever pays), is saved with its ledger posting and its audit line in one transaction, and is
/// idempotent per funder and reference: the same deposit sent again changes nothing.
/// </summary>
public sealed class LearningDeposits(PactwerkDb db, AccessScopeProvider scopes, LearningLedger ledger, TimeProvider clock)
{
    public async Task<DepositOutcome> DepositAsync(string code, DepositInput input, CancellationToken ct)
    {
        var funder = await db.LearningFunders.AsNoTracking().SingleOrDefaultAsync(f => f.Code == code, ct);
        if (funder is null)
            return new DepositOutcome.NotFound(LearningAccountMessages.Format(LearningAccountMessages.NoFunder, code.Length > 40 ? code[..40] : code));
        var scope = await scopes.GetAsync(ct);
        if (!LearningAccountAccess.IsFunderOfficer(scope, funder, forChange: true))
            return new DepositOutcome.Forbidden(LearningAccountMessages.NotFunderOfficer);
        var errors = input.Check(out var cents);
        if (errors.Count > 0)
            return new DepositOutcome.Invalid(errors);

        var email = LearningAccount.Normalise(input.Email!);
        var reference = input.Reference!.Trim();
        var now = clock.GetUtcNow().UtcDateTime;
        var wanted = Wanted(funder, input, cents, now);
        if (await ExistingAsync(funder, reference, ct) is { } existing)
            return Same(existing, wanted, email) ? new DepositOutcome.Made(Dto(existing, funder), false)
                : new DepositOutcome.Conflict(LearningAccountMessages.Format(LearningAccountMessages.ReferenceTaken, reference));

        var accountId = await AccountForAsync(email, now, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        wanted.AccountId = accountId;
        db.LearningDeposits.Add(wanted);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            // The same reference at the same moment: the other one was saved; answer as for a repeat.
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return await ExistingAsync(funder, reference, ct) is { } other && Same(other, wanted, email)
                ? new DepositOutcome.Made(Dto(other, funder), false)
                : new DepositOutcome.Conflict(LearningAccountMessages.Format(LearningAccountMessages.ReferenceTaken, reference));
        }
        var posted = await ledger.DepositAsync(accountId, wanted.Id, cents, scope.UserId, ct);
        if (posted is PostingOutcome.Refused refused)
            throw new InvalidOperationException($"A new deposit could not be posted: {refused.Message}");
        db.RecordEvent(now, LearningAccountAuditActions.Deposited, nameof(Deposit), wanted.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new { funder = funder.Code, account = accountId, amount = cents, reference });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new DepositOutcome.Made(Dto(wanted, funder), true);
    }

    /// <summary>
    /// The person left the funder's sector or employer: the funder's deposits that do not follow the person
    /// are valid until the day before, and what is still available of them expires now (an expiry posting);
    /// money reserved for a booking stays reserved, and expires if that booking is cancelled. Deposits that
    /// follow the person, and every other funder's, are untouched: the account is the person's.
    /// </summary>
    public async Task<DepartureOutcome> DepartAsync(string code, DepartureInput input, CancellationToken ct)
    {
        var funder = await db.LearningFunders.AsNoTracking().SingleOrDefaultAsync(f => f.Code == code, ct);
        if (funder is null)
            return new DepartureOutcome.NotFound(LearningAccountMessages.Format(LearningAccountMessages.NoFunder, code.Length > 40 ? code[..40] : code));
        var scope = await scopes.GetAsync(ct);
        if (!LearningAccountAccess.IsFunderOfficer(scope, funder, forChange: true))
            return new DepartureOutcome.Forbidden(LearningAccountMessages.NotFunderOfficer);
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(input.Email))
            errors["email"] = [LearningAccountMessages.EmailMissing];
        if (input.LeftOn is null)
            errors["leftOn"] = [LearningAccountMessages.LeftOnMissing];
        if (errors.Count > 0)
            return new DepartureOutcome.Invalid(errors);
        var email = LearningAccount.Normalise(input.Email!);
        var account = await db.LearningAccounts.Where(a => a.HolderEmail == email).Select(a => (long?)a.Id).SingleOrDefaultAsync(ct);
        if (account is not { } accountId || !await db.LearningDeposits.AnyAsync(d => d.AccountId == accountId && d.FunderId == funder.Id, ct))
            return new DepartureOutcome.NotFound(LearningAccountMessages.NoDepositsOfFunder);

        var lastDay = input.LeftOn!.Value.AddDays(-1);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var stopping = await db.LearningDeposits.Where(d => d.AccountId == accountId && d.FunderId == funder.Id && !d.FollowsPerson && d.ValidUntil > lastDay).ToListAsync(ct);
        foreach (var deposit in stopping)
        {
            deposit.ValidUntil = lastDay;
            // A deposit meant to begin later keeps at most the last day the person was still with the funder.
            if (deposit.ValidFrom > lastDay)
                deposit.ValidFrom = lastDay;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        db.RecordEvent(now, LearningAccountAuditActions.Departed, nameof(LearningAccount), accountId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new { funder = funder.Code, leftOn = input.LeftOn, deposits = stopping.Select(d => d.Id).ToArray() });
        await db.SaveChangesAsync(ct);
        long expired = 0;
        if (lastDay < LearningDay.Of(now) && stopping.Count > 0
            && await ledger.ExpireAccountAsync(accountId, LearningDay.Of(now), scope.UserId, ct) is PostingOutcome.Posted posted)
            expired = posted.Posting.Lines.Where(l => l.Bucket == LedgerBucket.Expired && stopping.Any(d => d.Id == l.DepositId)).Sum(l => l.Amount);
        await transaction.CommitAsync(ct);
        return new DepartureOutcome.Recorded(new DepartureDto(accountId, [.. stopping.Select(d => d.Id)], expired / 100m));
    }

    /// <summary>The person's account, opened now if they have none; a second opening at the same moment finds the first.</summary>
    private async Task<long> AccountForAsync(string email, DateTime now, CancellationToken ct)
    {
        if (await db.LearningAccounts.Where(a => a.HolderEmail == email).Select(a => (long?)a.Id).SingleOrDefaultAsync(ct) is { } id)
            return id;
        var account = new LearningAccount { HolderEmail = email, OpenedAt = now };
        db.LearningAccounts.Add(account);
        try
        {
            await db.SaveChangesAsync(ct);
            return account.Id;
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            db.ChangeTracker.Clear();
            return await db.LearningAccounts.Where(a => a.HolderEmail == email).Select(a => a.Id).SingleAsync(ct);
        }
    }

    private Task<Deposit?> ExistingAsync(Funder funder, string reference, CancellationToken ct) =>
        db.LearningDeposits.AsNoTracking().SingleOrDefaultAsync(d => d.FunderId == funder.Id && d.Reference == reference, ct);

    private bool Same(Deposit existing, Deposit wanted, string email) =>
        SameTerms(existing, wanted) && db.LearningAccounts.Any(a => a.Id == existing.AccountId && a.HolderEmail == email);

    /// <summary>The deposit a checked input asks for, not yet in an account: the same for a single deposit and a file's row.</summary>
    public static Deposit Wanted(Funder funder, DepositInput input, long cents, DateTime now) => new()
    {
        FunderId = funder.Id, Amount = cents, ValidFrom = input.ValidFrom ?? LearningDay.Of(now), ValidUntil = input.ValidUntil!.Value,
        Sectors = DepositInput.Clean(input.Sectors), Levels = DepositInput.Clean(input.Levels), Occupations = DepositInput.Clean(input.Occupations),
        FollowsPerson = input.FollowsPerson ?? true, Reference = input.Reference!.Trim(), DepositedAt = now,
    };

    /// <summary>Whether a reference used before asks for the same money on the same terms (then sending it again is a repeat, not a conflict).</summary>
    public static bool SameTerms(Deposit existing, Deposit wanted) =>
        existing.Amount == wanted.Amount && existing.ValidFrom == wanted.ValidFrom && existing.ValidUntil == wanted.ValidUntil
        && existing.Sectors.SequenceEqual(wanted.Sectors) && existing.Levels.SequenceEqual(wanted.Levels) && existing.Occupations.SequenceEqual(wanted.Occupations)
        && existing.FollowsPerson == wanted.FollowsPerson;

    public static DepositDto Dto(Deposit d, Funder funder) =>
        new(d.Id, d.AccountId, funder.Code, d.Amount / 100m, d.ValidFrom, d.ValidUntil, d.Sectors, d.Levels, d.Occupations, d.FollowsPerson, d.Reference, d.DepositedAt);
}
