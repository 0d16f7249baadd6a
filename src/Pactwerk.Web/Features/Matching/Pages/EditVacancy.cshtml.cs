using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.Matching;

/// <summary>
/// The organisation changes a vacancy with <see cref="VacancyEditor"/>, as the API's PUT: with the version the form was opened
/// on, so a change made meanwhile by someone else is refused; an unchanged save writes nothing.
/// </summary>
[Authorize]
public sealed class EditVacancyModel(PactwerkDb database, AccessScopeProvider scopes, VacancyEditor editor, IStringLocalizer<SharedResource> t) : VacancyFormPage(database, t)
{
    [FromRoute] public int Id { get; set; }
    [BindProperty] public int Version { get; set; }
    /// <summary>The title as stored, for the breadcrumb's link to the vacancy's page: the form's title is what was typed, saved or not.</summary>
    public string StoredTitle { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await RefuseAsync(ct) is { } refused)
            return refused;
        var vacancy = (await VacanciesApi.DescribeAsync(Db, Db.Set<Vacancy>().Where(v => v.Id == Id), ct)).Single();
        Version = vacancy.Version;
        Fill(vacancy);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await RefuseAsync(ct) is { } refused)
            return refused;
        switch (await editor.SaveAsync(Id, ToInput(null, Version), ct))
        {
            case VacancyOutcome.Saved:
                return Redirect($"/organisaties/{OrganisationId}/vacatures?opgeslagen={Id}");
            case VacancyOutcome.Invalid invalid:
                ShowErrors(invalid.Errors);
                return Page();
            case VacancyOutcome.Stale:
                Errors["title"] = [MatchingMessages.Localise(Localiser, MatchingMessages.VacancyStale)];
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            case VacancyOutcome.NotFound:
                return NotFound();
            default:
                return Forbid();
        }
    }

    private async Task<IActionResult?> RefuseAsync(CancellationToken ct)
    {
        var found = await Db.Set<Vacancy>().AsNoTracking().Where(v => v.Id == Id)
            .Join(Db.Organisations, v => v.OrganisationId, o => o.Id, (v, o) => new { o.Id, o.Name, v.Title }).SingleOrDefaultAsync(ct);
        if (found is null)
            return NotFound();
        if (!MatchingAccess.PublishesVacanciesFor(await scopes.GetAsync(ct), found.Id))
            return Forbid();
        (OrganisationId, OrganisationName, StoredTitle) = (found.Id, found.Name, found.Title);
        await LoadRowsAsync(ct);
        return null;
    }
}
