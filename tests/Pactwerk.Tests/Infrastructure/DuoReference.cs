using Microsoft.VisualBasic.FileIO;

namespace Pactwerk.Tests.Infrastructure;

/// <summary>
/// A second, deliberately plain reading of the DUO file for test expectations: the BCL's parser,
/// dictionaries and loops, sharing no code with the app's importer or engine.
/// </summary>
public static class DuoReference
{
    public const string File = "duo/ingeschrevenen-hbo-2020-2023.csv";

    public sealed record Totals(long Sum, int Suppressed);

    private static readonly Lazy<(string[] Header, List<string[]> Rows)> Data = new(() =>
    {
        using var parser = new TextFieldParser(Path.Combine(SharedData.Root, File)) { HasFieldsEnclosedInQuotes = true };
        parser.SetDelimiters(";");
        var header = parser.ReadFields()!;
        var rows = new List<string[]>();
        while (!parser.EndOfData)
            rows.Add(parser.ReadFields()!);
        return (header, rows);
    });

    /// <summary>Σ of the year column over the rows whose municipality is in <paramref name="municipalities"/> and that pass the filter.</summary>
    public static Totals Sum(int year, IReadOnlySet<string> municipalities, Func<Func<string, string>, bool>? filter = null)
    {
        var (header, rows) = Data.Value;
        var yearColumn = Array.IndexOf(header, year.ToString());
        var municipalityColumn = Array.IndexOf(header, "GEMEENTENUMMER");
        long sum = 0;
        var suppressed = 0;
        foreach (var row in rows)
        {
            if (!municipalities.Contains("GM" + row[municipalityColumn]))
                continue;
            if (filter is not null && !filter(column => row[Array.IndexOf(header, column)]))
                continue;
            var cell = row[yearColumn];
            if (cell == "<5")
                suppressed++;
            else
                sum += long.Parse(cell);
        }
        return new Totals(sum, suppressed);
    }

    /// <summary>Municipality codes per region code, for every region of the CBS sets and the landsdelen, from the region files.</summary>
    public static Dictionary<string, HashSet<string>> Regions()
    {
        var landsdeel = SharedData.LandsdeelOfProvince();
        var regions = new Dictionary<string, HashSet<string>>();
        foreach (var m in SharedData.Municipalities())
            foreach (var code in new[] { "NL", m.Province, m.Corop, m.LabourMarketRegion, "TP-" + landsdeel[m.Province].ToUpperInvariant(), m.Code })
            {
                if (!regions.TryGetValue(code, out var set))
                    regions[code] = set = [];
                set.Add(m.Code);
            }
        return regions;
    }
}
