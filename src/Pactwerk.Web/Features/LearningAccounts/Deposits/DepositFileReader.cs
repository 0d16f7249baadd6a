using System.Globalization;
using nietras.SeparatedValues;

namespace Pactwerk.Web.Features.LearningAccounts;

/// <summary>One row of a deposit file: the deposit it asks for, or what is wrong with it per field (Dutch, the translation key).</summary>
/// <param name="MunicipalityCode">The CBS code of the municipality the row names (it may give a name), or null.</param>
public sealed record DepositFileRow(int Line, DepositInput Input, long Cents, IReadOnlyList<(string Field, string Message)> Errors, string? MunicipalityCode = null);

/// <summary>
/// Reads a funder's deposit file row by row without holding it (Sep, over a stream): a header row naming
/// the fields of a single deposit (<see cref="DepositInput"/>, in any order, any case; separated by <c>;</c>,
/// <c>,</c> or a tab), then one deposit per row. Amounts as <c>1250,00</c> or <c>1250.00</c>, dates as
/// <c>jjjj-mm-dd</c>, earmarks separated by <c>|</c>, follows-person as ja/nee. Each row is checked by the
/// single deposit's own <see cref="DepositInput.Check"/>, so a file accepts exactly what the API accepts.
/// </summary>
public sealed class DepositFileReader : IDisposable
{
    public static readonly string[] Fields = ["email", "amount", "reference", "validFrom", "validUntil", "sectors", "levels", "occupations", "followsPerson", "municipality", "birthYear"];
    private static readonly string[] Required = ["email", "amount", "reference", "validUntil"];

    private readonly SepReader _reader;
    private readonly int[] _columns = new int[Fields.Length];

    private readonly HolderFactsRules _facts;

    private DepositFileReader(SepReader reader, List<BadRow> headerErrors, HolderFactsRules facts) => (_reader, HeaderErrors, _facts) = (reader, headerErrors, facts);

    /// <summary>What is wrong with the header (line 1); when anything is, no row is read.</summary>
    public IReadOnlyList<BadRow> HeaderErrors { get; }

    /// <param name="facts">Today's municipalities and the birth years allowed, read once for the whole file.</param>
    public static DepositFileReader Open(Stream file, HolderFactsRules facts)
    {
        var errors = new List<BadRow>();
        SepReader reader;
        try
        {
            reader = Sep.Reader(o => o with { Unescape = true, Trim = SepTrim.All, DisableColCountCheck = true, ColNameComparer = StringComparer.OrdinalIgnoreCase })
                // Sep closes what it reads from: the spool is read twice, so it gets a reader that leaves it open.
                .From(new StreamReader(file, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true));
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException or NotSupportedException)
        {
            // Sep refuses a header that names a column twice, or one it cannot read at all.
            return new DepositFileReader(Sep.Reader().FromText(""), [new BadRow(1, "", LearningAccountMessages.FileHeaderUnreadable)], facts);
        }
        var result = new DepositFileReader(reader, errors, facts);
        if (reader.Header.IsEmpty)
        {
            errors.Add(new BadRow(1, "", LearningAccountMessages.FileEmpty));
            return result;
        }
        var names = reader.Header.ColNames;
        foreach (var name in names.Where(n => !Fields.Contains(n, StringComparer.OrdinalIgnoreCase)))
            errors.Add(new BadRow(1, name, LearningAccountMessages.FileUnknownColumn));
        foreach (var name in Required.Where(r => !names.Contains(r, StringComparer.OrdinalIgnoreCase)))
            errors.Add(new BadRow(1, name, LearningAccountMessages.FileMissingColumn));
        for (var i = 0; i < Fields.Length; i++)
            result._columns[i] = reader.Header.TryIndexOf(Fields[i], out var index) ? index : -1;
        return result;
    }

    /// <summary>The next row, or false at the end of the file.</summary>
    public bool TryRead(out DepositFileRow row)
    {
        row = null!;
        if (HeaderErrors.Count > 0 || !_reader.MoveNext())
            return false;
        var current = _reader.Current;
        var line = current.LineNumberFrom;
        var errors = new List<(string, string)>(0);
        if (current.ColCount != _reader.Header.ColNames.Count)
        {
            row = new DepositFileRow(line, Empty, 0, [("", LearningAccountMessages.FileColumnCount)]);
            return true;
        }
        var texts = new string?[Fields.Length];
        for (var i = 0; i < Fields.Length; i++)
            texts[i] = _columns[i] < 0 ? null : current[_columns[i]].ToString() is { Length: > 0 } s ? s : null;
        string? Text(int field) => texts[field];

        var amountText = Text(1);
        decimal? amount = amountText is null ? null : ParseAmount(amountText);
        if (amountText is not null && amount is null)
            errors.Add(("amount", LearningAccountMessages.AmountInvalid));
        var validFrom = ParseDate(Text(3), "validFrom", errors);
        var validUntil = ParseDate(Text(4), "validUntil", errors);
        bool? follows = Text(8) switch
        {
            null => null,
            var f when f.Equals("ja", StringComparison.OrdinalIgnoreCase) || f.Equals("yes", StringComparison.OrdinalIgnoreCase) || f.Equals("true", StringComparison.OrdinalIgnoreCase) || f == "1" => true,
            var f when f.Equals("nee", StringComparison.OrdinalIgnoreCase) || f.Equals("no", StringComparison.OrdinalIgnoreCase) || f.Equals("false", StringComparison.OrdinalIgnoreCase) || f == "0" => false,
            _ => Flag(errors),
        };
        int? birthYear = null;
        if (Text(10) is { } yearText)
        {
            if (yearText.Length == 4 && yearText.All(char.IsAsciiDigit))
                birthYear = int.Parse(yearText, CultureInfo.InvariantCulture);
            else
                errors.Add(("birthYear", LearningAccountMessages.BirthYearNotNumber));
        }
        var input = new DepositInput(Text(0), amount, validFrom, validUntil, Earmarks(Text(5)), Earmarks(Text(6)), Earmarks(Text(7)), follows, Text(2), Text(9), birthYear);
        var check = input.Check(_facts, out var cents, out var municipality);
        foreach (var (field, messages) in check)
            if (!errors.Any(e => e.Item1 == field))
                errors.Add((field, messages[0]));
        row = new DepositFileRow(line, input, cents, errors, municipality);
        return true;
    }

    private static readonly DepositInput Empty = new(null, null, null, null, null, null, null, null, null);

    private static bool? Flag(List<(string, string)> errors)
    {
        errors.Add(("followsPerson", LearningAccountMessages.FileFollowsInvalid));
        return null;
    }

    /// <summary>
    /// Whole euros with at most two decimals after one comma or point. Three digits after it are refused, not
    /// guessed: <c>1.250</c> is twelve hundred and fifty to a Dutch reader and one and a quarter to an English one.
    /// </summary>
    public static decimal? ParseAmount(string text)
    {
        var separator = text.IndexOfAny([',', '.']);
        var whole = separator < 0 ? text : text[..separator];
        var fraction = separator < 0 ? "" : text[(separator + 1)..];
        if (whole.Length is 0 or > 12 || !whole.All(char.IsAsciiDigit) || (separator >= 0 && (fraction.Length is 0 or > 2 || !fraction.All(char.IsAsciiDigit))))
            return null;
        return decimal.Parse(whole, CultureInfo.InvariantCulture) + (fraction.Length == 0 ? 0 : decimal.Parse(fraction, CultureInfo.InvariantCulture) / (fraction.Length == 1 ? 10 : 100));
    }

    private static DateOnly? ParseDate(string? text, string field, List<(string, string)> errors)
    {
        if (text is null)
            return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return day;
        errors.Add((field, LearningAccountMessages.FileDateInvalid));
        return null;
    }

    private static List<string>? Earmarks(string? text) => text is null ? null : [.. text.Split('|')];

    public void Dispose() => _reader.Dispose();
}
