using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Monitor;
using Pactwerk.Web.Features.Newsletter;

namespace Pactwerk.Web.Features.Home;

/// <summary>The home of one pact: what it is, its objectives, its landsdelen, its latest monitor and its news.</summary>
[AllowAnonymous]
public sealed class PactHomeModel(PactwerkDb db) : PageModel
{
    public sealed record PactInfo(int Id, string Code, string Name, string Summary, DateOnly SignedOn, int InitialSignatoryCount, string? Website);
    public sealed record ObjectiveRow(int Number, string Title, bool IsDemoContent);
    public sealed record LandsdeelRow(string Code, string Name);
    public sealed record NewsRow(int Id, string Title, DateTime SentAt);

    public PactInfo Pact { get; private set; } = null!;
    public IReadOnlyList<ObjectiveRow> Objectives { get; private set; } = [];
    public IReadOnlyList<LandsdeelRow> Landsdelen { get; private set; } = [];
    public string? LandsdeelSet { get; private set; }
    public EditionRef? Edition { get; private set; }
    public IReadOnlyList<NewsRow> News { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        var normalised = code.Trim().ToLowerInvariant();
        var pact = await db.Pacts.AsNoTracking().Where(p => p.Code == normalised)
            .Select(p => new PactInfo(p.Id, p.Code, p.Name, p.Summary, p.SignedOn, p.InitialSignatoryCount, p.Website)).SingleOrDefaultAsync(ct);
        if (pact is null)
            return NotFound();
        Pact = pact;
        Objectives = await db.Objectives.AsNoTracking().Where(o => o.PactId == pact.Id).OrderBy(o => o.Number)
            .Select(o => new ObjectiveRow(o.Number, o.Title, o.IsDemoContent)).ToListAsync(ct);
        // The pact's own grouping (the landsdelen); a pact may have none yet.
        var set = await db.RegionSets.AsNoTracking().Where(s => s.PactId == pact.Id).OrderBy(s => s.SortOrder)
            .Select(s => new { s.Id, s.Name }).FirstOrDefaultAsync(ct);
        LandsdeelSet = set?.Name;
        if (set is not null)
            Landsdelen = await db.Regions.AsNoTracking().Where(r => r.RegionSetId == set.Id && r.ValidTo == null).OrderBy(r => r.Name)
                .Select(r => new LandsdeelRow(r.Code, r.Name)).ToListAsync(ct);
        Edition = await LatestEdition.OfAsync(db, pact.Id, ct);
        News = (await db.Set<NewsletterEdition>().AsNoTracking().Where(e => e.PactId == pact.Id && e.Status == EditionStatus.Sent)
                .Select(e => new { e.Id, e.Title, e.SentAt }).ToListAsync(ct))
            .OrderByDescending(e => e.SentAt).Take(5).Select(e => new NewsRow(e.Id, e.Title, e.SentAt!.Value)).ToList();
        return Page();
    }
}
