namespace Pactwerk.Web.Features.Monitor.Import;

/// <summary>
/// Whether an uploaded file is text at all, before anything tries to read it as a table: a NUL byte,
/// or more than a few control characters (tab, CR, LF and form feed are text), in its first 64 KB
/// say it is binary (a spreadsheet, a zip, an image), whatever encoding would make of it.
/// </summary>
public static class TextFileCheck
{
    private const int Sample = 64 * 1024;

    public const string BinaryMessage = "Dit bestand is geen tekstbestand (het bevat binaire gegevens, zoals een Excel-, zip- of afbeeldingsbestand). Sla de gegevens op als CSV (UTF-8) en probeer het opnieuw. Er is niets geïmporteerd.";

    public static bool IsBinary(ReadOnlySpan<byte> content)
    {
        var sample = content[..Math.Min(content.Length, Sample)];
        if (sample.IndexOf((byte)0) >= 0)
            return true;
        var control = 0;
        foreach (var b in sample)
            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0c))
                control++;
        // One stray control character in an export is a flaw to report by line; many are not text.
        return control > Math.Max(2, sample.Length / 100);
    }
}
