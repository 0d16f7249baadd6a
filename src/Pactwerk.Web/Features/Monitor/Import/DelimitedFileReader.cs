using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Pactwerk.Monitoring;

namespace Pactwerk.Web.Features.Monitor.Import;

public sealed record RejectedRow(int Line, string Reason);

/// <summary>One value read from the file, with the line it came from.</summary>
public sealed record ParsedCell(int Line, int RegionId, int PeriodStart, string DimensionKey, double? Value);

public sealed record ParsedFile(int RowsRead, IReadOnlyList<ParsedCell> Cells, IReadOnlyList<int> Periods, IReadOnlyList<RejectedRow> Rejected)
{
    public int SuppressedCells => Cells.Count(c => c.Value is null);
}

/// <summary>
/// Reads a delimited file with a profile and checks every row. Collects every problem with its
/// line number instead of stopping at the first, so one report says everything to fix.
/// </summary>
public static class DelimitedFileReader
{
    public const int MaxReportedRejections = 1000;

    /// <param name="municipalities">Region id by municipality code (GM0014 …).</param>
    public static ParsedFile Read(ImportProfile profile, byte[] content, IReadOnlyDictionary<string, int> municipalities)
    {
        var rejected = new List<RejectedRow>();
        if (content.Length == 0)
            return Fail("Het bestand is leeg.");

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
        var municipalityColumn = column[profile.MunicipalityColumn];
        var dimensionColumns = profile.Dimensions.Select(d => column[d.Column]).ToArray();
        var periodColumns = profile.IsWide
            ? header.Select((name, i) => (name, i)).Where(h => profile.WidePeriodColumns!.IsMatch(h.name))
                .Select(h => (Index: h.i, Start: int.Parse(h.name, CultureInfo.InvariantCulture))).ToArray()
            : [];

        var cells = new List<ParsedCell>();
        // Wide files hold each period once per row, so a duplicate is a row with the same
        // municipality and dimensions; long files are checked per cell.
        var firstLineOfKey = new Dictionary<(int, int, string), int>();
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
            var code = record[municipalityColumn].Trim();
            if (!municipalities.TryGetValue(profile.MunicipalityPrefix + code, out var regionId))
            {
                Reject(line, $"onbekende gemeentecode '{code}' in kolom {profile.MunicipalityColumn}");
                continue;
            }
            var key = string.Join(Observation.Separator, dimensionColumns.Select(i => record[i].Trim()));
            if (profile.IsWide)
            {
                if (firstLineOfKey.TryGetValue((regionId, 0, key), out var firstRow))
                {
                    Reject(line, $"dubbele regel: dezelfde gemeente en indeling als regel {firstRow}");
                    continue;
                }
                firstLineOfKey[(regionId, 0, key)] = line;
            }

            IEnumerable<(int Start, string Text, string ColumnName)> values = profile.IsWide
                ? periodColumns.Select(p => (p.Start, record[p.Index].Trim(), header[p.Index]))
                : [(PeriodStart(record[column[profile.PeriodColumn!]], profile.PeriodKind), record[column[profile.ValueColumn!]].Trim(), profile.ValueColumn!)];
            foreach (var (start, raw, columnName) in values)
            {
                if (start < 0)
                {
                    Reject(line, $"onleesbare periode in kolom {profile.PeriodColumn}");
                    continue;
                }
                if (raw.Length == 0)
                    continue; // not published for this period: no observation, which is not the same as zero
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
                    if (firstLineOfKey.TryGetValue((regionId, start, key), out var first))
                    {
                        Reject(line, $"dubbele regel: dezelfde gemeente, periode {new Period(profile.PeriodKind, start)} en indeling als regel {first}");
                        continue;
                    }
                    firstLineOfKey[(regionId, start, key)] = line;
                }
                cells.Add(new ParsedCell(line, regionId, start, key, value));
            }
        }
        if (rows == 0)
            Reject(1, "het bestand heeft alleen een kopregel");
        var periods = cells.Select(c => c.PeriodStart).Distinct().Order().ToList();
        return new ParsedFile(rows, rejected.Count == 0 ? cells : [], periods, rejected.Take(MaxReportedRejections).ToList());

        void Reject(int line, string reason) => rejected.Add(new RejectedRow(line, reason));
        ParsedFile Fail(string reason) => new(0, [], [], [new RejectedRow(1, reason)]);
    }

    private static string? CheckHeader(ImportProfile profile, string[] header)
    {
        var required = new[] { profile.MunicipalityColumn }.Concat(profile.Dimensions.Select(d => d.Column))
            .Concat(profile.IsWide ? [] : new[] { profile.PeriodColumn!, profile.ValueColumn! }).ToList();
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

    private static int PeriodStart(string text, PeriodKind kind) => Period.TryParse(text, kind, out var period) ? period.StartYear : -1;
}
