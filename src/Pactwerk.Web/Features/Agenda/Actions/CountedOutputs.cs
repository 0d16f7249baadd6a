using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Agenda;

/// <summary>
/// Outputs an instrument counts from its own records (the pupils checked in at the door of a Techniek Driedaagse), written
/// into the action's outputs as if its owner had reported them: one figure per action, year and unit, so the annual review
/// and the effect view add them up like any other. A count replaces a figure reported by hand for the same year and unit
/// (the earlier one stays in the audit trail), because the count is what happened; an unchanged count writes nothing.
/// </summary>
public sealed class CountedOutputs(PactwerkDb db, TimeProvider clock)
{
    /// <returns>True when the figure was written, false when it already stood.</returns>
    public async Task<bool> SetAsync(int actionId, int year, OutputUnit unit, decimal quantity, string note, string countedBy, CancellationToken ct)
    {
        try
        {
            return await WriteAsync(actionId, year, unit, quantity, note, countedBy, ct);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            // A person reported the same year and unit at the same moment: the count corrects theirs.
            db.ChangeTracker.Clear();
            return await WriteAsync(actionId, year, unit, quantity, note, countedBy, ct);
        }
    }

    private async Task<bool> WriteAsync(int actionId, int year, OutputUnit unit, decimal quantity, string note, string countedBy, CancellationToken ct)
    {
        var output = await db.ActionOutputs.SingleOrDefaultAsync(o => o.ActionId == actionId && o.Year == year && o.Unit == unit, ct);
        if (output is not null && output.Quantity == quantity && output.Note == note)
            return false;
        if (output is null)
            output = db.ActionOutputs.Add(new ActionOutput { ActionId = actionId, Year = year, Unit = unit, ReportedBy = "" }).Entity;
        (output.Quantity, output.Note, output.ReportedBy, output.ReportedAt) = (quantity, note, countedBy, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return true;
    }
}
