using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Network;

/// <summary>
/// New person (/personen/nieuw) or a change to one; the rules are <see cref="PersonEditor"/>'s.
/// Someone of another linked pact, who may not change the shared record, gets the same form to
/// propose the change to its owner (<see cref="SharedRecords"/>).
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class EditPersonModel(PactwerkDb db, PersonEditor editor, SharedRecords shared, ProposalDesk proposals) : EditPageModel
{
    public sealed record OrganisationChoice(int Id, string Name);

    public int? Id { get; private set; }
    public string OriginalName { get; private set; } = "";
    [BindProperty] public PersonInput Input { get; set; } = new();
    public IReadOnlyList<OrganisationChoice> Organisations { get; private set; } = [];
    /// <summary>The form proposes the change to the owner instead of saving it.</summary>
    public bool Proposing { get; private set; }
    [BindProperty] public string? Reason { get; set; }

    /// <param name="organisatie">For a new person: the organisation they work at, when the form was opened from its page.</param>
    public async Task<IActionResult> OnGetAsync(int? id, int? organisatie, CancellationToken ct)
    {
        Id = id;
        if (id is null)
        {
            Input.OrganisationId = organisatie;
            return await editor.MayEditAsync(null, organisatie, ct) ? await PageAsync(ct) : Forbid();
        }
        var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        if (person is null)
            return NotFound();
        if (await MayEditOrProposeAsync(person, ct) is { } refused)
            return refused;
        OriginalName = person.Name;
        Input = new PersonInput
        {
            Name = person.Name, JobTitle = person.JobTitle, OrganisationId = person.OrganisationId, Email = person.Email, Phone = person.Phone,
            Version = person.Version,
        };
        return await PageAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        Id = id;
        if (id is not null)
        {
            var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
            if (person is null)
                return NotFound();
            if (await MayEditOrProposeAsync(person, ct) is { } refused)
                return refused;
        }
        if (Proposing && await SaveAsync(() => proposals.ProposePersonAsync(id!.Value, new ProposalInput<PersonInput> { Changes = Input, Reason = Reason }, ct),
                _ => "/voorstellen") is { } proposed)
            return proposed;
        if (!Proposing && await SaveAsync(() => id is null ? editor.CreateAsync(Input, ct) : editor.UpdateAsync(id.Value, Input, ct),
                p => $"/personen/{p.Id}", current => Input.Version = current.Version) is { } answer)
            return answer;
        OriginalName = id is null ? "" : await db.People.Where(p => p.Id == id).Select(p => p.Name).SingleAsync(ct);
        return await PageAsync(ct);
    }

    /// <summary>Null when the caller may edit the person or propose a change (then <see cref="Proposing"/>); otherwise the refusal.</summary>
    private async Task<IActionResult?> MayEditOrProposeAsync(Person person, CancellationToken ct)
    {
        if (await editor.MayEditAsync(person.Id, person.OrganisationId, ct))
            return null;
        Proposing = person.ErasedAt is null && await shared.MayProposePersonChangeAsync(person.Id, person.OrganisationId, ct);
        return Proposing ? null : Forbid();
    }

    private async Task<IActionResult> PageAsync(CancellationToken ct)
    {
        Organisations = await db.Organisations.OrderBy(o => o.Name).Select(o => new OrganisationChoice(o.Id, o.Name)).ToListAsync(ct);
        return Page();
    }
}
