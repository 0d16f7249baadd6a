using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Network;

/// <summary>A person's roles and organisation; contact details for signed-in members only (AVG/GDPR).</summary>
[AllowAnonymous]
public sealed class PersonModel(PactwerkDb db, AccessScopeProvider scopes, PersonEditor editor, SharedRecords shared, TimeProvider clock) : PageModel
{
    public PeopleApi.PersonDto Person { get; private set; } = null!;
    public IReadOnlyList<RoleDto> Roles { get; private set; } = [];
    public bool SignedIn { get; private set; }
    public bool Editable { get; private set; }
    /// <summary>May not change the shared record but may propose a change to its owner (see <see cref="SharedRecords"/>).</summary>
    public bool MayPropose { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await PeopleApi.Query(db, id, ct) is not { } person)
            return NotFound();
        SignedIn = (await scopes.GetAsync(ct)).IsSignedIn;
        Person = SignedIn ? person : person with { Email = null, Phone = null };
        Editable = SignedIn && !person.Erased && await editor.MayEditAsync(person.Id, person.OrganisationId, ct);
        MayPropose = SignedIn && !person.Erased && !Editable && await shared.MayProposePersonChangeAsync(person.Id, person.OrganisationId, ct);
        var today = clock.Today();
        // Current roles first, then the history, newest first.
        Roles = (await NetworkQueries.RolesAsync(db, today, r => r.PersonId == id, ct))
            .OrderByDescending(r => r.Current).ThenBy(r => r.Ended).ThenByDescending(r => r.ValidFrom ?? DateOnly.MinValue).ToList();
        return Page();
    }
}
