using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Knowledge;

namespace Pactwerk.Web.Features.Demo;

/// <summary>
/// The demo's events and the Zorgpact's learning network. The Techniek Driedaagse and the college
/// tours with André Kuipers are in the publication; the dates of the conference, the tour and the
/// meetings, the meetings' contents and the case are invented for the demo and marked as such.
/// </summary>
public static class DemoEventsAndLearningNetworks
{
    public const string NetworkName = "Bestuurlijk lerend netwerk zorg en onderwijs";
    public const string NetworkMemberEmail = "lerendnetwerk@zorgpact.demo";

    public static async Task<bool> SeedAsync(PactwerkDb db, CancellationToken ct)
    {
        var pacts = await db.Pacts.Where(p => p.Code == DemoContent.Techniekpact || p.Code == DemoContent.Zorgpact).ToDictionaryAsync(p => p.Code, p => p.Id, ct);
        if (pacts.Count < 2 || await db.Events.AnyAsync(ct) || await db.LearningNetworks.AnyAsync(ct))
            return false;
        async Task<int?> Region(string code) => await db.Regions.Where(r => r.Code == code).Select(r => (int?)r.Id).FirstOrDefaultAsync(ct);
        async Task<string?> Account(string email) => await db.Users.Where(u => u.NormalizedEmail == email.ToUpperInvariant()).Select(u => u.Id).SingleOrDefaultAsync(ct);
        static DateTime At(int y, int m, int d, int h, int min = 0) => EventTimes.ParseToUtc($"{y:0000}-{m:00}-{d:00}T{h:00}:{min:00}")!.Value;
        var techniek = pacts[DemoContent.Techniekpact];

        db.Events.Add(new Event
        {
            PactId = techniek, RegionId = await Region("GM0736"), Kind = EventKind.Event, IsPublic = true, IsDemoContent = true,
            Title = "Techniek Driedaagse 2018", StartsAt = At(2018, 11, 6, 9), EndsAt = At(2018, 11, 8, 16),
            Place = "Loods van FN Kempen, Oosterlandweg, Mijdrecht",
            Programme = "Drie dagen technische workshops voor leerlingen uit de regio: metselen, programmeren, fietsen repareren, timmeren.\n" +
                "Ruim drieduizend leerlingen en honderden vrijwilligers; minister Slob kwam op bezoek.",
        });
        db.Events.Add(new Event
        {
            PactId = techniek, Kind = EventKind.Conference, IsPublic = true, IsDemoContent = true,
            Title = "Jaarconferentie Techniekpact 2027", StartsAt = At(2027, 3, 18, 10), EndsAt = At(2027, 3, 18, 16, 30),
            Place = "Utrecht", Capacity = 250,
            Programme = "Ochtend: de stand van het pact en de monitor.\nMiddag: werksessies per landsdeel; wat werkt wel, wat werkt niet.\n(Demo: datum en programma verzonnen.)",
        });
        db.Events.Add(new Event
        {
            PactId = techniek, RegionId = await Region("TP-OOST"), Kind = EventKind.CollegeTour, IsPublic = true, IsDemoContent = true,
            Title = "Techniekpact Collegetours met André Kuipers", StartsAt = At(2027, 2, 10, 13), EndsAt = At(2027, 2, 10, 15),
            Place = "Zwolle", Capacity = 120,
            Programme = "Ambassadeur André Kuipers vertelt leerlingen over techniek, ruimtevaart en zijn loopbaan; daarna vragen uit de zaal.\n(Demo: datum verzonnen.)",
        });
        var leads = new Event
        {
            PactId = techniek, Kind = EventKind.LandsdeelLeadsMeeting, IsPublic = false, IsDemoContent = true,
            Title = "Overleg landsdeeltrekkers", StartsAt = At(2027, 1, 20, 14), EndsAt = At(2027, 1, 20, 16), Place = "Den Haag",
            Agenda = "1. Opening\n2. Monitor: eerste cijfers van het jaar\n3. Regionale plannen: herziening\n4. Rondvraag",
            Minutes = "Demo-verslag: de landsdeeltrekkers bespreken de herziening van de regionale plannen; Oost en Noord delen hun aanpak.",
            Documents = [new MeetingDocument { Title = "Concept regionale plannen (demo)", Url = "https://example.org/demo/regionale-plannen.pdf" }],
        };
        foreach (var email in new[] { "oost@techniekpact.demo", "noord@techniekpact.demo" })
            if (await Account(email) is { } id)
                leads.Members.Add(new MeetingMember { UserId = id });
        db.Events.Add(leads);

        var network = new LearningNetwork
        {
            PactId = pacts[DemoContent.Zorgpact], Name = NetworkName, IsDemoContent = true,
            // The network is the Zorgpact's action of the same name: its action page leads to it.
            ActionId = await db.PactActions.Where(a => a.Slug == "bestuurlijk-lerend-netwerk-zorg-en-onderwijs").Select(a => (int?)a.Id).FirstOrDefaultAsync(ct),
            Description = "Bestuurders uit de zorg en het onderwijs komen ongeveer vijf keer per jaar bijeen. Eén voor één brengen zij een casus in; persoonlijk functioneren staat centraal.",
            Sessions = new[] { (2, "Cultuurverandering begint bij bestuurders"), (4, "Het belang van de patiënt en van de organisatie"), (6, "Samen opleiden in de regio"),
                (9, "Van zorgen vóór naar zorgen dát"), (11, "Leiderschap in de transitie") }
                .Select(s => new LearningNetworkSession { Date = new DateOnly(2027, s.Item1, 12), Place = "Utrecht", Theme = s.Item2 }).ToList(),
        };
        var member = await Account(NetworkMemberEmail);
        if (member is not null)
            network.Members.Add(new LearningNetworkMember { UserId = member });
        db.LearningNetworks.Add(network);
        await db.SaveChangesAsync(ct);
        if (member is not null)
        {
            db.LearningNetworkCases.Add(new LearningNetworkCase
            {
                NetworkId = network.Id, SessionId = network.Sessions.OrderBy(s => s.Date).First().Id, BroughtInByUserId = member, IsDemoContent = true,
                CreatedAt = DateTime.UtcNow, Title = "Demo-casus: stagiairs uit het mbo op een afdeling in krimp",
                Question = "Hoe houden we stageplaatsen open als de afdeling moet bezuinigen? (Demo: verzonnen casus.)",
                DiscussionNotes = "Demo: de groep raadt aan de opleiding vroeg te betrekken en stages te delen met een andere instelling in de regio.",
            });
            await db.SaveChangesAsync(ct);
        }
        return true;
    }
}
