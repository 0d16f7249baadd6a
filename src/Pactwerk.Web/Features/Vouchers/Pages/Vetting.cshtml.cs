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
public sealed class VettingModel(PactwerkDb db, VoucherProviders providers, VoucherProviderUsers providerUsers, AccessScopeProvider scopes, IStringLocalizer<SharedResource> t) : OfficerPageModel
{
    public const string DecisionMissing = "Kies goedkeuren of afwijzen.";
    public const string ReasonMissing = "Geef de reden van het besluit (hoogstens 1000 tekens).";

    public sealed record ProviderRow(int Id, string Name, string KvkNumber, string Iban, string QualityRegistration, bool Vetted, IReadOnlyList<string> Courses);

    public IReadOnlyList<ProviderRow> Providers { get; private set; } = [];
    [BindProperty] public int Provider { get; set; }
    [BindProperty] public string? Decision { get; set; }
    [BindProperty] public string? Reason { get; set; }
    public IDictionary<string, string> Errors { get; } = new Dictionary<string, string>();
    public string? Done { get; private set; }
    /// <summary>The accounts that act for each provider.</summary>
    public IReadOnlyDictionary<int, List<string>> Accounts { get; private set; } = new Dictionary<int, List<string>>();
    /// <summary>The e-mail address of an account to link to <see cref="Provider"/>.</summary>
    [BindProperty] public string? AccountEmail { get; set; }
    /// <summary>The provider whose account form was sent (its errors and value are shown there).</summary>
    public int? LinkAnswered { get; private set; }

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

    /// <summary>The officer lets an account act for a vetted provider; an address without an account gets one and a set-password mail.</summary>
    public async Task<IActionResult> OnPostLinkAsync(string code, CancellationToken ct)
    {
        if (await LoadAsync(code, ct) is { } refused)
            return refused;
        if (Providers.All(p => p.Id != Provider))
            return NotFound();
        LinkAnswered = Provider;
        switch (await providerUsers.LinkAsync(code, Provider, AccountEmail, AccountsApi.SetPasswordUrl(HttpContext), ct))
        {
            case LinkOutcome.Linked linked:
                var name = Providers.Single(p => p.Id == Provider).Name;
                Done = linked.Invited
                    ? t["{0} heeft een account gekregen en handelt nu voor {1}; er is een mail gestuurd om een wachtwoord te kiezen.", linked.Link.Email, name].Value
                    : t["{0} handelt nu voor {1}.", linked.Link.Email, name].Value;
                (AccountEmail, LinkAnswered) = (null, null);
                await LoadAsync(code, ct);
                return Page();
            case LinkOutcome.Invalid invalid:
                Errors["AccountEmail"] = string.Join(" ", VoucherMessages.Localise(t, invalid.Errors).SelectMany(e => e.Value));
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            case LinkOutcome.Conflict conflict:
                Errors["AccountEmail"] = VoucherMessages.Localise(t, conflict.Message);
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            case LinkOutcome.Forbidden:
                return Forbid();
            default:
                return NotFound();
        }
    }

    private async Task<IActionResult?> LoadAsync(string code, CancellationToken ct)
    {
        if (await OpenSchemeAsync(db, scopes, code, forChange: true, ct) is { } refused)
            return refused;
        var scheme = Scheme;
        var rows = await db.VoucherProviders.AsNoTracking().Where(p => p.SchemeId == scheme.Id).OrderBy(p => p.Vetted).ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.Name, p.KvkNumber, p.Iban, p.QualityRegistration, p.Vetted, Courses = p.Courses.OrderBy(c => c.Title).Select(c => c.Title).ToList() })
            .ToListAsync(ct);
        Providers = rows.Select(p => new ProviderRow(p.Id, p.Name, p.KvkNumber, p.Iban, p.QualityRegistration, p.Vetted, p.Courses)).ToList();
        Accounts = await providerUsers.LinkedAsync(scheme.Id, ct);
        return null;
    }
}
