using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.LearningAccounts;

/// <summary>
/// Every hour, once across instances: first the bookings' delivery deadline (<see cref="BookingDisputes.ApplyDeadlineAsync"/>), so money
/// of a lapsed booking is back on its deposits, then the expiry of lapsed deposits; money expires at most an hour after its last valid (Dutch) day.
/// </summary>
public sealed class LedgerExpiryWorker(IServiceScopeFactory scopes, TimeProvider clock, ILogger<LedgerExpiryWorker> log) : ClusterJob(scopes, clock, log)
{
    public override string Name => "learning-account-expiry";
    protected override TimeSpan Period => TimeSpan.FromHours(1);

    protected override async Task<string?> RunAsync(IServiceProvider services, DateTime now, CancellationToken ct)
    {
        var (lapsed, disputed) = await services.GetRequiredService<BookingDisputes>().ApplyDeadlineAsync(LearningDay.Of(now), ct);
        var accounts = await services.GetRequiredService<LearningLedger>().ExpireDueAsync(ct);
        string[] done = [.. new[] { (lapsed, "bookings lapsed"), (disputed, "bookings disputed after the deadline"), (accounts, "learning accounts with expiry posted") }
            .Where(x => x.Item1 > 0).Select(x => $"{x.Item1} {x.Item2}")];
        return done.Length > 0 ? string.Join(", ", done) : null;
    }
}
