using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.LearningPlaces;

/// <summary>
/// An organisation's supervisors (praktijkopleiders) for its staff: who they are, how many learners each guides at once, and
/// a form to add one or change a capacity, both saved by <see cref="SupervisorEditor"/> as the API's. A change of capacity
/// keeps the supervisor's name and absences as they are.
/// </summary>
[Microsoft.AspNetCore.Authorization.Authorize]
public sealed class SupervisorsModel(PactwerkDb db, AccessScopeProvider scopes, SupervisorEditor editor, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed record Row(int Id, string Name, int Capacity, int Places, IReadOnlyList<PeriodDto> Absences);

    [BindProperty(SupportsGet = true, Name = "organisatie")] public int? OrganisationId { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Capacity { get; set; }
    /// <summary>The supervisor whose capacity is changed; null when one is added.</summary>
    [BindProperty] public int? SupervisorId { get; set; }

    public IReadOnlyList<LookupItem> Organisations { get; private set; } = [];
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public Dictionary<string, string[]> Errors { get; } = [];
    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "opgeslagen")] bool saved, CancellationToken ct)
    {
        if (await RefuseAsync(ct) is { } refused)
            return refused;
        Saved = saved;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await RefuseAsync(ct) is { } refused)
            return refused;
        if (OrganisationId is null)
            return BadRequest();
        // A number that is not a whole one (2,5) goes to the editor as one out of range, so its own message names the field.
        int? capacity = string.IsNullOrWhiteSpace(Capacity) ? null
            : int.TryParse(Capacity.Trim(), NumberStyles.Integer, CultureInfo.CurrentCulture, out var n) ? n : 0;
        SupervisorInput input;
        if (SupervisorId is { } id)
        {
            if (Rows.FirstOrDefault(r => r.Id == id) is not { } row)
                return NotFound();
            input = new SupervisorInput(OrganisationId, row.Name, capacity, row.Absences.Select(a => new PeriodInput(LearningPlacePageText.Iso(a.From), LearningPlacePageText.Iso(a.To))).ToList());
        }
        else
            input = new SupervisorInput(OrganisationId, Name, capacity);
        switch (await editor.SaveAsync(SupervisorId, input, ct))
        {
            case SupervisorEditOutcome.Saved:
                return Redirect($"/leerplekken/begeleiders?organisatie={OrganisationId}&opgeslagen=true");
            case SupervisorEditOutcome.Invalid invalid:
                foreach (var (field, messages) in invalid.Errors)
                    Errors[FieldId(field)] = messages.Select(m => LearningPlaceMessages.Localise(t, m)).ToArray();
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            case SupervisorEditOutcome.NotFound:
                return NotFound();
            default:
                return Forbid();
        }
    }

    /// <summary>The id of the field a message belongs to: a row's own capacity field when a capacity was changed.</summary>
    public string FieldId(string field) => SupervisorId is { } id && field == "capacity" ? $"capacity-{id}" : field;

    /// <summary>A sign-in for the anonymous, a refusal for whoever does not act for the organisation; null when the page may be shown.</summary>
    private async Task<IActionResult?> RefuseAsync(CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        var own = LearningPlaceAccess.OrganisationsOf(scope);
        if (!scope.IsAdministrator && own.Count == 0)
            return Forbid();
        Organisations = await db.Organisations.AsNoTracking().Where(o => scope.IsAdministrator || own.Contains(o.Id)).OrderBy(o => o.Name)
            .Select(o => new LookupItem(o.Id.ToString(), o.Name, null)).ToListAsync(ct);
        if (OrganisationId is null && own.Count == 1)
            OrganisationId = own[0];
        if (OrganisationId is not { } organisation)
            return null;
        if (!LearningPlaceAccess.ActsFor(scope, organisation, forChange: false))
            return Forbid();
        var supervisors = await db.Set<Supervisor>().AsNoTracking().Include(s => s.Absences).Where(s => s.OrganisationId == organisation)
            .OrderBy(s => s.Name).ThenBy(s => s.Id).ToListAsync(ct);
        var ids = supervisors.Select(s => s.Id).ToList();
        var links = await db.Set<LearningPlaceSupervisor>().Where(l => ids.Contains(l.SupervisorId)).Select(l => l.SupervisorId).ToListAsync(ct);
        Rows = supervisors.Select(s => new Row(s.Id, s.Name, s.Capacity, links.Count(l => l == s.Id),
            s.Absences.OrderBy(a => a.From).Select(a => new PeriodDto(a.From, a.To)).ToList())).ToList();
        return null;
    }

    public string? Described(string field, string? hint = null) => Errors.ContainsKey(field) ? $"{hint} fout-{field}".Trim() : hint;
    public string? Invalid(string field) => Errors.ContainsKey(field) ? "true" : null;
}
