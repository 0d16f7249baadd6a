using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Pactwerk.Web.Shared;

/// <summary>
/// Every number a page shows, in the reader's culture (Dutch: 4.430 and 20,8%; English: 4,430 and 20.8%), with a
/// fixed number of decimals per unit: a count none, a share one; a change in a share in percentage points
/// (procentpunt), never in %. Pages call this rather than formatting numbers themselves.
/// </summary>
public static class NumberFormat
{
    /// <summary>The unit of a share: its values are percentages.</summary>
    public const string ShareUnit = "%";
    public const string Missing = "–";

    /// <summary>A count: thousands separated, no decimals (4.430).</summary>
    public static string Count(long value) => value.ToString("#,0", CultureInfo.CurrentCulture);

    public static string Count(double? value) => value is { } v ? Math.Round(v, MidpointRounding.AwayFromZero).ToString("#,0", CultureInfo.CurrentCulture) : Missing;

    /// <summary>A share in percent, one decimal (20,8%).</summary>
    public static string Share(double? percent) => percent is { } v ? Round(v, 1).ToString("#,0.0", CultureInfo.CurrentCulture) + "%" : Missing;

    /// <summary>An amount that may have a fraction (hours, euros): thousands separated, at most two decimals.</summary>
    public static string Amount(double? value) => value is { } v ? v.ToString("#,0.##", CultureInfo.CurrentCulture) : Missing;

    public static string Amount(decimal? value) => value is { } v ? v.ToString("#,0.##", CultureInfo.CurrentCulture) : Missing;

    /// <summary>A figure of an indicator: a share when its unit is %, a count otherwise (whole numbers) or an amount.</summary>
    public static string Value(double? value, string unit) => unit == ShareUnit ? Share(value)
        : value is { } v && v == Math.Floor(v) ? Count(v) : Amount(value);

    /// <summary>A change with its sign: of a share in percentage points (+1,2 procentpunt), of anything else in its unit.</summary>
    public static string Change(double? change, string unit, IStringLocalizer t)
    {
        if (change is not { } c)
            return Missing;
        var sign = c > 0 ? "+" : "";
        return unit == ShareUnit
            ? t["{0} procentpunt", sign + Round(c, 1).ToString("#,0.0", CultureInfo.CurrentCulture)].Value
            : sign + Value(c, unit);
    }

    /// <summary>
    /// A sentence about a count in the form that fits it: "{0} actie" for one, "{0} acties" otherwise (both resource keys),
    /// with the count formatted as a count; further arguments fill {1}, {2}, ….
    /// </summary>
    public static string Plural(long count, string one, string many, IStringLocalizer t, params object[] more) =>
        t[count == 1 ? one : many, [Count(count), .. more]].Value;

    /// <summary>Rounded half away from zero, as people round (20,75 → 20,8), not to even.</summary>
    private static double Round(double value, int decimals) => Math.Round(value, decimals, MidpointRounding.AwayFromZero);
}
