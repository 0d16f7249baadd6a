using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pactwerk.Web.Shared;

/// <summary>
/// Lets an input accept what the GET of the same resource returned, so a client can send back what
/// it read: a reference the GET shows as an object ({ "code": "TP-OOST", "name": … }) is also taken
/// in that shape, besides its plain key ("TP-OOST"). The key inside the object is the same one the
/// plain form takes (a region's code, an objective's number), never another identifier.
/// </summary>
public static class ReadBackJson
{
    /// <summary>Strings, or objects with a "code".</summary>
    public sealed class Codes : JsonConverter<List<string>>
    {
        public override List<string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            ReadList(ref reader, e => e.ValueKind == JsonValueKind.String ? e.GetString()! : Property(e, "code").GetString()!);

        public override void Write(Utf8JsonWriter writer, List<string> value, JsonSerializerOptions options) => JsonSerializer.Serialize(writer, value, options);
    }

    /// <summary>Numbers, or objects with a "number" (an objective's number within its pact, not its id).</summary>
    public sealed class Numbers : JsonConverter<List<int>>
    {
        public override List<int>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            ReadList(ref reader, e => e.ValueKind == JsonValueKind.Number ? e.GetInt32() : Property(e, "number").GetInt32());

        public override void Write(Utf8JsonWriter writer, List<int> value, JsonSerializerOptions options) => JsonSerializer.Serialize(writer, value, options);
    }

    /// <summary>Ids, or objects with an "id" (an organisation, person or action as the GET names it: { "id": 7, "name": … }).</summary>
    public sealed class Ids : JsonConverter<List<int>>
    {
        public override List<int>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            ReadList(ref reader, e => e.ValueKind == JsonValueKind.Number ? e.GetInt32() : Property(e, "id").GetInt32());

        public override void Write(Utf8JsonWriter writer, List<int> value, JsonSerializerOptions options) => JsonSerializer.Serialize(writer, value, options);
    }

    /// <summary>A string, or an object with a "code" (a municipality as the GET shows it).</summary>
    public sealed class Code : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using var document = JsonDocument.ParseValue(ref reader);
            var e = document.RootElement;
            return e.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.String => e.GetString(),
                JsonValueKind.Object => Property(e, "code").GetString(),
                _ => throw new JsonException("Verwacht een code of een object met een code."),
            };
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }

    private static List<T>? ReadList<T>(ref Utf8JsonReader reader, Func<JsonElement, T> item)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var e = document.RootElement;
        if (e.ValueKind == JsonValueKind.Null)
            return null;
        if (e.ValueKind != JsonValueKind.Array)
            throw new JsonException("Verwacht een lijst.");
        try
        {
            return e.EnumerateArray().Select(item).ToList();
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or KeyNotFoundException)
        {
            throw new JsonException("Een element van de lijst is geen sleutel en geen object met een sleutel.", ex);
        }
    }

    private static JsonElement Property(JsonElement e, string name)
    {
        if (e.ValueKind == JsonValueKind.Object)
            foreach (var p in e.EnumerateObject())
                if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
                    return p.Value;
        throw new KeyNotFoundException(name);
    }
}
