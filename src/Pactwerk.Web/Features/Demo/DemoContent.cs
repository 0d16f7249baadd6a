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
    // DUO codes (BRIN) checked against duo/ingeschrevenen-hbo-2020-2023.csv; only hbo institutions
    // are in that file, so the mbo schools and the university have none. No KvK numbers: none are verified.
    //
    // Named in the publication but not seeded as organisations:
    // - Eiland design studio, Ravestein & Zwart and Drukkerij Koopmans Zwanenburg (colophon): they
    //   designed, wrote and printed the publication, which is no part in a pact. (PBT, the editor's
    //   employer in the colophon, is seeded for its own part in the Techniekpact, see below.)
    // - Energy College: a partnership of northern mbo schools that are not named; it is told as the
    //   forerunner of GAS 2.0 and described there.
    // - Huis van de Technologie: only the working title of the merger of PBT, TechniekTalent.nu and
    //   TecWijzer that starts in January 2019; the three are seeded and their descriptions mention it.
    // - Regionaal investeringsfonds mbo, the EU Digital Europe programme, the Retailagenda and the
    //   commissie Sap: funds, programmes, policy agendas and an advisory committee, not parties.
    // - Het Dorp is Siza's site in Arnhem, not an organisation of its own.
    public static readonly IReadOnlyList<DemoOrganisation> Organisations =
    [
        // --- Government ---
        new("ezk", "Ministerie van Economische Zaken en Klimaat", Helix.Government, OrganisationKind.Ministry, "GM0518", ["public"], // 's-Gravenhage
            Description: "Eén van de drie ministeries die verantwoordelijk zijn voor het Techniekpact. Het directoraat-generaal " +
                "Bedrijfsleven en Innovatie leverde jarenlang de voorzitter van de Landelijke Regiegroep."),
        // Leeftink speaks of "de drie verantwoordelijke ministeries" without naming them; besides EZK
        // they are OCW and SZW (well known, not in the publication). OCW is also the ministry of
        // minister Slob, who visited the Techniek Driedaagse, and the one the MBO Raad made its
        // bestuursakkoord with (Heerts: "de minister namens het kabinet").
        new("ocw", "Ministerie van Onderwijs, Cultuur en Wetenschap", Helix.Government, OrganisationKind.Ministry, "GM0518", ["public", "education"], // 's-Gravenhage
            Description: "Eén van de drie ministeries achter het Techniekpact, verantwoordelijk voor het onderwijs waarop de " +
                "instroom in techniek steunt. Sloot met de MBO Raad een bestuursakkoord voor het mbo."),
        new("szw", "Ministerie van Sociale Zaken en Werkgelegenheid", Helix.Government, OrganisationKind.Ministry, "GM0518", ["public"], // 's-Gravenhage
            Description: "Eén van de drie ministeries achter het Techniekpact, met de arbeidsmarkt en scholing van werkenden en " +
                "werkzoekenden als aandachtsgebied."),
        // Provincial seats are the provincial capitals (not stated in the publication).
        new("provincie-groningen", "Provincie Groningen", Helix.Government, OrganisationKind.Province, "GM0014", ["public"], // Groningen
            Description: "Een van de drie noordelijke provincies die met onderwijs en bedrijfsleven GAS 2.0 dragen, gericht op " +
                "mensen en kennis voor de energietransitie."),
        new("provincie-fryslan", "Provincie Fryslân", Helix.Government, OrganisationKind.Province, "GM0080", ["public"], // Leeuwarden
            Description: "Een van de drie noordelijke provincies die met onderwijs en bedrijfsleven GAS 2.0 dragen, gericht op " +
                "mensen en kennis voor de energietransitie."),
        new("provincie-drenthe", "Provincie Drenthe", Helix.Government, OrganisationKind.Province, "GM0106", ["public"], // Assen
            Description: "Levert met gedeputeerde Cees Bijl de trekker van landsdeel Noord en is een van de drie provincies achter GAS 2.0."),
        new("provincie-overijssel", "Provincie Overijssel", Helix.Government, OrganisationKind.Province, "GM0193", ["public"], // Zwolle
            Description: "Levert met gedeputeerde Eddy van Hijum de trekker van landsdeel Oost en start met de technische branches " +
                "de Overijsselse Techniekuitdaging met scholingsvouchers."),
        new("provincie-gelderland", "Provincie Gelderland", Helix.Government, OrganisationKind.Province, "GM0202", ["public"], // Arnhem
            Description: "Trekt sinds medio 2018 met vakbonden, opleidingsbedrijven en scholen het actieplan Leve(n)lang Gelders " +
                "Vakmanschap, met vouchers voor om-, bij- en herscholing in de techniek."),
        new("provincie-utrecht", "Provincie Utrecht", Helix.Government, OrganisationKind.Province, "GM0344", ["public"], // Utrecht
            Description: "Levert met gedeputeerde Pim van den Berg de trekker van landsdeel Noordwest."),
        // The Technieketen names "de provincie" without saying which; all of Noord- and Midden-Limburg is in Limburg.
        new("provincie-limburg", "Provincie Limburg", Helix.Government, OrganisationKind.Province, "GM0935", ["public"], // Maastricht
            Description: "Werkt als provincie mee aan de Technieketen in Noord- en Midden-Limburg, samen met gemeenten, scholen en bedrijven."),
        new("gemeente-rotterdam", "Gemeente Rotterdam", Helix.Government, OrganisationKind.Municipality, "GM0599", ["public"],
            Description: "Levert sinds medio 2018 met wethouder Said Kasmi de trekker van landsdeel Zuidwest."),

        // --- Education ---
        // The MBO Raad speaks for the mbo schools, so it counts as education rather than civil society.
        new("mbo-raad", "MBO Raad", Helix.Education, OrganisationKind.BranchOrganisation, "GM0632", ["education"], // Woerden
            Description: "Vereniging van de mbo-scholen. Haar voorzitter zit in de Landelijke Regiegroep Techniekpact; de raad " +
                "zet zich in beide pacts in voor een goede aansluiting van het beroepsonderwijs op de arbeidsmarkt."),
        new("tilburg-university", "Tilburg University", Helix.Education, OrganisationKind.University, "GM0855", ["education"],
            Description: "Universiteit waar Ton Wilthagen, trekker van landsdeel Zuidoost, hoogleraar is."),
        new("landstede", "Landstede Groep", Helix.Education, OrganisationKind.MboInstitution, "GM0193", ["education", "care"], // Zwolle
            Description: "Scholengroep uit Zwolle waarvan de directeur deelneemt aan het bestuurlijk lerend netwerk van zorg en onderwijs."),
        new("hogeschool-van-amsterdam", "Hogeschool van Amsterdam", Helix.Education, OrganisationKind.HboInstitution, "GM0363", ["education", "ict"],
            Description: "Hogeschool die met tientallen IT-bedrijven het omscholingsprogramma Make IT Work uitvoert.",
            DuoCode: "28DN"),
        // HAN has campuses in Arnhem and Nijmegen; Arnhem is its seat and where Smart Health's partner Siza is.
        new("han", "Hogeschool van Arnhem en Nijmegen", Helix.Education, OrganisationKind.HboInstitution, "GM0202", ["education", "care", "technology"],
            Description: "Hogeschool die met Siza de opleiding Smart Health ontwikkelt, met docenten uit verschillende opleidingen.",
            DuoCode: "25KB"),
        // Seat Roermond: not in the publication, which only places the school in Noord- and Midden-Limburg.
        new("gilde-opleidingen", "Gilde Opleidingen", Helix.Education, OrganisationKind.MboInstitution, "GM0957", ["education", "technology"], // Roermond
            Description: "Mbo-instelling in Noord- en Midden-Limburg die in de Technieketen met vmbo-scholen een doorlopende " +
                "techniekopleiding verzorgt; de instroom in techniek steeg er sinds 2014 met een vijfde."),
        // The publication names "Fontys Venlo", the Venlo campus of Fontys Hogescholen (seat Eindhoven).
        // The DUO code is that of Fontys as a whole; DUO lists a Venlo location under it. Should Fontys
        // elsewhere ever be added, it belongs in this record (the code is unique).
        new("fontys-venlo", "Fontys Venlo", Helix.Education, OrganisationKind.HboInstitution, "GM0983", ["education", "technology"], // Venlo
            Description: "Vestiging van Fontys Hogescholen in Venlo en hbo-partner in de Technieketen van Noord- en Midden-Limburg.",
            DuoCode: "30GB"),

        // --- Business ---
        new("metaalunie", "Koninklijke Metaalunie", Helix.Business, OrganisationKind.BranchOrganisation, "GM0356", ["technology", "manufacturing"], // Nieuwegein
            Description: "Ondernemersorganisatie van ruim 14.000 metaalbedrijven, verspreid over het hele land. Haar directeur " +
                "beleid is lid van de Landelijke Regiegroep Techniekpact."),
        // The publication only says the Techniek Driedaagse was held in its shed on the Oosterlandweg in
        // Mijdrecht (De Ronde Venen); what the company does is not stated, so no sector is given.
        new("fn-kempen", "FN Kempen", Helix.Business, OrganisationKind.Company, "GM0736", [], // Mijdrecht
            Description: "Bedrijf in Mijdrecht dat zijn loods beschikbaar stelde voor de Techniek Driedaagse van november 2018."),

        // --- Civil society ---
        // Care providers: the helix has no care sector. They are not-for-profit foundations, neither
        // government nor business, so civil society fits best (the publication itself speaks of a move
        // "van profit naar purpose" in care).
        new("vogellanden", "Vogellanden", Helix.CivilSociety, OrganisationKind.CareProvider, "GM0193", ["care"], // revalidatiecentrum in Zwolle
            Description: "Revalidatiecentrum in Zwolle waarvan de bestuurder deelneemt aan het bestuurlijk lerend netwerk van zorg en onderwijs."),
        new("siza", "Siza", Helix.CivilSociety, OrganisationKind.CareProvider, "GM0202", ["care"], // Arnhem, home of Het Dorp
            Description: "Zorgorganisatie die Het Dorp in Arnhem vernieuwt en daarvoor met de HAN de opleiding Smart Health ontwikkelt."),
        // The three below merge into the "Huis van de Technologie" from January 2019 (footnote in Heerts'
        // chapter). They are foundations working for government, schools and employers together, so
        // none of the three helices fits alone: civil society. Seats are not in the publication: PBT
        // worked from The Hague, and so does the merged organisation; we assume the same for the other two.
        new("pbt", "Platform Bèta Techniek", Helix.CivilSociety, OrganisationKind.Other, "GM0518", ["technology", "education"], // 's-Gravenhage
            Description: "Landelijk platform dat onderwijs, overheid en bedrijfsleven helpt om genoeg bèta- en techniektalent op te " +
                "leiden. Gaat vanaf januari 2019 samen met TechniekTalent.nu en TecWijzer op in het Huis van de Technologie (werktitel)."),
        // TechniekTalent.nu is run by the employers' and employees' organisations of the technical sectors
        // (a sector-fund body), hence SectorTrainingFund.
        new("techniektalent-nu", "TechniekTalent.nu", Helix.CivilSociety, OrganisationKind.SectorTrainingFund, "GM0518", ["technology"], // assumed 's-Gravenhage
            Description: "Samenwerking van de technische sectoren die jongeren enthousiast wil maken voor techniek. Gaat vanaf " +
                "januari 2019 met PBT en TecWijzer op in het Huis van de Technologie (werktitel)."),
        new("tecwijzer", "TecWijzer", Helix.CivilSociety, OrganisationKind.Other, "GM0518", ["technology", "education"], // assumed 's-Gravenhage
            Description: "Stichting die scholen en bedrijven bij elkaar brengt om techniekonderwijs te versterken. Gaat vanaf " +
                "januari 2019 met PBT en TechniekTalent.nu op in het Huis van de Technologie (werktitel)."),
    ];

    // Ineke Dezentjé (Hamming) is left out on purpose: the publication only calls her "een bestuurder"
    // who pushed early for the Techniekpact and its signing, which matches none of the pact roles.
    // Also left out, for holding no role in either pact:
    // - minister Slob, who only visited the Techniek Driedaagse and praised it;
    // - Mels Broekman, Pieter van Megen and Erica Wortel (colophon): design, text and editing of the publication;
    // - Jolande Sap, whose name only occurs in "de commissie Sap", the advisory committee behind the learning account;
    // - Leeftink's successor as director-general, who is not named.
    //
    // OrganisationContact roles: where the publication lets someone speak for their organisation's
    // part in a pact, that person is also its contact in that pact. Their dates follow the person's
    // other role in the same pact.
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
        [
            new(Techniekpact, PactRoleKind.RegionLead, Oost),
            new(Techniekpact, PactRoleKind.OrganisationContact, OrganisationKey: "provincie-overijssel"),
        ]),
        // "Halverwege dit jaar" (mid-2018), after he became alderman in Rotterdam; no day is given.
        new("Said Kasmi", "wethouder", "gemeente-rotterdam",
        [
            new(Techniekpact, PactRoleKind.RegionLead, Zuidwest, ValidFrom: new DateOnly(2018, 7, 1)),
            new(Techniekpact, PactRoleKind.OrganisationContact, ValidFrom: new DateOnly(2018, 7, 1), OrganisationKey: "gemeente-rotterdam"),
        ]),
        new("Cees Bijl", "gedeputeerde", "provincie-drenthe",
        [
            new(Techniekpact, PactRoleKind.RegionLead, Noord),
            new(Techniekpact, PactRoleKind.OrganisationContact, OrganisationKey: "provincie-drenthe"),
        ]),
        // The publication also spells him "Pim van der Berg" once; elsewhere it is "van den Berg".
        new("Pim van den Berg", "gedeputeerde", "provincie-utrecht",
        [
            new(Techniekpact, PactRoleKind.RegionLead, Noordwest),
            new(Techniekpact, PactRoleKind.OrganisationContact, OrganisationKey: "provincie-utrecht"),
        ]),
        // Described as "de Tilburgse hoogleraar"; hence Tilburg University. No contact role: he leads
        // the landsdeel in person, and the university is not a signatory. The publication once
        // misspells him "Wiltgaten".
        new("Ton Wilthagen", "hoogleraar", "tilburg-university",
            [new(Techniekpact, PactRoleKind.RegionLead, Zuidoost)]),

        // Landelijke Regiegroep Techniekpact.
        // Heerts speaks for the MBO Raad on both pacts (his chapter's title), hence a contact in each.
        new("Ton Heerts", "voorzitter", "mbo-raad",
        [
            new(Techniekpact, PactRoleKind.SteeringGroupMember),
            new(Techniekpact, PactRoleKind.OrganisationContact, OrganisationKey: "mbo-raad"),
            new(Zorgpact, PactRoleKind.OrganisationContact, OrganisationKey: "mbo-raad"),
        ]),
        // He "was" chair (past tense) and stopped as director-general at the end of November 2018;
        // we assume the chair ended with that post. ValidTo is an exclusive end, hence 1 December.
        new("Bertholt Leeftink", "directeur-generaal Bedrijfsleven en Innovatie (tot eind november 2018)", "ezk",
        [
            new(Techniekpact, PactRoleKind.SteeringGroupChair, ValidTo: new DateOnly(2018, 12, 1)),
            new(Techniekpact, PactRoleKind.OrganisationContact, ValidTo: new DateOnly(2018, 12, 1), OrganisationKey: "ezk"),
        ]),
        new("Jos Kleiboer", "directeur beleid", "metaalunie",
        [
            new(Techniekpact, PactRoleKind.SteeringGroupMember),
            new(Techniekpact, PactRoleKind.OrganisationContact, OrganisationKey: "metaalunie"),
        ]),

        // The publication names him only as ambassador; "astronaut" is his widely known profession.
        new("André Kuipers", "astronaut", null,
            [new(Techniekpact, PactRoleKind.Ambassador)]),

        // Bestuurlijk lerend netwerk (Zorgpact). The publication also spells her "Eefing".
        new("Fenna Eefting", "bestuurder", "vogellanden",
        [
            new(Zorgpact, PactRoleKind.LearningNetworkMember),
            new(Zorgpact, PactRoleKind.OrganisationContact, OrganisationKey: "vogellanden"),
        ]),
        new("Theo Rietkerk", "directeur", "landstede",
        [
            new(Zorgpact, PactRoleKind.LearningNetworkMember),
            new(Zorgpact, PactRoleKind.OrganisationContact, OrganisationKey: "landstede"),
        ]),
    ];

    // The publication names none of the "meer dan 60" signatories of 2013 by name, and none of the
    // Zorgpact's. Listed here are the parties it shows working in a pact: national partners, the
    // provinces and the municipality behind the landsdeel leads, and the regional partners of the
    // initiatives it describes, since they clearly committed to the pact in their landsdeel. Where
    // the publication does not say when a party joined, the pact's own signing date stands in; the
    // exceptions are commented. Tilburg University is not a signatory: Wilthagen leads Zuidoost in
    // person, the publication does not commit the university itself.
    public static readonly IReadOnlyList<DemoSignatory> Signatories =
    [
        // --- Techniekpact ---
        new(Techniekpact, "ezk", TechniekpactSignedOn, "Demo: het ministerie coördineert het Techniekpact namens het kabinet en zit de landelijke regiegroep voor."),
        new(Techniekpact, "mbo-raad", TechniekpactSignedOn, "Demo: de MBO Raad zet zich in voor meer instroom in technische mbo-opleidingen en voor samenwerking tussen scholen en bedrijven."),
        new(Techniekpact, "metaalunie", TechniekpactSignedOn, "Demo: de Metaalunie betrekt metaalbedrijven bij stages, leerbanen en gastlessen."),
        new(Techniekpact, "ocw", TechniekpactSignedOn,
            "Demo: het ministerie zorgt dat techniek een vaste plek krijgt in het onderwijs, van de basisschool tot het hoger " +
            "onderwijs. Het maakt met de onderwijssectoren afspraken die de doelen van het pact ondersteunen."),
        new(Techniekpact, "szw", TechniekpactSignedOn,
            "Demo: het ministerie richt zich op werkenden en werkzoekenden die de overstap naar de techniek willen maken. " +
            "Het ondersteunt om- en bijscholing zodat ook zij-instromers een baan in de techniek kunnen vinden."),
        new(Techniekpact, "provincie-groningen", TechniekpactSignedOn,
            "Demo: de provincie werkt in landsdeel Noord met onderwijs en bedrijven aan GAS 2.0, zodat er genoeg vakmensen " +
            "zijn voor de energietransitie nu de gaswinning stopt."),
        new(Techniekpact, "provincie-fryslan", TechniekpactSignedOn,
            "Demo: de provincie steunt samen met Groningen en Drenthe GAS 2.0 en helpt noordelijke scholen en bedrijven " +
            "bij de werving en opleiding van mensen voor de duurzame energie."),
        new(Techniekpact, "provincie-drenthe", TechniekpactSignedOn,
            "Demo: de provincie levert de trekker van landsdeel Noord en brengt middelen en mensen bij elkaar. Zij richt zich " +
            "niet alleen op jongeren, maar ook op zij-instromers uit krimpende sectoren."),
        new(Techniekpact, "provincie-overijssel", TechniekpactSignedOn,
            "Demo: de provincie levert de trekker van landsdeel Oost en ondersteunt de regionale pacts in de subregio's. Met de " +
            "technische branches zet zij scholingsvouchers in voor om- en bijscholing."),
        new(Techniekpact, "provincie-gelderland", TechniekpactSignedOn,
            "Demo: de provincie werkt met vakbonden, opleidingsbedrijven en scholen aan het actieplan Leve(n)lang Gelders " +
            "Vakmanschap en vergoedt via vouchers technische om-, bij- en herscholing."),
        new(Techniekpact, "provincie-utrecht", TechniekpactSignedOn,
            "Demo: de provincie levert de trekker van landsdeel Noordwest en maakt techniek zichtbaar voor kinderen en hun " +
            "ouders, bijvoorbeeld met evenementen als de Techniek Driedaagse."),
        new(Techniekpact, "provincie-limburg", TechniekpactSignedOn,
            "Demo: de provincie is partner in de Technieketen in Noord- en Midden-Limburg en steunt de doorlopende " +
            "leerlijn techniek van vmbo tot hbo."),
        new(Techniekpact, "gemeente-rotterdam", TechniekpactSignedOn,
            "Demo: de gemeente levert de trekker van landsdeel Zuidwest en bouwt mee aan publiek-private samenwerkingen. " +
            "Zij let daarbij ook op werkzoekenden en op kansen voor vmbo'ers en mbo'ers op niveau 1 en 2."),
        new(Techniekpact, "hogeschool-van-amsterdam", TechniekpactSignedOn,
            "Demo: de hogeschool schoolt met IT-bedrijven mensen zonder technische achtergrond om tot IT'er op hbo-niveau " +
            "via het programma Make IT Work, met aandacht voor de instroom van vrouwen."),
        new(Techniekpact, "gilde-opleidingen", TechniekpactSignedOn,
            "Demo: Gilde Opleidingen ontwikkelt met vmbo-scholen en Fontys Venlo een doorlopende techniekopleiding en zet " +
            "praktijkopdrachten in die aansluiten bij de leefwereld van leerlingen."),
        new(Techniekpact, "fontys-venlo", TechniekpactSignedOn,
            "Demo: Fontys Venlo werkt in de Technieketen met vmbo en mbo samen om meer leerlingen door te laten stromen naar " +
            "technische hbo-opleidingen in de regio."),
        // Not a 2013 signatory as far as the publication tells: it appears only as host of the Techniek
        // Driedaagse, so the demo dates its joining to the event's first day (6 November 2018).
        new(Techniekpact, "fn-kempen", new DateOnly(2018, 11, 6),
            "Demo: het bedrijf stelt zijn bedrijfshal open voor techniekevenementen voor scholieren, zodat kinderen en hun " +
            "ouders kennismaken met technische vakken."),
        new(Techniekpact, "pbt", TechniekpactSignedOn,
            "Demo: het platform ondersteunt het pact met kennis, monitoring en het verbinden van onderwijs, overheid en " +
            "bedrijfsleven, landelijk en in de landsdelen."),
        new(Techniekpact, "techniektalent-nu", TechniekpactSignedOn,
            "Demo: de technische sectoren zetten zich samen in om jongeren, ouders en scholen te laten zien hoeveel kansen " +
            "een baan in de techniek biedt."),
        // TecWijzer was founded in October 2016 (not in the publication), so it cannot have signed in
        // 2013; the demo dates its joining to its founding.
        new(Techniekpact, "tecwijzer", new DateOnly(2016, 10, 5),
            "Demo: TecWijzer helpt scholen en bedrijven elkaar te vinden, zodat techniek op meer scholen een vaste plek in " +
            "het onderwijs krijgt."),

        // --- Zorgpact ---
        // Heerts' chapter covers both pacts and credits both with the higher regard for vocational education.
        new(Zorgpact, "mbo-raad", ZorgpactSignedOn,
            "Demo: de MBO Raad werkt aan een goede aansluiting van de zorgopleidingen op het werkveld, met aandacht voor " +
            "het behouden en verder ontwikkelen van wie al in de zorg werkt."),
        // Vogellanden and Landstede: their leaders sit in the learning network that grew out of the
        // Zorgpact and they name the Zorgtrainingscentrum Zwolle as their example.
        new(Zorgpact, "vogellanden", ZorgpactSignedOn,
            "Demo: Vogellanden werkt met het onderwijs aan zorg waarin de behoefte van de cliënt voorop staat en biedt " +
            "leerplekken aan, ook in de vakanties."),
        new(Zorgpact, "landstede", ZorgpactSignedOn,
            "Demo: Landstede leidt zorgprofessionals op die de cliënt centraal stellen en werkt met zorginstellingen aan " +
            "begeleiding van studenten in de praktijk."),
        // Siza and HAN: Smart Health is told as an example in the chapter on both pacts and trains care workers.
        new(Zorgpact, "siza", ZorgpactSignedOn,
            "Demo: Siza ontwikkelt met de HAN een opleiding die zorgmedewerkers leert technologie in hun werk in te voeren, " +
            "aansluitend bij de vernieuwing van Het Dorp."),
        new(Zorgpact, "han", ZorgpactSignedOn,
            "Demo: de HAN ontwerpt samen met zorgorganisaties opleidingen voor de zorgmedewerker van de toekomst, waarin " +
            "zorg en technologie samenkomen."),
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
