using System.Text.Json;

namespace Pactwerk.Web.Features.Audit.Admin;

/// <summary>One field of an audit line as a reader sees it: what it was and what it became.</summary>
public sealed record FieldChange(string Field, string? Before, string? After);

/// <summary>
/// The before and after of an audit line (JSON objects) as the fields that differ, in the order the
/// record lists them. A created record shows every field it was given; a deleted one every field it had.
/// </summary>
public static class AuditChanges
{
    public static IReadOnlyList<FieldChange> Of(string? before, string? after)
    {
        var old = Fields(before);
        var now = Fields(after);
        return now.Keys.Concat(old.Keys.Where(k => !now.ContainsKey(k)))
            .Select(k => new FieldChange(k, old.GetValueOrDefault(k), now.GetValueOrDefault(k)))
            .Where(c => c.Before != c.After)
            .ToList();
    }

    /// <summary>Strings as written, null as null, numbers and nested values as their JSON text; a line that is not an object shows whole.</summary>
    private static Dictionary<string, string?> Fields(string? json)
    {
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(json))
            return fields;
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return new() { [""] = json };
            foreach (var p in document.RootElement.EnumerateObject())
                fields[p.Name] = p.Value.ValueKind switch
                {
                    JsonValueKind.String => p.Value.GetString(),
                    JsonValueKind.Null => null,
                    _ => p.Value.GetRawText(),
                };
        }
        catch (JsonException)
        {
            fields[""] = json;
        }
        return fields;
    }
}
