using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.WorkshopDays;

/// <summary>The coordinator runs the allocation, sees satisfaction per school and the fill of every session, moves a class by hand and publishes; sees the waiting list and cancels a class.</summary>
[Authorize]
public sealed class AllocationModel(PactwerkDb db, WorkshopDayQueries queries, WorkshopAllocations allocations, SchoolSchedules schedules, WaitingList waitingList,
    AccessScopeProvider scopes, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Slug { get; set; } = "";
    public WorkshopDayView? View { get; private set; }
    public IReadOnlyList<SchoolSatisfaction> Satisfaction { get; private set; } = [];
    public IReadOnlyList<ScheduleRow> Schedule { get; private set; } = [];
    public IReadOnlyList<WaitingEntry> Waiting { get; private set; } = [];
    /// <summary>Every class not cancelled of a confirmed address (as elsewhere on this page, made-up registrations are not shown), to choose one to cancel.</summary>
    public IReadOnlyList<(int Id, string School, string Class)> Current { get; private set; } = [];
    public string? Error { get; private set; }
    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? gedaan, CancellationToken ct)
    {
        Done = gedaan switch
        {
            "indeling" => t["De indeling is gemaakt."].Value,
            "verplaatst" => t["De klas is verplaatst en vastgezet."].Value,
            "gepubliceerd" => t["De indeling is gepubliceerd."].Value,
            "afgemeld" => t["De klas is afgemeld. Haar plaatsen gaan naar de wachtlijst."].Value,
            _ => null,
        };
        return await ShowAsync(ct);
    }

    public async Task<IActionResult> OnPostRunAsync(CancellationToken ct)
    {
        if (await IdAsync(ct) is not { } id)
            return NotFound();
        var (_, refusal, forbidden) = await allocations.RunAsync(id, ct);
        return forbidden ? Forbid() : refusal is null ? Redirect($"/workshopdagen/{Slug}/indeling?gedaan=indeling") : await RefusedAsync(refusal, ct);
    }

    public async Task<IActionResult> OnPostMoveAsync(int? classId, int? fromWorkshopId, int? toWorkshopId, int? toSlotId, CancellationToken ct)
    {
        if (await IdAsync(ct) is not { } id)
            return NotFound();
        var (refusal, forbidden) = await allocations.MoveAsync(id, classId ?? 0, fromWorkshopId ?? 0, toWorkshopId ?? 0, toSlotId ?? 0, ct);
        return forbidden ? Forbid() : refusal is null ? Redirect($"/workshopdagen/{Slug}/indeling?gedaan=verplaatst") : await RefusedAsync(refusal, ct);
    }

    public async Task<IActionResult> OnPostPublishAsync(CancellationToken ct)
    {
        if (await IdAsync(ct) is not { } id)
            return NotFound();
        var (refusal, forbidden) = await schedules.PublishAsync(id, ct);
        return forbidden ? Forbid() : refusal is null ? Redirect($"/workshopdagen/{Slug}/indeling?gedaan=gepubliceerd") : await RefusedAsync(refusal, ct);
    }

    public async Task<IActionResult> OnPostCancelAsync(int? classId, CancellationToken ct)
    {
        if (await IdAsync(ct) is not { } id)
            return NotFound();
        var (_, refusal, forbidden) = await waitingList.CancelByCoordinatorAsync(id, classId ?? 0, ct);
        return forbidden ? Forbid() : refusal is null ? Redirect($"/workshopdagen/{Slug}/indeling?gedaan=afgemeld") : await RefusedAsync(refusal, ct);
    }

    private Task<int?> IdAsync(CancellationToken ct) => db.WorkshopDayEvents.Where(e => e.Slug == Slug).Select(e => (int?)e.Id).SingleOrDefaultAsync(ct);

    private async Task<IActionResult> RefusedAsync(Refusal refusal, CancellationToken ct)
    {
        Error = refusal.In(t);
        var page = await ShowAsync(ct);
        Response.StatusCode = StatusCodes.Status409Conflict;
        return page;
    }

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        var e = await db.WorkshopDayEvents.AsNoTracking().SingleOrDefaultAsync(x => x.Slug == Slug, ct);
        if (e is null)
            return NotFound();
        if (!WorkshopDayAccess.MayCoordinate(await scopes.GetAsync(ct), e.PactId))
            return Forbid();
        View = await queries.FindAsync(e.Id, ct);
        Waiting = await waitingList.EntriesAsync(e.Id, ct);
        Current = (await db.SchoolClasses.AsNoTracking().Where(c => c.CancelledAt == null)
            .Join(db.SchoolRegistrations.Where(r => r.EventId == e.Id && r.EmailConfirmedAt != null), c => c.RegistrationId, r => r.Id, (c, r) => new { c.Id, r.School, c.Name }).ToListAsync(ct))
            .OrderBy(c => c.School).ThenBy(c => c.Name).Select(c => (c.Id, c.School, c.Name)).ToList();
        if (e.AllocatedAt is not null)
        {
            Satisfaction = await allocations.SatisfactionAsync(e, ct);
            Schedule = await allocations.ScheduleAsync(e.Id, null, ct);
        }
        return Page();
    }
}
