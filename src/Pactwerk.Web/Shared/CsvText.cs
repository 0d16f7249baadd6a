using System.Text;

namespace Pactwerk.Web.Shared;

/// <summary>
/// Downloads for spreadsheets, written like the monitor's: UTF-8 with a byte-order mark (so é and ï
/// read right), ';'-separated, CRLF, cells quoted when needed and a leading formula character
/// defused so a spreadsheet does not run what a visitor typed.
/// </summary>
public static class CsvText
{
    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
            value = "'" + value;
        return value.IndexOfAny([';', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }

    /// <summary>The header and rows (already made cells), as the bytes of the file.</summary>
    public static byte[] File(string header, IEnumerable<IEnumerable<string>> rows)
    {
        var text = new StringBuilder(header).Append("\r\n");
        foreach (var row in rows)
            text.AppendJoin(';', row).Append("\r\n");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }
}
