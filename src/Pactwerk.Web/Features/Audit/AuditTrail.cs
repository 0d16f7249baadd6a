using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Pactwerk.Web.Features.Audit;

/// <summary>Turns tracked changes of <see cref="IAudited"/> entities into audit entries.</summary>
internal static class AuditTrail
{
    /// <summary>Values that must never be copied into the trail.</summary>
    private static readonly HashSet<string> Secret = ["SecretHash", "PasswordHash", "SecurityStamp", "ConcurrencyStamp"];

    public sealed class Pending(EntityEntry entry, AuditEntry audit)
    {
        /// <summary>After saving, the store-generated key and the values of a new entity are known.</summary>
        public async Task<AuditEntry> CompleteAsync(CancellationToken ct)
        {
            audit.EntityId = Key(entry);
            audit.PactId = await PactOfAsync(entry, 0, ct);
            if (audit.Action == AuditActions.Created)
                audit.After = Serialise(entry.Properties.Select(p => (p.Metadata.Name, p.CurrentValue)));
            return audit;
        }
    }

    public static List<Pending> Capture(ChangeTracker tracker, IAuditActor actor, DateTime now)
    {
        var pending = new List<Pending>();
        foreach (var entry in tracker.Entries().Where(e => e.Entity is IAudited))
        {
            var (action, before, after) = entry.State switch
            {
                EntityState.Added => (AuditActions.Created, null, null),
                EntityState.Deleted => (AuditActions.Deleted, Serialise(entry.Properties.Select(p => (p.Metadata.Name, p.OriginalValue))), null),
                EntityState.Modified => (AuditActions.Updated,
                    Serialise(entry.Properties.Where(p => p.IsModified).Select(p => (p.Metadata.Name, p.OriginalValue))),
                    Serialise(entry.Properties.Where(p => p.IsModified).Select(p => (p.Metadata.Name, p.CurrentValue)))),
                _ => default((string, string?, string?)),
            };
            if (action is null || (action == AuditActions.Updated && before == "{}"))
                continue;
            pending.Add(new Pending(entry, new AuditEntry
            {
                At = now, UserId = actor.UserId, Actor = actor.Name, Action = action,
                EntityType = entry.Metadata.ClrType.Name, Before = before, After = after,
            }));
        }
        return pending;
    }

    /// <summary>
    /// The entity's pact: a Pact itself, whatever carries a PactId, or else the pact of the audited
    /// record it belongs to (a funding source of an action, a goal of a plan revision), so that a
    /// pact's coordinators see every change within it. Only audited principals are followed: the
    /// reference data (regions, region sets) would otherwise lead to the pact that owns a region set.
    /// </summary>
    private static async Task<int?> PactOfAsync(EntityEntry entry, int depth, CancellationToken ct)
    {
        if (entry.Entity is Pacts.Pact pact)
            return pact.Id;
        if (entry.Metadata.FindProperty("PactId") is { } property)
            return (int?)entry.Property(property.Name).CurrentValue;
        if (depth >= 3)
            return null;
        var owners = entry.Metadata.GetForeignKeys().Where(fk => typeof(IAudited).IsAssignableFrom(fk.PrincipalEntityType.ClrType))
            .OrderByDescending(fk => fk.PrincipalEntityType.FindProperty("PactId") is not null);
        foreach (var fk in owners)
        {
            var key = fk.Properties.Select(p => entry.Property(p.Name).CurrentValue).ToArray();
            if (key.Any(v => v is null))
                continue;
            if (await entry.Context.FindAsync(fk.PrincipalEntityType.ClrType, key, ct) is { } principal
                && await PactOfAsync(entry.Context.Entry(principal), depth + 1, ct) is { } found)
                return found;
        }
        return null;
    }

    private static string? Key(EntityEntry entry) =>
        string.Join(",", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue));

    private static string Serialise(IEnumerable<(string Name, object? Value)> values) =>
        JsonSerializer.Serialize(values.Where(v => !Secret.Contains(v.Name)).ToDictionary(v => v.Name, v => v.Value), AuditEntry.Json);
}
