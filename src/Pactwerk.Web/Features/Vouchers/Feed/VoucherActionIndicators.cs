using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Vouchers;

/// <summary>The indicators of the schemes that carry out the given actions: granted, started and completed, scheme by scheme.</summary>
public sealed class VoucherActionIndicators(PactwerkDb db) : Agenda.IActionIndicators
{
    public async Task<IReadOnlyList<string>> ForActionsAsync(IReadOnlyCollection<int> actionIds, CancellationToken ct)
    {
        if (actionIds.Count == 0)
            return [];
        var schemes = await db.VoucherSchemes.AsNoTracking().Where(s => s.ActionId != null && actionIds.Contains(s.ActionId.Value)).OrderBy(s => s.Code).Select(s => s.Code).ToListAsync(ct);
        return schemes.SelectMany(code => new[] { VoucherMonitorFeed.GrantedElement(code), VoucherMonitorFeed.StartedElement(code), VoucherMonitorFeed.CompletedElement(code) }).ToList();
    }
}
