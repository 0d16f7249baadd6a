using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.Matching;

/// <summary>The organisation's staff publish a vacancy with <see cref="VacancyEditor"/>, as the API's POST.</summary>
[Authorize]
public sealed class NewVacancyModel(PactwerkDb database, AccessScopeProvider scopes, VacancyEditor editor, IStringLocalizer<SharedResource> t) : VacancyFormPage(database, t)
{
    [FromRoute(Name = "organisation")] public int Organisation { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await RefuseAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await RefuseAsync(ct) is { } refused)
            return refused;
        switch (await editor.SaveAsync(null, ToInput(Organisation, null), ct))
        {
            case VacancyOutcome.Saved saved:
                return Redirect($"/organisaties/{Organisation}/vacatures?opgeslagen={saved.Vacancy.Id}");
            case VacancyOutcome.Invalid invalid:
                ShowErrors(invalid.Errors);
                return Page();
            default:
                return Forbid();
        }
    }

    private async Task<IActionResult?> RefuseAsync(CancellationToken ct)
    {
        if (await Db.Organisations.AsNoTracking().Where(o => o.Id == Organisation).Select(o => o.Name).SingleOrDefaultAsync(ct) is not { } name)
            return NotFound();
        if (!MatchingAccess.PublishesVacanciesFor(await scopes.GetAsync(ct), Organisation))
            return Forbid();
        (OrganisationId, OrganisationName) = (Organisation, name);
        await LoadRowsAsync(ct);
        return null;
    }
}
