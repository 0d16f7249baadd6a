using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.LearningPlaces;

/// <summary>A learner to place: a reference or pseudonym, the period, and optionally which of the place's supervisors guides them.</summary>
public sealed record PlacementInput(string? Learner, string? From, string? To, int? SupervisorId = null);

public abstract record PlacementOutcome
{
    public sealed record Placed(Placement Placement) : PlacementOutcome;
    public sealed record NotFound(string Message) : PlacementOutcome;
    public sealed record Forbidden(string Message) : PlacementOutcome;
    public sealed record Invalid(Dictionary<string, string[]> Errors) : PlacementOutcome;
    /// <summary>The place or its supervision is full in a week of the period; nothing was written.</summary>
    public sealed record Full(string Message) : PlacementOutcome;
}

/// <summary>
/// The one writer of <see cref="Placement"/>s, and so the one place of the rule that a learning place is never filled beyond
/// its seats nor its supervisors beyond their capacity, in any week. Every decision on a place is taken under that place's
/// lock and its supervisors' locks (their rows on PostgreSQL, raised by a no-op update in the decision's transaction, the
/// place first and then the supervisors by id, so two decisions never wait on each other in a circle; the file's write lock
/// on SQLite, whose transactions begin IMMEDIATE), on counts read inside those locks: so two acceptances racing for the last
/// seat are decided one after the other, and the second sees the first.
/// </summary>
public sealed class Placements(PactwerkDb db, AccessScopeProvider scopes, TimeProvider clock, Pactwerk.Web.Shared.SqliteWriteGate<Placements> gate)
{
    public async Task<PlacementOutcome> PlaceAsync(int placeId, PlacementInput input, bool invented, CancellationToken ct)
    {
        var place = await db.Set<LearningPlace>().AsNoTracking().Include(p => p.Periods).Include(p => p.Supervisors).SingleOrDefaultAsync(p => p.Id == placeId, ct);
        if (place is null)
            return new PlacementOutcome.NotFound(LearningPlaceMessages.Format(LearningPlaceMessages.NoPlace, placeId));
        var scope = await scopes.GetAsync(ct);
        if (!LearningPlaceAccess.MayPlace(scope, place.OrganisationId))
            return new PlacementOutcome.Forbidden(LearningPlaceMessages.NotPlacer);

        var errors = new Dictionary<string, string[]>();
        var learner = input.Learner?.Trim() ?? "";
        if (learner.Length is 0 or > 100)
            errors["learner"] = [LearningPlaceMessages.LearnerMissing];
        var fromRead = LearningPlaceEditor.TryParseTypedDay(input.From, out var from);
        var toRead = LearningPlaceEditor.TryParseTypedDay(input.To, out var to);
        if (!fromRead || !toRead || to < from)
            errors["from"] = [LearningPlaceMessages.PlacementPeriodInvalid];
        else if (FirstDayNotOffered(place, from, to) is { } gap)
            errors["from"] = [LearningPlaceMessages.Format(LearningPlaceMessages.OutsideOffer, gap.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))];
        var linked = place.Supervisors.Select(s => s.SupervisorId).Order().ToList();
        if (input.SupervisorId is { } named && !linked.Contains(named))
            errors["supervisorId"] = [LearningPlaceMessages.Format(LearningPlaceMessages.SupervisorNotLinked, named)];
        if (errors.Count > 0)
            return new PlacementOutcome.Invalid(errors);

        var candidates = input.SupervisorId is { } chosen ? [chosen] : linked;
        var weeks = SupervisionWeeks.Weeks(from, to).ToList();
        using var turn = await gate.EnterAsync(db, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Set<LearningPlace>().Where(p => p.Id == placeId).ExecuteUpdateAsync(u => u.SetProperty(p => p.Version, p => p.Version), ct);
        foreach (var id in linked)
            await db.Set<Supervisor>().Where(s => s.Id == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.Version, s => s.Version), ct);

        // Read under the locks: the seats as they are now, and the place's supervisors with their load and absences.
        var seats = await db.Set<LearningPlace>().Where(p => p.Id == placeId).Select(p => p.Seats).SingleAsync(ct);
        var onPlace = await db.Set<Placement>().Where(p => p.LearningPlaceId == placeId && p.From <= to && p.To >= from)
            .Select(p => new { p.From, p.To }).ToListAsync(ct);
        if (weeks.FirstOrDefault(w => onPlace.Count(p => SupervisionWeeks.Touches(p.From, p.To, w)) >= seats) is var full && full != default)
            return new PlacementOutcome.Full(LearningPlaceMessages.Format(LearningPlaceMessages.SeatsFull, LearningPlaceMessages.Week(full), seats));

        var capacity = await db.Set<Supervisor>().Where(s => candidates.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Capacity, ct);
        var load = await db.Set<Placement>().Where(p => candidates.Contains(p.SupervisorId) && p.From <= to && p.To >= from)
            .Select(p => new { p.SupervisorId, p.From, p.To }).ToListAsync(ct);
        var away = await db.Set<SupervisorAbsence>().Where(a => candidates.Contains(a.SupervisorId) && a.From <= to && a.To >= from)
            .Select(a => new { a.SupervisorId, a.From, a.To }).ToListAsync(ct);
        // The first supervisor (by id) free in every week of the period guides the learner; otherwise the week that stopped
        // the supervisor who came furthest is the one named.
        int? supervisor = null;
        var stoppedAt = DateOnly.MinValue;
        foreach (var s in candidates)
        {
            var stop = weeks.FirstOrDefault(w => away.Any(a => a.SupervisorId == s && SupervisionWeeks.AwayIn(a.From, a.To, w))
                || load.Count(p => p.SupervisorId == s && SupervisionWeeks.Touches(p.From, p.To, w)) >= capacity.GetValueOrDefault(s));
            if (stop == default)
            {
                supervisor = s;
                break;
            }
            stoppedAt = stop > stoppedAt ? stop : stoppedAt;
        }
        if (supervisor is null)
            return new PlacementOutcome.Full(LearningPlaceMessages.Format(LearningPlaceMessages.SupervisionFull, LearningPlaceMessages.Week(stoppedAt == DateOnly.MinValue ? weeks[0] : stoppedAt)));

        var now = clock.GetUtcNow().UtcDateTime;
        var placement = new Placement
        {
            LearningPlaceId = placeId, SupervisorId = supervisor.Value, Learner = learner, From = from, To = to, Invented = invented, CreatedAt = now,
            RecordedBy = scope.UserId ?? "demo",
        };
        db.Add(placement);
        await db.SaveChangesAsync(ct);
        // The decision as a business event beside the row's own audit line, so the trail reads as "placed on this place".
        db.RecordEvent(now, LearningPlaceAuditActions.Placed, nameof(Placement), placement.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new { place = place.Title, from, to, supervisor });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new PlacementOutcome.Placed(placement);
    }

    /// <summary>The first day of the period that no period of the place covers, or null when the place is offered throughout.</summary>
    private static DateOnly? FirstDayNotOffered(LearningPlace place, DateOnly from, DateOnly to)
    {
        for (var day = from; day <= to; day = day.AddDays(1))
            if (!place.Periods.Any(p => p.From <= day && day <= p.To))
                return day;
        return null;
    }
}
