using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Vouchers;

/// <summary>
/// A scheme's settings as typed or sent. Shares are percentages (25 = 25 %); the window is in Dutch time
/// (Europe/Amsterdam) and stored in UTC. Version is the scheme's version the editor started from.
/// </summary>
public sealed class VoucherSchemeInput
{
    /// <summary>Fixed once made: links and applications carry it.</summary>
    public string? Code { get; set; }
    public string? Name { get; set; }
    public string? NameEn { get; set; }
    /// <summary>The pact's code; fixed once made.</summary>
    public string? Pact { get; set; }
    public int? OrganisationId { get; set; }
    public int? ActionId { get; set; }
    public decimal? Ceiling { get; set; }
    public decimal? MaxPerVoucher { get; set; }
    public decimal? CoFundingPercent { get; set; }
    public decimal? AdvancePercent { get; set; }
    public DistributionRule? Rule { get; set; }
    public DateTime? OpensAt { get; set; }
    public DateTime? ClosesAt { get; set; }
    public int? ApplyWithinDaysAfterStart { get; set; }
    public int? MinimumAge { get; set; }
    public int? ExpireAfterDays { get; set; }
    public int? ConfirmEmailWithinDays { get; set; }
    public List<string> TargetGroups { get; set; } = [];
    public List<string> Sectors { get; set; } = [];
    public List<string> Levels { get; set; } = [];
    public List<string> Occupations { get; set; } = [];
    public decimal? FourEyesThreshold { get; set; }
    public string? DebtorName { get; set; }
    public string? DebtorIban { get; set; }
    public string? DebtorBic { get; set; }
    public int Version { get; set; }
}

/// <summary>
/// Makes and changes voucher schemes, for the form and the API alike: every rule of a valid scheme is here.
/// A pact's coordinators make schemes; the scheme's officers (<see cref="VoucherAccess"/>) change them.
/// Once applications exist, the distribution rule and the opening may not change (they decided who came
/// first), and the ceiling may not go below what is reserved and paid. An unchanged save writes nothing.
/// </summary>
public sealed partial class VoucherSchemeEditor(PactwerkDb db, AccessScopeProvider scopes)
{
    public static readonly IReadOnlyList<string> LevelChoices = ["mbo-1", "mbo-2", "mbo-3", "mbo-4", "hbo", "master"];
    public static VoucherSchemeInput InputOf(VoucherScheme s, string pactCode) => new()
    {
        Code = s.Code, Name = s.Name, NameEn = s.NameEn, Pact = pactCode, OrganisationId = s.OrganisationId, ActionId = s.ActionId,
        Ceiling = s.Ceiling, MaxPerVoucher = s.MaxPerVoucher, CoFundingPercent = s.CoFundingShare * 100, AdvancePercent = s.AdvanceShare * 100,
        Rule = s.Rule, OpensAt = VoucherFormat.ToDutch(s.OpensAt), ClosesAt = VoucherFormat.ToDutch(s.ClosesAt), ApplyWithinDaysAfterStart = s.ApplyWithinDaysAfterStart,
        MinimumAge = s.MinimumAge, ExpireAfterDays = s.ExpireAfterDays, ConfirmEmailWithinDays = s.ConfirmEmailWithinDays, TargetGroups = [.. s.TargetGroups], Sectors = [.. s.Sectors], Levels = [.. s.Levels],
        Occupations = [.. s.Occupations], FourEyesThreshold = s.FourEyesThreshold, DebtorName = s.DebtorName, DebtorIban = s.DebtorIban, DebtorBic = s.DebtorBic,
        Version = s.Version,
    };

    /// <summary>Whether the current user may make a scheme in this pact: its coordinators.</summary>
    public async Task<bool> MayCreateAsync(int pactId, CancellationToken ct) => (await scopes.GetAsync(ct)).Coordinates(pactId);

    public async Task<EditOutcome<VoucherScheme>> CreateAsync(VoucherSchemeInput input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var code = input.Code?.Trim().ToLowerInvariant() ?? "";
        if (code.Length == 0)
            errors[nameof(input.Code)] = [VoucherMessages.SchemeCodeMissing];
        else if (!CodeShape().IsMatch(code))
            errors[nameof(input.Code)] = [VoucherMessages.SchemeCodeInvalid];
        var pact = string.IsNullOrWhiteSpace(input.Pact) ? null
            : await db.Pacts.AsNoTracking().Where(p => p.Code == input.Pact.Trim()).Select(p => new { p.Id, p.Code }).SingleOrDefaultAsync(ct);
        if (pact is null)
        {
            errors[nameof(input.Pact)] = [VoucherMessages.SchemePactUnknown];
            return new EditOutcome<VoucherScheme>.Invalid(errors);
        }
        if (!await MayCreateAsync(pact.Id, ct))
            return new EditOutcome<VoucherScheme>.Forbidden(VoucherMessages.SchemeCreateForbidden);
        var scheme = new VoucherScheme { Code = code, Name = "", NameEn = "", PactId = pact.Id };
        await CheckAsync(scheme, input, hasApplications: false, errors, ct);
        if (errors.Count > 0)
            return new EditOutcome<VoucherScheme>.Invalid(errors);
        db.VoucherSchemes.Add(scheme);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            return new EditOutcome<VoucherScheme>.Invalid(new Dictionary<string, string[]> { [nameof(input.Code)] = [VoucherMessages.Format(VoucherMessages.SchemeCodeTaken, code)] });
        }
        return new EditOutcome<VoucherScheme>.Saved(scheme);
    }

    public async Task<EditOutcome<VoucherScheme>> UpdateAsync(string code, VoucherSchemeInput input, CancellationToken ct)
    {
        var scheme = await db.VoucherSchemes.SingleOrDefaultAsync(s => s.Code == code, ct);
        if (scheme is null)
            return new EditOutcome<VoucherScheme>.NotFound();
        if (!VoucherAccess.IsOfficer(await scopes.GetAsync(ct), scheme, forChange: true))
            return new EditOutcome<VoucherScheme>.Forbidden(VoucherMessages.NotOfficer);
        var errors = new Dictionary<string, string[]>();
        if (!string.IsNullOrWhiteSpace(input.Code) && !string.Equals(input.Code.Trim(), scheme.Code, StringComparison.OrdinalIgnoreCase))
            errors[nameof(input.Code)] = [VoucherMessages.SchemeCodeFixed];
        var hasApplications = await db.VoucherApplications.AnyAsync(a => a.SchemeId == scheme.Id, ct);
        var (rule, opensAt) = (scheme.Rule, scheme.OpensAt);
        await CheckAsync(scheme, input, hasApplications, errors, ct);
        if (hasApplications && scheme.Rule != rule)
            errors[nameof(input.Rule)] = [VoucherMessages.SchemeRuleFixed];
        if (hasApplications && scheme.OpensAt != opensAt)
            errors[nameof(input.OpensAt)] = [VoucherMessages.SchemeOpeningFixed];
        if (errors.Count > 0)
        {
            db.ChangeTracker.Clear();
            return new EditOutcome<VoucherScheme>.Invalid(errors);
        }
        try
        {
            return await EditSupport.SaveVersionedAsync(db, scheme, scheme.Id, input.Version, () => db.VoucherSchemes.AsNoTracking().SingleAsync(s => s.Id == scheme.Id, ct), ct);
        }
        catch (DbUpdateException)
        {
            // The database's check refused a ceiling below what a grant reserved at the same moment.
            db.ChangeTracker.Clear();
            var held = await db.VoucherSchemes.AsNoTracking().Where(s => s.Id == scheme.Id).Select(s => s.Reserved + s.Paid).SingleAsync(ct);
            return new EditOutcome<VoucherScheme>.Invalid(new Dictionary<string, string[]>
                { [nameof(input.Ceiling)] = [VoucherMessages.Format(VoucherMessages.SchemeCeilingBelowHeld, VoucherFormat.Money(held))] });
        }
    }

    /// <summary>Checks the input and, as far as it is valid, sets it on the scheme (which is saved only when nothing failed).</summary>
    private async Task CheckAsync(VoucherScheme scheme, VoucherSchemeInput input, bool hasApplications, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        void Fail(string field, string message) => errors[field] = [.. errors.GetValueOrDefault(field) ?? [], message];

        var name = input.Name?.Trim() ?? "";
        if (name.Length is 0 or > 300)
            Fail(nameof(input.Name), VoucherMessages.SchemeNameMissing);
        else
            scheme.Name = name;
        var nameEn = input.NameEn?.Trim() ?? "";
        scheme.NameEn = nameEn.Length is > 0 and <= 300 ? nameEn : scheme.Name;

        if (input.OrganisationId is not { } organisationId || !await db.Organisations.AnyAsync(o => o.Id == organisationId, ct))
            Fail(nameof(input.OrganisationId), VoucherMessages.SchemeOrganisationMissing);
        else
            scheme.OrganisationId = organisationId;
        if (input.ActionId is { } actionId && !await db.PactActions.AnyAsync(a => a.Id == actionId && a.PactId == scheme.PactId, ct))
            Fail(nameof(input.ActionId), VoucherMessages.SchemeActionNotInPact);
        else
            scheme.ActionId = input.ActionId;

        if (input.Ceiling is not { } ceiling || ceiling <= 0 || ceiling > 1_000_000_000_000m)
            Fail(nameof(input.Ceiling), VoucherMessages.SchemeCeilingInvalid);
        else if (hasApplications && ceiling < scheme.Reserved + scheme.Paid)
            Fail(nameof(input.Ceiling), VoucherMessages.Format(VoucherMessages.SchemeCeilingBelowHeld, VoucherFormat.Money(scheme.Reserved + scheme.Paid)));
        else
            scheme.Ceiling = Math.Round(ceiling, 2);
        if (input.MaxPerVoucher is not { } max || max <= 0 || max > 1_000_000m)
            Fail(nameof(input.MaxPerVoucher), VoucherMessages.SchemeMaxInvalid);
        else
            scheme.MaxPerVoucher = Math.Round(max, 2);
        if (Share(input.CoFundingPercent, 0m) is not { } coFunding || coFunding >= 1)
            Fail(nameof(input.CoFundingPercent), VoucherMessages.SchemePercentInvalid);
        else
            scheme.CoFundingShare = coFunding;
        if (Share(input.AdvancePercent, 0m) is not { } advance)
            Fail(nameof(input.AdvancePercent), VoucherMessages.SchemePercentInvalid);
        else
            scheme.AdvanceShare = advance;
        if (input.Rule is not { } rule || !Enum.IsDefined(rule))
            Fail(nameof(input.Rule), VoucherMessages.SchemeRuleMissing);
        else
            scheme.Rule = rule;

        if (input.OpensAt is not { } opens)
            Fail(nameof(input.OpensAt), VoucherMessages.SchemeOpensMissing);
        if (input.ClosesAt is not { } closes)
            Fail(nameof(input.ClosesAt), VoucherMessages.SchemeClosesMissing);
        else if (input.OpensAt is { } o && closes <= o)
            Fail(nameof(input.ClosesAt), VoucherMessages.SchemeClosesBeforeOpens);
        if (input.OpensAt is { } open && input.ClosesAt is { } close && close > open)
        {
            scheme.OpensAt = VoucherFormat.FromDutch(open);
            scheme.ClosesAt = VoucherFormat.FromDutch(close);
        }

        if (input.ApplyWithinDaysAfterStart is { } within and (< 0 or > 365))
            Fail(nameof(input.ApplyWithinDaysAfterStart), VoucherMessages.Format(VoucherMessages.SchemeWholeNumber, 0, 365));
        else
            scheme.ApplyWithinDaysAfterStart = input.ApplyWithinDaysAfterStart ?? 14;
        if (input.MinimumAge is { } age and (< 0 or > 100))
            Fail(nameof(input.MinimumAge), VoucherMessages.Format(VoucherMessages.SchemeWholeNumber, 0, 100));
        else
            scheme.MinimumAge = input.MinimumAge ?? 18;
        if (input.ExpireAfterDays is { } expire and (< 1 or > 3650))
            Fail(nameof(input.ExpireAfterDays), VoucherMessages.Format(VoucherMessages.SchemeWholeNumber, 1, 3650));
        else
            scheme.ExpireAfterDays = input.ExpireAfterDays ?? 90;
        if (input.ConfirmEmailWithinDays is { } confirmWithin and (< 1 or > 60))
            Fail(nameof(input.ConfirmEmailWithinDays), VoucherMessages.Format(VoucherMessages.SchemeWholeNumber, 1, 60));
        else
            scheme.ConfirmEmailWithinDays = input.ConfirmEmailWithinDays ?? 7;

        var groups = Clean(input.TargetGroups);
        if (groups.Count == 0 || groups.Any(g => !VoucherRules.TargetGroups.Contains(g)))
            Fail(nameof(input.TargetGroups), VoucherMessages.Format(VoucherMessages.SchemeTargetGroupsInvalid, string.Join(", ", VoucherRules.TargetGroups)));
        else
            Set(scheme.TargetGroups, groups, l => scheme.TargetGroups = l);
        var sectors = Clean(input.Sectors.SelectMany(x => (x ?? "").Split(','))).Select(s => s.ToLowerInvariant()).Distinct().ToList();
        if (sectors.Any(s => !CodeShape().IsMatch(s)))
            Fail(nameof(input.Sectors), VoucherMessages.SchemeSectorsInvalid);
        else
            Set(scheme.Sectors, sectors, l => scheme.Sectors = l);
        var levels = Clean(input.Levels);
        if (levels.Any(l => !LevelChoices.Contains(l)))
            Fail(nameof(input.Levels), VoucherMessages.Format(VoucherMessages.SchemeLevelsInvalid, string.Join(", ", LevelChoices)));
        else
            Set(scheme.Levels, levels, l => scheme.Levels = l);
        var occupations = Clean(input.Occupations);
        if (occupations.Any(o => o.Length > 200) || occupations.Count > 500)
            Fail(nameof(input.Occupations), VoucherMessages.SchemeOccupationsInvalid);
        else
            Set(scheme.Occupations, occupations, l => scheme.Occupations = l);

        if (input.FourEyesThreshold is { } threshold and (< 0 or > 1_000_000m))
            Fail(nameof(input.FourEyesThreshold), VoucherMessages.SchemeThresholdInvalid);
        else
            scheme.FourEyesThreshold = Math.Round(input.FourEyesThreshold ?? 1000m, 2);
        var debtor = input.DebtorName?.Trim() ?? "";
        if (debtor.Length > 70)
            Fail(nameof(input.DebtorName), VoucherMessages.SchemeDebtorNameTooLong);
        else
            scheme.DebtorName = debtor;
        var iban = VoucherRules.NormaliseIban(input.DebtorIban);
        if (iban.Length > 0 && !VoucherRules.IsIban(iban))
            Fail(nameof(input.DebtorIban), VoucherMessages.IbanInvalid);
        else
            scheme.DebtorIban = iban;
        var bic = (input.DebtorBic ?? "").Trim().ToUpperInvariant();
        if (bic.Length > 0 && !BicShape().IsMatch(bic))
            Fail(nameof(input.DebtorBic), VoucherMessages.SchemeBicInvalid);
        else
            scheme.DebtorBic = bic;
    }

    /// <summary>A percentage 0–100 as a share 0–1; null when out of range. Left empty: the default.</summary>
    private static decimal? Share(decimal? percent, decimal empty) =>
        percent is not { } p ? empty : p is >= 0 and <= 100 ? Math.Round(p / 100, 4) : null;

    private static List<string> Clean(IEnumerable<string>? items) =>
        (items ?? []).SelectMany(i => (i ?? "").Split('\n')).Select(i => i.Trim()).Where(i => i.Length > 0).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Replaced only when it differs, so an unchanged save leaves the scheme unchanged.</summary>
    private static void Set(List<string> current, List<string> wanted, Action<List<string>> replace)
    {
        if (!current.SequenceEqual(wanted, StringComparer.Ordinal))
            replace(wanted);
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex CodeShape();

    [GeneratedRegex("^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$")]
    private static partial Regex BicShape();
}
