using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.Regions;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Network;

/// <summary>
/// New organisation (/organisaties/nieuw) or a change to one; who may is decided by
/// <see cref="OrganisationEditor"/>, the same rules as the API. Someone of another linked pact, who
/// may not change the shared record, gets the same form to propose the change to its owner.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class EditOrganisationModel(PactwerkDb db, OrganisationEditor editor, SharedRecords shared, ProposalDesk proposals) : EditPageModel
{
    public sealed record MunicipalityChoice(string Code, string Name);

    public int? Id { get; private set; }
    public string OriginalName { get; private set; } = "";
    [BindProperty] public OrganisationInput Input { get; set; } = new();
    /// <summary>The form proposes the change to the owner instead of saving it (see <see cref="SharedRecords"/>).</summary>
    public bool Proposing { get; private set; }
    [BindProperty] public string? Reason { get; set; }
    public IReadOnlyList<MunicipalityChoice> Municipalities { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        Id = id;
        if (id is null)
            return await MayCreateOr(ct) ?? await PageAsync(ct);
        var o = await db.Organisations.AsNoTracking().Include(o => o.Municipality).SingleOrDefaultAsync(o => o.Id == id, ct);
        if (o is null)
            return NotFound();
        if (await MayEditOrProposeAsync(o.Id, ct) is { } refused)
            return refused;
        OriginalName = o.Name;
        Input = new OrganisationInput
        {
            Name = o.Name, Helix = o.Helix.ToString(), Kind = o.Kind.ToString(), Sectors = o.Sectors, MunicipalityCode = o.Municipality?.Code,
            KvkNumber = o.KvkNumber, DuoCode = o.DuoCode, Website = o.Website, Description = o.Description, Version = o.Version,
        };
        return await PageAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        Id = id;
        if (id is null && await MayCreateOr(ct) is { } refused)
            return refused;
        if (id is not null && await MayEditOrProposeAsync(id.Value, ct) is { } notHers)
            return notHers;
        if (Proposing && await SaveAsync(() => proposals.ProposeOrganisationAsync(id!.Value, new ProposalInput<OrganisationInput> { Changes = Input, Reason = Reason }, ct),
                _ => "/voorstellen") is { } proposed)
            return proposed;
        if (!Proposing && await SaveAsync(() => id is null ? editor.CreateAsync(Input, ct) : editor.UpdateAsync(id.Value, Input, ct),
                o => $"/organisaties/{o.Id}", current => Input.Version = current.Version) is { } answer)
            return answer;
        OriginalName = id is null ? "" : await db.Organisations.Where(o => o.Id == id).Select(o => o.Name).SingleAsync(ct);
        return await PageAsync(ct);
    }

    private async Task<IActionResult?> MayEditOrProposeAsync(int id, CancellationToken ct)
    {
        if (await editor.MayEditAsync(id, ct))
            return null;
        Proposing = await shared.MayProposeOrganisationChangeAsync(id, ct);
        return Proposing ? null : Forbid();
    }

    private async Task<IActionResult?> MayCreateOr(CancellationToken ct) => await editor.MayCreateAsync(ct) ? null : Forbid();

    private async Task<IActionResult> PageAsync(CancellationToken ct)
    {
        Municipalities = (await db.Regions.Where(r => r.RegionSet.Kind == RegionSetKind.Municipalities && r.ValidTo == null)
            .Select(r => new MunicipalityChoice(r.Code, r.Name)).ToListAsync(ct)).OrderBy(m => m.Name, Values.Dutch).ToList();
        return Page();
    }
}
