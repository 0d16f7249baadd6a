using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Audit;

namespace Pactwerk.Web.Features.Monitor.Import;

public abstract record WithdrawalOutcome
{
    public sealed record Withdrawn(DataRelease Release) : WithdrawalOutcome;
    public sealed record NotFound : WithdrawalOutcome;
    public sealed record Invalid(string Message) : WithdrawalOutcome;
}

/// <summary>
/// Withdraws a release: its observations leave the monitor, and for every period where they were
/// current the values of the latest earlier release that is not withdrawn become current again.
/// The release and its observations stay, marked withdrawn with who, when and why.
/// </summary>
public sealed class ReleaseWithdrawal(PactwerkDb db, MonitorEngineHost engine, IAuditActor actor, TimeProvider clock)
{
    [Audit.AuditAction] public const string AuditAction = "ReleaseWithdrawn";

    public async Task<WithdrawalOutcome> WithdrawAsync(int releaseId, string? reason, CancellationToken ct)
    {
        var release = await db.DataReleases.SingleOrDefaultAsync(r => r.Id == releaseId, ct);
        if (release is null)
            return new WithdrawalOutcome.NotFound();
        if (release.WithdrawnAt is { } at)
            return new WithdrawalOutcome.Invalid($"Release {release.Id} is al ingetrokken op {at:yyyy-MM-dd HH:mm} UTC door {release.WithdrawnBy}; er is niets veranderd.");
        reason = reason?.Trim() ?? "";
        if (reason.Length == 0)
            return new WithdrawalOutcome.Invalid("Geef een reden voor het intrekken.");
        if (reason.Length > 1000)
            return new WithdrawalOutcome.Invalid("De reden is te lang (hoogstens 1000 tekens).");

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // The element and periods where this release's values are the current ones.
        var current = await db.Observations.Where(o => o.ReleaseId == releaseId && o.IsCurrent)
            .Select(o => new { o.DataElementId, o.PeriodStart }).Distinct().ToListAsync(ct);
        await db.Observations.Where(o => o.ReleaseId == releaseId && o.IsCurrent).ExecuteUpdateAsync(s => s.SetProperty(o => o.IsCurrent, false), ct);
        var restored = new List<object>();
        foreach (var cell in current)
        {
            var previous = await db.Observations
                .Where(o => o.DataElementId == cell.DataElementId && o.PeriodStart == cell.PeriodStart && o.ReleaseId != releaseId
                            && db.DataReleases.Any(r => r.Id == o.ReleaseId && r.WithdrawnAt == null))
                .MaxAsync(o => (int?)o.ReleaseId, ct);
            if (previous is { } id)
            {
                await db.Observations.Where(o => o.DataElementId == cell.DataElementId && o.PeriodStart == cell.PeriodStart && o.ReleaseId == id)
                    .ExecuteUpdateAsync(s => s.SetProperty(o => o.IsCurrent, true), ct);
                restored.Add(new { cell.DataElementId, cell.PeriodStart, ReleaseId = id });
            }
        }
        var now = clock.GetUtcNow().UtcDateTime;
        (release.WithdrawnAt, release.WithdrawnBy, release.WithdrawalReason) = (now, actor.Name, reason);
        db.RecordEvent(now, AuditAction, nameof(DataRelease), release.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new { release.Dataset, release.FileName, release.Periods, Reason = reason, Restored = restored });
        await db.SaveChangesAsync(ct);
        // Read inside the transaction (it sees its own writes); the engine takes it once committed.
        Monitor.MonitorCacheEviction.AfterCommit(db, await engine.ReadAgainAsync(db, current.Select(c => c.DataElementId).Distinct().ToList(), ct));
        await tx.CommitAsync(ct);
        return new WithdrawalOutcome.Withdrawn(release);
    }
}
