using Pactwerk.Monitoring;

namespace Pactwerk.Tests.Monitor;

/// <summary>
/// A period big enough that the engine scans it on several cores: every figure must still be the
/// sum worked out here, cell by cell in a plain loop over the generated cells.
/// </summary>
public sealed class MonitorEngineParallelTests
{
    [Fact]
    public void A_big_period_scanned_on_every_core_gives_the_sums_counted_cell_by_cell()
    {
        // Municipalities 1..50; region 100 = the odd ones, region 101 = all of them.
        var municipalities = Enumerable.Range(1, 50).ToList();
        var regions = new RegionIndex([.. municipalities.Select(m => (m, (IReadOnlyList<int>)[m])),
            (100, municipalities.Where(m => m % 2 == 1).ToList()), (101, municipalities)]);
        var period = new Period(PeriodKind.SchoolYear, 2023);
        var random = new Random(17);
        var cells = new List<(int Municipality, string Sector, double? Value)>();
        for (var i = 0; i < 400_000; i++) // well past the size at which the scan is split
            cells.Add((municipalities[random.Next(municipalities.Count)], random.Next(3) == 0 ? "techniek" : "zorg",
                random.Next(20) == 0 ? null : random.Next(5, 400)));
        var engine = new MonitorEngine();
        engine.Load(regions, [ElementData.From("e", ElementLevel.Municipality, PeriodKind.SchoolYear, ["SECTOR"],
            cells.Select(c => { regions.TryIndexOf(c.Municipality, out var unit); return new Cell(unit, period, [c.Sector], c.Value); }))]);
        var share = new IndicatorDefinition("share", new Measure("e", new Dictionary<string, IReadOnlyList<string>> { ["SECTOR"] = ["techniek"] }), Measure.All("e"), 100);

        foreach (var (region, members) in new[] { (100, municipalities.Where(m => m % 2 == 1).ToHashSet()), (101, municipalities.ToHashSet()), (7, [7]) })
        {
            double numerator = 0, denominator = 0;
            int suppressed = 0, counted = 0;
            foreach (var (municipality, sector, value) in cells)
            {
                if (!members.Contains(municipality))
                    continue;
                counted++;
                if (value is null)
                    suppressed++;
                else
                {
                    denominator += value.Value;
                    if (sector == "techniek")
                        numerator += value.Value;
                }
            }
            var result = engine.Evaluate(share, region, period);
            Assert.Equal((numerator, denominator), (result.Numerator, result.Denominator!.Value));
            Assert.Equal((suppressed, counted), (result.SuppressedCells, result.Cells));
        }
    }
}
