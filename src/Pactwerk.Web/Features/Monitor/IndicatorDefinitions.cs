using System.Text.Json;
using Pactwerk.Monitoring;

namespace Pactwerk.Web.Features.Monitor;

/// <summary>How a versioned indicator definition is stored (JSON in <see cref="IndicatorVersion.Definition"/>).</summary>
public static class IndicatorDefinitions
{
    private sealed record StoredMeasure(string Element, Dictionary<string, string[]> Filter);
    private sealed record Stored(StoredMeasure Numerator, StoredMeasure? Denominator, double Multiplier);

    public static string Serialise(IndicatorDefinition definition) => JsonSerializer.Serialize(new Stored(
        Store(definition.Numerator), definition.Denominator is null ? null : Store(definition.Denominator), definition.Multiplier), JsonSerializerOptions.Web);

    public static IndicatorDefinition Parse(string code, string json)
    {
        var stored = JsonSerializer.Deserialize<Stored>(json, JsonSerializerOptions.Web) ?? throw new FormatException($"Definition of {code} is empty.");
        return new IndicatorDefinition(code, Load(stored.Numerator), stored.Denominator is null ? null : Load(stored.Denominator), stored.Multiplier);
    }

    private static StoredMeasure Store(Measure m) => new(m.Element, m.Filter.ToDictionary(f => f.Key, f => f.Value.ToArray()));
    private static Measure Load(StoredMeasure m) => new(m.Element, m.Filter.ToDictionary(f => f.Key, f => (IReadOnlyList<string>)f.Value));
}
