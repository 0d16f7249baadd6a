using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Knowledge;

namespace Pactwerk.Web.Features.Demo;

/// <summary>A demo practice: the initiative it describes (its slug), how to classify it and its sections, in Markdown.</summary>
public sealed record DemoPractice(string ActionSlug, string Sector, string TargetGroup, IReadOnlyList<int> Objectives, IReadOnlyList<string> OrganisationKeys,
    string Context, string Approach, string Results, string WhatWorked, string WhatDidNotWork, string TransferConditions);

/// <summary>
/// The good practices of the demo: the examples of the publication "Sterk in keten en samenhang"
/// (December 2018), retold in our own words and structured as practices. Title, pact, region and
/// lead organisation come from the initiative in <see cref="DemoContent.Initiatives"/>; figures are
/// only those the publication gives.
/// </summary>
public static class DemoPractices
{
    public const string Source = "Techniekpact | Zorgpact, *Sterk in keten en samenhang* (december 2018).";

    public static readonly IReadOnlyList<DemoPractice> Practices =
    [
        new("gas-2-0", "energy", "students", [3, 5], ["provincie-groningen", "provincie-fryslan", "provincie-drenthe"],
            "Het einde van de gaswinning in Groningen zet de noordelijke arbeidsmarkt onder druk: er is snel vakmanschap nodig voor de energietransitie. " +
            "Noordelijke mbo-scholen werkten al samen in het **Energy College**.",
            "Scholen voor mbo en hbo, bedrijven en de drie noordelijke provincies zetten samen een nieuwe opleiding voor de energietransitie op. " +
            "Het werk rust op drie pijlers:\n\n- werving van studenten;\n- vernieuwing van het onderwijs;\n- een *Community of Practice* van docenten en bedrijven.",
            "Een gezamenlijke opleiding in drie provincies, gefinancierd uit het Regionaal investeringsfonds mbo.",
            "Voortbouwen op een samenwerking die al bestond (het Energy College) gaf snelheid; de urgentie van de gaswinning bracht partijen bij elkaar.",
            "Subsidie voor vier jaar is geen blijvende financiering: het project moet nog laten zien dat het blijft bestaan als de regeling stopt.",
            "Een bestaand netwerk van scholen in de regio, een gedeelde aanleiding die iedereen voelt, en provincies die willen meebetalen."),
        new("make-it-work", "ict", "jobseekers", [4], ["hogeschool-van-amsterdam"],
            "IT-bedrijven in de regio Amsterdam vinden te weinig mensen; tegelijk zoeken hoogopgeleiden zonder technische achtergrond een nieuwe richting.",
            "Deelnemers zonder technische opleiding worden omgeschoold tot IT'er op hbo-niveau: een deel van de tijd leren ze op de hogeschool, " +
            "een deel bij een werkgever die hen aanneemt. Er starten vier groepen per jaar.",
            "- Meer dan 90% van de deelnemers haalt het certificaat.\n- 97% vindt werk bij een van de 85 aangesloten bedrijven.\n" +
            "- Een derde van de deelnemers is vrouw.\n- Honderden mensen vonden zo een (nieuwe) baan.",
            "Werkgevers die vanaf het begin meedoen en de deelnemers aannemen; leren op de hogeschool en in het bedrijf tegelijk. " +
            "Omscholing trekt zo ook mensen aan die nooit aan techniek dachten.",
            "De publicatie noemt geen aantallen deelnemers per groep, alleen aandelen; wie het programma wil vergelijken, moet die zelf opvragen.",
            "Een hogeschool die een programma voor zij-instromers wil dragen, en genoeg bedrijven in de buurt die IT'ers zoeken en willen mee-opleiden."),
        new("techniek-driedaagse", "technology", "pupils", [1, 6], ["fn-kempen", "provincie-utrecht"],
            "Kinderen en hun ouders weten vaak niet wat werken in de techniek nu inhoudt. In Noordwest wilde het pact dat laten zien in plaats van erover te vertellen.",
            "Drie dagen lang (6 tot en met 8 november 2018) werd een bedrijfshal van FN Kempen in Mijdrecht een techniekfestijn met tientallen workshops: " +
            "van metselen en timmeren tot programmeren en fietsen repareren. Honderden vrijwilligers hielpen. Op de laatste dag kwamen de ouders kijken.",
            "Ruim drieduizend leerlingen deden mee; minister Slob bracht een bezoek.",
            "Zelf iets maken in een echte bedrijfshal; de ouders erbij betrekken, zodat het gesprek thuis verdergaat.",
            "Een evenement van drie dagen vraagt veel vrijwilligers; of leerlingen daarna vaker voor techniek kiezen, is (nog) niet gemeten.",
            "Een bedrijf met ruimte en de wil om open te gaan, een netwerk van vrijwilligers en scholen die leerlingen kunnen laten reizen."),
        new("technieketen", "technology", "pupils", [3, 5], ["gilde-opleidingen", "fontys-venlo", "provincie-limburg"],
            "Noord- en Midden-Limburg krimpen: er komen minder jongeren, terwijl de technische bedrijven vakmensen blijven zoeken.",
            "Vmbo-scholen, Gilde Opleidingen en Fontys Venlo ontwierpen met provincie, gemeenten en bedrijven een doorlopende technische opleiding van zes jaar. " +
            "Het laatste vmbo-jaar en het eerste mbo-jaar vallen samen. Leerlingen werken aan opdrachten uit hun eigen leefwereld, en basisscholen krijgen ontdeklabs.",
            "Ten opzichte van 2014 steeg de instroom in techniek: **11%** op de vmbo-scholen, **21%** bij Gilde Opleidingen en **9%** bij Fontys Venlo.",
            "Eén leerlijn van vmbo tot hbo in plaats van losse overstappen; vroeg beginnen op de basisschool.",
            "De cijfers zijn instroom, geen diploma's: of de leerlingen de hele keten afmaken, blijkt pas later.",
            "Scholen in alle lagen die bereid zijn hun programma's op elkaar af te stemmen, en een provincie die de samenwerking steunt."),
        new("levenlang-gelders-vakmanschap", "technology", "workers", [4], ["provincie-gelderland"],
            "De Gelderse arbeidsmarkt voor techniek liep stroef: werkenden en werkzoekenden vonden de weg naar technische scholing niet.",
            "Provincie, vakbonden, opleidingsbedrijven en onderwijsinstellingen maakten een actieplan met gesubsidieerde trajecten voor om-, bij- en herscholing. " +
            "Met een voucher krijgt een deelnemer een technische opleiding geheel of gedeeltelijk vergoed.",
            "Het plan loopt sinds medio 2018; Overijssel nam het voorbeeld over met de Overijsselse Techniekuitdaging.",
            "Een voucher is eenvoudig uit te leggen en te gebruiken; vakbonden en opleidingsbedrijven dragen het plan mee.",
            "Resultaten in aantallen deelnemers waren eind 2018 nog niet bekend.",
            "Een provincie die vouchers wil financieren, en opleiders die omscholen naar techniek in korte trajecten kunnen aanbieden."),
        new("smart-health", "care", "care-professionals", [2], ["siza", "han"],
            "Technologie krijgt een steeds grotere rol in de zorg. Zorgorganisatie Siza vernieuwt Het Dorp in Arnhem en zocht medewerkers die die technologie kunnen invoeren.",
            "Siza en de HAN ontwikkelen samen een opleiding. Docenten uit meerdere opleidingen van de HAN ontwerpen die met Siza, zodat zorgmedewerkers leren " +
            "hoe ze technologie in hun eigen werk invoeren.",
            "Een opleiding die aansluit op de vernieuwing van Het Dorp.",
            "Zorg en onderwijs ontwerpen samen; de opleiding hangt aan een echte vernieuwing op de werkvloer.",
            "Nog geen gegevens over het aantal opgeleide medewerkers.",
            "Een zorgorganisatie die zelf vernieuwt en een hogeschool die docenten van verschillende opleidingen laat samenwerken."),
        new("zorgtrainingscentrum-zwolle", "care", "students", [2, 3], ["landstede", "vogellanden"],
            "De zorg van de toekomst stelt de cliënt en diens eigen mogelijkheden voorop, niet de ziekte. Daarvoor moeten studenten, professionals en docenten anders leren.",
            "Onderwijs, zorgaanbieders, bedrijven en overheid leiden samen op in drie labs die op elkaar aansluiten: **wijkzorg**, **zorgethiek** en **zorgtechniek**. " +
            "Er wordt in de praktijk geleerd, samen met cliënten en mantelzorgers.",
            "Bestuurders noemen het centrum een geslaagd voorbeeld van zorginnovatie.",
            "Leren in de praktijk met cliënten en mantelzorgers; studenten, professionals en docenten leren samen.",
            "De publicatie geeft geen cijfers over deelnemers of effecten.",
            "Onderwijs en zorgaanbieders in één stad die samen een leeromgeving willen inrichten en onderhouden."),
    ];

    /// <summary>Seeds the practices, published, when the demo's actions exist and there are no practices yet.</summary>
    public static async Task<bool> SeedAsync(PactwerkDb db, CancellationToken ct)
    {
        if (await db.Set<Practice>().AnyAsync(ct))
            return false;
        var actions = await db.PactActions.Include(a => a.Regions).ToDictionaryAsync(a => a.Slug, ct);
        if (Practices.Any(p => !actions.ContainsKey(p.ActionSlug)))
            return false;
        var organisations = await db.Organisations.ToDictionaryAsync(o => o.Name, o => o.Id, ct);
        var keyed = DemoContent.Organisations.Where(o => organisations.ContainsKey(o.Name)).ToDictionary(o => o.Key, o => organisations[o.Name]);
        var objectives = await db.Objectives.ToListAsync(ct);
        var index = new PracticeIndex(db);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var seeded = new List<Practice>();
        foreach (var demo in Practices)
        {
            var action = actions[demo.ActionSlug];
            var initiative = DemoContent.Initiatives.Single(i => i.Slug == demo.ActionSlug);
            var practice = new Practice
            {
                PactId = action.PactId, Title = action.Title, Summary = initiative.Summary, Context = demo.Context, Approach = demo.Approach,
                Results = demo.Results, ResultsSource = Source, WhatWorked = demo.WhatWorked, WhatDidNotWork = demo.WhatDidNotWork,
                TransferConditions = demo.TransferConditions, Sector = demo.Sector, TargetGroup = demo.TargetGroup,
                OrganisationId = initiative.LeadOrganisationKey is { } lead ? keyed.GetValueOrDefault(lead) : null,
                StartsOn = action.StartsOn, EndsOn = action.EndsOn,
                Regions = action.Regions.Select(r => new PracticeRegion { RegionId = r.RegionId }).ToList(),
                Objectives = objectives.Where(o => o.PactId == action.PactId && demo.Objectives.Contains(o.Number)).Select(o => new PracticeObjective { ObjectiveId = o.Id }).ToList(),
                Organisations = demo.OrganisationKeys.Where(keyed.ContainsKey).Select(k => new PracticeOrganisation { OrganisationId = keyed[k] }).ToList(),
                Actions = [new PracticeAction { ActionId = action.Id }],
            };
            // The publication's examples are published as a coordinator would, on its date.
            practice.MoveTo(PracticeStatus.Published, new DateTime(2018, 12, 1, 0, 0, 0, DateTimeKind.Utc));
            practice.SearchSynonyms = PracticeText.SynonymsOf(practice.Title + "\n" + PracticeIndex.BodyText(practice));
            db.Set<Practice>().Add(practice);
            seeded.Add(practice);
        }
        await db.SaveChangesAsync(ct);
        foreach (var practice in seeded)
            await index.RefreshAsync(practice, ct);
        await tx.CommitAsync(ct);
        return true;
    }
}
