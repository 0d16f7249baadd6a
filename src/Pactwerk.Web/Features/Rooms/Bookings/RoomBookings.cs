using Microsoft.Extensions.Localization;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.Network;

namespace Pactwerk.Web.Features.Rooms;

/// <summary>
/// A booking as the booker asks for it, in Dutch local time: a date with a start and end time, and
/// for a series the last date of a weekly repetition (<see cref="WeeklyUntil"/>). <see cref="SkipClashing"/>
/// books the free dates of a series when some are taken; without it a series is booked whole or not at all.
/// </summary>
public sealed record BookingInput(int? OrganisationId, string? Date, string? From, string? To, string? WeeklyUntil = null, string? UserKind = null,
    string? Purpose = null, bool SkipClashing = false);

/// <summary>A holding booking in the way of a requested slot: which booking, who holds it, and when.</summary>
public sealed record BookingClash(DateOnly Date, int BookingId, string Organisation, DateTime StartsAt, DateTime EndsAt, RoomBookingStatus Status)
{
    /// <summary>
    /// The clash in one line, wholly in the reader's language ("… door … (boeking …)" / "… by … (booking …)"): a series'
    /// message lists these lines inside its own, where finding the message again by its Dutch format cannot reach them.
    /// </summary>
    public string Describe(IStringLocalizer t) => t[RoomMessages.ClashLine, RoomTime.Slot(StartsAt, EndsAt), Organisation, BookingId, t[RoomMessages.StatusName(Status)].Value].Value;
}

public enum ChangeOutcome
{
    Done,
    NotFound,
    Forbidden,
    Invalid,
    Conflict,
}

public static class ChangeOutcomes
{
    /// <summary>The status a page answers a refused change with, one mapping for every page that makes one.</summary>
    public static int StatusCode(this ChangeOutcome outcome) => outcome switch
    {
        ChangeOutcome.Done => StatusCodes.Status200OK,
        ChangeOutcome.NotFound => StatusCodes.Status404NotFound,
        ChangeOutcome.Forbidden => StatusCodes.Status403Forbidden,
        ChangeOutcome.Invalid => StatusCodes.Status400BadRequest,
        _ => StatusCodes.Status409Conflict,
    };
}

public abstract record BookingOutcome
{
    /// <summary>Booked: the new bookings, and the dates left out because they clashed (only with <see cref="BookingInput.SkipClashing"/>).</summary>
    public sealed record Booked(IReadOnlyList<RoomBooking> Bookings, IReadOnlyList<BookingClash> Skipped) : BookingOutcome;
    public sealed record NotFound(string Message) : BookingOutcome;
    public sealed record Forbidden(string Message) : BookingOutcome;
    public sealed record Invalid(Dictionary<string, string[]> Errors) : BookingOutcome;
    /// <summary>Nothing booked: the requested slots clash with these bookings.</summary>
    public sealed record Clashed(string Message, IReadOnlyList<BookingClash> Clashes) : BookingOutcome;
}

/// <summary>
/// Books rooms so that no two holding bookings ever overlap. The rules (opening hours, closures, the
/// past, the lead time, who may book) are checked first, then the free slots are read and written in
/// one transaction. The database is the guarantee (<see cref="RoomBookingConstraints"/>): on SQLite the
/// transaction takes the file's write lock at its start (BEGIN IMMEDIATE), so bookings are decided one
/// after the other and the read sees every earlier one; on PostgreSQL two requests may read the same
/// free slot, and the exclusion constraint refuses the second insert, which is then answered with the
/// clash it lost to, read after the winner committed.
/// </summary>
/// <remarks>The values in its messages (days, statuses, kinds of user) are in the reader's language; the sentence is translated where it is shown.</remarks>
public sealed class RoomBookings(PactwerkDb db, AccessScopeProvider scopes, TimeProvider clock, Pactwerk.Web.Shared.SqliteWriteGate<RoomBookings> gate, IStringLocalizer<SharedResource> t)
{
    /// <summary>The longest series: a year of weeks.</summary>
    public const int MaxOccurrences = 53;

    public async Task<BookingOutcome> BookAsync(int roomId, BookingInput input, CancellationToken ct)
    {
        var room = await db.Rooms.AsNoTracking().Include(r => r.OpeningHours).Include(r => r.Closures).SingleOrDefaultAsync(r => r.Id == roomId, ct);
        if (room is null)
            return new BookingOutcome.NotFound(RoomMessages.Format(RoomMessages.NoRoom, roomId));
        var scope = await scopes.GetAsync(ct);
        var mine = RoomAccess.OrganisationsOf(scope);
        var organisationId = input.OrganisationId ?? (mine.Count == 1 ? mine[0] : null);
        if (organisationId is null)
            return new BookingOutcome.Invalid(new() { ["organisationId"] = [RoomMessages.OrganisationMissing] });
        if (!RoomAccess.ActsFor(scope, organisationId.Value, forChange: true))
            return new BookingOutcome.Forbidden(RoomMessages.NotForOrganisation);
        var organisation = await db.Organisations.AsNoTracking().Where(o => o.Id == organisationId).Select(o => new { o.Id, o.Kind, o.Helix, o.Name }).SingleOrDefaultAsync(ct);
        if (organisation is null)
            return new BookingOutcome.Invalid(new() { ["organisationId"] = [RoomMessages.Format(RoomMessages.NoOrganisation, organisationId)] });

        var errors = new Dictionary<string, string[]>();
        if (!RoomTime.TryParseDay(input.Date, out var first))
            errors["date"] = [RoomMessages.DateMissing];
        TimeOnly to = default;
        if (!RoomTime.TryParseTime(input.From, out var from) || !RoomTime.TryParseTime(input.To, out to) || from >= to)
            errors["from"] = [RoomMessages.TimesMissing];
        var until = first;
        if (!string.IsNullOrWhiteSpace(input.WeeklyUntil) && (!RoomTime.TryParseDay(input.WeeklyUntil, out until) || until < first || until > first.AddYears(1)))
            errors["weeklyUntil"] = [RoomMessages.UntilInvalid];
        var kind = KindOf(room.OrganisationId, organisation.Id, organisation.Kind);
        if (kind is null)
        {
            if (string.IsNullOrWhiteSpace(input.UserKind))
                errors["userKind"] = [RoomMessages.UserKindMissing];
            else if (Enum.TryParse<RoomUserKind>(input.UserKind, ignoreCase: true, out var stated) && Enum.IsDefined(stated) && !int.TryParse(input.UserKind, out _)
                     && stated != RoomUserKind.OwnSchool)
                kind = stated;
            else
                errors["userKind"] = [RoomMessages.Format(RoomMessages.UserKindUnknown, input.UserKind.Length > 40 ? input.UserKind[..40] : input.UserKind)];
        }
        if (errors.Count > 0)
            return new BookingOutcome.Invalid(errors);

        // The owner's rules, each failure named with its dates, so the booker sees everything at once.
        if (kind != RoomUserKind.OwnSchool && !room.AllowedUsers.Contains(kind!.Value.ToString()))
            return new BookingOutcome.Invalid(new() { ["userKind"] = [RoomMessages.Format(RoomMessages.UserKindNotAllowed, t[RoomMessages.KindName(kind.Value)].Value)] });
        var days = new List<DateOnly>();
        for (var day = first; day <= until && days.Count < MaxOccurrences; day = day.AddDays(7))
            days.Add(day);
        var now = clock.GetUtcNow().UtcDateTime;
        var hours = room.OpeningHours.SingleOrDefault(h => h.Day == first.DayOfWeek);
        var problems = new List<string>();
        if (hours is null)
            problems.Add(RoomMessages.Format(RoomMessages.ClosedThatDay, RoomMessages.DayName(first.DayOfWeek)));
        else if (from < hours.Opens || to > hours.Closes)
            problems.Add(RoomMessages.Format(RoomMessages.OutsideHours, RoomMessages.DayName(first.DayOfWeek), hours.Opens.ToString("HH:mm"), hours.Closes.ToString("HH:mm")));
        var slots = days.Select(d => (Day: d, StartsAt: RoomTime.ToUtc(d, from), EndsAt: RoomTime.ToUtc(d, to))).ToList();
        if (slots[0].StartsAt <= now)
            problems.Add(RoomMessages.Format(RoomMessages.InThePast, RoomTime.Slot(slots[0].StartsAt, slots[0].EndsAt)));
        else if (slots[0].StartsAt < now.AddHours(room.LeadTimeHours))
            problems.Add(RoomMessages.Format(RoomMessages.WithinLeadTime, room.LeadTimeHours, RoomTime.Slot(slots[0].StartsAt, slots[0].EndsAt)));
        foreach (var slot in slots)
            if (room.Closures.FirstOrDefault(c => c.From <= slot.Day && slot.Day <= c.To) is { } closure)
                problems.Add(RoomMessages.Format(RoomMessages.InClosure, RoomTime.Day(slot.Day), closure.Reason));
        if (problems.Count > 0)
            return new BookingOutcome.Invalid(new() { ["date"] = [.. problems] });

        var status = room.ApprovalRequired && kind != RoomUserKind.OwnSchool ? RoomBookingStatus.Pending : RoomBookingStatus.Approved;
        var purpose = string.IsNullOrWhiteSpace(input.Purpose) ? null : input.Purpose.Trim()[..Math.Min(300, input.Purpose.Trim().Length)];
        var seriesId = slots.Count > 1 ? Guid.NewGuid() : (Guid?)null;
        // Lost rounds, counted apart: a clash means a committed booking now holds one of our dates (at most one per date),
        // a deadlock means nothing about the dates (the other side may be rolled back too), so it must not use up the first.
        var clashesLost = 0;
        var deadlocksLost = 0;
        while (true)
        {
            try
            {
                using var turn = await gate.EnterAsync(db, ct);
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var clashes = await ClashesAsync(roomId, slots, ct);
                if (clashes.Count > 0 && (!input.SkipClashing || clashes.Select(c => c.Date).Distinct().Count() == slots.Count))
                    return Clashed(clashes, slots.Count);
                var taken = clashes.Select(c => c.Date).ToHashSet();
                var bookings = slots.Where(s => !taken.Contains(s.Day)).Select(s => new RoomBooking
                {
                    RoomId = roomId, OrganisationId = organisation.Id, BookedBy = scope.UserId!, UserKind = kind.Value, StartsAt = s.StartsAt, EndsAt = s.EndsAt,
                    Status = status, SeriesId = seriesId, Purpose = purpose, CreatedAt = now, DecidedAt = status == RoomBookingStatus.Approved ? now : null,
                }).ToList();
                db.RoomBookings.AddRange(bookings);
                await db.SaveChangesAsync(ct);
                db.RecordEvent(now, RoomAuditActions.Booked, nameof(RoomBooking), bookings[0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    new { room = room.Name, organisation = organisation.Name, dates = bookings.Count, first = bookings[0].StartsAt, status = status.ToString(), skipped = taken.Count });
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return new BookingOutcome.Booked(bookings, clashes);
            }
            // Two series inserting their dates can each wait on the other's uncommitted slot; PostgreSQL then ends one of
            // them as a deadlock, which is a lost race like any other (it can surface from any statement of the transaction).
            catch (Exception e) when (RoomBookingConstraints.IsOverlap(e) || RoomBookingConstraints.IsDeadlock(e))
            {
                // Another request took a slot between our read and our insert (PostgreSQL): the winner has committed
                // by now, since the constraint waits for it, so the clash can be named.
                db.ChangeTracker.Clear();
                // A deadlock is no clash: nothing of the other request may have committed (it can be rolled back too), so
                // any request tries again rather than answer a clash that names no date. Counted apart: sixteen series
                // racing lost a free-dates series its rounds to deadlocks, and it answered 409 with a date still free.
                if (RoomBookingConstraints.IsDeadlock(e))
                {
                    if (++deadlocksLost <= MaxDeadlockRounds)
                        continue;
                }
                // A series with skipClashing asked for whatever is free: read again and book what is left. Each clash
                // means another booking took one of its dates, so after as many clashes as dates all are taken and the
                // read answers without a write.
                else if (input.SkipClashing && ++clashesLost <= slots.Count)
                    continue;
                var clashes = await ClashesAsync(roomId, slots, ct);
                return Clashed(clashes, slots.Count);
            }
        }
    }

    /// <summary>Rounds a request may lose to deadlocks before it answers with the clash it can see: a bound, so that every request answers.</summary>
    private const int MaxDeadlockRounds = 20;

    /// <summary>
    /// The owner approves or declines a pending booking; for a booking of a series, every pending booking of
    /// that series at once (the booker asked for the series as a whole). A decline frees the slots.
    /// </summary>
    public async Task<(ChangeOutcome Outcome, string? Message, int Changed)> DecideAsync(int roomId, int bookingId, bool approve, string? reason, CancellationToken ct)
    {
        var room = await db.Rooms.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roomId, ct);
        if (room is null)
            return (ChangeOutcome.NotFound, RoomMessages.Format(RoomMessages.NoRoom, roomId), 0);
        if (!RoomAccess.ActsFor(await scopes.GetAsync(ct), room.OrganisationId, forChange: true))
            return (ChangeOutcome.Forbidden, RoomMessages.NotOwner, 0);
        var booking = await db.RoomBookings.SingleOrDefaultAsync(b => b.Id == bookingId && b.RoomId == roomId, ct);
        if (booking is null)
            return (ChangeOutcome.NotFound, RoomMessages.Format(RoomMessages.NoBooking, bookingId), 0);
        if (booking.Status != RoomBookingStatus.Pending)
            return (ChangeOutcome.Conflict, RoomMessages.Format(RoomMessages.AlreadyDecided, t[RoomMessages.StatusName(booking.Status)].Value), 0);
        var trimmed = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim()[..Math.Min(500, reason.Trim().Length)];
        if (!approve && trimmed is null)
            return (ChangeOutcome.Invalid, RoomMessages.ReasonMissing, 0);
        var series = booking.SeriesId is { } s
            ? await db.RoomBookings.Where(b => b.SeriesId == s && b.Status == RoomBookingStatus.Pending).ToListAsync(ct)
            : [booking];
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var b in series)
        {
            b.Status = approve ? RoomBookingStatus.Approved : RoomBookingStatus.Declined;
            b.DecidedAt = now;
            b.DecisionReason = trimmed;
        }
        db.RecordEvent(now, approve ? RoomAuditActions.Approved : RoomAuditActions.Declined, nameof(RoomBooking),
            bookingId.ToString(System.Globalization.CultureInfo.InvariantCulture), new { room = room.Name, bookings = series.Count, reason = trimmed });
        await db.SaveChangesAsync(ct);
        return (ChangeOutcome.Done, null, series.Count);
    }

    /// <summary>The booker records whether an approved booking was used or was a no-show, once it has begun; recording the same again changes nothing.</summary>
    public async Task<(ChangeOutcome Outcome, string? Message)> RecordUseAsync(int roomId, int bookingId, bool used, CancellationToken ct)
    {
        var booking = await db.RoomBookings.SingleOrDefaultAsync(b => b.Id == bookingId && b.RoomId == roomId, ct);
        if (booking is null)
            return (ChangeOutcome.NotFound, RoomMessages.Format(RoomMessages.NoBooking, bookingId));
        if (!RoomAccess.ActsFor(await scopes.GetAsync(ct), booking.OrganisationId, forChange: true))
            return (ChangeOutcome.Forbidden, RoomMessages.NotBooker);
        if (booking.Status != RoomBookingStatus.Approved)
            return (ChangeOutcome.Conflict, RoomMessages.UseNotApproved);
        var now = clock.GetUtcNow().UtcDateTime;
        if (booking.StartsAt > now)
            return (ChangeOutcome.Conflict, RoomMessages.Format(RoomMessages.UseNotYet, RoomTime.Slot(booking.StartsAt, booking.EndsAt)));
        var use = used ? RoomUse.Used : RoomUse.NoShow;
        if (booking.Use == use)
            return (ChangeOutcome.Done, null);
        booking.Use = use;
        db.RecordEvent(now, RoomAuditActions.UseRecorded, nameof(RoomBooking), bookingId.ToString(System.Globalization.CultureInfo.InvariantCulture), new { use = use.ToString() });
        await db.SaveChangesAsync(ct);
        return (ChangeOutcome.Done, null);
    }

    /// <summary>What kind of user an organisation is for a room, where the network's data say so; null when the booker must say.</summary>
    public static RoomUserKind? KindOf(int ownerId, int organisationId, OrganisationKind kind) =>
        organisationId == ownerId ? RoomUserKind.OwnSchool : kind switch
        {
            OrganisationKind.VmboSchool or OrganisationKind.MboInstitution or OrganisationKind.HboInstitution or OrganisationKind.University
                or OrganisationKind.SchoolBoard => RoomUserKind.OtherSchool,
            OrganisationKind.Company => RoomUserKind.Company,
            _ => null,
        };

    private async Task<List<BookingClash>> ClashesAsync(int roomId, IReadOnlyList<(DateOnly Day, DateTime StartsAt, DateTime EndsAt)> slots, CancellationToken ct)
    {
        var (min, max) = (slots[0].StartsAt, slots[^1].EndsAt);
        var holding = await db.RoomBookings.AsNoTracking()
            .Where(b => b.RoomId == roomId && (b.Status == RoomBookingStatus.Pending || b.Status == RoomBookingStatus.Approved) && b.StartsAt < max && min < b.EndsAt)
            .Join(db.Organisations, b => b.OrganisationId, o => o.Id, (b, o) => new { b.Id, b.StartsAt, b.EndsAt, b.Status, o.Name })
            .ToListAsync(ct);
        return slots.SelectMany(s => holding.Where(h => h.StartsAt < s.EndsAt && s.StartsAt < h.EndsAt)
                .Select(h => new BookingClash(s.Day, h.Id, h.Name, h.StartsAt, h.EndsAt, h.Status)))
            .OrderBy(c => c.StartsAt).ToList();
    }

    private BookingOutcome.Clashed Clashed(List<BookingClash> clashes, int requested)
    {
        if (requested == 1 && clashes.Count > 0)
        {
            var c = clashes[0];
            return new(RoomMessages.Format(RoomMessages.Clash, RoomTime.Slot(c.StartsAt, c.EndsAt), c.Organisation, c.BookingId, t[RoomMessages.StatusName(c.Status)].Value), clashes);
        }
        return new(RoomMessages.Format(RoomMessages.SeriesClash, clashes.Select(c => c.Date).Distinct().Count(), requested, string.Join("; ", clashes.Select(c => c.Describe(t)))), clashes);
    }
}
