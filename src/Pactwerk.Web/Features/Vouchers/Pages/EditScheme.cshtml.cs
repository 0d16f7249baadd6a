using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Vouchers;

/// <summary>
/// A new scheme (/regelingen/nieuw?pact=techniekpact, the pact's coordinators) or a change to one
/// (/regelingen/{code}/bewerken, its officers); every rule is <see cref="VoucherSchemeEditor"/>'s, as for the API.
/// </summary>
public sealed class EditSchemeModel(PactwerkDb db, VoucherSchemeEditor editor, AccessScopeProvider scopes, TimeProvider clock) : EditPageModel
{
    public sealed record Choice(int Id, string Name);

    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    [BindProperty(SupportsGet = true)] public string? Pact { get; set; }
    [BindProperty] public VoucherSchemeInput Input { get; set; } = new();
    /// <summary>The opportunity occupations, one per line, as typed.</summary>
    [BindProperty] public string? OccupationsText { get; set; }
    public bool IsNew => Code is null;
    public string PactName { get; private set; } = "";
    public IReadOnlyList<Choice> Organisations { get; private set; } = [];
    public IReadOnlyList<Choice> Actions { get; private set; } = [];

    protected override string Localise(string message) => VoucherMessages.Localise(Localiser, message);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (IsNew)
        {
            var pact = await PactAsync(ct);
            if (pact is null)
                return NotFound();
            if (!await editor.MayCreateAsync(pact.Value.Id, ct))
                return Forbid();
            // Sensible starting values: a window that opens next week at nine for a month, order of arrival.
            var opens = DateOnly.FromDateTime(VoucherFormat.ToDutch(clock.GetUtcNow().UtcDateTime)).AddDays(7).ToDateTime(new TimeOnly(9, 0));
            Input = new VoucherSchemeInput
            {
                Pact = pact.Value.Code, Rule = DistributionRule.OrderOfArrival, OpensAt = opens, ClosesAt = opens.AddMonths(1), ApplyWithinDaysAfterStart = 14,
                MinimumAge = 18, ExpireAfterDays = 90, ConfirmEmailWithinDays = 7, FourEyesThreshold = 1000m, CoFundingPercent = 0, AdvancePercent = 0, TargetGroups = [.. VoucherRules.TargetGroups],
            };
            return await PageAsync(pact.Value.Id, ct);
        }
        var scheme = await db.VoucherSchemes.AsNoTracking().SingleOrDefaultAsync(s => s.Code == Code, ct);
        if (scheme is null)
            return NotFound();
        if (!VoucherAccess.IsOfficer(await scopes.GetAsync(ct), scheme, forChange: true))
            return Forbid();
        Input = VoucherSchemeEditor.InputOf(scheme, await db.Pacts.Where(p => p.Id == scheme.PactId).Select(p => p.Code).SingleAsync(ct));
        OccupationsText = string.Join("\n", Input.Occupations);
        return await PageAsync(scheme.PactId, ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Input.Occupations = [.. (OccupationsText ?? "").Split('\n')];
        int pactId;
        if (IsNew)
        {
            if (await PactAsync(ct) is not { } pact)
                return NotFound();
            Input.Pact = pact.Code;
            pactId = pact.Id;
        }
        else if (await db.VoucherSchemes.Where(s => s.Code == Code).Select(s => (int?)s.PactId).SingleOrDefaultAsync(ct) is { } id)
            pactId = id;
        else
            return NotFound();
        var answer = await SaveAsync(() => IsNew ? editor.CreateAsync(Input, ct) : editor.UpdateAsync(Code!, Input, ct),
            s => $"/regelingen/{s.Code}/beheer?opgeslagen=1", keepEditing: s => Input.Version = s.Version);
        return answer ?? await PageAsync(pactId, ct);
    }

    /// <summary>The pact of a new scheme: the one asked for, else the first the user coordinates.</summary>
    private async Task<(int Id, string Code)?> PactAsync(CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        var pacts = await db.Pacts.AsNoTracking().OrderBy(p => p.Id).Select(p => new { p.Id, p.Code }).ToListAsync(ct);
        var pact = Pact is { Length: > 0 } ? pacts.FirstOrDefault(p => p.Code == Pact) : pacts.FirstOrDefault(p => scope.Coordinates(p.Id)) ?? pacts.FirstOrDefault();
        return pact is null ? null : (pact.Id, pact.Code);
    }

    private async Task<PageResult> PageAsync(int pactId, CancellationToken ct)
    {
        PactName = await db.Pacts.Where(p => p.Id == pactId).Select(p => p.Name).SingleAsync(ct);
        Organisations = await db.Organisations.AsNoTracking().OrderBy(o => o.Name).Select(o => new Choice(o.Id, o.Name)).ToListAsync(ct);
        Actions = await db.PactActions.AsNoTracking().Where(a => a.PactId == pactId).OrderBy(a => a.Title).Select(a => new Choice(a.Id, a.Title)).ToListAsync(ct);
        return Page();
    }

    /// <summary>A number as the reader types it (20,75 in Dutch).</summary>
    public static string? Number(decimal? value) => value?.ToString("0.##", CultureInfo.CurrentCulture);

    /// <summary>A local date-time for an input of type datetime-local.</summary>
    public static string? Moment(DateTime? value) => value?.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
}
