namespace Pactwerk.Web.Features.Monitor.Pages;

/// <summary>Why a figure is not shown to a reader.</summary>
public enum SmallCell
{
    /// <summary>Built on fewer than <see cref="SmallCells.Threshold"/> units: shown as "&lt;5".</summary>
    Small,
    /// <summary>Not small itself, but hidden so that a small cell cannot be worked out from a total and the other cells.</summary>
    Secondary,
}

/// <summary>
/// The small-cell rule for public output. A figure whose numerator or denominator counts fewer
/// than five units (none included) is hidden. Where the rows of a group add up to a total that is
/// shown elsewhere (the categories of a breakdown add up to the region's value, the regions of a
/// set to the country), one hidden row alone could be worked out by subtraction: then the next
/// smallest row of the group is hidden too. Coordinators see every figure.
/// </summary>
public static class SmallCells
{
    public const int Threshold = 5;

    public const string Rule = "Cijfers die op minder dan 5 eenheden berusten (teller of noemer kleiner dan 5) tonen we niet aan bezoekers die niet zijn ingelogd: ze staan als \"<5\". Als één zo'n cel uit een totaal en de andere cellen terug te rekenen zou zijn, verbergen we ook de op een na kleinste cel van die groep (\"×\"). Coördinatoren zien alle cijfers.";

    public static bool IsSmall(ValueRow row) =>
        row.Value is not null && (row.Numerator is < Threshold || row.Denominator is < Threshold);

    /// <param name="rows">The rows as computed.</param>
    /// <param name="groupOf">The group a row adds up in with others to a total shown elsewhere, or null when it adds up to nothing shown.</param>
    public static List<ValueRow> Protect(IReadOnlyList<ValueRow> rows, Func<ValueRow, string?> groupOf)
    {
        var hidden = rows.Select(r => IsSmall(r) ? SmallCell.Small : (SmallCell?)null).ToArray();
        foreach (var group in Enumerable.Range(0, rows.Count).Where(i => groupOf(rows[i]) is not null).GroupBy(i => groupOf(rows[i])))
        {
            var members = group.ToList();
            if (members.Count(i => hidden[i] is not null) != 1)
                continue;
            // The smallest other row with a value: hiding it leaves two unknowns that only their sum is known of.
            var next = members.Where(i => hidden[i] is null && rows[i].Value is not null)
                .OrderBy(i => rows[i].Denominator ?? rows[i].Numerator).Cast<int?>().FirstOrDefault();
            if (next is { } n)
                hidden[n] = SmallCell.Secondary;
        }
        return rows.Select((r, i) => hidden[i] is { } why ? r with { Value = null, Numerator = null, Denominator = null, Protected = why } : r).ToList();
    }

    /// <summary>
    /// Protects rows as the values API returns them: the categories of a breakdown add up to the
    /// region's total; the regions of a whole set add up to the country.
    /// </summary>
    public static List<ValueRow> ProtectQueryResult(IReadOnlyList<ValueRow> rows, ValuesQuery query) =>
        Protect(rows, r => r.Breakdown is not null ? r.Region.Code + "|" + r.Period
            : string.IsNullOrWhiteSpace(query.Region) && !string.IsNullOrWhiteSpace(query.RegionSet) ? r.Period : null);

    /// <summary>Text for a hidden figure: "&lt;5" for a small cell, "×" for one hidden beside it.</summary>
    public static string Marker(SmallCell why) => why == SmallCell.Small ? "<5" : "×";
}
