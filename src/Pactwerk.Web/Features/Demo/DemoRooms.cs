using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Rooms;

namespace Pactwerk.Web.Features.Demo;

/// <summary>
/// Shared technology rooms in landsdeel Oost, after the publication's "better one modern technology room in
/// use from early to late": two of Landstede in Zwolle and one of the HAN in Arnhem (real organisations of
/// the demo; the rooms, their equipment and every booking are invented). Sixteen weeks either side of the day the
/// demo is made: weekly series of the own school, another school, a company (FN Kempen) and
/// adult education (TechniekTalent.nu's courses for adults). Past bookings have their use recorded, every seventh a
/// no-show, so the utilisation shows booked against used; a few future bookings wait for approval.
/// </summary>
public static class DemoRooms
{
    /// <summary>The sector training fund of the installation sector trains adults; the network's data do not say so, so its bookings state it.</summary>
    public const string AdultEducation = "TechniekTalent.nu";

    private sealed record Series(string Room, string Booker, DayOfWeek Day, TimeOnly From, TimeOnly To, RoomUserKind Kind, string Purpose);

    public static async Task<bool> SeedAsync(PactwerkDb db, CancellationToken ct)
    {
        if (await db.Rooms.AnyAsync(ct) || !await db.Organisations.AnyAsync(o => o.Name == "Landstede Groep", ct))
            return false;
        async Task<int> Organisation(string name) => await db.Organisations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync(ct);
        async Task<int> Municipality(string code) => await db.Regions.Where(r => r.Code == code).Select(r => r.Id).SingleAsync(ct);
        var landstede = await Organisation("Landstede Groep");
        var han = await Organisation("Hogeschool van Arnhem en Nijmegen");
        List<RoomOpeningHours> Weekdays(int opens, int closes) =>
            [.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
                .Select(d => new RoomOpeningHours { Day = d, Opens = new TimeOnly(opens, 0), Closes = new TimeOnly(closes, 0) })];
        // The bookings run from sixteen weeks before the day the demo is made to sixteen weeks after it, so that on any day of
        // the year the demo has both a past (used and no-shows, for utilisation) and a future (bookings waiting for approval).
        // A fixed school season (September to January) left the demo without a future from February and without a past in
        // August.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var seasonStart = today.AddDays(-16 * 7);
        var seasonEnd = today.AddDays(16 * 7);
        // The Christmas holiday of region Noord/Oost, roughly, nearest to today: closed, so the heat map shows a gap.
        var christmasYear = today.Month >= 7 ? today.Year : today.Year - 1;
        var christmas = new RoomClosure { From = new DateOnly(christmasYear, 12, 21), To = new DateOnly(christmasYear + 1, 1, 3), Reason = "Kerstvakantie" };
        var rooms = new Dictionary<string, Room>
        {
            ["werkplaats"] = new()
            {
                OrganisationId = landstede, MunicipalityId = await Municipality("GM0193"), Name = "Techniekwerkplaats (demo)", Address = "Campus 2, Zwolle (verzonnen)",
                Equipment = ["cnc", "draaibank", "lasapparatuur"], Capacity = 16, WheelchairAccessible = true, AccessibilityNote = "Gelijkvloers, verstelbare werkbank.",
                AllowedUsers = ["AdultEducation", "Company", "OtherSchool"], LeadTimeHours = 48, ApprovalRequired = true, OpeningHours = Weekdays(7, 22),
                Closures = [christmas],
            },
            ["fablab"] = new()
            {
                OrganisationId = landstede, MunicipalityId = await Municipality("GM0193"), Name = "Fablab (demo)", Address = "Campus 1, Zwolle (verzonnen)",
                Equipment = ["3d-printer", "lasersnijder", "elektronica"], Capacity = 24, WheelchairAccessible = true,
                AllowedUsers = ["Company", "OtherSchool"], LeadTimeHours = 24, ApprovalRequired = false, OpeningHours = Weekdays(8, 21),
                Closures = [new RoomClosure { From = christmas.From, To = christmas.To, Reason = christmas.Reason }],
            },
            ["lab"] = new()
            {
                OrganisationId = han, MunicipalityId = await Municipality("GM0202"), Name = "Smart Industry-lab (demo)", Address = "Ruitenberglaan, Arnhem (verzonnen)",
                Equipment = ["robotarm", "plc", "3d-printer"], Capacity = 20, WheelchairAccessible = false, AccessibilityNote = "Bereikbaar via trap; lift in aanbouw.",
                AllowedUsers = ["Company", "OtherSchool", "AdultEducation"], LeadTimeHours = 72, ApprovalRequired = true, OpeningHours = Weekdays(8, 22),
            },
        };
        db.Rooms.AddRange(rooms.Values);
        await db.SaveChangesAsync(ct);

        var bookers = new Dictionary<string, int>
        {
            ["landstede"] = landstede, ["han"] = han, ["fnkempen"] = await Organisation("FN Kempen"), ["volwassenen"] = await Organisation(AdultEducation),
        };
        Series[] series =
        [
            new("werkplaats", "landstede", DayOfWeek.Monday, new(8, 30), new(12, 30), RoomUserKind.OwnSchool, "Praktijkles metaal"),
            new("werkplaats", "landstede", DayOfWeek.Wednesday, new(8, 30), new(12, 30), RoomUserKind.OwnSchool, "Praktijkles metaal"),
            new("werkplaats", "han", DayOfWeek.Tuesday, new(13, 0), new(16, 0), RoomUserKind.OtherSchool, "Practicum werktuigbouwkunde"),
            new("werkplaats", "fnkempen", DayOfWeek.Tuesday, new(19, 0), new(21, 30), RoomUserKind.Company, "Bijscholing lassen"),
            new("werkplaats", "volwassenen", DayOfWeek.Thursday, new(19, 0), new(22, 0), RoomUserKind.AdultEducation, "Avondcursus draaien"),
            new("fablab", "landstede", DayOfWeek.Friday, new(9, 0), new(15, 0), RoomUserKind.OwnSchool, "Projectdag"),
            new("fablab", "fnkempen", DayOfWeek.Monday, new(18, 0), new(20, 0), RoomUserKind.Company, "Prototypes"),
            new("lab", "han", DayOfWeek.Monday, new(9, 0), new(17, 0), RoomUserKind.OwnSchool, "Minor Smart Industry"),
            new("lab", "landstede", DayOfWeek.Wednesday, new(13, 0), new(16, 0), RoomUserKind.OtherSchool, "Kennismaking robotica"),
            new("lab", "volwassenen", DayOfWeek.Tuesday, new(19, 0), new(21, 0), RoomUserKind.AdultEducation, "Omscholing PLC"),
        ];
        var now = DateTime.UtcNow;
        var n = 0;
        foreach (var s in series)
        {
            var room = rooms[s.Room];
            var seriesId = Guid.NewGuid();
            var day = seasonStart;
            while (day.DayOfWeek != s.Day)
                day = day.AddDays(1);
            for (; day <= seasonEnd; day = day.AddDays(7))
            {
                if (room.Closures.Any(c => c.From <= day && day <= c.To))
                    continue;
                n++;
                var startsAt = RoomTime.ToUtc(day, s.From);
                var past = startsAt < now;
                // Most future bookings of others are approved; every fifth still waits where the owner approves.
                var status = room.ApprovalRequired && s.Kind != RoomUserKind.OwnSchool && !past && n % 5 == 0 ? RoomBookingStatus.Pending : RoomBookingStatus.Approved;
                db.RoomBookings.Add(new RoomBooking
                {
                    RoomId = room.Id, OrganisationId = bookers[s.Booker], BookedBy = "demo", UserKind = s.Kind, StartsAt = startsAt, EndsAt = RoomTime.ToUtc(day, s.To),
                    Status = status, SeriesId = status == RoomBookingStatus.Pending ? null : seriesId, Purpose = s.Purpose + " (demo)",
                    CreatedAt = RoomTime.ToUtc(seasonStart.AddDays(-14), new TimeOnly(10, 0)), DecidedAt = status == RoomBookingStatus.Approved ? RoomTime.ToUtc(seasonStart.AddDays(-10), new TimeOnly(10, 0)) : null,
                    Use = past ? (n % 7 == 0 ? RoomUse.NoShow : RoomUse.Used) : null,
                });
            }
        }
        await db.SaveChangesAsync(ct);
        return true;
    }
}
