using Microsoft.VisualBasic.FileIO;

namespace Pactwerk.Tests.Infrastructure;

/// <summary>
/// Reads the real reference files the repository ships in data/nl with the BCL's own CSV parser, a different
/// route from the app's loader, so the app's figures are checked against an independent count.
/// </summary>
public static class SharedData
{
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Pactwerk.slnx")))
                    return Path.GetFullPath(Path.Combine(dir.FullName, "data", "nl"));
            throw new DirectoryNotFoundException("Pactwerk.slnx not found above the test binaries.");
        }
    }

    public sealed record Municipality(string Code, string Name, string Province, string Corop, string LabourMarketRegion);

    public static IReadOnlyList<string[]> Rows(string relativePath)
    {
        using var parser = new TextFieldParser(Path.Combine(Root, relativePath)) { HasFieldsEnclosedInQuotes = true };
        parser.SetDelimiters(",");
        var rows = new List<string[]>();
        parser.ReadFields(); // header
        while (!parser.EndOfData)
            rows.Add(parser.ReadFields()!);
        return rows;
    }

    public static IReadOnlyList<Municipality> Municipalities() =>
        Rows("regions/gemeenten.csv").Select(f => new Municipality(f[0], f[1], f[2], f[4], f[6])).ToList();

    /// <summary>Province code → landsdeel name, from techniekpact-landsdelen.csv.</summary>
    public static IReadOnlyDictionary<string, string> LandsdeelOfProvince() =>
        Rows("regions/techniekpact-landsdelen.csv").ToDictionary(f => f[1], f => f[0]);
}
