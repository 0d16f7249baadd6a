using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.Audit.Admin;

/// <summary>
/// The audit trail to read: who did what to which record and when (Dutch time), each change as
/// field: old → new, filterable by person, kind of record, record, action and period, and paged.
/// </summary>
[Authorize(Policy = Policies.Coordinator)]
public sealed class AuditLogModel(PactwerkDb db, AccessScopeProvider scopes) : PageModel
{
    public const int PageSize = 50;
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    public AuditFilter Filter { get; private set; } = new(null, null, null, null, null, null);
    public AuditPage Result { get; private set; } = new(0, 1, PageSize, []);
    /// <summary>The actions and kinds of record in the trail, for the filter's choices.</summary>
    public IReadOnlyList<string> Actions { get; private set; } = [];
    public IReadOnlyList<string> EntityTypes { get; private set; } = [];
    public int Pages => Math.Max(1, (Result.Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(string? person, string? entityType, string? entityId, string? action, DateOnly? from, DateOnly? to, int p = 1, CancellationToken ct = default)
    {
        Filter = new AuditFilter(Blank(person), Blank(entityType), Blank(entityId), Blank(action), from, to);
        Result = await AuditApi.SearchAsync(db, await scopes.GetAsync(ct), Filter, Math.Clamp(p, 1, AuditApi.MaxPage), PageSize, ct);
        Actions = await db.AuditEntries.Select(a => a.Action).Distinct().OrderBy(a => a).ToListAsync(ct);
        EntityTypes = await db.AuditEntries.Select(a => a.EntityType).Distinct().OrderBy(a => a).ToListAsync(ct);
    }

    public static DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Amsterdam);

    /// <summary>The page of the record itself, where the site has one; null otherwise (the line still links to the record's history).</summary>
    public static string? RecordPage(string entityType, string? entityId) => entityId is null ? null : entityType switch
    {
        "Event" => $"/evenementen/{Uri.EscapeDataString(entityId)}",
        "PactAction" => $"/initiatieven/{Uri.EscapeDataString(entityId)}",
        "Plan" => $"/plannen/{Uri.EscapeDataString(entityId)}",
        _ => null,
    };

    /// <summary>The address of this view with one value changed: filters and paging links keep the rest.</summary>
    public string With(string key, string? value)
    {
        var values = new Dictionary<string, string?>
        {
            ["person"] = Filter.Person, ["entityType"] = Filter.EntityType, ["entityId"] = Filter.EntityId, ["action"] = Filter.Action,
            ["from"] = Filter.From?.ToString("yyyy-MM-dd"), ["to"] = Filter.To?.ToString("yyyy-MM-dd"),
        };
        values[key] = value;
        return "?" + string.Join("&", values.Where(v => !string.IsNullOrEmpty(v.Value)).Select(v => $"{v.Key}={Uri.EscapeDataString(v.Value!)}"));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
