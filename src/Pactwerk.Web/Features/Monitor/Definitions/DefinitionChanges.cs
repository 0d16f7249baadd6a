using Pactwerk.Monitoring;

namespace Pactwerk.Web.Features.Monitor.Definitions;

/// <summary>One difference between two versions of a definition: which part, and what it said before and after.</summary>
public sealed record DefinitionChange(string Part, string Before, string After);

/// <summary>What a version changed against the one before it, part by part, in words a coordinator reads.</summary>
public static class DefinitionChanges
{
    public static IReadOnlyList<DefinitionChange> Between(string code, IndicatorVersion before, IndicatorVersion after)
    {
        var (a, b) = (IndicatorDefinitions.Parse(code, before.Definition), IndicatorDefinitions.Parse(code, after.Definition));
        var changes = new List<DefinitionChange>();
        void Compare(string part, string? x, string? y)
        {
            if ((x ?? "") != (y ?? ""))
                changes.Add(new DefinitionChange(part, x ?? "", y ?? ""));
        }
        Compare("Teller", Describe(a.Numerator), Describe(b.Numerator));
        Compare("Noemer", a.Denominator is null ? null : Describe(a.Denominator), b.Denominator is null ? null : Describe(b.Denominator));
        Compare("Vermenigvuldiger", Number(a.Multiplier), Number(b.Multiplier));
        Compare("Beschrijving", before.Description, after.Description);
        Compare("Beschrijving in het Engels", before.DescriptionEn, after.DescriptionEn);
        Compare("Bron", before.Source, after.Source);
        return changes;
    }

    /// <summary>"hbo-ingeschrevenen (ONDERDEEL: techniek; GESLACHT: vrouw)": the element with its filter, dimensions in a fixed order.</summary>
    public static string Describe(Measure measure) => measure.Filter.Count == 0 ? measure.Element
        : $"{measure.Element} ({string.Join("; ", measure.Filter.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}: {string.Join(", ", f.Value)}"))})";

    private static string Number(double value) => value.ToString("0.####", System.Globalization.CultureInfo.CurrentCulture);
}
