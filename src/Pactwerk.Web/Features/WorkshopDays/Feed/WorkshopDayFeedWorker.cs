using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.WorkshopDays;

public sealed class WorkshopDayFeedOptions
{
    /// <summary>Minutes between refreshes of the published events' figures (monitor and action outputs); 0 switches the timer off (the coordinator's refresh still works).</summary>
    public int IntervalMinutes { get; set; } = 5;
}

/// <summary>
/// Brings every published event's counts into the monitor and its action's outputs on a timer, once across instances. Not
/// after each check-in: at the door they come one every few seconds, and yearly figures may be a few minutes behind. The
/// same round sends schedule mails whose first send failed (<see cref="SchoolSchedules.MailPublishedAsync"/> gave the claim back).
/// </summary>
public sealed class WorkshopDayFeedWorker(IServiceScopeFactory scopes, TimeProvider clock, Microsoft.Extensions.Options.IOptions<WorkshopDayFeedOptions> options,
    ILogger<WorkshopDayFeedWorker> log) : Pactwerk.Web.Shared.ClusterJob(scopes, clock, log)
{
    public override string Name => "workshop-day-feed";
    protected override bool Enabled => options.Value.IntervalMinutes > 0;
    protected override TimeSpan Period => TimeSpan.FromMinutes(options.Value.IntervalMinutes);
    protected override TimeSpan FirstRunAfter => Period;

    protected override async Task<string?> RunAsync(IServiceProvider services, DateTime now, CancellationToken ct)
    {
        var db = services.GetRequiredService<PactwerkDb>();
        var results = services.GetRequiredService<WorkshopDayResults>();
        var schedules = services.GetRequiredService<SchoolSchedules>();
        foreach (var e in await db.WorkshopDayEvents.AsNoTracking().Where(x => x.PublishedAt != null).OrderBy(x => x.Id).ToListAsync(ct))
        {
            await results.RunAsync(e, ct);
            await schedules.MailPublishedAsync(e.Id, ct);
        }
        return null;
    }
}
