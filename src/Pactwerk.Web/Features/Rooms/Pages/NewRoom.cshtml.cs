using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Rooms;

/// <summary>
/// Adds a room for an organisation the person acts for (an administrator for any), with the owner's own form, saved by
/// <see cref="RoomEditor"/> as the API's POST; then on to the room's owner page. Anyone who acts for no organisation is refused.
/// </summary>
[Microsoft.AspNetCore.Authorization.Authorize]
public sealed class NewRoomModel(PactwerkDb db, AccessScopeProvider scopes, RoomEditor editor, IStringLocalizer<SharedResource> t) : RoomFormPage(t)
{
    [BindProperty] public int? OrganisationId { get; set; }

    /// <summary>The organisations the room may be added for: the person's own, or every one for an administrator.</summary>
    public IReadOnlyList<LookupItem> Organisations { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await RefuseAsync(ct) is { } refused)
            return refused;
        // One organisation needs no choice; the opening hours start empty, the rules as the editor's defaults.
        if (Organisations.Count == 1)
            OrganisationId = int.Parse(Organisations[0].Value, CultureInfo.InvariantCulture);
        LeadTimeHours = "0";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await RefuseAsync(ct) is { } refused)
            return refused;
        var chosen = OrganisationId?.ToString(CultureInfo.InvariantCulture);
        if (chosen is not null && Organisations.All(o => o.Value != chosen))
            return Forbid();
        switch (await editor.SaveAsync(null, ToInput(OrganisationId, null), ct))
        {
            case RoomEditOutcome.Saved saved:
                return Redirect($"/lokalen/{saved.Room.Id}/beheer?toegevoegd=true");
            case RoomEditOutcome.Invalid invalid:
                ShowErrors(invalid);
                return Page();
            default:
                return Forbid();
        }
    }

    /// <summary>A sign-in for the anonymous, a refusal for whoever acts for no organisation; null when the page may be shown.</summary>
    private async Task<IActionResult?> RefuseAsync(CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        if (!scope.IsSignedIn)
            return Challenge();
        if (!RoomAccess.MayAddRooms(scope))
            return Forbid();
        var own = RoomAccess.OrganisationsOf(scope);
        Organisations = await db.Organisations.AsNoTracking().Where(o => scope.IsAdministrator || own.Contains(o.Id)).OrderBy(o => o.Name)
            .Select(o => new LookupItem(o.Id.ToString(), o.Name, null)).ToListAsync(ct);
        return null;
    }

    public Picker OrganisationPicker() =>
        new("organisationId", nameof(OrganisationId), Localiser["Eigenaar van het lokaal"].Value + " *", "/api/v1/lookup/organisations")
        {
            Options = Organisations, EmptyLabel = Localiser["Kies de organisatie"].Value, Required = true,
            Chosen = OrganisationId is { } id ? Picker.Labelled([id.ToString(CultureInfo.InvariantCulture)], Organisations) : [],
            Hint = Localiser["De organisatie die het lokaal deelt en over de boekingen beslist."].Value,
            ErrorId = Errors.ContainsKey("organisationId") ? "fout-organisationId" : null,
        };
}
