using Microsoft.Extensions.Options;

namespace Pactwerk.Web.Features.WorkshopDays;

/// <summary>Lapses what is due (<see cref="UnconfirmedLapse"/>) every <see cref="WorkshopDayLapseOptions.IntervalMinutes"/>, once across instances.</summary>
public sealed class UnconfirmedLapseWorker(IServiceScopeFactory scopes, TimeProvider clock, IOptions<WorkshopDayLapseOptions> options, ILogger<UnconfirmedLapseWorker> log)
    : Pactwerk.Web.Shared.ClusterJob(scopes, clock, log)
{
    public override string Name => "workshop-day-lapse";
    protected override bool Enabled => options.Value.IntervalMinutes > 0;
    protected override TimeSpan Period => TimeSpan.FromMinutes(options.Value.IntervalMinutes);

    protected override async Task<string?> RunAsync(IServiceProvider services, DateTime now, CancellationToken ct) =>
        await services.GetRequiredService<UnconfirmedLapse>().LapseDueAsync(now, ct) is var (registrations, volunteers) && registrations + volunteers > 0
            ? $"{registrations} school registrations and {volunteers} volunteer sign-ups lapsed unconfirmed"
            : null;
}
