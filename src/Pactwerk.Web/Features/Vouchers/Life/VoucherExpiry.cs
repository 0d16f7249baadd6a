using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Vouchers;

/// <summary>
/// Applications whose address is not confirmed within the scheme's <see cref="VoucherScheme.ConfirmEmailWithinDays"/>,
/// and vouchers not enrolled within its <see cref="VoucherScheme.ExpireAfterDays"/> of the grant, expire:
/// the amount or the place goes back and the waiting list moves up. Each one is
/// closed by <see cref="VoucherApplications.CloseAsync"/> (one conditional update on Granted), so
/// running it twice, or beside a withdrawal of the same voucher, releases it once.
/// </summary>
public sealed class VoucherExpiry(PactwerkDb db, VoucherApplications applications)
{
    /// <summary>Expires what is due at <paramref name="now"/> (the caller's clock, so tests can move it); returns how many expired.</summary>
    public async Task<int> ExpireDueAsync(DateTime now, CancellationToken ct)
    {
        var schemes = await db.VoucherSchemes.AsNoTracking()
            .Where(s => db.VoucherApplications.Any(a => a.SchemeId == s.Id && VoucherApplication.Open.Contains(a.Status)))
            .Select(s => new { s.Id, s.ExpireAfterDays, s.ConfirmEmailWithinDays }).ToListAsync(ct);
        var expired = 0;
        // In order of arrival, so the releases (and who moves up) follow the list.
        async Task CloseAllAsync(IQueryable<VoucherApplication> due, VoucherStatus[] from, string reason, bool onlyUnconfirmed)
        {
            foreach (var id in await due.OrderBy(a => a.Arrival).Select(a => a.Id).ToListAsync(ct))
                if (await applications.CloseAsync(id, from, VoucherStatus.Expired, VoucherAuditActions.Expired, reason, ct, onlyUnconfirmed))
                    expired++;
        }
        foreach (var scheme in schemes)
        {
            var ofScheme = db.VoucherApplications.AsNoTracking().Where(a => a.SchemeId == scheme.Id);
            // First the applications whose address was never confirmed (granted, waiting or pending alike):
            // a made-up or mistyped address holds neither money nor a place. Then vouchers never enrolled.
            var unconfirmedBefore = now.AddDays(-scheme.ConfirmEmailWithinDays);
            await CloseAllAsync(ofScheme.Where(a => a.EmailConfirmedAt == null && a.SubmittedAt < unconfirmedBefore && VoucherApplication.Open.Contains(a.Status)),
                VoucherApplication.Open, $"e-mail address not confirmed within {scheme.ConfirmEmailWithinDays} days of the application", onlyUnconfirmed: true);
            var cutoff = now.AddDays(-scheme.ExpireAfterDays);
            await CloseAllAsync(ofScheme.Where(a => a.Status == VoucherStatus.Granted && a.GrantedAt != null && a.GrantedAt < cutoff),
                [VoucherStatus.Granted], $"not enrolled within {scheme.ExpireAfterDays} days of the grant", onlyUnconfirmed: false);
        }
        return expired;
    }
}

/// <summary>Runs the expiry every hour, once across instances; a voucher expires at most an hour after its day.</summary>
public sealed class VoucherExpiryWorker(IServiceScopeFactory scopes, TimeProvider clock, ILogger<VoucherExpiryWorker> log) : ClusterJob(scopes, clock, log)
{
    public override string Name => "voucher-expiry";
    protected override TimeSpan Period => TimeSpan.FromHours(1);

    protected override async Task<string?> RunAsync(IServiceProvider services, DateTime now, CancellationToken ct) =>
        await services.GetRequiredService<VoucherExpiry>().ExpireDueAsync(now, ct) is > 0 and var expired ? $"{expired} vouchers expired" : null;
}
