using Microsoft.Extensions.Options;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Audit;

namespace Pactwerk.Web.Features.Knowledge;

public sealed class CaseRefusalLogOptions
{
    /// <summary>Refusals per person (or, anonymous, per address) and window that each get their own audit line.</summary>
    public int PerWindow { get; set; } = 20;
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Keeps a non-member who guesses case ids from flooding the audit trail. Every refusal is counted:
/// the first <see cref="CaseRefusalLogOptions.PerWindow"/> of a window get a line each, the rest one
/// line when the window has ended ("N more refused"). The trail stays append-only, so the summary is
/// written once, after the window, by the next refusal of anyone or by <see cref="CaseRefusalSummaryWriter"/>.
/// </summary>
public sealed class CaseRefusalThrottle(IOptions<CaseRefusalLogOptions> options)
{
    public sealed record Summary(string? UserId, string Actor, int NetworkId, int Count, DateTime From, DateTime To);

    private sealed class Window(DateTime start, string? userId, string actor, int networkId)
    {
        public DateTime Start { get; } = start;
        public string? UserId { get; } = userId;
        public string Actor { get; } = actor;
        public int NetworkId { get; } = networkId;
        public int Logged { get; set; }
        public int Suppressed { get; set; }
        public DateTime LastSuppressed { get; set; }
    }

    // Per person and network, so a summary line names the network its refusals were about.
    private readonly Dictionary<(string Who, int NetworkId), Window> _windows = [];
    private readonly Lock _gate = new();

    /// <summary>Counts a refusal: whether it gets its own line, and the summaries of windows that have ended.</summary>
    public (bool OwnLine, IReadOnlyList<Summary> Ended) Record(string who, string? userId, string actor, int networkId, DateTime now)
    {
        lock (_gate)
        {
            var ended = TakeEnded(now, all: false);
            if (!_windows.TryGetValue((who, networkId), out var window))
                _windows[(who, networkId)] = window = new Window(now, userId, actor, networkId);
            if (window.Logged < options.Value.PerWindow)
            {
                window.Logged++;
                return (true, ended);
            }
            window.Suppressed++;
            window.LastSuppressed = now;
            return (false, ended);
        }
    }

    /// <summary>The summaries of the windows that have ended (or of every window, at shutdown), each handed out once.</summary>
    public IReadOnlyList<Summary> Ended(DateTime now, bool all = false)
    {
        lock (_gate)
            return TakeEnded(now, all);
    }

    private List<Summary> TakeEnded(DateTime now, bool all)
    {
        var ended = new List<Summary>();
        foreach (var (key, w) in _windows.Where(w => all || now - w.Value.Start >= options.Value.Window).ToList())
        {
            _windows.Remove(key);
            if (w.Suppressed > 0)
                ended.Add(new Summary(w.UserId, w.Actor, w.NetworkId, w.Suppressed, w.Start, w.LastSuppressed));
        }
        return ended;
    }

    /// <summary>The summary lines, each in the name of the person refused; no pact on them, as for the refusals themselves.</summary>
    public static void Record(PactwerkDb db, IEnumerable<Summary> summaries, DateTime now)
    {
        foreach (var s in summaries)
            db.RecordEvent(now, LearningNetworkAuditActions.CaseAccessRefusedMore, nameof(LearningNetworkCase), null, new
            {
                network = s.NetworkId, refused = s.Count, from = s.From, to = s.To,
                note = $"{s.Count} more refused (no line of their own: more than the limit in one window)",
            }, by: new NamedAuditActor(s.UserId, s.Actor));
    }
}

/// <summary>Writes the summaries of ended windows when no new refusal comes to write them, and the rest at shutdown.</summary>
public sealed class CaseRefusalSummaryWriter(CaseRefusalThrottle throttle, IServiceScopeFactory scopes, TimeProvider clock, ILogger<CaseRefusalSummaryWriter> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await WriteAsync(all: false, stoppingToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await WriteAsync(all: true, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The database may already be gone at shutdown (tests drop theirs); say so rather than fail the stop.
            log.LogWarning(e, "Could not write the last summaries of refused case reads.");
        }
    }

    private async Task WriteAsync(bool all, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var ended = throttle.Ended(now, all);
        if (ended.Count == 0)
            return;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PactwerkDb>();
        CaseRefusalThrottle.Record(db, ended, now);
        await db.SaveChangesAsync(ct);
    }
}
