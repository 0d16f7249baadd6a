using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.WorkshopDays;

public sealed record EventInput(string? Slug, string? Name, string? Venue, int? ActionId, DateTime? RegistrationClosesAt, int? WorkshopsPerClass);
public sealed record DayInput(DateOnly? Date);
public sealed record SlotInput(int? DayId, TimeOnly? StartsAt);
public sealed record WorkshopInput(int? DayId, string? Title, string? Provider, string? Theme, string? AgeGroup, int? CapacityPerSession, int? DurationMinutes);
public sealed record ShiftInput(int? DayId, string? Task, TimeOnly? StartsAt, TimeOnly? EndsAt, int? Needed);

/// <summary>An edit's outcome: done (with the event's slug), refused with a message, or not allowed.</summary>
public sealed record EditAnswer(bool Forbidden, Refusal? Refusal, string? Slug)
{
    public static readonly EditAnswer Denied = new(true, null, null);
    public static EditAnswer Refused(string message, params object[] args) => new(false, new Refusal(message, args), null);
    public static EditAnswer Done(string slug) => new(false, null, slug);
}

/// <summary>
/// The coordinator sets up the event: its name and registration window, then its days, time slots, workshops and
/// volunteer shifts. Every rule lives here, for the pages as for any later caller; after the allocation the
/// programme is fixed, since a changed slot or workshop would invalidate schedules already made.
/// </summary>
public sealed partial class WorkshopDayEditor(PactwerkDb db, AccessScopeProvider scopes)
{
    public static readonly TimeZoneInfo Dutch = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    /// <summary>The pages at /workshopdagen/&lt;word&gt; that are not an event: an event with such a code could never be reached.</summary>
    public static readonly IReadOnlySet<string> FixedAddresses = new HashSet<string>(StringComparer.Ordinal) { "nieuw", "mijn-rooster", "aanmelding", "e-mailadres", "mijn-diensten", "vrijwilliger-bevestigen" };

    public async Task<EditAnswer> CreateAsync(int pactId, EventInput input, CancellationToken ct)
    {
        if (!WorkshopDayAccess.MayCoordinate(await scopes.GetAsync(ct), pactId))
            return EditAnswer.Denied;
        var slug = (input.Slug ?? "").Trim().ToLowerInvariant();
        if (!SlugPattern().IsMatch(slug))
            return EditAnswer.Refused(WorkshopDayMessages.SlugInvalid);
        if (await CheckAsync(pactId, input, ct) is { } refusal)
            return refusal;
        if (FixedAddresses.Contains(slug))
            return EditAnswer.Refused(WorkshopDayMessages.SlugFixedAddress, slug);
        if (await db.WorkshopDayEvents.AnyAsync(e => e.Slug == slug, ct))
            return EditAnswer.Refused(WorkshopDayMessages.SlugTaken, slug);
        db.WorkshopDayEvents.Add(new WorkshopDayEvent
        {
            PactId = pactId, Slug = slug, Name = input.Name!.Trim(), Venue = input.Venue!.Trim(), ActionId = input.ActionId,
            RegistrationClosesAt = ToUtc(input.RegistrationClosesAt!.Value), WorkshopsPerClass = input.WorkshopsPerClass!.Value,
        });
        await db.SaveChangesAsync(ct);
        return EditAnswer.Done(slug);
    }

    public async Task<EditAnswer> UpdateAsync(string slug, EventInput input, CancellationToken ct)
    {
        var e = await db.WorkshopDayEvents.SingleOrDefaultAsync(x => x.Slug == slug, ct);
        if (e is null || !WorkshopDayAccess.MayCoordinate(await scopes.GetAsync(ct), e.PactId))
            return EditAnswer.Denied;
        if (await CheckAsync(e.PactId, input, ct) is { } refusal)
            return refusal;
        if (e.AllocatedAt is not null && input.WorkshopsPerClass != e.WorkshopsPerClass)
            return EditAnswer.Refused(WorkshopDayMessages.AfterAllocation);
        (e.Name, e.Venue, e.ActionId, e.RegistrationClosesAt, e.WorkshopsPerClass) =
            (input.Name!.Trim(), input.Venue!.Trim(), input.ActionId, ToUtc(input.RegistrationClosesAt!.Value), input.WorkshopsPerClass!.Value);
        // Only what really changed is written (and audited): an unchanged save changes nothing.
        await db.SaveChangesAsync(ct);
        return EditAnswer.Done(e.Slug);
    }

    private async Task<EditAnswer?> CheckAsync(int pactId, EventInput input, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Trim().Length > 200)
            return EditAnswer.Refused(WorkshopDayMessages.NameRequired);
        if (string.IsNullOrWhiteSpace(input.Venue) || input.Venue.Trim().Length > 200)
            return EditAnswer.Refused(WorkshopDayMessages.VenueRequired);
        if (input.WorkshopsPerClass is not (>= 1 and <= 5) || input.RegistrationClosesAt is null)
            return EditAnswer.Refused(WorkshopDayMessages.PerClassRange);
        if (input.ActionId is { } actionId && !await db.PactActions.AnyAsync(a => a.Id == actionId && a.PactId == pactId, ct))
            return EditAnswer.Refused(WorkshopDayMessages.ActionOfOtherPact);
        return null;
    }

    public Task<EditAnswer> AddDayAsync(string slug, DayInput input, CancellationToken ct) => ChangeProgrammeAsync(slug, async e =>
    {
        if (input.Date is not { } date || await db.EventDays.AnyAsync(d => d.EventId == e.Id && d.Date == date, ct))
            return new Refusal(WorkshopDayMessages.DayTaken);
        db.EventDays.Add(new EventDay { EventId = e.Id, Date = date });
        return null;
    }, ct);

    public Task<EditAnswer> AddSlotAsync(string slug, SlotInput input, CancellationToken ct) => ChangeProgrammeAsync(slug, async e =>
    {
        if (!await IsDayOfAsync(e, input.DayId, ct) || input.StartsAt is not { } start)
            return new Refusal(WorkshopDayMessages.UnknownDay);
        if (await db.SessionSlots.AnyAsync(s => s.DayId == input.DayId && s.StartsAt == start, ct))
            return new Refusal(WorkshopDayMessages.SlotTaken, start.ToString("HH:mm"));
        db.SessionSlots.Add(new SessionSlot { DayId = input.DayId!.Value, StartsAt = start });
        return null;
    }, ct);

    public Task<EditAnswer> AddWorkshopAsync(string slug, WorkshopInput input, CancellationToken ct) => ChangeProgrammeAsync(slug, async e =>
    {
        if (!await IsDayOfAsync(e, input.DayId, ct))
            return new Refusal(WorkshopDayMessages.UnknownDay);
        if (new[] { input.Title, input.Provider, input.Theme, input.AgeGroup }.Any(t => string.IsNullOrWhiteSpace(t) || t.Trim().Length > 200))
            return new Refusal(WorkshopDayMessages.WorkshopIncomplete);
        if (input.CapacityPerSession is not (>= 1 and <= 500) || input.DurationMinutes is not (>= 10 and <= 480))
            return new Refusal(WorkshopDayMessages.WorkshopSizes);
        db.Workshops.Add(new Workshop
        {
            EventId = e.Id, DayId = input.DayId!.Value, Title = input.Title!.Trim(), Provider = input.Provider!.Trim(), Theme = input.Theme!.Trim(),
            AgeGroup = input.AgeGroup!.Trim(), CapacityPerSession = input.CapacityPerSession.Value, DurationMinutes = input.DurationMinutes.Value,
        });
        return null;
    }, ct);

    public Task<EditAnswer> AddShiftAsync(string slug, ShiftInput input, CancellationToken ct) => ChangeProgrammeAsync(slug, async e =>
    {
        if (!await IsDayOfAsync(e, input.DayId, ct))
            return new Refusal(WorkshopDayMessages.UnknownDay);
        if (string.IsNullOrWhiteSpace(input.Task) || input.Task.Trim().Length > 200 || input.StartsAt is not { } start || input.EndsAt is not { } end
            || end <= start || input.Needed is not (>= 1 and <= 500))
            return new Refusal(WorkshopDayMessages.ShiftIncomplete);
        db.VolunteerShifts.Add(new VolunteerShift { EventId = e.Id, DayId = input.DayId!.Value, Task = input.Task.Trim(), StartsAt = start, EndsAt = end, Needed = input.Needed.Value });
        return null;
    }, ct);

    private async Task<EditAnswer> ChangeProgrammeAsync(string slug, Func<WorkshopDayEvent, Task<Refusal?>> change, CancellationToken ct)
    {
        var e = await db.WorkshopDayEvents.SingleOrDefaultAsync(x => x.Slug == slug, ct);
        if (e is null || !WorkshopDayAccess.MayCoordinate(await scopes.GetAsync(ct), e.PactId))
            return EditAnswer.Denied;
        if (e.AllocatedAt is not null)
            return EditAnswer.Refused(WorkshopDayMessages.AfterAllocation);
        if (await change(e) is { } refusal)
            return new EditAnswer(false, refusal, null);
        await db.SaveChangesAsync(ct);
        return EditAnswer.Done(e.Slug);
    }

    private Task<bool> IsDayOfAsync(WorkshopDayEvent e, int? dayId, CancellationToken ct) =>
        db.EventDays.AnyAsync(d => d.Id == dayId && d.EventId == e.Id, ct);

    public static DateTime ToUtc(DateTime dutch) => dutch.Kind == DateTimeKind.Utc ? dutch : TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(dutch, DateTimeKind.Unspecified), Dutch);
    public static DateTime ToDutch(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Dutch);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{2,59}$")]
    private static partial Regex SlugPattern();
}
