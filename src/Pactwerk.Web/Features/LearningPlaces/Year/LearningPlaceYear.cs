using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.LearningPlaces;

/// <summary>What a place is in one ISO week.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<WeekState>))]
public enum WeekState
{
    /// <summary>No period of the place touches the week.</summary>
    NotOffered,
    /// <summary>Offered, but no learner is on the place that week: the gap the Zorgpact talks about.</summary>
    Empty,
    /// <summary>One or more learners, each with a supervisor who is there and within their capacity.</summary>
    Filled,
    /// <summary>Learners are there, but a supervisor of theirs is away that week or guides more than their capacity.</summary>
    Unsupervised,
}

public sealed record PlaceYearDto(int Id, string Title, string Organisation, int Year, IReadOnlyList<WeekStateDto> Weeks);
public sealed record WeekStateDto(int Week, DateOnly Monday, WeekState State);

/// <summary>
/// The year view: for each place and each ISO week of a year, whether it is filled, empty or unsupervised. It reads the
/// same weeks as the placement rule (<see cref="SupervisionWeeks"/>), so a week the rule would refuse is never shown as
/// filled; it shows unsupervised what became short after the placement (an absence registered later, a lowered capacity).
/// States only, no counts: the learners are people.
/// </summary>
public static class LearningPlaceYear
{
    /// <summary>Which places a year view shows, or why it shows none: the API and the page read the same choice.</summary>
    public abstract record Scope
    {
        public sealed record Places(IQueryable<LearningPlace> Query) : Scope;
        public sealed record Invalid(string Field, string Message) : Scope;
        public sealed record NotFound(string Message) : Scope;
    }

    /// <summary>The places of an organisation (its id) or of a region (any region set's code), one of the two, for a year from 2000 to 2100.</summary>
    public static async Task<Scope> ScopeAsync(PactwerkDb db, int? organisation, string? region, int year, CancellationToken ct)
    {
        if (year is < 2000 or > 2100)
            return new Scope.Invalid("year", LearningPlaceMessages.YearInvalid);
        if (organisation is null == string.IsNullOrWhiteSpace(region))
            return new Scope.Invalid("organisation", LearningPlaceMessages.YearScopeMissing);
        var places = db.Set<LearningPlace>().AsQueryable();
        if (organisation is { } id)
        {
            if (!await db.Organisations.AnyAsync(o => o.Id == id, ct))
                return new Scope.NotFound(LearningPlaceMessages.Format(LearningPlaceMessages.NoOrganisation, id));
            return new Scope.Places(places.Where(p => p.OrganisationId == id));
        }
        var code = region!.Trim();
        var regionId = await db.Regions.Where(r => r.Code == code).Select(r => (int?)r.Id).FirstOrDefaultAsync(ct);
        if (regionId is null)
            return new Scope.NotFound(LearningPlaceMessages.Format(LearningPlaceMessages.NoRegion, code));
        var municipalities = (await AccessScopeProvider.MunicipalitiesOfAsync(db, [regionId.Value], ct))[regionId.Value].ToList();
        return new Scope.Places(places.Where(p => municipalities.Contains(p.MunicipalityId)));
    }

    public static async Task<List<PlaceYearDto>> ForAsync(PactwerkDb db, IQueryable<LearningPlace> places, int year, CancellationToken ct)
    {
        var weeks = Enumerable.Range(1, ISOWeek.GetWeeksInYear(year)).Select(w => DateOnly.FromDateTime(ISOWeek.ToDateTime(year, w, DayOfWeek.Monday))).ToList();
        var (first, last) = (weeks[0], weeks[^1].AddDays(6));
        var rows = await places.AsNoTracking().Include(p => p.Periods)
            .Join(db.Organisations, p => p.OrganisationId, o => o.Id, (p, o) => new { p, Organisation = o.Name }).ToListAsync(ct);
        var ids = rows.Select(r => r.p.Id).ToList();
        var placements = await db.Set<Placement>().AsNoTracking().Where(p => ids.Contains(p.LearningPlaceId) && p.From <= last && p.To >= first)
            .Select(p => new { p.LearningPlaceId, p.SupervisorId, p.From, p.To }).ToListAsync(ct);
        var supervisorIds = placements.Select(p => p.SupervisorId).Distinct().ToList();
        // A supervisor's load counts their learners on every place, also places outside this view.
        var load = await db.Set<Placement>().AsNoTracking().Where(p => supervisorIds.Contains(p.SupervisorId) && p.From <= last && p.To >= first)
            .Select(p => new { p.SupervisorId, p.From, p.To }).ToListAsync(ct);
        var capacity = await db.Set<Supervisor>().Where(s => supervisorIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Capacity, ct);
        var away = await db.Set<SupervisorAbsence>().AsNoTracking().Where(a => supervisorIds.Contains(a.SupervisorId) && a.From <= last && a.To >= first)
            .Select(a => new { a.SupervisorId, a.From, a.To }).ToListAsync(ct);

        bool Short(int supervisor, DateOnly monday) =>
            away.Any(a => a.SupervisorId == supervisor && SupervisionWeeks.AwayIn(a.From, a.To, monday))
            || load.Count(p => p.SupervisorId == supervisor && SupervisionWeeks.Touches(p.From, p.To, monday)) > capacity.GetValueOrDefault(supervisor);

        return rows.OrderBy(r => r.Organisation, StringComparer.Ordinal).ThenBy(r => r.p.Title, StringComparer.Ordinal).ThenBy(r => r.p.Id).Select(r =>
        {
            var own = placements.Where(p => p.LearningPlaceId == r.p.Id).ToList();
            return new PlaceYearDto(r.p.Id, r.p.Title, r.Organisation, year, weeks.Select((monday, i) =>
            {
                var present = own.Where(p => SupervisionWeeks.Touches(p.From, p.To, monday)).ToList();
                var state = present.Count > 0
                    ? present.Any(p => Short(p.SupervisorId, monday)) ? WeekState.Unsupervised : WeekState.Filled
                    : r.p.Periods.Any(p => SupervisionWeeks.Touches(p.From, p.To, monday)) ? WeekState.Empty : WeekState.NotOffered;
                return new WeekStateDto(i + 1, monday, state);
            }).ToList());
        }).ToList();
    }
}
