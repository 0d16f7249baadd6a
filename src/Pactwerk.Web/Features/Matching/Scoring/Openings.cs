using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.LearningPlaces;

namespace Pactwerk.Web.Features.Matching.Scoring;

/// <summary>
/// An opening as matching reads it, whatever its kind: whose it is, what it is called, its last open day (null: no end),
/// and where people read it.
/// </summary>
public sealed record OpeningSummary(Opening Opening, int OrganisationId, string Title, DateOnly? LastDay)
{
    /// <summary>Open while its last day has not passed; <see cref="Openings.OpenIdsAsync"/> says the same in SQL.</summary>
    public bool IsOpenOn(DateOnly today) => LastDay is not { } last || last >= today;

    /// <summary>The page people read the opening on: each place and each vacancy has its own public page.</summary>
    public string Path => Opening.Kind == OpeningKind.LearningPlace ? $"/leerplekken/{Opening.Id}" : $"/vacatures/{Opening.Id}";
}

/// <summary>
/// The one resolver from an <see cref="Opening"/> to what the pages, views, proposals and rankings read of it, so none of them
/// asks "a place, or a vacancy?" itself. A vacancy is open until its <see cref="Vacancy.OpenUntil"/>; a learning place
/// until the end of its last period (a place without periods has no end). "Today" is the app's clock's.
/// </summary>
public static class Openings
{
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public static async Task<OpeningSummary?> FindAsync(PactwerkDb db, Opening opening, CancellationToken ct) =>
        (await OfKindAsync(db, opening.Kind, [opening.Id], ct)).GetValueOrDefault(opening.Id);

    /// <summary>The openings of a kind with these ids, by id; ids that do not exist are left out.</summary>
    public static async Task<Dictionary<int, OpeningSummary>> OfKindAsync(PactwerkDb db, OpeningKind kind, IReadOnlyCollection<int> ids, CancellationToken ct)
    {
        if (kind == OpeningKind.LearningPlace)
            return (await db.Set<LearningPlace>().AsNoTracking().Where(p => ids.Contains(p.Id))
                    .Select(p => new { p.Id, p.OrganisationId, p.Title, Ends = p.Periods.Select(x => x.To).ToList() }).ToListAsync(ct))
                .ToDictionary(p => p.Id, p => new OpeningSummary(Opening.Place(p.Id), p.OrganisationId, p.Title, p.Ends.Count == 0 ? null : p.Ends.Max()));
        return (await db.Set<Vacancy>().AsNoTracking().Where(v => ids.Contains(v.Id)).Select(v => new { v.Id, v.OrganisationId, v.Title, v.OpenUntil }).ToListAsync(ct))
            .ToDictionary(v => v.Id, v => new OpeningSummary(Opening.Vacancy(v.Id), v.OrganisationId, v.Title, v.OpenUntil));
    }

    /// <summary>
    /// The ids of the openings of a kind that are open today, as <see cref="OpeningSummary.IsOpenOn"/> decides for one, read
    /// from the database at the moment of asking: a ranking filters by it before it takes its best, so an opening that closed
    /// yesterday neither shows nor takes the place of an open one.
    /// </summary>
    public static async Task<HashSet<int>> OpenIdsAsync(PactwerkDb db, OpeningKind kind, DateOnly today, CancellationToken ct) =>
        kind == OpeningKind.LearningPlace
            ? (await db.Set<LearningPlace>().AsNoTracking().Where(p => !p.Periods.Any() || p.Periods.Any(x => x.To >= today)).Select(p => p.Id).ToListAsync(ct)).ToHashSet()
            : (await db.Set<Vacancy>().AsNoTracking().Where(v => v.OpenUntil >= today).Select(v => v.Id).ToListAsync(ct)).ToHashSet();

    /// <summary>The proposals made for an opening.</summary>
    public static IQueryable<Proposal> ProposalsFor(this IQueryable<Proposal> proposals, Opening opening) =>
        opening.Kind == OpeningKind.LearningPlace ? proposals.Where(p => p.LearningPlaceId == opening.Id) : proposals.Where(p => p.VacancyId == opening.Id);

    /// <summary>The message for an opening that does not exist, in the words of its kind.</summary>
    public static string NotFound(Opening opening) =>
        MatchingMessages.Format(opening.Kind == OpeningKind.LearningPlace ? MatchingMessages.NoPlace : MatchingMessages.NoVacancy, opening.Id);

    /// <summary>The messages of a proposal's refusals, in the words of the opening's kind.</summary>
    public static string Closed(Opening opening) =>
        MatchingMessages.Format(opening.Kind == OpeningKind.LearningPlace ? MatchingMessages.PlaceClosed : MatchingMessages.VacancyClosed, opening.Id);

    public static string AlreadyProposed(Opening opening) =>
        opening.Kind == OpeningKind.LearningPlace ? MatchingMessages.AlreadyProposed : MatchingMessages.AlreadyProposedForVacancy;

    public static string OtherOrganisation(Opening opening) =>
        opening.Kind == OpeningKind.LearningPlace ? MatchingMessages.OtherOrganisation : MatchingMessages.OtherVacancyOrganisation;
}
