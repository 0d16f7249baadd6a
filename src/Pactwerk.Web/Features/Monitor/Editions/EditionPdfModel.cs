using System.Globalization;

namespace Pactwerk.Web.Features.Monitor.Editions;

/// <summary>What the printed edition (_EditionPdf.cshtml) is made of: the edition as the public reads it and the name of its set.</summary>
/// <remarks><see cref="Geo"/> is the set's map as GeoJSON, or null when the set has no geometry (then the document has no maps).</remarks>
public sealed record EditionPdfModel(EditionDto Edition, string SetName, string SetNameEn, System.Text.Json.JsonElement? Geo = null)
{
    private static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public string NameOf(EditionIndicatorDto indicator) => English && !string.IsNullOrWhiteSpace(indicator.NameEn) ? indicator.NameEn : indicator.Name;

    public string Set => English && !string.IsNullOrWhiteSpace(SetNameEn) ? SetNameEn : SetName;

    /// <summary>The figure as published, to four decimals as the edition's page shows it, in the document's language.</summary>
    public static string Number(double? value) => value is { } v ? v.ToString("#,##0.####", CultureInfo.CurrentCulture) : "–";

    /// <summary>A figure the small-cell rule hides from the public: its marker instead of the number.</summary>
    public static string Mark(SmallCell? hidden, double? value) => hidden is { } why ? SmallCellText.Marker(why) : Number(value);

    public static IEnumerable<string> Paragraphs(string? text) =>
        (text ?? "").Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static string Date(DateTime day) => day.ToString("d MMMM yyyy", CultureInfo.CurrentCulture);
}
