using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Pacts;

public sealed record PactRef(int Id, string Code, string Name, DateOnly SignedOn);

/// <summary>A pact by the code in an address or a parameter; codes are lower case, callers may not be.</summary>
public static class PactLookup
{
    /// <summary>A code as pacts are stored under it: trimmed, lower case.</summary>
    public static string Normalise(string? code) => (code ?? "").Trim().ToLowerInvariant();

    public static async Task<PactRef?> FindAsync(PactwerkDb db, string? code, CancellationToken ct)
    {
        var normalised = Normalise(code);
        return normalised.Length == 0 ? null
            : await db.Pacts.Where(p => p.Code == normalised).Select(p => new PactRef(p.Id, p.Code, p.Name, p.SignedOn)).SingleOrDefaultAsync(ct);
    }
}
