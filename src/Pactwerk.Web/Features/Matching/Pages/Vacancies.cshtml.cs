using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.Matching;

/// <summary>An organisation's open vacancies, as the API lists them to everyone; its staff publish and change them from here.</summary>
[AllowAnonymous]
public sealed class VacanciesModel(PactwerkDb db, AccessScopeProvider scopes, TimeProvider clock) : PageModel
{
    [FromRoute(Name = "organisation")] public int Organisation { get; set; }
    [FromQuery(Name = "opgeslagen")] public int? Saved { get; set; }

    public string OrganisationName { get; private set; } = "";
    public bool MayPublish { get; private set; }
    /// <summary>The staff (blind) and coordinators reach each vacancy's ranked candidates, and propose, from the list.</summary>
    public bool MaySeeCandidates { get; private set; }
    public IReadOnlyList<VacancyDto> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await db.Organisations.AsNoTracking().Where(o => o.Id == Organisation).Select(o => o.Name).SingleOrDefaultAsync(ct) is not { } name)
            return NotFound();
        OrganisationName = name;
        var scope = await scopes.GetAsync(ct);
        MayPublish = MatchingAccess.PublishesVacanciesFor(scope, Organisation);
        MaySeeCandidates = MatchingAccess.SeesCandidatesFor(scope, Organisation);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        Rows = await VacanciesApi.DescribeAsync(db, db.Set<Vacancy>().Where(v => v.OrganisationId == Organisation && v.OpenUntil >= today), ct);
        return Page();
    }
}
