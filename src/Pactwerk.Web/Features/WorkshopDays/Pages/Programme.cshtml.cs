using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.WorkshopDays;

/// <summary>The coordinator adds the event's days, time slots, workshops and volunteer shifts, one small form each.</summary>
[Authorize]
public sealed class ProgrammeModel(WorkshopDayQueries queries, WorkshopDayEditor editor, AccessScopeProvider scopes, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Slug { get; set; } = "";
    [BindProperty(SupportsGet = true, Name = "opgeslagen")] public bool Saved { get; set; }
    public WorkshopDayView? View { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        View = await queries.FindAsync(Slug, ct);
        if (View is null)
            return NotFound();
        return WorkshopDayAccess.MayCoordinate(await scopes.GetAsync(ct), View.PactId) ? Page() : Forbid();
    }

    public Task<IActionResult> OnPostDayAsync(DateOnly? date, CancellationToken ct) => AnswerAsync(editor.AddDayAsync(Slug, new DayInput(date), ct), ct);
    public Task<IActionResult> OnPostSlotAsync(int? dayId, TimeOnly? startsAt, CancellationToken ct) => AnswerAsync(editor.AddSlotAsync(Slug, new SlotInput(dayId, startsAt), ct), ct);
    public Task<IActionResult> OnPostWorkshopAsync(int? dayId, string? title, string? provider, string? theme, string? ageGroup, int? capacity, int? duration, CancellationToken ct) =>
        AnswerAsync(editor.AddWorkshopAsync(Slug, new WorkshopInput(dayId, title, provider, theme, ageGroup, capacity, duration), ct), ct);
    public Task<IActionResult> OnPostShiftAsync(int? dayId, string? task, TimeOnly? startsAt, TimeOnly? endsAt, int? needed, CancellationToken ct) =>
        AnswerAsync(editor.AddShiftAsync(Slug, new ShiftInput(dayId, task, startsAt, endsAt, needed), ct), ct);

    private async Task<IActionResult> AnswerAsync(Task<EditAnswer> edit, CancellationToken ct)
    {
        var answer = await edit;
        if (answer.Forbidden)
            return await queries.FindAsync(Slug, ct) is null ? NotFound() : Forbid();
        if (answer.Slug is not null)
            return Redirect($"/workshopdagen/{Slug}/programma?opgeslagen=true");
        Error = answer.Refusal!.In(t);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        View = await queries.FindAsync(Slug, ct);
        return Page();
    }
}
