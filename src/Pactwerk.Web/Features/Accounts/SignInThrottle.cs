using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Pactwerk.Web.Features.Accounts;

public sealed class SignInThrottleOptions
{
    public const string Section = "SignIn";
    /// <summary>Failed sign-ins for one address that cost nothing extra.</summary>
    public int FreeFailures { get; set; } = 5;
    /// <summary>The wait before the first try past the free ones; it doubles with every further failure.</summary>
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>How long failures are remembered after the last one.</summary>
    public TimeSpan Memory { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>
/// Slows guessing without letting a stranger lock anyone out: failed sign-ins are counted per typed
/// e-mail address (whether or not it has an account, so the wait reveals nothing), and every try
/// past <see cref="SignInThrottleOptions.FreeFailures"/> waits twice as long as the one before, up to
/// <see cref="SignInThrottleOptions.MaxDelay"/>. The right password still signs in after the wait;
/// a success clears the count. There is no hard lock that failures by anyone could set.
/// </summary>
public sealed class SignInThrottle(IOptions<SignInThrottleOptions> options, TimeProvider clock)
{
    private sealed record Failures(int Count, DateTimeOffset Last);

    private readonly ConcurrentDictionary<string, Failures> _failures = new(StringComparer.Ordinal);
    private readonly SignInThrottleOptions _options = options.Value;

    public static string Key(string? email) => (email ?? "").Trim().ToUpperInvariant();

    public TimeSpan DelayFor(string key)
    {
        if (!_failures.TryGetValue(key, out var failures) || clock.GetUtcNow() - failures.Last > _options.Memory)
            return TimeSpan.Zero;
        var past = failures.Count - _options.FreeFailures + 1;
        if (past < 1)
            return TimeSpan.Zero;
        var delay = _options.FirstDelay * Math.Pow(2, Math.Min(past - 1, 20));
        return delay < _options.MaxDelay ? delay : _options.MaxDelay;
    }

    public void Failed(string key)
    {
        var now = clock.GetUtcNow();
        _failures.AddOrUpdate(key, _ => new Failures(1, now),
            (_, f) => now - f.Last > _options.Memory ? new Failures(1, now) : new Failures(f.Count + 1, now));
        // Forget what is old, so many addresses tried once do not pile up.
        if (_failures.Count > 10_000)
            foreach (var (k, f) in _failures)
                if (now - f.Last > _options.Memory)
                    _failures.TryRemove(k, out _);
    }

    public void Succeeded(string key) => _failures.TryRemove(key, out _);
}
