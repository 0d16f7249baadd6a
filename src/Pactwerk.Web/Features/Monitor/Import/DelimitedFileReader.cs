using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Pactwerk.Monitoring;

namespace Pactwerk.Web.Features.Monitor.Import;

public sealed record RejectedRow(int Line, string Reason);

/// <summary>
/// One value read from the file, with the line it came from and the data element it belongs to.
/// A struct: a national file holds ten million of them, which as objects would cost a header each
/// and give the collector ten million objects to trace while they live through the import.
/// </summary>
public readonly record struct ParsedCell(int Line, string Element, int RegionId, int PeriodStart, string DimensionKey, double? Value);

/// <summary>A data element as the file holds it: its unit, the kind of its periods, and which periods.</summary>
public sealed record ParsedElement(string Code, string Unit, PeriodKind PeriodKind, IReadOnlyList<int> Periods);

public sealed record ParsedFile(int RowsRead, IReadOnlyList<ParsedCell> Cells, IReadOnlyList<ParsedElement> Elements, IReadOnlyList<RejectedRow> Rejected)
{
    public int SuppressedCells => Cells.Count(c => c.Value is null);
}

/// <summary>
/// Reads a delimited file with a profile and checks every row. Collects every problem with its
/// line number instead of stopping at the first, so one report says everything to fix.
/// </summary>
public static partial class DelimitedFileReader
{
    public const int MaxReportedRejections = 1000;

    /// <param name="regions">Region id by code: the municipalities (GM0014 …), and the profile's own region if it has one.</param>
    /// <param name="plausible">The first and last year a period may start in; a year outside is a typing error, not data.</param>
    public static ParsedFile Read(ImportProfile profile, byte[] content, IReadOnlyDictionary<string, int> regions, (int First, int Last)? plausible = null)
    {
        var rejected = new List<RejectedRow>();
        if (content.Length == 0)
            return Fail("Het bestand is leeg.");
        if (TextFileCheck.IsBinary(content))
            return Fail(TextFileCheck.BinaryMessage);

        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(content);
        }
        catch (DecoderFallbackException)
        {
            return Fail("Het bestand is geen geldige UTF-8-tekst (misschien Windows-1252 of Latin-1?). Sla het op als UTF-8 en probeer het opnieuw.");
        }
        text = text.TrimStart('\uFEFF');
        if (text.Trim().Length == 0)
            return Fail("Het bestand is leeg.");

        using var csv = new CsvParser(new StringReader(text), new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = profile.Delimiter.ToString(), BadDataFound = null, IgnoreBlankLines = true,
        });
        csv.Read();
        var header = csv.Record!.Select(h => h.Trim()).ToArray();
        var problem = CheckHeader(profile, header);
        if (problem is not null)
            return Fail(problem);

        var column = header.Select((name, i) => (name, i)).ToDictionary(h => h.name, h => h.i, StringComparer.OrdinalIgnoreCase);
        var municipalityColumn = profile.MunicipalityColumn is { } m ? column[m] : -1;
        var fixedRegion = profile.RegionCode is { } regionCode ? regions[regionCode] : (int?)null;
        var elementColumn = profile.ElementColumn is { } e ? column[e] : -1;
        var unitColumn = profile.UnitColumn is { } u ? column[u] : -1;
        // Per element: its unit, its kind of period, and the line that set them, so a row that differs can name it.
        var elements = new Dictionary<string, (string Unit, PeriodKind? Kind, int Line)>(StringComparer.Ordinal);
        var dimensionColumns = profile.Dimensions.Select(d => column[d.Column]).ToArray();
        var periodColumns = profile.IsWide
            ? header.Select((name, i) => (name, i)).Where(h => profile.WidePeriodColumns!.IsMatch(h.name))
                .Select(h => (Index: h.i, Start: int.Parse(h.name, CultureInfo.InvariantCulture))).ToArray()
            : [];

        var cells = new List<ParsedCell>();
        // Wide files hold each period once per row, so a duplicate is a row with the same
        // municipality and dimensions; long files are checked per cell.
        var firstLineOfKey = new Dictionary<(string, int, int, string), int>();
        var rows = 0;
        while (csv.Read())
        {
            rows++;
            var line = csv.RawRow;
            var record = csv.Record!;
            if (record.Length != header.Length)
            {
                Reject(line, $"verwacht {header.Length} velden, gevonden {record.Length}");
                continue;
            }
            int regionId;
            if (fixedRegion is { } only)
                regionId = only;
            else
            {
                var code = record[municipalityColumn].Trim();
                // A code that already carries the prefix (GM0193 where the profile adds GM to 0193) is taken as it is.
                var regionKey = profile.MunicipalityPrefix.Length > 0 && code.StartsWith(profile.MunicipalityPrefix, StringComparison.OrdinalIgnoreCase)
                    ? code.ToUpperInvariant() : profile.MunicipalityPrefix + code;
                if (!regions.TryGetValue(regionKey, out regionId))
                {
                    Reject(line, profile.MunicipalityByName
                        ? $"onbekende gemeentenaam '{code}' in kolom {profile.MunicipalityColumn}"
                        : $"onbekende gemeentecode '{code}' in kolom {profile.MunicipalityColumn}");
                    continue;
                }
            }
            var element = profile.ElementCode;
            if (elementColumn >= 0)
            {
                element = record[elementColumn].Trim().ToLowerInvariant();
                if (!ElementCode().IsMatch(element))
                {
                    Reject(line, $"'{record[elementColumn].Trim()}' in kolom {profile.ElementColumn} is geen code van een gegevenselement (kleine letters, cijfers, _ en -)");
                    continue;
                }
            }
            var unit = unitColumn >= 0 ? record[unitColumn].Trim() : profile.Unit;
            if (unit.Length == 0)
            {
                Reject(line, $"geen eenheid in kolom {profile.UnitColumn}");
                continue;
            }
            if (elements.TryGetValue(element, out var known) && known.Unit != unit)
            {
                Reject(line, $"eenheid '{unit}' voor {element}, maar regel {known.Line} geeft '{known.Unit}'");
                continue;
            }
            if (!elements.ContainsKey(element))
                elements[element] = (unit, profile.PeriodKindFromText ? null : profile.PeriodKind, line);
            var key = string.Join(Observation.Separator, dimensionColumns.Select(i => record[i].Trim()));
            if (profile.IsWide)
            {
                if (firstLineOfKey.TryGetValue((element, regionId, 0, key), out var firstRow))
                {
                    Reject(line, $"dubbele regel: dezelfde gemeente en indeling als regel {firstRow}");
                    continue;
                }
                firstLineOfKey[(element, regionId, 0, key)] = line;
            }

            IEnumerable<(int Start, string Text, string ColumnName)> values = profile.IsWide
                ? periodColumns.Select(p => (p.Start, record[p.Index].Trim(), header[p.Index]))
                : [(PeriodStart(record[column[profile.PeriodColumn!]], element), record[column[profile.ValueColumn!]].Trim(), profile.ValueColumn!)];
            foreach (var (start, raw, columnName) in values)
            {
                if (start < 0)
                    continue; // rejected with its reason by PeriodStart
                if (raw.Length == 0)
                    continue; // not published for this period: no observation, which is not the same as zero
                if (plausible is var (firstYear, lastYear) && (start < firstYear || start > lastYear))
                {
                    Reject(line, $"periode {new Period(elements[element].Kind!.Value, start)} in kolom {(profile.IsWide ? columnName : profile.PeriodColumn)} ligt buiten {firstYear}–{lastYear}; dat is geen plausibel jaar");
                    continue;
                }
                double? value;
                if (raw == profile.SuppressedMarker)
                    value = null;
                else if (double.TryParse(raw, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
                {
                    if (number < 0)
                    {
                        Reject(line, $"negatief aantal {raw} in kolom {columnName}");
                        continue;
                    }
                    value = number;
                }
                else
                {
                    Reject(line, $"'{raw}' in kolom {columnName} is geen getal en niet '{profile.SuppressedMarker}'");
                    continue;
                }
                if (!profile.IsWide)
                {
                    if (firstLineOfKey.TryGetValue((element, regionId, start, key), out var first))
                    {
                        var where = fixedRegion is null ? "dezelfde gemeente, " : "";
                        Reject(line, $"dubbele regel: {(elementColumn >= 0 ? element + ", " : "")}{where}periode {new Period(elements[element].Kind!.Value, start)} en indeling als regel {first}");
                        continue;
                    }
                    firstLineOfKey[(element, regionId, start, key)] = line;
                }
                cells.Add(new ParsedCell(line, element, regionId, start, key, value));
            }

            // The period of a long row, in the kind its element has (set by the element's first row when the text says the kind).
            int PeriodStart(string text, string code)
            {
                var (elementUnit, kind, firstLine) = elements[code];
                if (kind is { } expected)
                {
                    if (!profile.PeriodKindFromText && Period.TryParse(text, expected, out var period))
                        return period.StartYear;
                    if (profile.PeriodKindFromText && Period.TryParseWithKind(text, out var stated))
                    {
                        if (stated.Kind == expected)
                            return stated.StartYear;
                        Reject(line, $"periode '{text.Trim()}' is een {KindName(stated.Kind)}, maar regel {firstLine} maakt van {code} een reeks in {(expected == PeriodKind.SchoolYear ? "schooljaren" : "kalenderjaren")}");
                    }
                    else
                        Reject(line, $"onleesbare periode '{text.Trim()}' in kolom {profile.PeriodColumn}");
                    return -1;
                }
                if (!Period.TryParseWithKind(text, out var detected))
                {
                    Reject(line, $"onleesbare periode '{text.Trim()}' in kolom {profile.PeriodColumn} (verwacht bijvoorbeeld 2013-2014, 2020 of eind 2017)");
                    return -1;
                }
                elements[code] = (elementUnit, detected.Kind, firstLine);
                return detected.StartYear;
            }
        }
        if (rows == 0)
            Reject(1, "het bestand heeft alleen een kopregel");
        var parsedElements = elements.Where(e => e.Value.Kind is not null)
            .Select(e => new ParsedElement(e.Key, e.Value.Unit, e.Value.Kind!.Value,
                cells.Where(c => c.Element == e.Key).Select(c => c.PeriodStart).Distinct().Order().ToList()))
            .Where(e => e.Periods.Count > 0).OrderBy(e => e.Code, StringComparer.Ordinal).ToList();
        return new ParsedFile(rows, rejected.Count == 0 ? cells : [], rejected.Count == 0 ? parsedElements : [], rejected.Take(MaxReportedRejections).ToList());

        void Reject(int line, string reason) => rejected.Add(new RejectedRow(line, reason));
        ParsedFile Fail(string reason) => new(0, [], [], [new RejectedRow(1, reason)]);
    }

    private static string KindName(PeriodKind kind) => kind == PeriodKind.SchoolYear ? "schooljaar" : "kalenderjaar";

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,79}$")]
    private static partial System.Text.RegularExpressions.Regex ElementCode();

    /// <summary>The columns a file must have for the profile (wide files also need year columns).</summary>
    public static IReadOnlyList<string> RequiredColumns(ImportProfile profile) =>
        new[] { profile.MunicipalityColumn, profile.ElementColumn, profile.UnitColumn }.OfType<string>()
            .Concat(profile.Dimensions.Select(d => d.Column))
            .Concat(profile.IsWide ? [] : new[] { profile.PeriodColumn!, profile.ValueColumn! }).ToList();

    private static string? CheckHeader(ImportProfile profile, string[] header)
    {
        var required = RequiredColumns(profile);
        var missing = required.Where(r => !header.Contains(r, StringComparer.OrdinalIgnoreCase)).ToList();
        if (header.Length == 1 && missing.Count > 0)
        {
            var other = new[] { ';', ',', '\t', '|' }.FirstOrDefault(d => d != profile.Delimiter && header[0].Contains(d));
            return other != default
                ? $"De kopregel is niet met '{profile.Delimiter}' gescheiden maar met '{(other == '\t' ? "tab" : other.ToString())}'. Dit profiel verwacht '{profile.Delimiter}'."
                : $"De kopregel bevat maar één kolom; verwacht scheidingsteken '{profile.Delimiter}'.";
        }
        if (missing.Count > 0)
            return $"De kopregel past niet bij profiel {profile.Code}: kolom(men) {string.Join(", ", missing)} ontbreken.";
        if (profile.IsWide && !header.Any(profile.WidePeriodColumns!.IsMatch))
            return $"De kopregel heeft geen jaarkolommen (zoals 2023) voor profiel {profile.Code}.";
        var duplicate = header.GroupBy(h => h, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null ? null : $"Kolom {duplicate.Key} staat twee keer in de kopregel.";
    }

}
