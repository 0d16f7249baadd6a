using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Monitor;

/// <summary>The newest published monitor edition of a pact, as a home page links to it.</summary>
public sealed record EditionRef(int Year, string Title, DateTime PublishedAt);

public static class LatestEdition
{
    public static Task<EditionRef?> OfAsync(PactwerkDb db, int pactId, CancellationToken ct) =>
        db.Set<Editions.MonitorEdition>().AsNoTracking().Where(e => e.PactId == pactId).OrderByDescending(e => e.Year)
            .Select(e => new EditionRef(e.Year, e.Title, e.PublishedAt)).FirstOrDefaultAsync(ct);
}
