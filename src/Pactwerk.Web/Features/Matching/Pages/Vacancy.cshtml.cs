using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.Matching.Scoring;

namespace Pactwerk.Web.Features.Matching;

/// <summary>
/// One vacancy as everyone may read it: what the API's <c>GET /vacancies/{id}</c> gives (through the same
/// <see cref="VacanciesApi.DescribeAsync"/>), with the competences' names in the reader's language. Nothing about candidates
/// or proposals: those belong to the organisation's and the coordinators' own pages.
/// </summary>
/// <remarks>
/// A vacancy past its last open day is still shown, marked closed, rather than answered with a 404: a job seeker who follows
/// a link they saved or were sent expects to learn that the job is no longer open (and where the employer's open ones are),
/// not that the address is broken. The rankings and the open lists leave closed vacancies out, so nobody is led here to apply.
/// </remarks>
[AllowAnonymous]
public sealed class VacancyPageModel(PactwerkDb db, AccessScopeProvider scopes, TimeProvider clock) : PageModel
{
    /// <summary>A competence the vacancy asks, as the page shows it.</summary>
    public sealed record AskedRow(string Code, string Name, int MinimumLevel, int Weight);

    [FromRoute] public int Id { get; set; }

    public VacancyDto Details { get; private set; } = null!;
    public bool Closed { get; private set; }
    public bool MayPublish { get; private set; }
    public IReadOnlyList<AskedRow> Required { get; private set; } = [];
    public IReadOnlyList<AskedRow> Desirable { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if ((await VacanciesApi.DescribeAsync(db, db.Set<Vacancy>().Where(v => v.Id == Id), ct)).SingleOrDefault() is not { } vacancy)
            return NotFound();
        Details = vacancy;
        Closed = vacancy.OpenUntil < Openings.Today(clock);
        MayPublish = MatchingAccess.PublishesVacanciesFor(await scopes.GetAsync(ct), vacancy.OrganisationId);
        // The public shape names a competence in Dutch; the English name, where the framework has one, is read here.
        var ids = vacancy.Requirements.Select(r => r.CompetenceId).ToList();
        var english = await db.Competences.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.NameEn, ct);
        AskedRow Row(RequirementDto r) => new(r.Code, MatchingPageText.Name(r.Name, english.GetValueOrDefault(r.CompetenceId)), r.MinimumLevel, r.Weight);
        Required = vacancy.Requirements.Where(r => r.Required).Select(Row).ToList();
        Desirable = vacancy.Requirements.Where(r => !r.Required).Select(Row).ToList();
        return Page();
    }
}
