using System.Globalization;
using System.Text.RegularExpressions;
using CsvHelper;
using CsvHelper.Configuration;

namespace Pactwerk.Web.Features.ReferenceData;

public sealed record NamedRegion(string Code, string Name);
public sealed record MunicipalityRow(string Code, string Name, string ProvinceCode, string CoropCode, string LabourMarketRegionCode);
public sealed record LandsdeelRow(string Landsdeel, string ProvinceCode);

/// <summary>The Dutch regional structure as read and cross-checked from the region files.</summary>
public sealed record RegionDataset(
    IReadOnlyList<NamedRegion> Provinces,
    IReadOnlyList<NamedRegion> CoropAreas,
    IReadOnlyList<NamedRegion> LabourMarketRegions,
    IReadOnlyList<MunicipalityRow> Municipalities,
    IReadOnlyList<LandsdeelRow> Landsdelen);

/// <summary>One problem in one file, with the line it is on (0 when it concerns the whole file).</summary>
public sealed record ReferenceDataError(string File, int Line, string Problem)
{
    public override string ToString() => Line > 0 ? $"{File}, regel {Line}: {Problem}" : $"{File}: {Problem}";
}

public sealed class ReferenceDataException(IReadOnlyList<ReferenceDataError> errors)
    : Exception("Referentiegegevens afgekeurd:" + Environment.NewLine + string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<ReferenceDataError> Errors { get; } = errors;
}

/// <summary>
/// Reads the five region files and checks them against each other. Collects every problem
/// instead of stopping at the first, so one run tells the user everything to fix.
/// </summary>
public static partial class RegionFileParser
{
    public const string ProvincesFile = "regions/provincies.csv";
    public const string CoropFile = "regions/corop.csv";
    public const string LabourMarketFile = "regions/arbeidsmarktregios.csv";
    public const string MunicipalitiesFile = "regions/gemeenten.csv";
    public const string LandsdelenFile = "regions/techniekpact-landsdelen.csv";

    public static readonly string[] Files = [ProvincesFile, CoropFile, LabourMarketFile, MunicipalitiesFile, LandsdelenFile];

    public static RegionDataset Parse(IReadOnlyDictionary<string, string?> files)
    {
        var errors = new List<ReferenceDataError>();

        var provinces = ReadCounted(files, ProvincesFile, ["provincie_code", "provincie_naam", "aantal_gemeenten"], ProvinceCode(), errors,
            r => new CountedRegion(r.Line, r[0], r[1], r.Int(2)));
        var corop = ReadCounted(files, CoropFile, ["corop_code", "corop_naam", "provincie_code", "aantal_gemeenten"], CoropCode(), errors,
            r => new CountedRegion(r.Line, r[0], r[1], r.Int(3), r[2]));
        var labour = ReadCounted(files, LabourMarketFile, ["arbeidsmarktregio_code", "arbeidsmarktregio_naam", "aantal_gemeenten"], LabourMarketCode(), errors,
            r => new CountedRegion(r.Line, r[0], r[1], r.Int(2)));

        var provinceByCode = ByCode(provinces);
        var coropByCode = ByCode(corop);
        var labourByCode = ByCode(labour);

        foreach (var area in corop.Where(c => !provinceByCode.ContainsKey(c.Parent!)))
            errors.Add(new(CoropFile, area.Line, $"COROP-gebied {area.Code} ligt in onbekende provincie '{area.Parent}'."));

        var municipalities = new List<MunicipalityRow>();
        var seen = new HashSet<string>();
        foreach (var row in ReadRows(files, MunicipalitiesFile,
                     ["gemeente_code", "gemeente_naam", "provincie_code", "provincie_naam", "corop_code", "corop_naam", "arbeidsmarktregio_code", "arbeidsmarktregio_naam"], errors))
        {
            var before = errors.Count;
            var (code, name, pv, pvName, cr, crName, am, amName) = (row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7]);
            if (!MunicipalityCode().IsMatch(code))
                errors.Add(new(MunicipalitiesFile, row.Line, $"'{code}' is geen gemeentecode (verwacht GM gevolgd door vier cijfers)."));
            else if (!seen.Add(code))
                errors.Add(new(MunicipalitiesFile, row.Line, $"Gemeentecode {code} komt twee keer voor."));
            if (name.Length == 0)
                errors.Add(new(MunicipalitiesFile, row.Line, $"Gemeente {code} heeft geen naam."));
            CheckReference(row.Line, code, "provincie", pv, pvName, provinceByCode, errors);
            CheckReference(row.Line, code, "COROP-gebied", cr, crName, coropByCode, errors);
            CheckReference(row.Line, code, "arbeidsmarktregio", am, amName, labourByCode, errors);
            if (coropByCode.TryGetValue(cr, out var area) && provinceByCode.ContainsKey(pv) && area.Parent != pv)
                errors.Add(new(MunicipalitiesFile, row.Line, $"Gemeente {code} ligt volgens dit bestand in {pv}, maar haar COROP-gebied {cr} in {area.Parent}."));
            if (errors.Count == before)
                municipalities.Add(new(code, name, pv, cr, am));
        }

        // The declared counts catch a truncated gemeenten.csv, which would otherwise load quietly.
        if (files.GetValueOrDefault(MunicipalitiesFile) is not null)
        {
            CheckCounts(ProvincesFile, "Provincie", provinces, municipalities.GroupBy(m => m.ProvinceCode), errors);
            CheckCounts(CoropFile, "COROP-gebied", corop, municipalities.GroupBy(m => m.CoropCode), errors);
            CheckCounts(LabourMarketFile, "Arbeidsmarktregio", labour, municipalities.GroupBy(m => m.LabourMarketRegionCode), errors);
        }

        var landsdelen = new List<LandsdeelRow>();
        var grouped = new Dictionary<string, string>();
        foreach (var row in ReadRows(files, LandsdelenFile, ["landsdeel", "provincie_code", "provincie_naam"], errors))
        {
            var (landsdeel, pv, pvName) = (row[0], row[1], row[2]);
            if (landsdeel.Length == 0)
                errors.Add(new(LandsdelenFile, row.Line, "Naam van het landsdeel ontbreekt."));
            else if (!provinceByCode.TryGetValue(pv, out var province))
                errors.Add(new(LandsdelenFile, row.Line, $"Landsdeel {landsdeel} noemt onbekende provincie '{pv}'."));
            else if (province.Name != pvName)
                errors.Add(new(LandsdelenFile, row.Line, $"Provincie {pv} heet '{province.Name}' in {ProvincesFile}, hier '{pvName}'."));
            else if (!grouped.TryAdd(pv, landsdeel))
                errors.Add(new(LandsdelenFile, row.Line, $"Provincie {pv} staat al in landsdeel {grouped[pv]}."));
            else
                landsdelen.Add(new(landsdeel, pv));
        }

        if (errors.Count > 0)
            throw new ReferenceDataException(errors);

        return new RegionDataset(
            provinces.Select(p => new NamedRegion(p.Code, p.Name)).ToList(),
            corop.Select(p => new NamedRegion(p.Code, p.Name)).ToList(),
            labour.Select(p => new NamedRegion(p.Code, p.Name)).ToList(),
            municipalities,
            landsdelen);
    }

    private sealed record CountedRegion(int Line, string Code, string Name, int? DeclaredCount, string? Parent = null);

    private static Dictionary<string, CountedRegion> ByCode(IEnumerable<CountedRegion> regions) =>
        regions.GroupBy(r => r.Code).ToDictionary(g => g.Key, g => g.First());

    private static List<CountedRegion> ReadCounted(IReadOnlyDictionary<string, string?> files, string file, string[] header,
        Regex codePattern, List<ReferenceDataError> errors, Func<CsvRow, CountedRegion> map)
    {
        var result = new List<CountedRegion>();
        var seen = new HashSet<string>();
        foreach (var row in ReadRows(files, file, header, errors))
        {
            var region = map(row);
            if (!codePattern.IsMatch(region.Code))
                errors.Add(new(file, row.Line, $"'{region.Code}' is geen geldige code (verwacht {codePattern})."));
            else if (!seen.Add(region.Code))
                errors.Add(new(file, row.Line, $"Code {region.Code} komt twee keer voor."));
            else if (region.Name.Length == 0)
                errors.Add(new(file, row.Line, $"Regio {region.Code} heeft geen naam."));
            else if (region.DeclaredCount is null or < 1)
                errors.Add(new(file, row.Line, $"Aantal gemeenten van {region.Code} is geen positief geheel getal."));
            else
                result.Add(region);
        }
        return result;
    }

    private static void CheckReference(int line, string municipality, string kind, string code, string name,
        Dictionary<string, CountedRegion> known, List<ReferenceDataError> errors)
    {
        if (!known.TryGetValue(code, out var region))
            errors.Add(new(MunicipalitiesFile, line, $"Gemeente {municipality} ligt in onbekende {kind} '{code}'."));
        else if (region.Name != name)
            errors.Add(new(MunicipalitiesFile, line, $"{kind} {code} heet '{region.Name}' elders, hier '{name}'."));
    }

    private static void CheckCounts(string file, string kind, List<CountedRegion> regions,
        IEnumerable<IGrouping<string, MunicipalityRow>> actual, List<ReferenceDataError> errors)
    {
        var counts = actual.ToDictionary(g => g.Key, g => g.Count());
        foreach (var region in regions)
        {
            var found = counts.GetValueOrDefault(region.Code);
            if (found != region.DeclaredCount)
                errors.Add(new(file, region.Line, $"{kind} {region.Code} telt volgens dit bestand {region.DeclaredCount} gemeenten, maar {MunicipalitiesFile} bevat er {found} (bestand afgebroken of onvolledig?)."));
        }
    }

    /// <summary>A data row with its line number in the file.</summary>
    private sealed class CsvRow(int line, string[] fields, string file, List<ReferenceDataError> errors)
    {
        public int Line { get; } = line;
        public string this[int i] => fields[i].Trim();

        public int? Int(int i)
        {
            if (int.TryParse(this[i], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                return n;
            errors.Add(new(file, Line, $"'{this[i]}' is geen geheel getal."));
            return null;
        }
    }

    private static List<CsvRow> ReadRows(IReadOnlyDictionary<string, string?> files, string file, string[] header, List<ReferenceDataError> errors)
    {
        var rows = new List<CsvRow>();
        var text = files.GetValueOrDefault(file);
        if (text is null)
        {
            errors.Add(new(file, 0, "Bestand niet gevonden."));
            return rows;
        }

        using var csv = new CsvParser(new StringReader(text), new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = ",",
            BadDataFound = null,
            IgnoreBlankLines = true,
        });
        if (!csv.Read())
        {
            errors.Add(new(file, 0, "Bestand is leeg."));
            return rows;
        }
        var actual = csv.Record!.Select(h => h.Trim().TrimStart('\uFEFF')).ToArray();
        if (!actual.SequenceEqual(header))
        {
            errors.Add(new(file, 1, $"Onverwachte kopregel '{string.Join(",", actual)}'; verwacht '{string.Join(",", header)}'."));
            return rows;
        }
        while (csv.Read())
        {
            var record = csv.Record!;
            if (record.Length != header.Length)
                errors.Add(new(file, csv.RawRow, $"Verwacht {header.Length} velden, gevonden {record.Length}."));
            else
                rows.Add(new CsvRow(csv.RawRow, record, file, errors));
        }
        if (rows.Count == 0 && !errors.Any(e => e.File == file))
            errors.Add(new(file, 0, "Bestand bevat alleen een kopregel."));
        return rows;
    }

    [GeneratedRegex("^PV[0-9]{2}$")] private static partial Regex ProvinceCode();
    [GeneratedRegex("^CR[0-9]{2}$")] private static partial Regex CoropCode();
    [GeneratedRegex("^AM[0-9]{2}$")] private static partial Regex LabourMarketCode();
    [GeneratedRegex("^GM[0-9]{4}$")] private static partial Regex MunicipalityCode();
}
