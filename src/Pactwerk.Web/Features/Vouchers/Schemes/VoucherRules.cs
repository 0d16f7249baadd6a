namespace Pactwerk.Web.Features.Vouchers;

/// <summary>The fixed vocabularies of the voucher rules, and the checks of a provider's registration numbers.</summary>
public static class VoucherRules
{
    /// <summary>Target groups of the publication's schemes.</summary>
    public static readonly IReadOnlyList<string> TargetGroups = ["werkzoekend-naar-techniek", "technicus-doorgroeien"];

    /// <summary>A KvK number is eight digits, nothing else.</summary>
    public static bool IsKvkNumber(string? text) => text is { Length: 8 } && text.All(char.IsAsciiDigit);

    /// <summary>The IBAN without spaces, in upper case.</summary>
    public static string NormaliseIban(string? text) => new((text ?? "").Where(c => !char.IsWhiteSpace(c)).Select(char.ToUpperInvariant).ToArray());

    /// <summary>
    /// ISO 13616: two letters, two check digits, then letters and digits; moved the first four to the
    /// end and read letters as 10…35, the number is 1 modulo 97. Dutch IBANs are 18 characters long.
    /// </summary>
    public static bool IsIban(string iban)
    {
        if (iban.Length is < 15 or > 34 || !char.IsAsciiLetterUpper(iban[0]) || !char.IsAsciiLetterUpper(iban[1])
            || !char.IsAsciiDigit(iban[2]) || !char.IsAsciiDigit(iban[3]) || !iban.All(char.IsAsciiLetterOrDigit))
            return false;
        if (iban.StartsWith("NL", StringComparison.Ordinal) && iban.Length != 18)
            return false;
        var remainder = 0;
        foreach (var c in iban[4..] + iban[..4])
        {
            var value = char.IsAsciiDigit(c) ? c - '0' : c - 'A' + 10;
            remainder = (value > 9 ? remainder * 100 + value : remainder * 10 + value) % 97;
        }
        return remainder == 1;
    }
}
