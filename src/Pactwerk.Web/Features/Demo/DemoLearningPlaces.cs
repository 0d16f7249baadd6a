using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.LearningPlaces;

namespace Pactwerk.Web.Features.Demo;

/// <summary>
/// Learning places of the Zorgpact's care organisations, after the publication's Zorgtrainingscentrum Zwolle chapter, where
/// Fenna Eefting (Vogellanden) says "I don't want internships but learning places in my organisation, places that are filled
/// in the holidays too" and Theo Rietkerk (Landstede) answers that students need supervision, which organisations have often
/// cut. Vogellanden (Zwolle) and Siza (Arnhem) are real organisations of the demo; every place, supervisor, absence and
/// learner is invented and says so. All in the current year, so the year view opens on it, and chosen so that it shows the
/// three things the publication talks about:
/// <list type="bullet">
/// <item>filled weeks: a BBL workplace with two learners, a work-based place at Siza, and a summer holiday place;</item>
/// <item>empty weeks: the BOL placement after the summer, the holiday place's last two weeks;</item>
/// <item>unsupervised weeks: the BBL workplace's supervisor takes four weeks of summer leave while her learner stays on (an
/// absence registered after the placement, which the placement rule would have refused beforehand): the holiday gap.</item>
/// </list>
/// The summer holiday is taken as 4 July to 16 August, roughly region Noord's; the demo does not claim the exact dates.
/// The places that run all year (and the BOL placement's second half-year) are offered on into next year, as a BBL track or
/// a school half-year does: a place whose last period has ended can no longer be proposed, so a demo whose places all ended
/// on 18 December would have nothing to match for the last two weeks of every year. No learner is placed next year, so next
/// summer shows the gap to fill.
/// </summary>
public static class DemoLearningPlaces
{
    /// <summary>The care organisation whose staff the demo account <see cref="StaffEmail"/> is.</summary>
    public const string Organisation = "Vogellanden";
    public const string StaffEmail = "leerplekken@vogellanden.demo";

    public static async Task<bool> SeedAsync(PactwerkDb db, TimeProvider clock, CancellationToken ct)
    {
        if (await db.Set<LearningPlace>().AnyAsync(ct) || !await db.Organisations.AnyAsync(o => o.Name == Organisation, ct))
            return false;
        async Task<int> OrganisationId(string name) => await db.Organisations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync(ct);
        async Task<int> Municipality(string code) => await db.Regions.Where(r => r.Code == code).Select(r => r.Id).SingleAsync(ct);
        var vogellanden = await OrganisationId(Organisation);
        var siza = await OrganisationId("Siza");
        var year = clock.GetUtcNow().Year;
        DateOnly Day(int month, int day) => new(year, month, day);
        DateOnly NextYear(int month, int day) => new(year + 1, month, day);

        var anouk = new Supervisor
        {
            OrganisationId = vogellanden, Name = "Anouk Mulder (demo)", Capacity = 2,
            Absences = [new SupervisorAbsence { From = Day(7, 13), To = Day(8, 7) }],
        };
        var bram = new Supervisor { OrganisationId = vogellanden, Name = "Bram Kok (demo)", Capacity = 1 };
        var carla = new Supervisor { OrganisationId = vogellanden, Name = "Carla Smit (demo)", Capacity = 1 };
        var dewi = new Supervisor { OrganisationId = siza, Name = "Dewi Bakker (demo)", Capacity = 2 };
        db.AddRange(anouk, bram, carla, dewi);
        await db.SaveChangesAsync(ct);

        var zwolle = await Municipality("GM0193");
        var arnhem = await Municipality("GM0202");
        LearningPlace Place(int organisation, int municipality, string title, LearningPlaceKind kind, int seats, string? sbb, string description,
            Supervisor[] supervisors, params (DateOnly From, DateOnly To)[] periods) => new()
        {
            OrganisationId = organisation, MunicipalityId = municipality, Title = title, Kind = kind, Sector = "care", Seats = seats, SbbNumber = sbb,
            Description = description + " Verzonnen voor de demo.",
            Periods = [.. periods.Select(p => new LearningPlacePeriod { From = p.From, To = p.To })],
            Supervisors = [.. supervisors.Select(s => new LearningPlaceSupervisor { SupervisorId = s.Id })],
        };
        var bbl = Place(vogellanden, zwolle, "BBL-werkplek verzorgende IG (demo)", LearningPlaceKind.BblWorkplace, 2, "100234567",
            "Werken en leren op de revalidatieafdeling, het hele jaar door.", [anouk], (Day(1, 5), NextYear(7, 2)));
        var bol = Place(vogellanden, zwolle, "BOL-stage revalidatiezorg (demo)", LearningPlaceKind.BolPlacement, 1, "100234567",
            "Stage in het schooljaar; in de zomervakantie niet aangeboden.", [carla], (Day(2, 2), Day(6, 26)), (Day(8, 31), NextYear(1, 29)));
        var holiday = Place(vogellanden, zwolle, "Vakantieplek zorgassistent (demo)", LearningPlaceKind.HolidayPlace, 2, null,
            "Een leerplek in de zomervakantie, zodat de afdeling ook dan leerlingen heeft.", [bram], (Day(7, 4), Day(8, 16)));
        var work = Place(siza, arnhem, "Werkleerplek zorgtechnologie (demo)", LearningPlaceKind.WorkBasedPlace, 1, null,
            "Omscholing naar zorg met technologie in Het Dorp.", [dewi], (Day(1, 5), NextYear(7, 2)));
        db.AddRange(bbl, bol, holiday, work);
        await db.SaveChangesAsync(ct);

        var now = clock.GetUtcNow().UtcDateTime;
        Placement Placed(LearningPlace place, Supervisor supervisor, string learner, DateOnly from, DateOnly to) => new()
        {
            LearningPlaceId = place.Id, SupervisorId = supervisor.Id, Learner = learner + " (verzonnen)", From = from, To = to, Invented = true,
            CreatedAt = now, RecordedBy = "demo",
        };
        db.AddRange(
            // Anouk guides two at once, her capacity; her summer leave leaves V-01 unsupervised for four weeks.
            Placed(bbl, anouk, "Leerling V-01", Day(1, 5), Day(12, 18)),
            Placed(bbl, anouk, "Leerling V-02", Day(1, 5), Day(6, 26)),
            Placed(bol, carla, "Leerling V-03", Day(2, 2), Day(6, 26)),
            Placed(holiday, bram, "Leerling V-04", Day(7, 6), Day(7, 31)),
            Placed(work, dewi, "Leerling S-01", Day(3, 2), Day(10, 30)));
        await db.SaveChangesAsync(ct);
        return true;
    }
}
