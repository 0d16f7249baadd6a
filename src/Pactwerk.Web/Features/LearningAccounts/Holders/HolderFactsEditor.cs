using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.LearningAccounts;

/// <summary>The holder's own facts on their account: what they are now.</summary>
public sealed record HolderFacts(string? MunicipalityCode, int? BirthYear);

public abstract record HolderFactsOutcome
{
    /// <param name="Changed">False when the holder saved what was there: nothing written, nothing audited.</param>
    public sealed record Saved(HolderFacts Facts, bool Changed) : HolderFactsOutcome;
    public sealed record Invalid(Dictionary<string, string[]> Errors) : HolderFactsOutcome;
    public sealed record NotFound(string Message) : HolderFactsOutcome;
}

/// <summary>
/// The holder corrects the municipality they live in and their birth year (a funder gave them, or nobody did). Only the
/// account of the signed-in person's confirmed address; both fields may be left empty; the change is audited.
/// </summary>
public sealed class HolderFactsEditor(PactwerkDb db, AccessScopeProvider scopes, TimeProvider clock)
{
    public async Task<HolderFacts?> MineAsync(CancellationToken ct) =>
        await MyAccountAsync(ct) is { } account ? new HolderFacts(account.MunicipalityCode, account.BirthYear) : null;

    /// <param name="birthYear">As typed: empty, or four digits.</param>
    public async Task<HolderFactsOutcome> CorrectAsync(string? municipality, string? birthYear, CancellationToken ct)
    {
        var account = await MyAccountAsync(ct);
        if (account is null)
            return new HolderFactsOutcome.NotFound(LearningAccountMessages.NoAccountForYou);
        var rules = await HolderFactsRules.LoadAsync(db, clock, ct);
        var errors = new Dictionary<string, string[]>();
        var code = rules.Municipality(municipality, "municipality", errors);
        int? year = null;
        if (!string.IsNullOrWhiteSpace(birthYear))
        {
            if (birthYear.Trim() is { Length: 4 } digits && digits.All(char.IsAsciiDigit))
                year = int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);
            else
                errors["birthYear"] = [LearningAccountMessages.BirthYearNotNumber];
        }
        rules.BirthYear(year, "birthYear", errors);
        if (errors.Count > 0)
            return new HolderFactsOutcome.Invalid(errors);
        var facts = new HolderFacts(code, year);
        if (account.MunicipalityCode == code && account.BirthYear == year)
            return new HolderFactsOutcome.Saved(facts, false);
        var tracked = await db.LearningAccounts.SingleAsync(a => a.Id == account.Id, ct);
        db.RecordEvent(clock.GetUtcNow().UtcDateTime, LearningAccountAuditActions.FactsCorrected, nameof(LearningAccount), account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new { before = new { municipality = tracked.MunicipalityCode, birthYear = tracked.BirthYear }, after = new { municipality = code, birthYear = year } });
        tracked.MunicipalityCode = code;
        tracked.BirthYear = year;
        await db.SaveChangesAsync(ct);
        return new HolderFactsOutcome.Saved(facts, true);
    }

    private async Task<LearningAccount?> MyAccountAsync(CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        var user = scope.UserId is { } id ? await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, ct) : null;
        if (user is not { EmailConfirmed: true, Email: { } email })
            return null;
        var normalised = LearningAccount.Normalise(email);
        return await db.LearningAccounts.AsNoTracking().SingleOrDefaultAsync(a => a.HolderEmail == normalised, ct);
    }
}
