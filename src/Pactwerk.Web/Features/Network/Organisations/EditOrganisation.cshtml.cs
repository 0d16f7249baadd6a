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
/// <see cref="OrganisationEditor"/>, the same rules as the API.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class EditOrganisationModel(PactwerkDb db, OrganisationEditor editor) : EditPageModel
{
    public sealed record MunicipalityChoice(string Code, string Name);

    public int? Id { get; private set; }
    public string OriginalName { get; private set; } = "";
    [BindProperty] public OrganisationInput Input { get; set; } = new();
    public IReadOnlyList<MunicipalityChoice> Municipalities { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        Id = id;
        if (id is null)
            return await MayCreateOr(ct) ?? await PageAsync(ct);
        var o = await db.Organisations.AsNoTracking().Include(o => o.Municipality).SingleOrDefaultAsync(o => o.Id == id, ct);
        if (o is null)
            return NotFound();
        if (!await editor.MayEditAsync(o.Id, ct))
            return Forbid();
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
        if (await SaveAsync(() => id is null ? editor.CreateAsync(Input, ct) : editor.UpdateAsync(id.Value, Input, ct),
                o => $"/organisaties/{o.Id}", current => Input.Version = current.Version) is { } answer)
            return answer;
        OriginalName = id is null ? "" : await db.Organisations.Where(o => o.Id == id).Select(o => o.Name).SingleAsync(ct);
        return await PageAsync(ct);
    }

    private async Task<IActionResult?> MayCreateOr(CancellationToken ct) => await editor.MayCreateAsync(ct) ? null : Forbid();

    private async Task<IActionResult> PageAsync(CancellationToken ct)
    {
        Municipalities = (await db.Regions.Where(r => r.RegionSet.Kind == RegionSetKind.Municipalities && r.ValidTo == null)
            .Select(r => new MunicipalityChoice(r.Code, r.Name)).ToListAsync(ct)).OrderBy(m => m.Name, Values.Dutch).ToList();
        return Page();
    }
}
