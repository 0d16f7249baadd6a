using Pactwerk.Web.Features.Monitor;
using Pactwerk.Web.Features.Monitor.Pages;

namespace Pactwerk.Tests.Monitor;

/// <summary>The small-cell decision over a system of sums, on a made-up country whose hidden cells were worked out on paper.</summary>
public sealed class SmallCellSolverTests
{
    // A country NL of two provinces: P1 = a + b, P2 = c + d; the municipalities a..d add up to NL, and so do P1 and P2.
    private static readonly IReadOnlyList<IReadOnlyList<string>> Sums =
        [["NL", "P1", "P2"], ["NL", "a", "b", "c", "d"], ["P1", "a", "b"], ["P2", "c", "d"]];

    private static Dictionary<string, CellFigures> Counts(params (string Key, double Count)[] cells) =>
        cells.ToDictionary(c => c.Key, c => new CellFigures(c.Count, c.Count, null));

    [Fact]
    public void A_province_holding_one_small_municipality_does_not_give_it_away()
    {
        // a = 3 is small. Among the municipalities c (20) is the next smallest: hidden. But P1 = a + b with P1 (43) shown,
        // so b (40) must go too; then P2 = c + d gives c away unless d (50) goes as well. NL and the provinces stay.
        var cells = Counts(("NL", 113), ("P1", 43), ("P2", 70), ("a", 3), ("b", 40), ("c", 20), ("d", 50));

        var hidden = SmallCellSolver.Solve(cells, Sums);

        Assert.Equal(new Dictionary<string, SmallCell> { ["a"] = SmallCell.Small, ["b"] = SmallCell.Secondary, ["c"] = SmallCell.Secondary, ["d"] = SmallCell.Secondary },
            hidden);
    }

    [Fact]
    public void Two_small_municipalities_in_different_provinces_each_take_their_neighbour()
    {
        // a = 2 and c = 4 are small: the municipality sum has two unknowns, but P1 = a + b and P2 = c + d each have one,
        // so b and d go; nothing more.
        var cells = Counts(("NL", 106), ("P1", 42), ("P2", 64), ("a", 2), ("b", 40), ("c", 4), ("d", 60));

        var hidden = SmallCellSolver.Solve(cells, Sums);

        Assert.Equal(new Dictionary<string, SmallCell> { ["a"] = SmallCell.Small, ["b"] = SmallCell.Secondary, ["c"] = SmallCell.Small, ["d"] = SmallCell.Secondary },
            hidden);
    }

    [Fact]
    public void A_province_of_one_municipality_is_hidden_with_it()
    {
        // P1 holds only a. b is small; the municipalities then hide the next smallest, a (10), and P1 = a has to go too.
        var sums = new List<IReadOnlyList<string>> { new[] { "NL", "P1", "P2" }, new[] { "NL", "a", "b", "c" }, new[] { "P1", "a" }, new[] { "P2", "b", "c" } };
        var cells = Counts(("NL", 62), ("P1", 10), ("P2", 52), ("a", 10), ("b", 2), ("c", 50));

        var hidden = SmallCellSolver.Solve(cells, sums);

        // P2 = b + c: b hidden alone, so c goes; the provinces' sum has P1 alone hidden, so P2 (52 of the two left) goes too.
        Assert.Equal(new Dictionary<string, SmallCell>
        {
            ["b"] = SmallCell.Small, ["a"] = SmallCell.Secondary, ["P1"] = SmallCell.Secondary, ["c"] = SmallCell.Secondary, ["P2"] = SmallCell.Secondary,
        }, hidden);
    }

    [Fact]
    public void Fixed_and_pinned_cells_are_never_chosen()
    {
        // A region's total T (shown, decided before) = x + y; x small. y is pinned (public elsewhere), so nothing can be chosen in
        // that sum; in the other sum x + z = S, z goes.
        var cells = Counts(("x", 2), ("y", 30), ("z", 40), ("S", 42));
        var hidden = SmallCellSolver.Solve(cells, [["T", "x", "y"], ["S", "x", "z"]], k => k == "T", new Dictionary<string, SmallCell>(), new HashSet<string> { "y" });

        Assert.Equal(new Dictionary<string, SmallCell> { ["x"] = SmallCell.Small, ["z"] = SmallCell.Secondary }, hidden);
    }
}
