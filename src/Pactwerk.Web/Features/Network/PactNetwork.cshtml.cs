using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Regions;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Network;

/// <summary>A pact's network: who holds which role (and who did before), and who signed. Its coordinators assign and end roles here.</summary>
[AllowAnonymous]
public sealed class PactNetworkModel(PactwerkDb db, PactNetworkEditor editor, TimeProvider clock) : EditPageModel
{
    public sealed record Choice(int Id, string Name);

    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public IReadOnlyList<RoleDto> Roles { get; private set; } = [];
    public IReadOnlyList<SignatoryDto> Signatories { get; private set; } = [];
    public bool Manages { get; private set; }
    public IReadOnlyList<Choice> People { get; private set; } = [];
    public IReadOnlyList<Choice> Organisations { get; private set; } = [];
    [BindProperty] public RoleInput Role { get; set; } = new();
    [BindProperty] public EndRoleInput End { get; set; } = new();
    [FromQuery(Name = "opgeslagen")] public bool Saved { get; set; }
    /// <summary>Whether the refused form was the one that assigns a role (shown open again with what was typed).</summary>
    public bool AddRoleRefused { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct) => await LoadAsync(code, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAddRoleAsync(string code, CancellationToken ct)
    {
        AddRoleRefused = true;
        // A region name typed without script becomes its code; one that fits several regions is asked again rather than guessed.
        var (region, ambiguous) = Lookup.Read([Role.RegionCode], await RegionLookup.AllAsync(db, ct), Localiser);
        Role.RegionCode = region.Count == 0 ? null : string.Join(", ", region);
        if (ambiguous.Count > 0)
        {
            foreach (var message in ambiguous)
                ModelState.AddModelError("", message);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await LoadAsync(code, ct) ? Page() : NotFound();
        }
        return await OutcomeAsync(code, await editor.AddRoleAsync(code.ToLowerInvariant(), Role, ct), ct);
    }

    public async Task<IActionResult> OnPostEndRoleAsync(string code, int roleId, CancellationToken ct)
    {
        return await OutcomeAsync(code, await editor.EndRoleAsync(code.ToLowerInvariant(), roleId, End, ct), ct);
    }

    private async Task<IActionResult> OutcomeAsync(string code, EditOutcome<PactRole> outcome, CancellationToken ct) =>
        Answer(outcome, _ => $"/pact/{code}/netwerk?opgeslagen=true")
            ?? (await LoadAsync(code, ct) ? Page() : NotFound());

    private async Task<bool> LoadAsync(string code, CancellationToken ct)
    {
        var pact = await Pacts.PactLookup.FindAsync(db, code, ct);
        if (pact is null)
            return false;
        (Code, Name) = (pact.Code, pact.Name);
        var today = clock.Today();
        Roles = await NetworkQueries.RolesAsync(db, today, r => r.PactId == pact.Id, ct);
        Signatories = await NetworkQueries.Signatories(db, today, s => s.PactId == pact.Id).ToListAsync(ct);
        Manages = await editor.MayEditAsync(pact.Id, ct);
        if (Manages)
        {
            People = await db.People.Where(p => p.ErasedAt == null).OrderBy(p => p.Name).Select(p => new Choice(p.Id, p.Name)).ToListAsync(ct);
            Organisations = await db.Organisations.OrderBy(o => o.Name).Select(o => new Choice(o.Id, o.Name)).ToListAsync(ct);
            RegionChoices = await RegionLookup.AllAsync(db, ct);
        }
        return true;
    }

    public IReadOnlyList<LookupItem> RegionChoices { get; private set; } = [];

    /// <summary>The region of a regional role: a picker that falls back to a text field for a code or a name.</summary>
    public Picker RegionPicker() => new("Role_RegionCode", "Role.RegionCode", Localiser["Regio (voor regionale rollen)"].Value, "/api/v1/lookup/regions")
    {
        Options = Picker.SelectOrText(RegionChoices), EmptyLabel = Localiser["Geen"].Value, MaxLength = 100, Text = Role.RegionCode,
        Chosen = Picker.Labelled([Role.RegionCode ?? ""], RegionChoices), Hint = Localiser["Zoek op naam of code; zonder JavaScript een code of naam."].Value,
    };

    /// <summary>The organisation of a contact: a picker that falls back to the select of every organisation (the id is what is bound).</summary>
    public Picker OrganisationPicker()
    {
        var options = Organisations.Select(o => new LookupItem(o.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), o.Name, null)).ToList();
        return new("Role_OrganisationId", "Role.OrganisationId", Localiser["Organisatie (voor een contactpersoon)"].Value, "/api/v1/lookup/organisations")
        {
            Options = options, EmptyLabel = Localiser["Geen"].Value,
            Chosen = Role.OrganisationId is { } id ? Picker.Labelled([id.ToString(System.Globalization.CultureInfo.InvariantCulture)], options) : [],
        };
    }
}
