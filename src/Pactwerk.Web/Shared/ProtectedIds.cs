using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Pactwerk.Web.Shared;

/// <summary>
/// A record's number in a link as a data-protected token (confirmation links, a school's schedule link): unforgeable
/// without a stored secret. Reading gives null for anything that is not such a token, so a page answers 404 rather than 500.
/// </summary>
public static class ProtectedIds
{
    public static string ProtectId(this IDataProtector protector, long id) => protector.Protect(id.ToString(CultureInfo.InvariantCulture));

    /// <param name="maxLength">Longer text is no token of ours and is not even tried.</param>
    public static long? UnprotectId(this IDataProtector protector, string? token, int maxLength = 1000)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > maxLength)
            return null;
        try
        {
            return long.TryParse(protector.Unprotect(token.Trim()), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>As <see cref="UnprotectId"/>, for records numbered by an <see cref="int"/>.</summary>
    public static int? UnprotectInt32Id(this IDataProtector protector, string? token, int maxLength = 1000) =>
        protector.UnprotectId(token, maxLength) is { } id and >= int.MinValue and <= int.MaxValue ? (int)id : null;
}
