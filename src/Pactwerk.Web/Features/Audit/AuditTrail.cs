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
        public AuditEntry Complete()
        {
            audit.EntityId = Key(entry);
            audit.PactId = PactOf(entry);
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

    /// <summary>The entity's own pact: a Pact itself, or whatever carries a PactId.</summary>
    private static int? PactOf(EntityEntry entry) =>
        entry.Entity is Pacts.Pact pact ? pact.Id
        : entry.Metadata.FindProperty("PactId") is { } property ? (int?)entry.Property(property.Name).CurrentValue
        : null;

    private static string? Key(EntityEntry entry) =>
        string.Join(",", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue));

    private static string Serialise(IEnumerable<(string Name, object? Value)> values) =>
        JsonSerializer.Serialize(values.Where(v => !Secret.Contains(v.Name)).ToDictionary(v => v.Name, v => v.Value), AuditEntry.Json);
}
