using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.WorkshopDays;

/// <param name="MonitorChanged">False when the monitor already held these counts: nothing was written.</param>
public sealed record WorkshopDayResultsAnswer(bool MonitorChanged, int Observations, IReadOnlyList<WorkshopDayFeedCount> Counts, IReadOnlyList<WorkshopDayYearOutputs> Outputs);

/// <summary>
/// Brings an event's counts where the pact reads its effect: the monitor's confidential source (<see cref="WorkshopDayMonitorFeed"/>)
/// and the outputs of the event's action (<see cref="WorkshopDayOutputs"/>). The timer does it for every published event; the
/// coordinator can do it at once for theirs, after the last class came in.
/// </summary>
public sealed class WorkshopDayResults(PactwerkDb db, AccessScopeProvider scopes, WorkshopDayMonitorFeed feed, WorkshopDayOutputs outputs)
{
    public async Task<(WorkshopDayResultsAnswer? Answer, Refusal? Refusal, bool Forbidden)> RefreshAsync(int eventId, CancellationToken ct)
    {
        var e = await db.WorkshopDayEvents.AsNoTracking().SingleOrDefaultAsync(x => x.Id == eventId, ct);
        if (e is null || !WorkshopDayAccess.MayCoordinate(await scopes.GetAsync(ct), e.PactId))
            return (null, null, true);
        if (e.PublishedAt is null)
            return (null, new Refusal(WorkshopDayMessages.ResultsNotPublished), false);
        return (await RunAsync(e, ct), null, false);
    }

    internal async Task<WorkshopDayResultsAnswer> RunAsync(WorkshopDayEvent e, CancellationToken ct)
    {
        var (outcome, counts) = await feed.RefreshAsync(e, ct);
        var written = await outputs.WriteAsync(e.Id, ct);
        return new WorkshopDayResultsAnswer(outcome.Changed, outcome.Observations, counts, written);
    }
}
