using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.Extensions.Options;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Audit;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Network;

public sealed class OrganisationImportOptions
{
    public const string Section = "OrganisationImport";
    /// <summary>Largest file an import accepts, in bytes.</summary>
    public long MaxBytes { get; set; } = 2 * 1024 * 1024;
    /// <summary>Most organisations one file may hold.</summary>
    public int MaxRows { get; set; } = 5000;
}

public enum OrganisationImportStatus
{
    /// <summary>Every row is fine; nothing was written (preview).</summary>
    Checked,
    Committed,
    /// <summary>The file or one of its rows is wrong; nothing was written.</summary>
    Rejected,
}

public enum ImportRowStatus
{
    New,
    /// <summary>The organisation is already in the database; the row creates nothing.</summary>
    Existing,
    Rejected,
}

/// <param name="OrganisationId">The existing organisation, or the one the commit created.</param>
public sealed record OrganisationImportRow(int Line, string Name, string? MunicipalityCode, ImportRowStatus Status, int? OrganisationId, IReadOnlyList<string> Reasons);

public sealed record OrganisationImportReport(OrganisationImportStatus Status, string FileName, int RowsRead, int New, int Existing, int Rejected,
    IReadOnlyList<OrganisationImportRow> Rows, IReadOnlyList<string> Errors, string Message);

/// <summary>
/// Imports organisations from the CSV that <see cref="OrganisationCsv"/> describes, all or nothing:
/// the file and every row are checked first, and only when none is wrong are the new
/// organisations written, in one transaction. A row naming an organisation that already exists
/// creates nothing, so importing an export again changes nothing.
/// </summary>
public sealed class OrganisationImport(PactwerkDb db, TimeProvider clock, IOptions<OrganisationImportOptions> options)
{
    private static readonly char[] AcceptedDelimiters = [';', ','];
    private static readonly (char Delimiter, string Name)[] OtherDelimiters = [('\t', "tab"), ('|', "'|'")];

    /// <summary>Checks the file; with <paramref name="commit"/> also writes the new organisations when nothing is wrong.</summary>
    public async Task<OrganisationImportReport> ImportAsync(byte[] content, string fileName, bool commit, CancellationToken ct)
    {
        if (TooLarge(fileName, content.LongLength) is { } tooLarge)
            return tooLarge;
        var read = Read(content, options.Value.MaxRows);
        if (read.Error is not null)
            return Failed(fileName, read.Rows.Count, read.Error);

        var rules = await OrganisationRules.LoadAsync(db, ct);
        var checkedRows = read.Rows.Select(row => (Row: row, Outcome: Check(row, rules))).ToList();
        CatchRepeatedExisting(checkedRows);
        var report = checkedRows.Select(c => c.Outcome.Report).ToList();

        var rejected = report.Count(r => r.Status == ImportRowStatus.Rejected);
        var existing = report.Count(r => r.Status == ImportRowStatus.Existing);
        var fresh = report.Count(r => r.Status == ImportRowStatus.New);
        if (rejected > 0)
            return new OrganisationImportReport(OrganisationImportStatus.Rejected, fileName, report.Count, fresh, existing, rejected, report, [],
                $"{rejected} regel(s) afgekeurd; er is niets geïmporteerd.");
        if (!commit)
            return new OrganisationImportReport(OrganisationImportStatus.Checked, fileName, report.Count, fresh, existing, 0, report, [],
                $"{fresh} nieuwe organisatie(s), {existing} bestaan al; er is nog niets vastgelegd.");

        var created = checkedRows.Where(c => c.Outcome.Values is not null)
            .Select(c => (c.Row.Line, Organisation: Create(c.Outcome.Values!))).ToList();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Organisations.AddRange(created.Select(c => c.Organisation));
        await db.SaveChangesAsync(ct);
        db.RecordEvent(clock.GetUtcNow().UtcDateTime, AuditActions.ImportCommitted, nameof(Organisation), null,
            new { FileName = Path.GetFileName(fileName), RowsRead = report.Count, Created = created.Count, Existing = existing });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        var idOfLine = created.ToDictionary(c => c.Line, c => c.Organisation.Id);
        report = report.Select(r => r.Status == ImportRowStatus.New ? r with { OrganisationId = idOfLine[r.Line] } : r).ToList();
        return new OrganisationImportReport(OrganisationImportStatus.Committed, fileName, report.Count, fresh, existing, 0, report, [],
            $"{fresh} organisatie(s) geïmporteerd; {existing} bestonden al.");
    }

    /// <summary>The refusal of a file over the size limit, so a caller can refuse an upload before reading it.</summary>
    public OrganisationImportReport? TooLarge(string fileName, long length) => length > options.Value.MaxBytes
        ? Failed(fileName, 0, $"Het bestand is te groot: {Uploads.Megabytes(length)} MB, hoogstens {Uploads.Megabytes(options.Value.MaxBytes)} MB.")
        : null;

    private sealed record CsvRow(int Line, IReadOnlyDictionary<string, string> Cells);
    private sealed record ReadFile(List<CsvRow> Rows, string? Error);
    private sealed record RowOutcome(OrganisationImportRow Report, OrganisationValues? Values);

    /// <summary>Decodes the file, finds the delimiter, checks the header and splits the rows; checks nothing in a row yet.</summary>
    private static ReadFile Read(byte[] content, int maxRows)
    {
        if (content.Length == 0)
            return new([], "Het bestand is leeg.");
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(content);
        }
        catch (DecoderFallbackException)
        {
            return new([], "Het bestand is geen UTF-8; sla het op als CSV UTF-8 (in Excel: ‘CSV UTF-8 (door komma's gescheiden)’) en probeer het opnieuw.");
        }
        text = text.TrimStart('\uFEFF');
        if (text.Trim().Length == 0)
            return new([], "Het bestand is leeg.");

        var headerLine = text[..(text.IndexOfAny(['\r', '\n']) is var end and >= 0 ? end : text.Length)];
        var delimiter = AcceptedDelimiters.MaxBy(d => headerLine.Count(c => c == d));
        // Without ';' or ',' the header is one column: either another delimiter, or the column check below says what is missing.
        if (!headerLine.Contains(delimiter) && OtherDelimiters.FirstOrDefault(o => headerLine.Contains(o.Delimiter)) is { Name: { } other })
            return new([], $"Het scheidingsteken van de kopregel is niet herkend (gevonden: {other}). Scheid de kolommen met ';' of ','.");

        var badQuotes = new HashSet<int>();
        using var csv = new CsvParser(new StringReader(text), new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = delimiter.ToString(), IgnoreBlankLines = true, BadDataFound = args => badQuotes.Add(args.Context.Parser!.RawRow),
        });
        csv.Read();
        var header = csv.Record!.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        if (CheckHeader(header) is { } problem)
            return new([], problem);

        var rows = new List<CsvRow>();
        var malformed = new List<string>();
        while (csv.Read())
        {
            var record = csv.Record!;
            var line = csv.RawRow;
            if (badQuotes.Contains(line))
                malformed.Add($"regel {line}: de aanhalingstekens kloppen niet; zet een waarde met een scheidingsteken of aanhalingsteken tussen dubbele aanhalingstekens.");
            else if (record.Length != header.Length)
                malformed.Add($"regel {line}: verwacht {header.Length} velden, gevonden {record.Length}.");
            else
                rows.Add(new CsvRow(line, header.Zip(record).ToDictionary(p => p.First, p => OrganisationCsv.Unescape(p.Second))));
        }
        var count = rows.Count + malformed.Count;
        // Counted before any row is checked: a huge file is refused as a whole, not row by row.
        if (count > maxRows)
            return new(rows, $"Het bestand heeft te veel rijen: {count}, hoogstens {maxRows}. Splits het in kleinere bestanden.");
        if (count == 0)
            return new(rows, "Het bestand bevat alleen een kopregel en geen organisaties.");
        if (malformed.Count > 0)
            return new(rows, string.Join(" ", malformed.Take(20)) + (malformed.Count > 20 ? $" (en nog {malformed.Count - 20} regel(s))" : ""));
        return new(rows, null);
    }

    private static string? CheckHeader(string[] header)
    {
        var problems = new List<string>();
        var missing = OrganisationCsv.RequiredColumns.Where(c => !header.Contains(c)).ToList();
        if (missing.Count > 0)
            problems.Add($"De kopregel mist de verplichte kolom(men) {string.Join(", ", missing)}.");
        var unknown = header.Where(h => !OrganisationCsv.ImportColumns.Contains(h) && !OrganisationCsv.ExportOnlyColumns.Contains(h)).ToList();
        if (unknown.Count > 0)
            problems.Add($"Onbekende kolom(men) {string.Join(", ", unknown.Select(u => u.Length == 0 ? "(zonder naam)" : $"'{u}'"))}. "
                + $"Gebruik {string.Join(";", OrganisationCsv.ImportColumns)} (de exportkolommen {string.Join(", ", OrganisationCsv.ExportOnlyColumns)} worden overgeslagen).");
        var twice = header.GroupBy(h => h).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (twice.Count > 0)
            problems.Add($"De kolom(men) {string.Join(", ", twice)} staan meer dan eens in de kopregel.");
        return problems.Count == 0 ? null : string.Join(" ", problems);
    }

    /// <summary>The rules' field names as the file's column names, so a message points at the column to fix.</summary>
    private static readonly Dictionary<string, string> ColumnOfField = new()
    {
        [nameof(OrganisationInput.Name)] = OrganisationCsv.Name, [nameof(OrganisationInput.Helix)] = OrganisationCsv.Helix,
        [nameof(OrganisationInput.Kind)] = OrganisationCsv.Kind, [nameof(OrganisationInput.Sectors)] = OrganisationCsv.Sectors,
        [nameof(OrganisationInput.MunicipalityCode)] = OrganisationCsv.Municipality, [nameof(OrganisationInput.KvkNumber)] = OrganisationCsv.Kvk,
        [nameof(OrganisationInput.DuoCode)] = OrganisationCsv.Duo, [nameof(OrganisationInput.Website)] = OrganisationCsv.Website,
        [nameof(OrganisationInput.Description)] = OrganisationCsv.Description,
    };

    private static RowOutcome Check(CsvRow row, OrganisationRules rules)
    {
        string? Cell(string column) => row.Cells.GetValueOrDefault(column);
        var input = new OrganisationInput
        {
            Name = Cell(OrganisationCsv.Name) ?? "", Helix = Cell(OrganisationCsv.Helix) ?? "", Kind = Cell(OrganisationCsv.Kind) ?? "",
            Sectors = (Cell(OrganisationCsv.Sectors) ?? "").Split(OrganisationCsv.ListSeparator).ToList(),
            MunicipalityCode = Cell(OrganisationCsv.Municipality), KvkNumber = Cell(OrganisationCsv.Kvk), DuoCode = Cell(OrganisationCsv.Duo),
            Website = Cell(OrganisationCsv.Website), Description = Cell(OrganisationCsv.Description),
        };
        var name = input.Name.Trim();
        var municipality = string.IsNullOrWhiteSpace(input.MunicipalityCode) ? null : input.MunicipalityCode.Trim();
        var (values, errors, duplicateOf) = rules.Check(input);
        if (values is null)
        {
            var reasons = errors.SelectMany(e => e.Value.Select(message =>
                $"regel {row.Line}, kolom {ColumnOfField.GetValueOrDefault(e.Key, e.Key)}: {message}")).ToList();
            return new(new(row.Line, name, municipality, ImportRowStatus.Rejected, null, reasons), null);
        }
        switch (duplicateOf)
        {
            case null:
                // Remembered under minus its line, so that a later row repeating it is told which line it repeats.
                rules.Remember(-row.Line, values);
                return new(new(row.Line, name, municipality, ImportRowStatus.New, null, []), values);
            case < 0:
                return new(new(row.Line, name, municipality, ImportRowStatus.Rejected, null,
                    [$"regel {row.Line}: dezelfde organisatie als regel {-duplicateOf} (zelfde KvK-nummer, DUO-code, of naam en gemeente)."]), null);
            default:
                return new(new(row.Line, name, municipality, ImportRowStatus.Existing, duplicateOf,
                    [$"bestaat al als organisatie {duplicateOf}", .. rules.IdentifierConflicts(duplicateOf.Value, values)]), null);
        }
    }

    /// <summary>
    /// Two rows naming the same existing organisation are a duplicate in the file, even though
    /// neither would create anything: the rules only find the existing one, so it is caught here.
    /// </summary>
    private static void CatchRepeatedExisting(List<(CsvRow Row, RowOutcome Outcome)> rows)
    {
        var firstLine = new Dictionary<int, int>();
        for (var i = 0; i < rows.Count; i++)
        {
            var report = rows[i].Outcome.Report;
            if (report.Status != ImportRowStatus.Existing)
                continue;
            if (firstLine.TryGetValue(report.OrganisationId!.Value, out var first))
                rows[i] = rows[i] with
                {
                    Outcome = new(report with
                    {
                        Status = ImportRowStatus.Rejected, OrganisationId = null,
                        Reasons = [$"regel {report.Line}: dezelfde organisatie als regel {first} (bestaande organisatie {report.OrganisationId})."],
                    }, null),
                };
            else
                firstLine[report.OrganisationId.Value] = report.Line;
        }
    }

    private static Organisation Create(OrganisationValues values)
    {
        var organisation = new Organisation { Name = values.Name };
        values.ApplyTo(organisation);
        return organisation;
    }

    private static OrganisationImportReport Failed(string fileName, int rowsRead, string error) =>
        new(OrganisationImportStatus.Rejected, fileName, rowsRead, 0, 0, 0, [], [error], error);

}
