using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.Vouchers;

/// <summary>
/// The officer vets a scheme's providers: approve or reject, always with a reason, which goes into the audit trail
/// (<see cref="VoucherProviders.VetAsync"/>, as the API does). Only an officer who may change the scheme decides.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class VettingModel(PactwerkDb db, VoucherProviders providers, AccessScopeProvider scopes, IStringLocalizer<SharedResource> t) : PageModel
{
    public const string DecisionMissing = "Kies goedkeuren of afwijzen.";
    public const string ReasonMissing = "Geef de reden van het besluit (hoogstens 1000 tekens).";

    public sealed record ProviderRow(int Id, string Name, string KvkNumber, string Iban, string QualityRegistration, bool Vetted, IReadOnlyList<string> Courses);

    public VoucherScheme Scheme { get; private set; } = null!;
    public IReadOnlyList<ProviderRow> Providers { get; private set; } = [];
    [BindProperty] public int Provider { get; set; }
    [BindProperty] public string? Decision { get; set; }
    [BindProperty] public string? Reason { get; set; }
    public IDictionary<string, string> Errors { get; } = new Dictionary<string, string>();
    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct) => await LoadAsync(code, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken ct)
    {
        if (await LoadAsync(code, ct) is { } refused)
            return refused;
        if (Providers.All(p => p.Id != Provider))
            return NotFound();
        if (Decision is not ("approve" or "reject"))
            Errors["Decision"] = t[DecisionMissing].Value;
        if (string.IsNullOrWhiteSpace(Reason) || Reason.Length > 1000)
            Errors["Reason"] = t[ReasonMissing].Value;
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var provider = await providers.VetAsync(Scheme, Provider, Decision == "approve", Reason!.Trim(), ct);
        Done = t[Decision == "approve" ? "{0} is goedgekeurd." : "{0} is afgewezen.", provider!.Name].Value;
        (Decision, Reason) = (null, null);
        await LoadAsync(code, ct);
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(string code, CancellationToken ct)
    {
        if (await db.VoucherSchemes.AsNoTracking().SingleOrDefaultAsync(s => s.Code == code, ct) is not { } scheme)
            return NotFound();
        if (!VoucherAccess.IsOfficer(await scopes.GetAsync(ct), scheme, forChange: true))
            return Forbid();
        Scheme = scheme;
        var rows = await db.VoucherProviders.AsNoTracking().Where(p => p.SchemeId == scheme.Id).OrderBy(p => p.Vetted).ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.Name, p.KvkNumber, p.Iban, p.QualityRegistration, p.Vetted, Courses = p.Courses.OrderBy(c => c.Title).Select(c => c.Title).ToList() })
            .ToListAsync(ct);
        Providers = rows.Select(p => new ProviderRow(p.Id, p.Name, p.KvkNumber, p.Iban, p.QualityRegistration, p.Vetted, p.Courses)).ToList();
        return null;
    }
}
