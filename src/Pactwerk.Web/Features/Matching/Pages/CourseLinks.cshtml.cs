using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.Matching;

/// <summary>
/// The officers' page for which competences voucher courses teach: the voucher-eligible courses (of vetted providers) of the
/// schemes the reader keeps, each with the competences it closes and up to what level, where a link is added or removed. Each
/// change goes through <see cref="CourseCompetences"/> as the API's PUT does (its rules, its refusals, its audit lines);
/// who may is <see cref="MatchingAccess.KeepsCourseCompetences"/>. The voucher officers who keep them sign in with two-factor
/// here as on their schemes' own pages (the vouchers' staff policy).
/// </summary>
[Authorize(Policy = Vouchers.VouchersModule.StaffPolicy)]
public sealed class CourseLinksModel(PactwerkDb db, AccessScopeProvider scopes, CourseCompetences links, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed record CourseRow(int Id, string Title, string Provider, string Scheme, IReadOnlyList<CourseCompetenceDto> Links);

    [BindProperty] public int CourseId { get; set; }
    [BindProperty] public int? CompetenceId { get; set; }
    [BindProperty] public string? Level { get; set; }

    public IReadOnlyList<CourseRow> Courses { get; private set; } = [];
    public IReadOnlyList<RequirementRow> Competences { get; private set; } = [];
    public Dictionary<string, string[]> Errors { get; } = [];
    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "opgeslagen")] bool saved, CancellationToken ct)
    {
        Saved = saved;
        return await LoadAsync(ct) ?? Page();
    }

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
            return refused;
        if (Courses.SingleOrDefault(c => c.Id == CourseId) is not { } course)
            return NotFound();
        var field = $"competence-{CourseId}";
        if (CompetenceId is not { } competence)
            return Refuse(new() { [field] = [MatchingMessages.CompetenceNotChosen] });
        // A level that is not a whole number goes as 0, so the writer's own message names the competence.
        var level = int.TryParse(Level?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;
        var wanted = course.Links.Select(l => new CourseCompetenceInput(l.CompetenceId, l.Level)).Append(new CourseCompetenceInput(competence, level)).ToList();
        return await ReplaceAsync(course, wanted, field, ct);
    }

    public async Task<IActionResult> OnPostRemoveAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
            return refused;
        if (Courses.SingleOrDefault(c => c.Id == CourseId) is not { } course)
            return NotFound();
        var wanted = course.Links.Where(l => l.CompetenceId != CompetenceId).Select(l => new CourseCompetenceInput(l.CompetenceId, l.Level)).ToList();
        return await ReplaceAsync(course, wanted, $"competence-{CourseId}", ct);
    }

    private async Task<IActionResult> ReplaceAsync(CourseRow course, List<CourseCompetenceInput> wanted, string field, CancellationToken ct) =>
        await links.ReplaceAsync(course.Id, wanted, ct) switch
        {
            MatchingOutcome.Saved => Redirect($"/vouchercursussen/competenties?opgeslagen=true#cursus-{course.Id}"),
            MatchingOutcome.Invalid invalid => Refuse(new() { [field] = invalid.Errors.Values.SelectMany(m => m).ToArray() }),
            MatchingOutcome.NotFound => NotFound(),
            _ => Forbid(),
        };

    private PageResult Refuse(Dictionary<string, string[]> errors)
    {
        MatchingPageText.AddErrors(Errors, errors, t);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>The courses the reader keeps; a refusal when there are none they may keep.</summary>
    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        var schemes = (await db.VoucherSchemes.AsNoTracking().ToListAsync(ct)).Where(s => MatchingAccess.KeepsCourseCompetences(scope, s)).ToList();
        if (schemes.Count == 0)
            return Forbid();
        var english = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        var names = schemes.ToDictionary(s => s.Id, s => english ? s.NameEn : s.Name);
        var ids = names.Keys.ToList();
        var courses = await db.VoucherCourses.AsNoTracking()
            .Join(db.VoucherProviders.Where(p => p.Vetted && ids.Contains(p.SchemeId)), c => c.ProviderId, p => p.Id, (c, p) => new { c.Id, c.Title, Provider = p.Name, p.SchemeId })
            .ToListAsync(ct);
        var courseIds = courses.Select(c => c.Id).ToList();
        var held = (await db.Set<CourseCompetence>().AsNoTracking().Where(l => courseIds.Contains(l.CourseId))
                .Join(db.Competences, l => l.CompetenceId, c => c.Id, (l, c) => new { l.CourseId, l.CompetenceId, c.Code, c.NameNl, c.NameEn, l.Level }).ToListAsync(ct))
            .ToLookup(l => l.CourseId);
        Courses = courses.OrderBy(c => names[c.SchemeId], StringComparer.Ordinal).ThenBy(c => c.Title, StringComparer.Ordinal).ThenBy(c => c.Id)
            .Select(c => new CourseRow(c.Id, c.Title, c.Provider, names[c.SchemeId], held[c.Id].OrderBy(l => l.Code, StringComparer.Ordinal)
                .Select(l => new CourseCompetenceDto(l.CompetenceId, l.Code, MatchingPageText.Name(l.NameNl, l.NameEn), l.Level)).ToList()))
            .ToList();
        Competences = await RequirementsForm.RowsAsync(db, ct);
        return null;
    }
}
