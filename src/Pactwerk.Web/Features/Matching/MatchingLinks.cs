using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.Matching;

public sealed record MatchingLink(string Href, string Text);

/// <summary>
/// The way into matching from where people already are: a learning place's page (its candidates and what it asks), an
/// organisation's page (its vacancies, and publishing one) and the account page (the reader's own competences and the places
/// and vacancies that fit them; for a scheme's officers, the competences of voucher courses). Only links the reader may follow are shown,
/// decided by <see cref="MatchingAccess"/> as the pages themselves decide, so a link never leads to a refusal.
/// </summary>
/// <remarks>Used from other areas' pages by name: <c>Component.InvokeAsync("MatchingLinks", new { place = 12 })</c>,
/// <c>new { organisation = 3 }</c> or <c>new { mine = true }</c>.</remarks>
public sealed class MatchingLinksViewComponent(PactwerkDb db, AccessScopeProvider scopes) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(int? place = null, int? organisation = null, bool mine = false)
    {
        var ct = HttpContext.RequestAborted;
        var scope = await scopes.GetAsync(ct);
        var links = new List<MatchingLink>();
        if (scope.IsSignedIn && place is { } placeId
            && await db.Set<LearningPlaces.LearningPlace>().AsNoTracking().Where(p => p.Id == placeId).Select(p => (int?)p.OrganisationId).SingleOrDefaultAsync(ct) is { } placeOrganisation)
        {
            if (MatchingAccess.SeesCandidatesFor(scope, placeOrganisation))
                links.Add(new($"/leerplekken/{placeId}/kandidaten", "Kandidaten voor deze leerplek"));
            if (MatchingAccess.EditsRequirementsFor(scope, placeOrganisation))
                links.Add(new($"/leerplekken/{placeId}/eisen", "Gevraagde competenties"));
        }
        // An organisation's vacancies are public; its staff publish them.
        if (organisation is { } organisationId)
        {
            links.Add(new($"/organisaties/{organisationId}/vacatures", "Vacatures"));
            if (MatchingAccess.PublishesVacanciesFor(scope, organisationId))
                links.Add(new($"/organisaties/{organisationId}/vacatures/nieuw", "Vacature publiceren"));
        }
        // Every signed-in person may keep a candidate profile; the pages themselves say what is still missing.
        if (scope.IsSignedIn && mine)
        {
            links.Add(new("/mijn-competenties", "Mijn competenties"));
            links.Add(new("/mijn-competenties/leerplekken", "Leerplekken die bij mij passen"));
            links.Add(new("/mijn-competenties/vacatures", "Vacatures die bij mij passen"));
            if ((await db.VoucherSchemes.AsNoTracking().ToListAsync(ct)).Any(s => MatchingAccess.KeepsCourseCompetences(scope, s)))
                links.Add(new("/vouchercursussen/competenties", "Competenties van vouchercursussen"));
        }
        return View("~/Features/Matching/_MatchingLinks.cshtml", (Links: (IReadOnlyList<MatchingLink>)links, Mine: mine));
    }
}
