using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Pactwerk.Web.Features.Competences;

/// <summary>One file of an ESCO download (or a file in its shape), by the name it was given and its bytes.</summary>
public sealed record EscoFile(string Name, byte[] Content);

/// <summary>A row of an ESCO file: the line it starts on and its cells by column name (ESCO's casing).</summary>
public sealed record EscoRow(int Line, IReadOnlyDictionary<string, string> Cells)
{
    public string this[string column] => Cells.TryGetValue(column, out var value) ? value.Trim() : "";
}

/// <summary>
/// The columns of ESCO's CSV downloads (v1.1 and v1.2, every language alike) and how they are read: comma-separated,
/// UTF-8, values with a comma, quote or line break in double quotes; a list such as altLabels holds one label per line
/// inside its quoted field. Any other column refuses the file, so a wrong file is never half understood.
/// </summary>
public static class EscoCsv
{
    public static readonly IReadOnlyList<string> SkillColumns =
        ["conceptType", "conceptUri", "skillType", "reuseLevel", "preferredLabel", "altLabels", "hiddenLabels", "status", "modifiedDate", "scopeNote", "definition", "inScheme", "description"];
    public static readonly IReadOnlyList<string> SkillRequired = ["conceptUri", "preferredLabel"];

    public static readonly IReadOnlyList<string> OccupationColumns =
        ["conceptType", "conceptUri", "iscoGroup", "preferredLabel", "altLabels", "hiddenLabels", "status", "modifiedDate", "regulatedProfessionNote",
         "scopeNote", "definition", "inScheme", "description", "code", "naceCode"];
    public static readonly IReadOnlyList<string> OccupationRequired = ["conceptUri", "preferredLabel"];

    public static readonly IReadOnlyList<string> RelationColumns = ["occupationUri", "relationType", "skillType", "skillUri"];
    public static readonly IReadOnlyList<string> RelationRequired = ["occupationUri", "relationType", "skillUri"];

    /// <summary>The rows of a file, or null with the reasons added to <paramref name="errors"/> when its header or a row is malformed.</summary>
    public static List<EscoRow>? Read(EscoFile file, IReadOnlyList<string> known, IReadOnlyList<string> required, List<string> errors)
    {
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(file.Content).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            errors.Add(CompetenceMessages.Format(CompetenceMessages.NotUtf8, file.Name));
            return null;
        }
        if (text.Trim().Length == 0)
        {
            errors.Add(CompetenceMessages.Format(CompetenceMessages.FileEmpty, file.Name));
            return null;
        }

        var badQuotes = new HashSet<int>();
        using var csv = new CsvParser(new StringReader(text), new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = ",", IgnoreBlankLines = true, BadDataFound = args => badQuotes.Add(args.Context.Parser!.RawRow),
        });
        csv.Read();
        var header = csv.Record!.Select(h => h.Trim()).ToArray();
        var columns = new List<string>();
        foreach (var given in header)
        {
            // ESCO spells its columns in camel case; a spreadsheet may not, so the case is forgiven, nothing else.
            var column = known.FirstOrDefault(k => string.Equals(k, given, StringComparison.OrdinalIgnoreCase));
            if (column is null)
                errors.Add(CompetenceMessages.Format(CompetenceMessages.UnknownColumn, file.Name, given, string.Join(", ", known)));
            columns.Add(column ?? given);
        }
        foreach (var missing in required.Where(r => !columns.Contains(r)))
            errors.Add(CompetenceMessages.Format(CompetenceMessages.MissingColumn, file.Name, missing));
        if (errors.Count > 0)
            return null;

        var rows = new List<EscoRow>();
        var malformed = false;
        while (csv.Read())
        {
            var record = csv.Record!;
            // RawRow is the line a record ends on; a quoted field may span lines (altLabels do), and people look for where it starts.
            var line = csv.RawRow - csv.RawRecord.TrimEnd('\r', '\n').Count(c => c == '\n');
            if (badQuotes.Contains(csv.RawRow))
            {
                errors.Add(CompetenceMessages.Format(CompetenceMessages.BadQuotes, file.Name, line));
                malformed = true;
            }
            else if (record.Length != columns.Count)
            {
                errors.Add(CompetenceMessages.Format(CompetenceMessages.FieldCount, file.Name, line, columns.Count, record.Length));
                malformed = true;
            }
            else
                rows.Add(new EscoRow(line, columns.Zip(record).ToDictionary(p => p.First, p => p.Second)));
        }
        return malformed ? null : rows;
    }

    /// <summary>The labels of a list field, one per line as ESCO writes them, without blanks or repeats, one per line again.</summary>
    public static string Labels(string field) =>
        string.Join('\n', field.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal));

    /// <summary>The code of a concept by its URI: the last part, as ESCO's own addresses name it (…/skill/&lt;uuid&gt;).</summary>
    public static string CodeOf(string uri) => uri.TrimEnd('/')[(uri.TrimEnd('/').LastIndexOf('/') + 1)..];
}
