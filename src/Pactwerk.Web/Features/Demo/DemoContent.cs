using Pactwerk.Web.Features.Agenda;
using Pactwerk.Web.Features.Network;
using Pactwerk.Web.Features.ReferenceData;

namespace Pactwerk.Web.Features.Demo;

/// <summary>A pact as the demo seeds it.</summary>
public sealed record DemoPact(string Code, string Name, DateOnly SignedOn, int InitialSignatoryCount, string Summary);

/// <summary>An organisation; <c>Key</c> only links people and initiatives to it inside the demo content.</summary>
public sealed record DemoOrganisation(
    string Key,
    string Name,
    Helix Helix,
    OrganisationKind Kind,
    string? MunicipalityCode,
    IReadOnlyList<string> Sectors,
    string? Description = null,
    string? Website = null,
    string? DuoCode = null,
    string? KvkNumber = null);

/// <summary>An organisation's signature under a pact.</summary>
public sealed record DemoSignatory(
    string PactCode,
    string OrganisationKey,
    DateOnly SignedOn,
    string Commitment,
    DateOnly? WithdrawnOn = null,
    string? WithdrawalReason = null);

/// <summary>A role of a person in a pact; <c>RegionCode</c> is the landsdeel for a region lead.</summary>
public sealed record DemoRole(
    string PactCode,
    PactRoleKind Kind,
    string? RegionCode = null,
    DateOnly? ValidFrom = null,
    DateOnly? ValidTo = null,
    string? OrganisationKey = null);

public sealed record DemoPerson(string Name, string? JobTitle, string? OrganisationKey, IReadOnlyList<DemoRole> Roles);

/// <summary>An initiative, seeded as a <see cref="PactAction"/>.</summary>
public sealed record DemoInitiative(
    string Slug,
    string PactCode,
    string Title,
    string Summary,
    PactActionKind Kind,
    string RegionCode,
    string? LeadOrganisationKey,
    int? StartYear);

/// <summary>
/// Demo content drawn from the publication "Sterk in keten en samenhang" (Techniekpact | Zorgpact,
/// December 2018). The Dutch texts paraphrase the publication; they do not quote it. Everything
/// the seeder writes lives here, so the demo grows by adding lines to these lists.
/// </summary>
public static class DemoContent
{
    public const string Techniekpact = "techniekpact";
    public const string Zorgpact = "zorgpact";

    // The signing date of the Nationaal Techniekpact 2020. The publication itself only says
    // "ruim vijf jaar geleden" (written in December 2018).
    public static readonly DateOnly TechniekpactSignedOn = new(2013, 5, 13);

    // The publication only says the Zorgpact followed two years after the Techniekpact; the exact
    // day is not in it, so this date is a stand-in within 2015.
    public static readonly DateOnly ZorgpactSignedOn = new(2015, 2, 5);

    // Declared before the lists below: static initialisers run in textual order.
    private static readonly string Noord = RegionSetCodes.LandsdeelCode("Noord");
    private static readonly string Oost = RegionSetCodes.LandsdeelCode("Oost");
    private static readonly string Noordwest = RegionSetCodes.LandsdeelCode("Noordwest");
    private static readonly string Zuidwest = RegionSetCodes.LandsdeelCode("Zuidwest");
    private static readonly string Zuidoost = RegionSetCodes.LandsdeelCode("Zuidoost");

    public static readonly IReadOnlyList<DemoPact> Pacts =
    [
        new(Techniekpact, "Techniekpact", TechniekpactSignedOn,
            // The publication says "meer dan 60 partijen"; 60 is the floor it gives.
            InitialSignatoryCount: 60,
            Summary:
                "Met het Nationaal Techniekpact 2020 sloegen in 2013 ruim zestig partijen uit overheid, onderwijs " +
                "en bedrijfsleven de handen ineen om genoeg technisch geschoolde mensen op te leiden en vast te houden. " +
                "Het pact is bewust een 'doe-pact': geen nieuw beleid, maar concrete acties. De uitvoering ligt vooral " +
                "in vijf landsdelen, elk met een eigen trekker die regio en landelijk niveau verbindt, terwijl een " +
                "landelijke regiegroep de voortgang op twaalf doelstellingen volgt."),
        new(Zorgpact, "Zorgpact", ZorgpactSignedOn,
            // The publication gives no number of signatories for the Zorgpact; 0 means "not known".
            InitialSignatoryCount: 0,
            Summary:
                "Twee jaar na het Techniekpact, in 2015, kwam het Zorgpact tot stand om zorg en onderwijs beter op " +
                "elkaar te laten aansluiten. Waar de techniek vooral nieuwe mensen moet opleiden, draait het in de zorg " +
                "meer om het behouden en verder ontwikkelen van wie er al werkt. Het pact steunt de omslag naar zorg " +
                "waarin de cliënt en diens eigen mogelijkheden het vertrekpunt zijn. Uit het pact ontstond onder meer " +
                "een bestuurlijk lerend netwerk van bestuurders uit zorg en onderwijs."),
    ];

    // Municipality codes checked against gemeenten.csv. Locations the publication does not state
    // (e.g. that the MBO Raad sits in Woerden) are the organisations' well-known seats.
    public static readonly IReadOnlyList<DemoOrganisation> Organisations =
    [
        // The MBO Raad speaks for the mbo schools, so it counts as education rather than civil society.
        new("mbo-raad", "MBO Raad", Helix.Education, OrganisationKind.BranchOrganisation, "GM0632", ["education"]), // Woerden
        new("ezk", "Ministerie van Economische Zaken en Klimaat", Helix.Government, OrganisationKind.Ministry, "GM0518", ["public"]), // 's-Gravenhage
        new("metaalunie", "Koninklijke Metaalunie", Helix.Business, OrganisationKind.BranchOrganisation, "GM0356", ["technology", "manufacturing"]), // Nieuwegein
        new("provincie-overijssel", "Provincie Overijssel", Helix.Government, OrganisationKind.Province, "GM0193", ["public"]), // Zwolle
        new("provincie-drenthe", "Provincie Drenthe", Helix.Government, OrganisationKind.Province, "GM0106", ["public"]), // Assen
        new("provincie-utrecht", "Provincie Utrecht", Helix.Government, OrganisationKind.Province, "GM0344", ["public"]), // Utrecht
        new("provincie-gelderland", "Provincie Gelderland", Helix.Government, OrganisationKind.Province, "GM0202", ["public"]), // Arnhem
        new("gemeente-rotterdam", "Gemeente Rotterdam", Helix.Government, OrganisationKind.Municipality, "GM0599", ["public"]),
        new("tilburg-university", "Tilburg University", Helix.Education, OrganisationKind.University, "GM0855", ["education"]),
        new("landstede", "Landstede Groep", Helix.Education, OrganisationKind.MboInstitution, "GM0193", ["education", "care"]), // Zwolle
        new("hogeschool-van-amsterdam", "Hogeschool van Amsterdam", Helix.Education, OrganisationKind.HboInstitution, "GM0363", ["education", "ict"]),
        // HAN has campuses in Arnhem and Nijmegen; Arnhem is its seat and where Smart Health's partner Siza is.
        new("han", "Hogeschool van Arnhem en Nijmegen", Helix.Education, OrganisationKind.HboInstitution, "GM0202", ["education", "care", "technology"]),
        // Care providers: the helix has no care sector. They are not-for-profit foundations, neither
        // government nor business, so civil society fits best (the publication itself speaks of a move
        // "van profit naar purpose" in care).
        new("vogellanden", "Vogellanden", Helix.CivilSociety, OrganisationKind.CareProvider, "GM0193", ["care"]), // revalidatiecentrum in Zwolle
        new("siza", "Siza", Helix.CivilSociety, OrganisationKind.CareProvider, "GM0202", ["care"]), // Arnhem, home of Het Dorp
    ];

    // Ineke Dezentjé (Hamming) is left out on purpose: the publication only calls her "een bestuurder"
    // who pushed early for the Techniekpact and its signing, which matches none of the pact roles.
    public static readonly IReadOnlyList<DemoPerson> People =
    [
        // His "mission" started with each pact's signing (foreword), so the roles start on those dates.
        new("Doekle Terpstra", "aanjager Nationaal Techniekpact 2020 en Zorgpact", null,
        [
            new(Techniekpact, PactRoleKind.Champion, ValidFrom: TechniekpactSignedOn),
            new(Zorgpact, PactRoleKind.Champion, ValidFrom: ZorgpactSignedOn),
        ]),

        // The five landsdeel leads as of December 2018. The publication gives no start dates except
        // for Kasmi, and says the leads changed over the years.
        new("Eddy van Hijum", "gedeputeerde", "provincie-overijssel",
            [new(Techniekpact, PactRoleKind.RegionLead, Oost)]),
        // "Halverwege dit jaar" (mid-2018), after he became alderman in Rotterdam; no day is given.
        new("Said Kasmi", "wethouder", "gemeente-rotterdam",
            [new(Techniekpact, PactRoleKind.RegionLead, Zuidwest, ValidFrom: new DateOnly(2018, 7, 1))]),
        new("Cees Bijl", "gedeputeerde", "provincie-drenthe",
            [new(Techniekpact, PactRoleKind.RegionLead, Noord)]),
        // The publication also spells him "Pim van der Berg" once; elsewhere it is "van den Berg".
        new("Pim van den Berg", "gedeputeerde", "provincie-utrecht",
            [new(Techniekpact, PactRoleKind.RegionLead, Noordwest)]),
        // Described as "de Tilburgse hoogleraar"; hence Tilburg University.
        new("Ton Wilthagen", "hoogleraar", "tilburg-university",
            [new(Techniekpact, PactRoleKind.RegionLead, Zuidoost)]),

        // Landelijke Regiegroep Techniekpact.
        new("Ton Heerts", "voorzitter", "mbo-raad",
            [new(Techniekpact, PactRoleKind.SteeringGroupMember)]),
        // He "was" chair (past tense) and stopped as director-general at the end of November 2018;
        // we assume the chair ended with that post. ValidTo is an exclusive end, hence 1 December.
        new("Bertholt Leeftink", "directeur-generaal Bedrijfsleven en Innovatie (tot eind november 2018)", "ezk",
            [new(Techniekpact, PactRoleKind.SteeringGroupChair, ValidTo: new DateOnly(2018, 12, 1))]),
        new("Jos Kleiboer", "directeur beleid", "metaalunie",
            [new(Techniekpact, PactRoleKind.SteeringGroupMember)]),

        // The publication names him only as ambassador; "astronaut" is his widely known profession.
        new("André Kuipers", "astronaut", null,
            [new(Techniekpact, PactRoleKind.Ambassador)]),

        // Bestuurlijk lerend netwerk (Zorgpact). The publication also spells her "Eefing".
        new("Fenna Eefting", "bestuurder", "vogellanden",
            [new(Zorgpact, PactRoleKind.LearningNetworkMember)]),
        new("Theo Rietkerk", "directeur", "landstede",
            [new(Zorgpact, PactRoleKind.LearningNetworkMember)]),
    ];

    public static readonly IReadOnlyList<DemoSignatory> Signatories =
    [
        new(Techniekpact, "ezk", TechniekpactSignedOn, "Demo: het ministerie coördineert het Techniekpact namens het kabinet en zit de landelijke regiegroep voor."),
        new(Techniekpact, "mbo-raad", TechniekpactSignedOn, "Demo: de MBO Raad zet zich in voor meer instroom in technische mbo-opleidingen en voor samenwerking tussen scholen en bedrijven."),
        new(Techniekpact, "metaalunie", TechniekpactSignedOn, "Demo: de Metaalunie betrekt metaalbedrijven bij stages, leerbanen en gastlessen."),
    ];

    public static readonly IReadOnlyList<DemoInitiative> Initiatives =
    [
        // region: "de drie noordelijke provincies" (Groningen, Fryslân, Drenthe) are exactly landsdeel Noord.
        new("gas-2-0", Techniekpact, "GAS 2.0",
            "Publiek-private samenwerking in Noord-Nederland waarin mbo- en hbo-instellingen, bedrijven en de provincies " +
            "Groningen, Fryslân en Drenthe gezamenlijk een nieuwe opleiding voor de energietransitie hebben opgezet. De aanpak " +
            "steunt op drie pijlers: werving, vernieuwing van het onderwijs en een Community of Practice. Het project " +
            "kreeg subsidie uit het Regionaal investeringsfonds mbo en bouwt voort op het Energy College, waarin " +
            "noordelijke mbo-scholen al eerder samenwerkten; het stoppen van de gaswinning vraagt om een versnelling.",
            PactActionKind.PublicPrivatePartnership, Noord, null, null),

        // region: run by the Hogeschool van Amsterdam, so Amsterdam.
        new("make-it-work", Techniekpact, "Make IT Work",
            "Omscholingsprogramma van de Hogeschool van Amsterdam en IT-bedrijven voor mensen zonder technische " +
            "achtergrond, die deels op de hogeschool en deels bij een werkgever worden opgeleid tot IT'er op hbo-niveau. " +
            "Er starten vier groepen per jaar, voor een derde bestaand uit vrouwen. Meer dan 90% haalt het certificaat " +
            "en 97% vindt werk bij een van de 85 aangesloten bedrijven; zo kwamen al honderden mensen aan een (nieuwe) " +
            "baan. Binnen het Europese Digital Europe-programma geldt het als voorbeeldproject.",
            PactActionKind.TrainingProgramme, "GM0363", "hogeschool-van-amsterdam", null),

        // region: held in Mijdrecht, which belongs to De Ronde Venen (province Utrecht, landsdeel Noordwest).
        // StartYear: the 2018 edition is the one described; the publication does not say whether there were earlier ones.
        new("techniek-driedaagse", Techniekpact, "Techniek Driedaagse",
            "Driedaags techniekfestijn van 6 tot en met 8 november 2018 in een bedrijfshal van FN Kempen in Mijdrecht. " +
            "Ruim drieduizend leerlingen volgden, met hulp van honderden vrijwilligers, tientallen workshops: van " +
            "metselen en timmeren tot programmeren en fietsen repareren. Op de laatste dag kwamen ouders zien wat hun " +
            "kinderen hadden gemaakt, en minister Slob kwam op bezoek. Landsdeeltrekker Pim van den Berg ziet het als " +
            "voorbeeld van hoe het pact techniek zichtbaar maakt voor kinderen en ouders tegelijk.",
            PactActionKind.Event, "GM0736", null, 2018),

        // region: Noord- and Midden-Limburg span two COROP areas and two labour-market regions; the
        // province of Limburg is the smallest single region that covers both (and takes part itself).
        new("technieketen", Techniekpact, "Technieketen",
            "Samenwerking in Noord- en Midden-Limburg van vmbo-scholen, Gilde Opleidingen en Fontys Venlo met de " +
            "provincie, gemeenten en bedrijven. Samen ontwierpen zij een doorlopende techniekopleiding van zes jaar, " +
            "waarin het laatste vmbo-jaar en het eerste mbo-jaar samenvallen, met praktijkopdrachten uit de leefwereld " +
            "van leerlingen en ontdeklabs voor het basisonderwijs. Ondanks de krimpende bevolking steeg de instroom in " +
            "techniek ten opzichte van 2014: met 11% op de vmbo-scholen, 21% bij Gilde Opleidingen en 9% bij Fontys Venlo.",
            PactActionKind.PublicPrivatePartnership, "PV31", null, null),

        // region: a Gelderland-wide plan of the province. StartYear: "sinds een halfjaar" in December 2018.
        new("levenlang-gelders-vakmanschap", Techniekpact, "Leve(n)lang Gelders Vakmanschap",
            "Actieplan van de provincie Gelderland, vakbonden, opleidingsbedrijven en onderwijsinstellingen dat sinds " +
            "medio 2018 vanuit het Techniekpact loopt. Het plan ontwikkelt gesubsidieerde trajecten voor om-, bij- en " +
            "herscholing, zodat de Gelderse arbeidsmarkt voor techniek soepeler functioneert. Deelnemers kunnen met een voucher " +
            "hun technische opleiding geheel of gedeeltelijk vergoed krijgen.",
            PactActionKind.VoucherScheme, "PV25", "provincie-gelderland", 2018),

        // region: the province of Overijssel runs it. StartYear: the publication says it is starting
        // (December 2018) without a year, so it is left empty rather than guessed.
        new("overijsselse-techniekuitdaging", Techniekpact, "Overijsselse Techniekuitdaging",
            "Scholingsvouchers van de provincie Overijssel en de technische branches, opgezet naar Gelders voorbeeld. " +
            "De vouchers zijn bedoeld voor wie via omscholing een baan in de techniek zoekt en voor wie al in de " +
            "techniek werkt en verder wil groeien. Zo moeten meer mensen in de techniek gaan werken en kan het " +
            "zittende personeel zich beter ontwikkelen.",
            PactActionKind.VoucherScheme, "PV23", "provincie-overijssel", null),

        // pact: told in Ton Heerts' chapter on both pacts; it trains care workers, so Zorgpact.
        // region: Siza's Het Dorp, which the programme is built around, is in Arnhem.
        // lead: Siza is named first and the programme serves its renewal of Het Dorp; HAN is seeded too.
        new("smart-health", Zorgpact, "Smart Health",
            "Opleiding die zorgorganisatie Siza samen met de HAN (Hogeschool van Arnhem en Nijmegen) ontwikkelt om zorgmedewerkers voor te " +
            "bereiden op de groeiende rol van technologie in de zorg. Deelnemers leren hoe zij technologie in hun werk " +
            "kunnen invoeren. De opleiding past bij de vernieuwing die Siza in Het Dorp doorvoert en wordt samen met " +
            "Siza ontworpen door docenten uit meerdere opleidingen van de HAN.",
            PactActionKind.TrainingProgramme, "GM0202", "siza", null),

        // region: Zwolle is in its name. No lead: the publication names no single organisation behind it.
        new("zorgtrainingscentrum-zwolle", Zorgpact, "Zorgtrainingscentrum Zwolle",
            "Centrum waar onderwijsinstellingen, zorgaanbieders, bedrijven en overheid gezamenlijk studenten, zorgprofessionals en docenten " +
            "voorbereiden op de zorg van de toekomst, waarin de cliënt en diens eigen mogelijkheden voorop staan en " +
            "niet de ziekte. Er wordt geleerd in drie labs die op elkaar aansluiten, voor wijkzorg, zorgethiek en " +
            "zorgtechniek, steeds in de praktijk en samen met cliënten en mantelzorgers. Fenna Eefting en Theo " +
            "Rietkerk noemen het een geslaagd voorbeeld van zorginnovatie.",
            PactActionKind.TrainingProgramme, "GM0193", null, null),

        // region: the publication does not locate the network, which may well be national, but there is
        // no national region. Both members it names (Vogellanden and Landstede) sit in Zwolle; a network
        // of directors reaches beyond one town, so their province, Overijssel, rather than Zwolle.
        new("bestuurlijk-lerend-netwerk-zorg-en-onderwijs", Zorgpact, "Bestuurlijk lerend netwerk zorg en onderwijs",
            "Netwerk van bestuurders uit zorg en onderwijs dat uit het Zorgpact is voortgekomen, omdat die twee werelden " +
            "elkaar enkele jaren eerder nauwelijks spraken. De leden komen zo'n vijf keer per jaar bijeen en brengen om " +
            "de beurt een casus in, met hun eigen functioneren als bestuurder bij cultuurverandering in de zorg als " +
            "kern. Daardoor komen samenwerkingsinitiatieven makkelijker van de grond, en de leden willen ook na het " +
            "Zorgpact met het netwerk doorgaan.",
            PactActionKind.LearningNetwork, "PV23", null, null),

        // The three below give the other landsdelen a place for what their leads report.

        // region: the landsdeel as a whole; the 28 partnerships are not listed one by one.
        new("pps-zuidwest", Techniekpact, "Publiek-private samenwerkingen in Zuidwest",
            "In landsdeel Zuidwest zijn vanuit het Techniekpact 28 succesvolle publiek-private samenwerkingsverbanden " +
            "opgezet. Een gezamenlijke techniekagenda voor het hele landsdeel bleek te weinig op te leveren; in plaats " +
            "daarvan leren de regio's van elkaars eigen techniekagenda's. Gaandeweg kregen werkenden, werkzoekenden en " +
            "de kansen voor vmbo en mbo-niveau 1 en 2 meer aandacht.",
            PactActionKind.PublicPrivatePartnership, Zuidwest, null, null),

        // region: the eight subregional pacts together cover landsdeel Oost.
        new("acht-regionale-pacts-oost", Techniekpact, "Acht regionale pacts in Oost",
            "Landsdeel Oost vult de doelen van het Techniekpact in via acht afzonderlijke regionale pacts, elk met " +
            "eigen aandachtspunten. Volgens landsdeeltrekker Eddy van Hijum werkt die indeling in subregio's goed: " +
            "scholen, instellingen en bedrijven komen per gebied tot eigen concrete acties, omdat ideeën uiteindelijk " +
            "in de regionale arbeidsmarkt worden waargemaakt.",
            PactActionKind.Other, Oost, null, null),

        // region: Ton Wilthagen names it as one of the successes of landsdeel Zuidoost.
        new("new-deal-arbeidsmarkt", Techniekpact, "New Deal voor de arbeidsmarkt",
            "Inzet van landsdeeltrekker Ton Wilthagen voor anticyclisch arbeidsmarktbeleid in Zuidoost: vakmensen " +
            "vasthouden en in mensen blijven investeren, ook wanneer de economie tegenzit. Het vertrekpunt is een " +
            "gedeelde behoefte, want werkenden zoeken goed werk en werkgevers goed personeel, en daarvoor is de hele keten nodig.",
            PactActionKind.Other, Zuidoost, null, null),
    ];

    /// <summary>Every region code the content refers to, so the seeder can check them all in one query.</summary>
    public static IReadOnlyList<string> RegionCodes() =>
        Organisations.Select(o => o.MunicipalityCode)
            .Concat(People.SelectMany(p => p.Roles).Select(r => r.RegionCode))
            .Concat(Initiatives.Select(i => i.RegionCode))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
}
