using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Programmes;

/// <summary>The retraining programmes, with their owners and targets: public.</summary>
[AllowAnonymous]
public sealed class ProgrammesIndexModel(PactwerkDb db, Accounts.AccessScopeProvider scopes) : PageModel
{
    public sealed record Row(string Code, string Name, string Owner, decimal CertificateRate, decimal JobRate, decimal WomenShare, int Cohorts);

    public IReadOnlyList<Row> Programmes { get; private set; } = [];
    /// <summary>The reader may set up a programme: the page links the form.</summary>
    public bool MaySetUp { get; private set; }
    /// <summary>Back from removing a programme: the page says so.</summary>
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true, Name = "verwijderd")] public bool Removed { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        MaySetUp = ProgrammeAccess.MaySetUpAny(await scopes.GetAsync(ct));
        Programmes = await db.Set<Programme>().AsNoTracking().OrderBy(p => p.Name)
            .Select(p => new Row(p.Code, p.Name, db.Organisations.Where(o => o.Id == p.OwnerOrganisationId).Select(o => o.Name).Single(),
                p.TargetCertificateRate, p.TargetJobRate, p.TargetWomenShare, p.Cohorts.Count)).ToListAsync(ct);
    }
}
