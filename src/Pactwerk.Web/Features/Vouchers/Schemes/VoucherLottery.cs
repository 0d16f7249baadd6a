using System.Security.Cryptography;
using System.Text;

namespace Pactwerk.Web.Features.Vouchers;

/// <summary>
/// The published lottery of a scheme whose budget is decided by drawing lots. The draw itself is
/// a seed of 32 random bytes from the operating system's CSPRNG, generated at the moment of the
/// draw and published with it; the order then follows from the seed alone, so anyone can recompute
/// it: an application's rank is the lowercase hex SHA-256 of the UTF-8 string
/// <c>seed + ":" + applicationNumber</c> (the number as <see cref="VoucherApplication.NumberOf"/>
/// writes it, e.g. <c>LGV-000042</c>), and applications are drawn in ascending rank, compared
/// ordinally. Nobody, the platform included, can steer the order without choosing the seed, and the
/// seed is never chosen: it is drawn.
/// </summary>
public static class VoucherLottery
{
    /// <summary>The rule in words, published with every draw.</summary>
    public const string RuleText =
        "rank = lowercase hex SHA-256 of the UTF-8 string seed + \":\" + application number (e.g. LGV-000042); " +
        "applications are drawn in ascending rank (byte-wise string comparison); granted in drawn order while the budget covers the next in line, " +
        "the rest wait in drawn order. Check one: printf '%s' \"<seed>:LGV-000042\" | sha256sum";

    /// <summary>A fresh seed: 32 bytes from <see cref="RandomNumberGenerator"/>, as 64 lowercase hex digits.</summary>
    public static string NewSeed() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>The rank of one application under a seed: lowercase hex SHA-256 of <c>seed:number</c>.</summary>
    public static string Rank(string seed, string applicationNumber) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed + ":" + applicationNumber)));

    /// <summary>
    /// The application numbers in drawn order. Ties between two ranks would need a SHA-256
    /// collision; the number breaks them anyway so the order is total and the same everywhere.
    /// </summary>
    public static IReadOnlyList<string> Draw(string seed, IEnumerable<string> applicationNumbers) =>
        applicationNumbers
            .Select(number => (Number: number, Rank: Rank(seed, number)))
            .OrderBy(x => x.Rank, StringComparer.Ordinal)
            .ThenBy(x => x.Number, StringComparer.Ordinal)
            .Select(x => x.Number)
            .ToList();
}
