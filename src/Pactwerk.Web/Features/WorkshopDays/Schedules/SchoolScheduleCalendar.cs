using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.WorkshopDays;

/// <summary>The school's schedule as an iCalendar file, reached with the key from its schedule mail.</summary>
public static class SchoolScheduleCalendar
{
    public static async Task<Results<FileContentHttpResult, NotFound>> Get(string? sleutel, SchoolSchedules schedules, IOptions<HostingOptions> hosting, CancellationToken ct)
    {
        if (await schedules.FindAsync(sleutel, ct) is not { } view)
            return TypedResults.NotFound();
        var site = string.IsNullOrWhiteSpace(hosting.Value.PublicBaseUrl) ? null : hosting.Value.PublicBaseUrl.TrimEnd('/');
        var text = schedules.Calendar(view, site is null ? null : site + SchoolSchedules.PageUrl(sleutel!.Trim()));
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(text), "text/calendar; charset=utf-8", $"rooster-{view.EventSlug}.ics");
    }
}
