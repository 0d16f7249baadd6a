using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.WorkshopDays;

public sealed record RosterVolunteer(int SignUpId, string Name, string Email, string? Phone, bool EmailConfirmed, DateTime SignedUpAt);
public sealed record RosterShift(int ShiftId, int DayId, DateOnly Date, string Task, TimeOnly StartsAt, TimeOnly EndsAt, int Needed, IReadOnlyList<RosterVolunteer> Volunteers)
{
    public int Filled => Volunteers.Count;
}

/// <summary>
/// The coordinator's roster of volunteers: per day and shift the volunteers standing (withdrawn and removed ones left
/// out), with their contact details. Only whoever coordinates the event sees it (<see cref="WorkshopDayAccess"/>).
/// </summary>
public sealed class VolunteerRoster(PactwerkDb db, AccessScopeProvider scopes)
{
    public const string CsvHeader = "dag;dienst;begin;einde;nodig;bezet;naam;e-mailadres;telefoon;bevestigd";

    /// <summary>The roster, or Forbidden when there is no such event or the caller does not coordinate it.</summary>
    public async Task<(List<RosterShift>? Roster, bool Forbidden)> ForCoordinatorAsync(int eventId, CancellationToken ct)
    {
        var pact = await db.WorkshopDayEvents.AsNoTracking().Where(e => e.Id == eventId).Select(e => (int?)e.PactId).SingleOrDefaultAsync(ct);
        if (pact is null || !WorkshopDayAccess.MayCoordinate(await scopes.GetAsync(ct), pact.Value))
            return (null, true);
        var shifts = await db.VolunteerShifts.AsNoTracking().Where(s => s.EventId == eventId)
            .Join(db.EventDays, s => s.DayId, d => d.Id, (s, d) => new { s, d.Date }).ToListAsync(ct);
        var volunteers = (await db.VolunteerSignUps.AsNoTracking().Where(v => v.EventId == eventId && v.WithdrawnAt == null && v.RemovedAt == null && v.LapsedAt == null).ToListAsync(ct))
            .ToLookup(v => v.ShiftId);
        return (shifts.OrderBy(x => x.Date).ThenBy(x => x.s.StartsAt).ThenBy(x => x.s.Task)
            .Select(x => new RosterShift(x.s.Id, x.s.DayId, x.Date, x.s.Task, x.s.StartsAt, x.s.EndsAt, x.s.Needed,
                volunteers[x.s.Id].OrderBy(v => v.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(v => v.Id)
                    .Select(v => new RosterVolunteer(v.Id, v.Name, v.Email, v.Phone, v.EmailConfirmedAt is not null, v.SignedUpAt)).ToList()))
            .ToList(), false);
    }

    /// <summary>One row per volunteer, and one row without a name for a shift nobody has signed up for yet, so the file shows every shift.</summary>
    public static byte[] Csv(IEnumerable<RosterShift> roster) =>
        CsvText.File(CsvHeader, roster.SelectMany(s => s.Volunteers.Count == 0 ? [Row(s, null)] : s.Volunteers.Select(v => Row(s, v))));

    private static string[] Row(RosterShift s, RosterVolunteer? v) =>
    [
        s.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), CsvText.Cell(s.Task), WorkshopDayFormat.Time(s.StartsAt), WorkshopDayFormat.Time(s.EndsAt),
        s.Needed.ToString(CultureInfo.InvariantCulture), s.Filled.ToString(CultureInfo.InvariantCulture),
        CsvText.Cell(v?.Name), CsvText.Cell(v?.Email), CsvText.Cell(v?.Phone), v is null ? "" : v.EmailConfirmed ? "ja" : "nee",
    ];
}
