using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Accounts;

/// <summary>
/// What decides a signed-in reader's session and rights, per account, held in memory: the security stamp and
/// lock the session check compares, the two-factor state, and the role assignments with the municipalities each
/// regional role covers. Without it every signed-in page read the account and its roles from the database
/// twice before its own work (a trace of the indicator page: a quarter of its time).
/// <para>
/// It holds by construction, not by callers remembering: every entity these rows come from is marked
/// <see cref="DecidesAccessAttribute"/>, and a committed write to any of them drops every account held here
/// (<see cref="Evict"/>, called by the one eviction interceptor and, for writes on other instances, by the
/// cluster's channel). An account is held with the generation it was read at and is used only while that is
/// still the generation, so a read that raced a commit is never kept. Roles are held with their dates and cut to
/// the day when read, so a role that ends tomorrow ends tomorrow. Until the instance knows it will hear other
/// instances' writes (<see cref="Trust"/>: on SQLite at once, on PostgreSQL while it listens on the channel),
/// nothing is held and every request reads the database as before.
/// </para>
/// </summary>
public sealed class AccessMemo
{
    /// <summary>One held role: the assignment with its dates, and the municipalities a regional one covers.</summary>
    public sealed record HeldRole(int Id, RoleKind Kind, int? PactId, int? RegionId, int? OrganisationId, DateOnly ValidFrom, DateOnly? ValidTo,
        IReadOnlySet<int> Municipalities)
    {
        public bool IsActiveOn(DateOnly day) => RoleAssignment.IsActive(ValidFrom, ValidTo, day);
    }

    /// <summary>One account as the database held it at <see cref="Generation"/>.</summary>
    public sealed record HeldAccount(long Generation, string Id, string? SecurityStamp, bool LockoutEnabled, DateTimeOffset? LockoutEnd,
        bool TwoFactorEnabled, string? Email, string DisplayName, IReadOnlyList<HeldRole> Roles)
    {
        public bool IsLockedOutAt(DateTimeOffset now) => LockoutEnabled && LockoutEnd >= now;
    }

    /// <summary>A bound on memory, far above the accounts active at once in a pact: past it the held ones are dropped.</summary>
    internal const int MaxHeld = 20_000;

    private readonly ConcurrentDictionary<string, HeldAccount> _held = new(StringComparer.Ordinal);
    private long _generation;
    private volatile bool _trusted;

    /// <summary>Whether accounts are held: only while every committed write to them, here or elsewhere, reaches <see cref="Evict"/>.</summary>
    public bool Trusted => _trusted;

    /// <summary>The ids of the accounts held now (for tests: whether a request was answered from memory).</summary>
    internal IReadOnlyCollection<string> HeldIds() => _held.Keys.ToList();

    /// <summary>Drops every held account; reads that began before it are not kept.</summary>
    public void Evict()
    {
        Interlocked.Increment(ref _generation);
        _held.Clear();
    }

    /// <summary>Starts or stops holding accounts; either way what was held is dropped, since news may have been missed.</summary>
    public void Trust(bool trusted)
    {
        _trusted = trusted;
        Evict();
    }

    /// <summary>The account and the roles that have not ended before today; null when there is no such account.</summary>
    public async ValueTask<HeldAccount?> GetAsync(PactwerkDb db, string userId, DateOnly today, CancellationToken ct)
    {
        var generation = Interlocked.Read(ref _generation);
        if (_trusted && _held.TryGetValue(userId, out var held) && held.Generation == generation)
            return held;
        var account = await LoadAsync(db, userId, generation, today, ct);
        if (account is not null && _trusted)
        {
            if (_held.Count >= MaxHeld)
                _held.Clear();
            _held[userId] = account;
        }
        return account;
    }

    private static async Task<HeldAccount?> LoadAsync(PactwerkDb db, string userId, long generation, DateOnly today, CancellationToken ct)
    {
        var user = await db.Users.Where(u => u.Id == userId)
            .Select(u => new { u.SecurityStamp, u.LockoutEnabled, u.LockoutEnd, u.TwoFactorEnabled, u.Email, u.DisplayName })
            .SingleOrDefaultAsync(ct);
        if (user is null)
            return null;
        // Roles not yet ended, future ones included: they are cut to the day on every read.
        var assignments = await db.RoleAssignments.Where(r => r.UserId == userId && (r.ValidTo == null || r.ValidTo > today)).ToListAsync(ct);
        var regionIds = assignments.Where(a => a.RegionId is not null).Select(a => a.RegionId!.Value).Distinct().ToList();
        var municipalities = await AccessScopeProvider.MunicipalitiesOfAsync(db, regionIds, ct);
        var roles = assignments.Select(a => new HeldRole(a.Id, a.Kind, a.PactId, a.RegionId, a.OrganisationId, a.ValidFrom, a.ValidTo,
            a.RegionId is { } r ? municipalities[r] : new HashSet<int>())).ToList();
        return new HeldAccount(generation, userId, user.SecurityStamp, user.LockoutEnabled, user.LockoutEnd, user.TwoFactorEnabled, user.Email,
            user.DisplayName, roles);
    }
}
