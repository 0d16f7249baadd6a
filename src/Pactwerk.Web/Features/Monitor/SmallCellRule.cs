using Pactwerk.Web.Features.Monitor.Pages;

namespace Pactwerk.Web.Features.Monitor;

/// <summary>
/// The small-cell rule for the pact's confidential figures about people, for other areas that show such figures
/// outside the monitor (a funder's report of its learning accounts): the same threshold and the same secondary
/// suppression over sums as the monitor's own output (<see cref="SmallCellSolver"/>), so the rule lives in one place.
/// </summary>
public static class SmallCellRule
{
    /// <summary>A count of persons below this is a small cell.</summary>
    public const int Threshold = SmallCells.Threshold;

    /// <summary>How the rule reads beside a table of persons (Dutch; English in the resources).</summary>
    public const string Explanation = "Aantallen van minder dan 5 personen tonen we niet (\"<5\"), ook niet het bedrag dat bij die personen hoort: het zijn vertrouwelijke gegevens over mensen. Als zo'n cel uit het totaal en de andere cellen terug te rekenen zou zijn, verbergen we ook de volgende kleinste cel (\"×\").";

    /// <summary>
    /// Which cells are hidden: each cell with fewer than <see cref="Threshold"/> persons, and then, for every sum in
    /// <paramref name="sums"/> (a total and its parts) with exactly one hidden member, the smallest other member too,
    /// until no sum gives a hidden cell away by subtraction. A hidden cell hides every figure about its persons.
    /// </summary>
    /// <param name="persons">The count of persons of every cell, a total included.</param>
    /// <param name="sums">Each sum: the total first or anywhere, with its parts; a cell may be in several sums (a total shared by several breakdowns).</param>
    public static IReadOnlyDictionary<TKey, SmallCell> Hide<TKey>(IReadOnlyDictionary<TKey, int> persons, IReadOnlyList<IReadOnlyList<TKey>> sums)
        where TKey : notnull =>
        SmallCellSolver.Solve(persons.ToDictionary(p => p.Key, p => new CellFigures(p.Value, p.Value, null)), sums);
}
