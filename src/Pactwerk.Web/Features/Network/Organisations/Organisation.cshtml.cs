using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Network;

/// <summary>An organisation; its pacts' coordinators record signatures and withdrawals here.</summary>
[AllowAnonymous]
public sealed class OrganisationModel(PactwerkDb db, OrganisationEditor editor, PersonEditor people, PactNetworkEditor network,
    AccessScopeProvider scopes, SharedRecords shared, TimeProvider clock) : EditPageModel
{
    public sealed record PactChoice(string Code, string Name);

    public OrganisationDetail Organisation { get; private set; } = null!;
    public bool Editable { get; private set; }
    /// <summary>May not edit the shared record but works in a pact linked to it: may propose a change.</summary>
    public bool MayPropose { get; private set; }
    public bool MayAddPeople { get; private set; }
    /// <summary>The pacts whose signatures the current user may record.</summary>
    public IReadOnlyList<PactChoice> CoordinatedPacts { get; private set; } = [];
    [BindProperty] public SignatoryInput Signature { get; set; } = new();
    [BindProperty] public string? SignaturePact { get; set; }
    [BindProperty] public WithdrawalInput Withdrawal { get; set; } = new();
    [FromQuery(Name = "opgeslagen")] public bool Saved { get; set; }
    /// <summary>The form that was sent and refused, shown open again with what was typed.</summary>
    public string? OpenForm { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostSignAsync(int id, CancellationToken ct)
    {
        OpenForm = "sign";
        Signature.OrganisationId = id;
        return await OutcomeAsync(id, await network.AddSignatoryAsync(SignaturePact ?? "", Signature, ct), ct);
    }

    public async Task<IActionResult> OnPostWithdrawAsync(int id, int signatoryId, CancellationToken ct)
    {
        OpenForm = $"withdraw-{signatoryId}";
        var pact = await db.PactSignatories.Where(s => s.Id == signatoryId && s.OrganisationId == id)
            .Select(s => db.Pacts.Where(p => p.Id == s.PactId).Select(p => p.Code).First()).SingleOrDefaultAsync(ct);
        if (pact is null)
            return NotFound();
        return await OutcomeAsync(id, await network.WithdrawAsync(pact, signatoryId, Withdrawal, ct), ct);
    }

    private async Task<IActionResult> OutcomeAsync(int id, EditOutcome<PactSignatory> outcome, CancellationToken ct) =>
        Answer(outcome, _ => $"/organisaties/{id}?opgeslagen=true")
            ?? (await LoadAsync(id, ct) ? Page() : NotFound());

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        if (await NetworkQueries.OrganisationAsync(db, id, clock.Today(), ct) is not { } organisation)
            return false;
        Organisation = organisation;
        Editable = await editor.MayEditAsync(id, ct);
        MayPropose = !Editable && await shared.MayProposeOrganisationChangeAsync(id, ct);
        MayAddPeople = await people.MayEditAsync(null, id, ct);
        var scope = await scopes.GetAsync(ct);
        if (scope.IsSignedIn && !scope.ReadOnly)
            CoordinatedPacts = (await db.Pacts.OrderBy(p => p.Name).Select(p => new { p.Id, p.Code, p.Name }).ToListAsync(ct))
                .Where(p => scope.Coordinates(p.Id)).Select(p => new PactChoice(p.Code, p.Name)).ToList();
        return true;
    }
}
