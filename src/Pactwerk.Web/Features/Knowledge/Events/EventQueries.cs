using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.Knowledge;

public sealed record EventRegionDto(string Code, string Name);
/// <summary>registered: who has a place; waiting: how many are on the waiting list.</summary>
public sealed record EventRegistrationInfo(int Capacity, int Registered, bool Full, int Waiting);
public sealed record MeetingDocumentDto(string Title, string Url);
/// <param name="Members">The members' names.</param>
/// <param name="MemberEmails">Their e-mail addresses, for those who may change the meeting (who name members by address); null for anyone else.</param>
public sealed record MeetingDetails(string? Agenda, string? Minutes, IReadOnlyList<MeetingDocumentDto> Documents, IReadOnlyList<string> Members,
    IReadOnlyList<string>? MemberEmails);

/// <summary>
/// An event as the API shows it. Times in UTC (startsAt, endsAt) and in Amsterdam (startsAtLocal,
/// endsAtLocal). <c>meeting</c> carries an internal meeting's agenda, documents, minutes and
/// members, and is null unless the reader may see them.
/// </summary>
public sealed record EventDto(int Id, string Pact, EventRegionDto? Region, EventKind Kind, bool IsPublic, string Title,
    DateTime StartsAt, DateTime EndsAt, DateTimeOffset StartsAtLocal, DateTimeOffset EndsAtLocal, string? Place, string? Programme,
    string? RegistrationUrl, EventRegistrationInfo? Registration, bool IsDemoContent, int Version, MeetingDetails? Meeting);

/// <summary>endedBefore: only events that were over by then (the archive).</summary>
public sealed record EventFilter(int? PactId, int? RegionId, DateTime? From, DateTime? To, DateTime? EndedBefore = null);

public static class EventQueries
{
    public static async Task<IReadOnlyList<EventDto>> ListAsync(PactwerkDb db, AccessScope scope, EventFilter filter, CancellationToken ct)
    {
        var query = EventAccess.Visible(db.Events.AsNoTracking(), scope);
        if (filter.PactId is { } pact)
            query = query.Where(e => e.PactId == pact);
        // An event overlapping the period counts: one that began before "from" but still runs is on.
        if (filter.From is { } from)
            query = query.Where(e => e.EndsAt >= from);
        if (filter.To is { } to)
            query = query.Where(e => e.StartsAt < to);
        if (filter.EndedBefore is { } ended)
            query = query.Where(e => e.EndsAt < ended);
        if (filter.RegionId is { } region)
        {
            var candidates = await query.Where(e => e.RegionId != null).Select(e => e.RegionId!.Value).Distinct().ToListAsync(ct);
            var inside = (await AccessScopeProvider.RegionsInsideAsync(db, region, candidates, ct)).ToList();
            query = query.Where(e => e.RegionId != null && inside.Contains(e.RegionId.Value));
        }
        var ids = await query.OrderBy(e => e.StartsAt).ThenBy(e => e.Id).Select(e => e.Id).ToListAsync(ct);
        return await DescribeAsync(db, scope, ids, ct);
    }

    public static async Task<EventDto?> FindAsync(PactwerkDb db, AccessScope scope, int id, CancellationToken ct) =>
        (await DescribeAsync(db, scope, await EventAccess.Visible(db.Events, scope).Where(e => e.Id == id).Select(e => e.Id).ToListAsync(ct), ct))
        .SingleOrDefault();

    private static async Task<IReadOnlyList<EventDto>> DescribeAsync(PactwerkDb db, AccessScope scope, List<int> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
            return [];
        var events = await db.Events.AsNoTracking().AsSplitQuery().Include(e => e.Documents).Include(e => e.Members)
            .Where(e => ids.Contains(e.Id)).ToListAsync(ct);
        var pacts = await db.Pacts.ToDictionaryAsync(p => p.Id, p => p.Code, ct);
        var regionIds = events.Where(e => e.RegionId != null).Select(e => e.RegionId!.Value).Distinct().ToList();
        var regions = await db.Regions.Where(r => regionIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => new EventRegionDto(r.Code, r.Name), ct);
        var counts = await db.EventRegistrations.Where(r => ids.Contains(r.EventId)).GroupBy(r => r.EventId)
            .Select(g => new { g.Key, Placed = g.Count(r => r.PlaceNumber != null), Waiting = g.Count(r => r.PlaceNumber == null) })
            .ToDictionaryAsync(g => g.Key, g => (g.Placed, g.Waiting), ct);
        var memberIds = events.SelectMany(e => e.Members).Select(m => m.UserId).Distinct().ToList();
        var users = await db.Users.Where(u => memberIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => new { u.DisplayName, u.Email }, ct);
        return ids.Select(id => events.Single(e => e.Id == id)).Select(e =>
        {
            var (registered, waiting) = counts.GetValueOrDefault(e.Id);
            var meeting = !e.IsPublic && EventAccess.MaySeeInternal(scope, e.PactId, e.Members.Select(m => m.UserId))
                ? new MeetingDetails(e.Agenda, e.Minutes, e.Documents.OrderBy(d => d.Id).Select(d => new MeetingDocumentDto(d.Title, d.Url)).ToList(),
                    e.Members.Select(m => users.TryGetValue(m.UserId, out var u) ? u.DisplayName : "?").Order().ToList(),
                    EventAccess.MayManage(scope, e.PactId) ? e.Members.Select(m => users.TryGetValue(m.UserId, out var u) ? u.Email : null).OfType<string>().Order(StringComparer.Ordinal).ToList() : null)
                : null;
            return new EventDto(e.Id, pacts[e.PactId], e.RegionId is { } r ? regions[r] : null, e.Kind, e.IsPublic, e.Title,
                e.StartsAt, e.EndsAt, EventTimes.ToLocal(e.StartsAt), EventTimes.ToLocal(e.EndsAt), e.Place, e.Programme, e.RegistrationUrl,
                e.Capacity is { } capacity ? new EventRegistrationInfo(capacity, registered, registered >= capacity, waiting) : null,
                e.IsDemoContent, e.Version, meeting);
        }).ToList();
    }
}
