namespace Pactwerk.Tests.Infrastructure;

/// <summary>
/// A small, made-up regional structure in the format of the real region files: two provinces,
/// three COROP areas and two labour-market regions, one of which crosses the province border.
/// Tests mutate it to produce every kind of bad file.
/// </summary>
public sealed class RegionFixture
{
    public Dictionary<string, string> Files { get; } = new()
    {
        ["regions/provincies.csv"] = """
            provincie_code,provincie_naam,aantal_gemeenten
            PV90,Noorderland,3
            PV91,Zuiderland,2
            """,
        ["regions/corop.csv"] = """
            corop_code,corop_naam,provincie_code,aantal_gemeenten
            CR90,Noorderland-Oost,PV90,2
            CR91,Noorderland-West,PV90,1
            CR92,Zuiderland,PV91,2
            """,
        ["regions/arbeidsmarktregios.csv"] = """
            arbeidsmarktregio_code,arbeidsmarktregio_naam,aantal_gemeenten
            AM90,Grensstreek,3
            AM91,Zuid,2
            """,
        ["regions/gemeenten.csv"] = """
            gemeente_code,gemeente_naam,provincie_code,provincie_naam,corop_code,corop_naam,arbeidsmarktregio_code,arbeidsmarktregio_naam
            GM9001,Aadorp,PV90,Noorderland,CR90,Noorderland-Oost,AM90,Grensstreek
            GM9002,"Beek, Boven en Beneden",PV90,Noorderland,CR90,Noorderland-Oost,AM90,Grensstreek
            GM9003,Cadier,PV90,Noorderland,CR91,Noorderland-West,AM91,Zuid
            GM9004,Dalen,PV91,Zuiderland,CR92,Zuiderland,AM90,Grensstreek
            GM9005,Eext,PV91,Zuiderland,CR92,Zuiderland,AM91,Zuid
            """,
        ["regions/techniekpact-landsdelen.csv"] = """
            landsdeel,provincie_code,provincie_naam
            Noord,PV90,Noorderland
            Zuid,PV91,Zuiderland
            """,
    };

    public RegionFixture Replace(string file, string oldText, string newText)
    {
        if (!Files[file].Contains(oldText))
            throw new ArgumentException($"'{oldText}' is not in {file}");
        Files[file] = Files[file].Replace(oldText, newText);
        return this;
    }

    public RegionFixture Set(string file, string? text)
    {
        if (text is null) Files.Remove(file);
        else Files[file] = text;
        return this;
    }

    /// <summary>Writes the files under a new temporary folder and returns that folder.</summary>
    public string WriteToTempFolder()
    {
        var root = Path.Combine(Path.GetTempPath(), "pactwerk-tests", "regions-" + Guid.NewGuid().ToString("N"));
        foreach (var (name, text) in Files)
        {
            var path = Path.Combine(root, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            // CRLF like the files published by CBS/DUO.
            File.WriteAllText(path, text.ReplaceLineEndings("\r\n") + "\r\n");
        }
        return root;
    }
}
