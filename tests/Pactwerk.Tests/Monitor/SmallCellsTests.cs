using Pactwerk.Web.Features.Monitor;
using Pactwerk.Web.Features.Monitor.Pages;

namespace Pactwerk.Tests.Monitor;

/// <summary>The small-cell rule on hand-made rows whose hidden cells were worked out on paper.</summary>
public sealed class SmallCellsTests
{
    private static ValueRow Row(string region, double numerator, double? denominator, string? breakdown = null, string period = "2023/2024") =>
        new(new RegionRef(region, region), period, denominator is { } d ? (d == 0 ? null : 100 * numerator / d) : numerator, numerator, denominator, 0, breakdown, null, 1);

    private static Dictionary<string, SmallCell?> Hidden(List<ValueRow> rows) =>
        rows.ToDictionary(r => r.Breakdown ?? r.Region.Code, r => r.Protected);

    [Fact]
    public void One_small_category_of_a_breakdown_takes_the_next_smallest_with_it()
    {
        // Women 3 (small), unknown 12, men 40: with the total (55) on the page, women = 55 − 12 − 40,
        // so the next smallest (unknown, 12) must go too; men stay.
        var rows = new List<ValueRow> { Row("NL", 3, null, "vrouw"), Row("NL", 12, null, "onbekend"), Row("NL", 40, null, "man") };

        var shown = Hidden(SmallCells.Protect(rows, r => r.Region.Code + r.Period));

        Assert.Equal(SmallCell.Small, shown["vrouw"]);
        Assert.Equal(SmallCell.Secondary, shown["onbekend"]);
        Assert.Null(shown["man"]);
    }

    [Fact]
    public void Two_small_cells_hide_each_other_and_nothing_more_is_hidden()
    {
        var rows = new List<ValueRow> { Row("NL", 2, null, "vrouw"), Row("NL", 4, null, "onbekend"), Row("NL", 40, null, "man") };

        var shown = Hidden(SmallCells.Protect(rows, r => r.Region.Code));

        Assert.Equal([SmallCell.Small, SmallCell.Small, null], [shown["vrouw"], shown["onbekend"], shown["man"]]);
    }

    [Fact]
    public void A_share_is_hidden_when_its_numerator_or_its_denominator_counts_fewer_than_five()
    {
        // 4 of 100 (numerator small), 3 of 4 (both small), 5 of 5 (neither), 0 of 200 (none counts as fewer than five).
        var rows = new List<ValueRow> { Row("A", 4, 100), Row("B", 3, 4), Row("C", 5, 5), Row("D", 0, 200), Row("E", 50, 400) };

        var result = SmallCells.Protect(rows, _ => null);
        var shown = Hidden(result);

        Assert.Equal([SmallCell.Small, SmallCell.Small, null, SmallCell.Small, null], [shown["A"], shown["B"], shown["C"], shown["D"], shown["E"]]);
        // Nothing of a hidden figure goes out: not the value, not its parts.
        Assert.All(result.Where(r => r.Protected is not null), r => Assert.Equal((null, null, null), (r.Value, r.Numerator, r.Denominator)));
        Assert.Equal((5d, 5d, 100d), (result[2].Numerator!.Value, result[2].Denominator!.Value, result[2].Value!.Value));
    }

    [Fact]
    public void Regions_of_a_set_add_up_to_the_country_so_one_small_region_takes_the_next_smallest_with_it()
    {
        var rows = new List<ValueRow> { Row("A", 1, 30), Row("B", 20, 60), Row("C", 30, 50), Row("D", 40, 900) };

        var shown = Hidden(SmallCells.ProtectQueryResult(rows, new ValuesQuery("x", "provincies", null, "2023", null)));

        // A is small; of the others C has the smallest denominator (50).
        Assert.Equal([SmallCell.Small, null, SmallCell.Secondary, null], [shown["A"], shown["B"], shown["C"], shown["D"]]);
    }

    [Fact]
    public void A_region_without_data_is_not_a_small_cell()
    {
        var empty = new ValueRow(new RegionRef("A", "A"), "2023", null, 0, null, 0, null, null, 1);

        Assert.Null(Assert.Single(SmallCells.Protect([empty], _ => "g")).Protected);
    }
}
