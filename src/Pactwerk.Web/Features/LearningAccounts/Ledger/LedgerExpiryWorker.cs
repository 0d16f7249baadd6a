using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.LearningAccounts;

/// <summary>Posts the expiry of lapsed deposits every hour, once across instances; money expires at most an hour after its last valid (Dutch) day.</summary>
public sealed class LedgerExpiryWorker(IServiceScopeFactory scopes, TimeProvider clock, ILogger<LedgerExpiryWorker> log) : ClusterJob(scopes, clock, log)
{
    public override string Name => "learning-account-expiry";
    protected override TimeSpan Period => TimeSpan.FromHours(1);

    protected override async Task<string?> RunAsync(IServiceProvider services, DateTime now, CancellationToken ct) =>
        await services.GetRequiredService<LearningLedger>().ExpireDueAsync(ct) is > 0 and var accounts ? $"expiry posted in {accounts} learning accounts" : null;
}
