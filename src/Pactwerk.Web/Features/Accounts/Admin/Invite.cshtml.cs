using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Regions;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Accounts.Admin;

[Authorize(Policy = Policies.Coordinator)]
public sealed class InviteModel(AccountService accounts, PactwerkDb db, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed record Option(string Code, string Name);
    public sealed record OrganisationOption(int Id, string Name);

    [BindProperty] public string DisplayName { get; set; } = "";
    [BindProperty] public string Email { get; set; } = "";
    [BindProperty] public RoleKind Kind { get; set; } = RoleKind.RegionalLead;
    [BindProperty] public string? PactCode { get; set; }
    [BindProperty] public string? RegionCode { get; set; }
    [BindProperty] public int? OrganisationId { get; set; }

    public string? Invited { get; private set; }
    public List<string> Errors { get; } = [];
    public List<Option> Pacts { get; private set; } = [];
    public List<OrganisationOption> Organisations { get; private set; } = [];

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task OnPostAsync(CancellationToken ct)
    {
        // A region name typed without script becomes its code; one that fits several regions is asked again rather than guessed.
        Regions = await RegionLookup.AllAsync(db, ct);
        var (region, ambiguous) = Lookup.Read([RegionCode], Regions, t);
        RegionCode = region.Count == 0 ? null : string.Join(", ", region);
        if (ambiguous.Count > 0)
        {
            Errors.AddRange(ambiguous);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(ct);
            return;
        }
        var request = new InvitationRequest(Email, DisplayName, new RoleRequest(Kind, PactCode, RegionCode, OrganisationId), null);
        switch (await accounts.InviteAsync(request, AccountsApi.SetPasswordUrl(HttpContext), ct))
        {
            case AccountOutcome<PactwerkUser>.Done done:
                Invited = done.Value.Email;
                (DisplayName, Email, RegionCode) = ("", "", null);
                break;
            case AccountOutcome<PactwerkUser>.Invalid invalid:
                Errors.AddRange(invalid.Errors.SelectMany(e => e.Value));
                break;
            case AccountOutcome<PactwerkUser>.Forbidden forbidden:
                Response.StatusCode = StatusCodes.Status403Forbidden;
                Errors.Add(forbidden.Reason);
                break;
        }
        await LoadAsync(ct);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Pacts = await db.Pacts.OrderBy(p => p.Name).Select(p => new Option(p.Code, p.Name)).ToListAsync(ct);
        Organisations = await db.Organisations.OrderBy(o => o.Name).Select(o => new OrganisationOption(o.Id, o.Name)).ToListAsync(ct);
        Regions = await RegionLookup.AllAsync(db, ct);
    }

    public IReadOnlyList<LookupItem> Regions { get; private set; } = [];

    /// <summary>The region of a regional role: a picker that falls back to a text field for a code or a name.</summary>
    public Picker RegionPicker() => new("RegionCode", nameof(RegionCode), t["Regio (voor regionale rollen)"].Value, "/api/v1/lookup/regions")
    {
        Options = Picker.SelectOrText(Regions), EmptyLabel = t["(geen)"].Value, MaxLength = 100, Text = RegionCode,
        Chosen = Picker.Labelled([RegionCode ?? ""], Regions), Hint = t["Zoek op naam of code; zonder JavaScript een code of naam."].Value,
    };

    /// <summary>The organisation of a partner editor: a picker that falls back to the select of every organisation (the id is what is bound).</summary>
    public Picker OrganisationPicker()
    {
        var options = Organisations.Select(o => new LookupItem(o.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), o.Name, null)).ToList();
        return new("OrganisationId", nameof(OrganisationId), t["Organisatie (voor partnerredacteuren)"].Value, "/api/v1/lookup/organisations")
        {
            Options = options, EmptyLabel = t["(geen)"].Value,
            Chosen = OrganisationId is { } id ? Picker.Labelled([id.ToString(System.Globalization.CultureInfo.InvariantCulture)], options) : [],
        };
    }
}
