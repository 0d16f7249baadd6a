using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Monitoring;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.Monitor.Import;

namespace Pactwerk.Web.Features.Monitor.Wizard;

/// <summary>One release: its report, the figures it brought per element and period, and withdrawing it.</summary>
[Authorize(Policy = Policies.Coordinator)]
public sealed class ReleaseModel(PactwerkDb db, ReleaseWithdrawal withdrawal) : PageModel
{
    /// <summary>What the release holds for an element and period: straight sums over its observations.</summary>
    public sealed record PeriodSummary(string Element, string Period, int Observations, int Current, int Suppressed, double Total);

    public ReleaseDto Release { get; private set; } = null!;
    public ImportReport? Report { get; private set; }
    public IReadOnlyList<PeriodSummary> Periods { get; private set; } = [];
    public string? Error { get; private set; }
    [BindProperty] public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostWithdrawAsync(int id, CancellationToken ct)
    {
        switch (await withdrawal.WithdrawAsync(id, Reason, ct))
        {
            case WithdrawalOutcome.Withdrawn:
                return Redirect($"/monitor/import/historie/{id}?ingetrokken=1");
            case WithdrawalOutcome.Invalid invalid:
                Error = invalid.Message;
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return await LoadAsync(id, ct) ?? Page();
            default:
                return NotFound();
        }
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var release = await ReleasesApi.Project(db.DataReleases.AsNoTracking().Where(r => r.Id == id)).SingleOrDefaultAsync(ct);
        if (release is null)
            return NotFound();
        Release = release;
        var json = await db.DataReleases.Where(r => r.Id == id).Select(r => r.Report).SingleAsync(ct);
        Report = json is null ? null : System.Text.Json.JsonSerializer.Deserialize<ImportReport>(json, System.Text.Json.JsonSerializerOptions.Web);
        var elements = await db.DataElements.AsNoTracking().ToDictionaryAsync(e => e.Id, ct);
        var sums = await db.Observations.Where(o => o.ReleaseId == id).GroupBy(o => new { o.DataElementId, o.PeriodStart })
            .Select(g => new
            {
                g.Key.DataElementId, g.Key.PeriodStart, Count = g.Count(), Current = g.Count(o => o.IsCurrent), Suppressed = g.Count(o => o.Value == null),
                Total = g.Sum(o => o.Value ?? 0),
            }).ToListAsync(ct);
        Periods = sums.OrderBy(s => elements[s.DataElementId].Code).ThenBy(s => s.PeriodStart)
            .Select(s => new PeriodSummary(elements[s.DataElementId].Code, new Period(elements[s.DataElementId].PeriodKind, s.PeriodStart).ToString(), s.Count, s.Current, s.Suppressed, s.Total))
            .ToList();
        return null;
    }
}
