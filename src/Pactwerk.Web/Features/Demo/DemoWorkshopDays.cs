using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.WorkshopDays;

namespace Pactwerk.Web.Features.Demo;

/// <summary>
/// The Techniek Driedaagse of 6, 7 and 8 November 2018 in the shed of FN Kempen in Mijdrecht, as the publication tells it:
/// more than three thousand pupils, dozens of workshops (bricklaying, programming, bike repair and carpentry are named),
/// hundreds of volunteers. Everything the publication does not tell is invented and the event says so: the other
/// workshops and their providers, the schools (in real municipalities around Mijdrecht), their classes and choices, and
/// the shifts. Registration is closed and the allocation not yet run, so a demo coordinator runs the optimiser,
/// moves a class by hand and publishes, as on the real day. The solver is not run while seeding: every test
/// host seeds the demo, and the allocation is the coordinator's step to show.
/// </summary>
public static class DemoWorkshopDays
{
    public const string Slug = "techniek-driedaagse-2018";
    public static readonly DateOnly[] Dates = [new(2018, 11, 6), new(2018, 11, 7), new(2018, 11, 8)];
    public static readonly TimeOnly[] Slots = [new(9, 0), new(10, 15), new(11, 30), new(13, 0)];

    /// <summary>The first four are the publication's; the rest are invented, as are all providers.</summary>
    private static readonly (string Title, string Theme)[] Programme =
    [
        ("Metselen", "bouw"), ("Programmeren", "ICT"), ("Fietsen repareren", "mobiliteit"), ("Timmeren", "bouw"),
        ("Solderen: een knipperlicht", "elektrotechniek"), ("Robots bouwen", "ICT"), ("Elektra aanleggen", "installatietechniek"),
        ("3D-printen", "maaktechniek"), ("Tegelzetten", "bouw"), ("Zonnepanelen", "energie"), ("Drones besturen", "ICT"),
        ("Loodgieten", "installatietechniek"), ("Lassen (met simulator)", "metaal"), ("Een windmolen bouwen", "energie"),
        ("Schilderen en behangen", "afbouw"), ("Autotechniek", "mobiliteit"), ("CNC-frezen", "maaktechniek"),
        ("Dakdekken", "bouw"), ("Slimme lamp maken", "elektrotechniek"), ("Waterzuivering", "procestechniek"),
        ("Straatmaken", "infra"), ("Een warmtepomp ontleden", "installatietechniek"), ("Houtdraaien", "maaktechniek"), ("Elektrisch rijden", "mobiliteit"),
    ];

    private static readonly string[] Providers =
    [
        "Bouwopleiding De Ronde Venen (demo)", "Codeclub Mijdrecht (demo)", "Fietsenmaker Vinkeveen (demo)", "Techniekcollege Utrecht (demo)",
        "Installatiebedrijf Uithoorn (demo)", "Maakplaats Amstelveen (demo)",
    ];

    private static readonly string[] Municipalities =
        ["De Ronde Venen", "Uithoorn", "Amstelveen", "Woerden", "Stichtse Vecht", "Nieuwkoop", "Aalsmeer", "Wijdemeren", "Utrecht", "Alphen aan den Rijn"];

    private static readonly string[] SchoolNames =
    [
        "De Eendracht", "Het Kompas", "De Windroos", "Willibrordschool", "De Schakel", "Prins Willem-Alexanderschool", "De Fontein", "Het Palet",
        "De Regenboog", "Veenstroom College", "De Wegwijzer", "Koningin Julianaschool", "Het Anker", "De Horizon", "De Piramide", "Montessorischool",
        "De Vuurvogel", "Het Baken", "Amstelveen College (vmbo)", "De Zonnewijzer", "De Kwikstaart", "Het Mozaïek", "Maaswaal vmbo", "De Driemaster",
        "Pieter Jelles", "De Dukdalf", "Het Startpunt", "De Notenkraker", "Groenhorst vmbo", "De Trekvogel",
    ];

    public static async Task<bool> SeedAsync(PactwerkDb db, CancellationToken ct)
    {
        if (await db.WorkshopDayEvents.AnyAsync(e => e.Slug == Slug, ct))
            return false;
        var pact = await db.Pacts.Where(p => p.Code == DemoContent.Techniekpact).Select(p => (int?)p.Id).SingleOrDefaultAsync(ct);
        if (pact is null)
            return false;
        var action = await db.PactActions.Where(a => a.Slug == "techniek-driedaagse").Select(a => (int?)a.Id).FirstOrDefaultAsync(ct);
        var random = new Random(2018);
        // Attendance is counted in the monitor by the school's municipality code, as a registration through the form stores it.
        var codes = await db.Regions.Where(r => r.ValidTo == null && r.RegionSet.Kind == Regions.RegionSetKind.Municipalities && Municipalities.Contains(r.Name))
            .ToDictionaryAsync(r => r.Name, r => r.Code, ct);

        var e = new WorkshopDayEvent
        {
            PactId = pact.Value, ActionId = action, Slug = Slug, Name = "Techniek Driedaagse 2018", Venue = "Loods van FN Kempen, Oosterlandweg, Mijdrecht",
            RegistrationClosesAt = new DateTime(2018, 10, 19, 16, 0, 0, DateTimeKind.Utc), WorkshopsPerClass = 3, Invented = true,
            Days = [.. Dates.Select(d => new EventDay { Date = d, Slots = [.. Slots.Select(s => new SessionSlot { StartsAt = s })] })],
        };
        db.WorkshopDayEvents.Add(e);
        await db.SaveChangesAsync(ct);
        var i = 0;
        foreach (var day in e.Days)
        {
            // Every workshop runs each day; half take two classes at once (64 pupils), the others one (32). With 24 workshops
            // a day there are about a quarter more places than the classes need, so the optimiser has room to give choices.
            foreach (var (title, theme) in Programme)
                e.Workshops.Add(new Workshop
                {
                    DayId = day.Id, Title = title, Theme = theme, Provider = Providers[i++ % Providers.Length],
                    AgeGroup = theme is "metaal" or "procestechniek" ? "vmbo 1–2" : "groep 7–8 en vmbo 1–2",
                    CapacityPerSession = random.Next(2) == 0 ? 32 : 64, DurationMinutes = 60,
                });
            foreach (var (task, from, to, needed) in new[]
                     { ("Opbouw en ontvangst", 7, 10, 18), ("Begeleiding bij de workshops", 9, 15, 45), ("Catering", 10, 14, 12), ("Afbouw", 14, 17, 15) })
                e.Shifts.Add(new VolunteerShift { DayId = day.Id, Task = task, StartsAt = new(from, 0), EndsAt = new(to, 0), Needed = needed });
        }
        await db.SaveChangesAsync(ct);

        // About 3,000 pupils in classes of 18–32 from schools of 2–6 classes; popular workshops are asked for most.
        var (pupils, school) = (0, 0);
        while (pupils < 3_000)
        {
            var name = SchoolNames[school % SchoolNames.Length];
            var municipality = Municipalities[school % Municipalities.Length];
            var registration = new SchoolRegistration
            {
                EventId = e.Id, School = $"{name} (verzonnen)", Municipality = municipality, MunicipalityCode = codes.GetValueOrDefault(municipality), Teacher = $"Leerkracht {school + 1} (verzonnen)",
                Email = $"school{school + 1}@driedaagse.example", EmailConfirmedAt = new DateTime(2018, 10, 1, 8, 0, 0, DateTimeKind.Utc),
                KeyHash = Convert.ToHexString(SHA256.HashData(RandomNumberGenerator.GetBytes(24))), SubmittedAt = new DateTime(2018, 9, 10, 8, 0, 0, DateTimeKind.Utc).AddHours(school * 7),
            };
            var classes = random.Next(2, 7);
            for (var c = 0; c < classes && pupils < 3_000; c++)
            {
                var day = e.Days[(school + c) % e.Days.Count];
                var ofDay = e.Workshops.Where(w => w.DayId == day.Id).ToList();
                var preferences = new List<int>();
                while (preferences.Count < 5)
                {
                    var pick = ofDay[(int)Math.Floor(Math.Pow(random.NextDouble(), 2.2) * ofDay.Count)].Id;
                    if (!preferences.Contains(pick))
                        preferences.Add(pick);
                }
                var size = random.Next(18, 33);
                var (arrival, departure) = random.Next(6) switch { 0 => (new TimeOnly(10, 15), new TimeOnly(14, 15)), 1 => (new TimeOnly(9, 0), new TimeOnly(12, 45)), _ => (new TimeOnly(9, 0), new TimeOnly(14, 15)) };
                registration.Classes.Add(new SchoolClass
                {
                    Name = c % 2 == 0 ? $"groep 8{(char)('a' + c / 2)}" : $"groep 7{(char)('a' + c / 2)}", Grade = c % 2 == 0 ? "groep 8" : "groep 7",
                    Pupils = size, DayId = day.Id, Arrival = arrival, Departure = departure, Preferences = preferences,
                });
                pupils += size;
            }
            db.SchoolRegistrations.Add(registration);
            school++;
        }
        await db.SaveChangesAsync(ct);
        return true;
    }
}
