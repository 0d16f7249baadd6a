using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Audit;

namespace Pactwerk.Web.Shared;

/// <summary>A change someone else saved after the editor's version.</summary>
public sealed record ChangeByOther(string Actor, DateTime At, IReadOnlyDictionary<string, JsonElement> Before, IReadOnlyDictionary<string, JsonElement> After);

/// <summary>What came of an edit, for the API and the edit pages alike.</summary>
public abstract record EditOutcome<T>
{
    public sealed record Saved(T Entity) : EditOutcome<T>;
    public sealed record NotFound : EditOutcome<T>;
    public sealed record Forbidden(string Reason) : EditOutcome<T>;
    public sealed record Invalid(IDictionary<string, string[]> Errors) : EditOutcome<T>;
    public sealed record Stale(T Current, IReadOnlyList<ChangeByOther> Changes) : EditOutcome<T>;
    /// <summary>Someone else's change at the same moment makes this one impossible (a unique index refused it).</summary>
    public sealed record Conflict(string Reason) : EditOutcome<T>;
}

public static class EditSupport
{
    /// <summary>Data-annotation checks of an input, as errors per field.</summary>
    public static Dictionary<string, string[]> Validate(object input)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(input, new ValidationContext(input), results, validateAllProperties: true);
        return results.SelectMany(r => r.MemberNames.Select(m => (m, r.ErrorMessage ?? "Ongeldig.")))
            .GroupBy(e => e.m).ToDictionary(g => g.Key, g => g.Select(e => e.Item2).ToArray());
    }

    /// <summary>
    /// Saves a change made on the version the editor started from; when someone else saved first,
    /// nothing is saved and the outcome carries the current state and what changed since.
    /// </summary>
    public static async Task<EditOutcome<T>> SaveVersionedAsync<T>(PactwerkDb db, T entity, int id, int version, Func<Task<T>> reload, CancellationToken ct)
        where T : class, IVersioned
    {
        db.Entry(entity).Property(nameof(IVersioned.Version)).OriginalValue = version;
        try
        {
            await db.SaveChangesAsync(ct);
            return new EditOutcome<T>.Saved(entity);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new EditOutcome<T>.Stale(await reload(), await ChangesSinceAsync(db, typeof(T).Name, id, version, ct));
        }
    }

    /// <summary>The audited updates that moved an entity past the version the editor started from.</summary>
    public static async Task<IReadOnlyList<ChangeByOther>> ChangesSinceAsync(PactwerkDb db, string entityType, int id, int version, CancellationToken ct)
    {
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == entityType && a.EntityId == key && a.Action == AuditActions.Updated)
            .OrderBy(a => a.Id).ToListAsync(ct);
        return entries.Select(e => new ChangeByOther(e.Actor, e.At, Parse(e.Before), Parse(e.After)))
            .Where(c => c.After.TryGetValue(nameof(IVersioned.Version), out var v) && v.GetInt32() > version)
            .Select(c => c with
            {
                Before = c.Before.Where(p => p.Key != nameof(IVersioned.Version)).ToDictionary(),
                After = c.After.Where(p => p.Key != nameof(IVersioned.Version)).ToDictionary(),
            }).ToList();
    }

    private static Dictionary<string, JsonElement> Parse(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json) ?? [];
}
