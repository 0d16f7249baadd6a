using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.WorkshopDays;

/// <summary>The indicators the workshop days of the given actions feed: pupils placed, pupils present and classes present, event by event.</summary>
public sealed class WorkshopDayActionIndicators(PactwerkDb db) : Agenda.IActionIndicators
{
    public async Task<IReadOnlyList<string>> ForActionsAsync(IReadOnlyCollection<int> actionIds, CancellationToken ct)
    {
        if (actionIds.Count == 0)
            return [];
        var events = await db.WorkshopDayEvents.AsNoTracking().Where(e => e.ActionId != null && actionIds.Contains(e.ActionId.Value)).OrderBy(e => e.Id).Select(e => e.Id).ToListAsync(ct);
        return events.SelectMany(id => new[] { WorkshopDayMonitorFeed.PlacedElement(id), WorkshopDayMonitorFeed.PupilsPresentElement(id), WorkshopDayMonitorFeed.ClassesPresentElement(id) }).ToList();
    }
}
