using Pactwerk.Monitoring;

namespace Pactwerk.Tests.Monitor;

/// <summary>The pure engine on hand-made numbers whose answers are worked out in the comments.</summary>
public sealed class MonitorEngineTests
{
    // Regions: 1 and 2 are municipalities; 10 = {1, 2}; 11 = {2} only.
    private static readonly RegionIndex Regions = new([(1, [1]), (2, [2]), (10, [1, 2]), (11, [2])]);
    private static readonly Period Y2023 = new(PeriodKind.SchoolYear, 2023);

    private static MonitorEngine Engine(params (int Municipality, string Sector, double? Value)[] cells)
    {
        var engine = new MonitorEngine();
        Regions.TryIndexOf(1, out var m1);
        Regions.TryIndexOf(2, out var m2);
        engine.Load(Regions, [ElementData.From("e", ElementLevel.Municipality, PeriodKind.SchoolYear, ["SECTOR"],
            cells.Select(c => new Cell(c.Municipality == 1 ? m1 : m2, Y2023, [c.Sector], c.Value)))]);
        return engine;
    }

    private static readonly IndicatorDefinition Share = new("share",
        new Measure("e", new Dictionary<string, IReadOnlyList<string>> { ["SECTOR"] = ["techniek"] }), Measure.All("e"), 100);

    [Fact]
    public void A_share_over_two_municipalities_is_the_sum_over_the_sum_not_the_mean_of_shares()
    {
        // Municipality 1: 10 of 100 (10%); municipality 2: 300 of 400 (75%).
        // Mean of shares = 42.5%; the right answer is 310/500 = 62%.
        var engine = Engine((1, "techniek", 10), (1, "zorg", 90), (2, "techniek", 300), (2, "zorg", 100));

        var both = engine.Evaluate(Share, 10, Y2023);

        Assert.Equal(62.0, both.Value!.Value, 10);
        Assert.Equal((310.0, 500.0), (both.Numerator, both.Denominator!.Value));
    }

    [Fact]
    public void Suppressed_cells_are_left_out_and_counted_once()
    {
        // A suppressed techniek cell is in the numerator and the denominator: it is one cell left out.
        var engine = Engine((1, "techniek", null), (1, "zorg", 40), (2, "techniek", 6), (2, "zorg", null));

        var result = engine.Evaluate(Share, 10, Y2023);

        Assert.Equal(2, result.SuppressedCells);
        Assert.Equal((6.0, 46.0), (result.Numerator, result.Denominator!.Value));
    }

    [Fact]
    public void A_region_of_another_set_uses_only_its_own_municipalities()
    {
        var engine = Engine((1, "techniek", 10), (2, "techniek", 30), (2, "zorg", 70));

        Assert.Equal(30.0, engine.Evaluate(Share, 11, Y2023).Value!.Value, 10);
        Assert.Null(engine.Evaluate(Share, 11, new Period(PeriodKind.SchoolYear, 2019)).Value);
    }

    [Fact]
    public void Replacing_an_element_serves_the_new_figures_at_once()
    {
        var engine = Engine((1, "techniek", 10), (1, "zorg", 10));
        Assert.Equal(50.0, engine.Evaluate(Share, 1, Y2023).Value!.Value, 10);
        Regions.TryIndexOf(1, out var m1);

        engine.Replace(ElementData.From("e", ElementLevel.Municipality, PeriodKind.SchoolYear, ["SECTOR"],
            [new Cell(m1, Y2023, ["techniek"], 30), new Cell(m1, Y2023, ["zorg"], 10)]));

        Assert.Equal(75.0, engine.Evaluate(Share, 1, Y2023).Value!.Value, 10);
    }

    private static readonly IndicatorDefinition Count = new("count", Measure.All("e"));

    [Fact]
    public void A_split_by_a_dimension_sums_each_value_over_the_region_and_follows_a_replace()
    {
        // Municipality 1: techniek 10, zorg 5; municipality 2: techniek 30, zorg suppressed, onderwijs 7.
        var engine = Engine((1, "techniek", 10), (1, "zorg", 5), (2, "techniek", 30), (2, "zorg", null), (2, "onderwijs", 7));

        // Region 10 = {1, 2}: techniek 10 + 30 = 40 over two cells; zorg 5 with one of its two cells suppressed; onderwijs 7.
        var both = engine.EvaluateBy(Count, 10, Y2023, "SECTOR");
        Assert.Equal(["onderwijs", "techniek", "zorg"], both.Select(b => b.Value));
        Assert.Equal((7.0, 0, 1), (both[0].Aggregate.Numerator, both[0].Aggregate.SuppressedCells, both[0].Aggregate.Cells));
        Assert.Equal((40.0, 0, 2), (both[1].Aggregate.Numerator, both[1].Aggregate.SuppressedCells, both[1].Aggregate.Cells));
        Assert.Equal((5.0, 1, 2), (both[2].Aggregate.Numerator, both[2].Aggregate.SuppressedCells, both[2].Aggregate.Cells));

        // Municipality 1 alone has no onderwijs cell: the value is not listed (not listed as zero).
        var one = engine.EvaluateBy(Count, 1, Y2023, "SECTOR");
        Assert.Equal([("techniek", 10.0), ("zorg", 5.0)], one.Select(b => (b.Value, b.Aggregate.Numerator)));
        // A period without cells lists nothing.
        Assert.Empty(engine.EvaluateBy(Count, 10, new Period(PeriodKind.SchoolYear, 2019), "SECTOR"));

        // The split of region 10 is held now; a replaced element must not be answered from it.
        Regions.TryIndexOf(1, out var m1);
        engine.Replace(ElementData.From("e", ElementLevel.Municipality, PeriodKind.SchoolYear, ["SECTOR"],
            [new Cell(m1, Y2023, ["techniek"], 12), new Cell(m1, Y2023, ["zorg"], 3)]));
        Assert.Equal([("techniek", 12.0), ("zorg", 3.0)], engine.EvaluateBy(Count, 10, Y2023, "SECTOR").Select(b => (b.Value, b.Aggregate.Numerator)));
    }

    [Fact]
    public void A_split_by_a_dimension_with_more_values_than_are_held_is_scanned_and_gives_the_same_sums()
    {
        // One more sector than the engine holds splits for: sector k has k + 1 students in municipality 1 and, for even k,
        // 100 in municipality 2; sector 0 is suppressed in municipality 1.
        var sectors = Enumerable.Range(0, MonitorEngine.MaxHeldSplitValues + 1).Select(k => $"sector-{k:D2}").ToList();
        var cells = sectors.Select((s, k) => (1, s, k == 0 ? (double?)null : k + 1))
            .Concat(sectors.Where((_, k) => k % 2 == 0).Select(s => (2, s, (double?)100))).ToArray();
        var engine = Engine(cells);

        var both = engine.EvaluateBy(Count, 10, Y2023, "SECTOR");
        Assert.Equal(sectors, both.Select(b => b.Value));
        for (var k = 0; k < sectors.Count; k++)
        {
            var expected = (k == 0 ? 0 : k + 1) + (k % 2 == 0 ? 100 : 0);
            var suppressed = k == 0 ? 1 : 0;
            var cellCount = k % 2 == 0 ? 2 : 1;
            Assert.Equal((sectors[k], (double)expected, suppressed, cellCount), (both[k].Value, both[k].Aggregate.Numerator, both[k].Aggregate.SuppressedCells, both[k].Aggregate.Cells));
        }
        // Municipality 2 alone: only the even sectors, 100 each.
        Assert.Equal(sectors.Where((_, k) => k % 2 == 0).Select(s => (s, 100.0)), engine.EvaluateBy(Count, 2, Y2023, "SECTOR").Select(b => (b.Value, b.Aggregate.Numerator)));
    }

    [Fact]
    public void A_split_of_a_share_keeps_each_values_own_denominator()
    {
        // Share of techniek split by sector: the techniek row is 100 % of itself and the other sectors have no numerator.
        var engine = Engine((1, "techniek", 10), (1, "zorg", 30), (2, "techniek", 30));
        var split = engine.EvaluateBy(Share, 10, Y2023, "SECTOR");
        Assert.Equal([("techniek", 40.0, 40.0), ("zorg", 0.0, 30.0)], split.Select(b => (b.Value, b.Aggregate.Numerator, b.Aggregate.Denominator!.Value)));
    }

    [Theory]
    [InlineData("2024", PeriodKind.SchoolYear, "2024/2025")]
    [InlineData("2024/2025", PeriodKind.SchoolYear, "2024/2025")]
    [InlineData("2024", PeriodKind.CalendarYear, "2024")]
    public void Periods_read_a_bare_year_in_the_kind_asked_for(string text, PeriodKind kind, string expected)
    {
        Assert.True(Period.TryParse(text, kind, out var period));
        Assert.Equal(expected, period.ToString());
    }

    [Theory]
    [InlineData("2024/2026")]
    [InlineData("2024/2025x")]
    [InlineData("twintig")]
    [InlineData("")]
    public void Bad_periods_are_refused(string text) => Assert.False(Period.TryParse(text, PeriodKind.SchoolYear, out _));

    [Theory]
    // baseline 20 (2020) → target 30 (2030): in 2025 half the gain (5) is expected; 85% of that is 4.25.
    [InlineData(24.25, Direction.HigherIsBetter, TrackStatus.OnTrack)]
    [InlineData(24.24, Direction.HigherIsBetter, TrackStatus.OffTrack)]
    [InlineData(19.9, Direction.HigherIsBetter, TrackStatus.WrongDirection)]
    public void On_track_means_85_percent_of_the_expected_progress(double actual, Direction direction, TrackStatus expected) =>
        Assert.Equal(expected, OnTrack.Assess(20, 2020, 30, 2030, actual, 2025, direction));

    [Fact]
    public void For_a_lower_is_better_indicator_falling_is_progress() =>
        // baseline 10 → target 4 (2020 → 2026); in 2023 half the fall (3) is expected; 85% = 2.55, so 7.45 or lower is on track.
        Assert.Equal((TrackStatus.OnTrack, TrackStatus.OffTrack),
            (OnTrack.Assess(10, 2020, 4, 2026, 7.45, 2023, Direction.LowerIsBetter), OnTrack.Assess(10, 2020, 4, 2026, 7.6, 2023, Direction.LowerIsBetter)));
}
