using Microsoft.EntityFrameworkCore;
using Pactwerk.Monitoring;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Agenda;
using Pactwerk.Web.Features.Monitor;
using Pactwerk.Web.Features.ReferenceData;

namespace Pactwerk.Web.Features.Demo;

public sealed record DemoObjective(string PactCode, int Number, string Title, string Description, IReadOnlyList<string> Indicators);

/// <summary>What the publication tells of an initiative beyond its description: status, period, partners, money, outputs.</summary>
public sealed record DemoActionDetail(string Slug, ActionStatus Status, DateOnly? StartsOn, DateOnly? EndsOn, IReadOnlyList<int> Objectives,
    IReadOnlyList<(string Organisation, string Role)> Partners, IReadOnlyList<DemoFunding> Funding, IReadOnlyList<DemoOutput> Outputs);

public sealed record DemoFunding(string Funder, decimal Amount, DateOnly StartsOn, DateOnly EndsOn);
public sealed record DemoOutput(int Year, OutputUnit Unit, decimal Quantity, string? Note);

/// <summary>
/// The agenda of the demo: objectives, what the publication says of the initiatives as actions,
/// a national plan with two revisions and regional plans for Oost and Noord. The publication
/// speaks of "de bekende twaalf doelstellingen" without listing them; the objectives here are
/// written from what it says the pacts aim for and are marked as demo content. Amounts and the
/// plans' goals are invented for the demo (the publication names funds and figures, not sums or
/// targets); the baselines are measured from the DUO data.
/// </summary>
public static class DemoAgenda
{
    private const string Techniekpact = DemoContent.Techniekpact;
    private const string Zorgpact = DemoContent.Zorgpact;
    private const string ShareOfTechnology = "hbo-aandeel-techniek";

    public static readonly IReadOnlyList<DemoObjective> Objectives =
    [
        new(Techniekpact, 1, "Techniek in het primair onderwijs",
            "Alle basisscholen geven techniekonderwijs als vast onderdeel van het curriculum, zodat kinderen (en hun ouders) vroeg zien wat techniek is.", []),
        new(Techniekpact, 2, "Meer instroom in technisch hbo en wo",
            "Meer studenten kiezen een technische opleiding in hoger beroepsonderwijs en universiteit.", [ShareOfTechnology, "hbo-nieuwe-studenten-techniek"]),
        new(Techniekpact, 3, "Meer instroom in technisch vmbo en mbo",
            "Meer leerlingen kiezen een technische richting in vmbo en mbo; de publicatie noemt dit lastiger structureel te verbeteren dan de instroom in het hoger onderwijs.", []),
        new(Techniekpact, 4, "Om-, bij- en herscholing naar techniek",
            "Werkenden en werkzoekenden kunnen zich met steun van werkgevers, fondsen en overheid omscholen naar of verder ontwikkelen in de techniek.", []),
        new(Techniekpact, 5, "Publiek-private samenwerking in het beroepsonderwijs",
            "Onderwijs, bedrijven en overheden leiden samen op, in regionale samenwerkingen die blijven bestaan als de subsidie stopt.", []),
        new(Techniekpact, 6, "Techniek zichtbaar voor jongeren en ouders",
            "Evenementen, tours en campagnes laten zien wat werken in de techniek tegenwoordig inhoudt.", []),
        new(Zorgpact, 1, "Zorgpersoneel behouden",
            "Meer aandacht voor het behoud van het huidige personeel: ruimte en eigenaarschap voor professionals en ander leiderschap.", []),
        new(Zorgpact, 2, "Opleiden voor zorg en technologie",
            "Zorgprofessionals leren technologie in te zetten, zodat er meer tijd is voor de relatie met de cliënt.", []),
        new(Zorgpact, 3, "Zorg en onderwijs werken samen",
            "Bestuurders van zorg en onderwijs zoeken elkaar op, delen casussen en richten samen de opleidingen in.", []),
    ];

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    /// <summary>The note on an output invented for the demo, so no reader takes it for a published figure.</summary>
    public const string DemoFigure = "Demo-cijfer, verzonnen voor de demonstratie: de publicatie geeft geen aantallen.";

    public static readonly IReadOnlyList<DemoActionDetail> Actions =
    [
        // The Regionaal investeringsfonds mbo funds four-year projects; the sum is a demo figure. No follow-up funding is
        // recorded, so the demo shows the continuity risk the publication warns of for subsidised projects.
        new("gas-2-0", ActionStatus.Running, D(2018, 1, 1), null, [3, 5],
            [("provincie-groningen", "medefinancier en opdrachtgever"), ("provincie-fryslan", "medefinancier"), ("provincie-drenthe", "medefinancier")],
            [new("Regionaal investeringsfonds mbo", 1_000_000m, D(2018, 1, 1), D(2021, 12, 31))], []),
        // Four cohorts a year and 85 employers, as published; the shares certified and placed are in the note, because the
        // publication gives no head counts.
        new("make-it-work", ActionStatus.Running, D(2017, 1, 1), null, [4],
            [],
            [],
            [new(2018, OutputUnit.Cohorts, 4, "Een derde van de deelnemers is vrouw; meer dan 90% haalt het certificaat en 97% vindt werk (de publicatie geeft geen aantallen)."),
             new(2018, OutputUnit.CompaniesInvolved, 85, "Aangesloten werkgevers.")]),
        new("techniek-driedaagse", ActionStatus.Completed, D(2018, 11, 6), D(2018, 11, 8), [1, 6],
            [("fn-kempen", "gastheer: de bedrijfshal in Mijdrecht"), ("provincie-utrecht", "landsdeeltrekker Noordwest")],
            [], [new(2018, OutputUnit.PupilsReached, 3000, "Ruim drieduizend leerlingen, met hulp van honderden vrijwilligers.")]),
        // Its inflow figures (+11% vmbo, +21% Gilde, +9% Fontys) are effects, not outputs: they are in the description and
        // belong beside the monitor's indicators, not in the output sums.
        new("technieketen", ActionStatus.Running, D(2014, 1, 1), null, [3, 5],
            [("gilde-opleidingen", "mbo-opleider in de doorlopende leerlijn"), ("fontys-venlo", "hbo-opleider in de doorlopende leerlijn"), ("provincie-limburg", "medefinancier")],
            [], []),
        new("levenlang-gelders-vakmanschap", ActionStatus.Running, D(2018, 6, 1), null, [4],
            [("provincie-gelderland", "financier van de vouchers")],
            [new("Provincie Gelderland", 2_500_000m, D(2018, 6, 1), D(2022, 12, 31))], []),
        new("overijsselse-techniekuitdaging", ActionStatus.Running, D(2018, 9, 1), null, [4],
            [("provincie-overijssel", "financier van de vouchers")],
            [new("Provincie Overijssel", 2_000_000m, D(2018, 9, 1), D(2022, 12, 31))], []),
        new("smart-health", ActionStatus.Running, D(2018, 1, 1), null, [2],
            [("han", "ontwikkelt en verzorgt de opleiding")], [], []),
        new("zorgtrainingscentrum-zwolle", ActionStatus.Running, D(2016, 1, 1), null, [2, 3],
            [("landstede", "onderwijspartner"), ("vogellanden", "zorgpartner")], [], []),
        new("bestuurlijk-lerend-netwerk-zorg-en-onderwijs", ActionStatus.Running, D(2016, 1, 1), null, [3],
            [("landstede", "lid"), ("vogellanden", "lid")], [], []),
        new("pps-zuidwest", ActionStatus.Running, D(2014, 1, 1), null, [5], [], [], []),
        // Demo figures, invented: the publication gives no head counts for Oost. They let the effect view of objective 2 in
        // Oost show both sides, the pupils the regional pacts reached each year beside the hbo indicators (issue 15).
        new("acht-regionale-pacts-oost", ActionStatus.Running, D(2014, 1, 1), null, [2, 3, 4, 5], [("provincie-overijssel", "landsdeeltrekker")], [],
            [new(2020, OutputUnit.PupilsReached, 1200, DemoFigure), new(2021, OutputUnit.PupilsReached, 1450, DemoFigure),
             new(2022, OutputUnit.PupilsReached, 1600, DemoFigure), new(2023, OutputUnit.PupilsReached, 1800, DemoFigure),
             new(2024, OutputUnit.PupilsReached, 1950, DemoFigure)]),
        new("new-deal-arbeidsmarkt", ActionStatus.Idea, null, null, [4], [("tilburg-university", "initiatiefnemer")], [], []),
    ];

    /// <summary>
    /// Seeds the agenda when the demo pacts exist and have no objectives yet (also into a database
    /// from before the agenda existed). Everything in one transaction.
    /// </summary>
    public static async Task<bool> SeedAsync(PactwerkDb db, MonitorEngineHost host, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var pacts = await db.Pacts.Where(p => p.Code == Techniekpact || p.Code == Zorgpact).ToDictionaryAsync(p => p.Code, ct);
        if (pacts.Count < 2 || await db.Objectives.AnyAsync(ct))
            return false;

        var indicators = await db.Indicators.ToDictionaryAsync(i => i.Code, ct);
        var objectives = Objectives.Select(o => new Objective
        {
            PactId = pacts[o.PactCode].Id, Number = o.Number, Title = o.Title, Description = o.Description, IsDemoContent = true,
            Indicators = o.Indicators.Where(indicators.ContainsKey).Select(code => new ObjectiveIndicator { IndicatorId = indicators[code].Id }).ToList(),
        }).ToList();
        db.Objectives.AddRange(objectives);
        await db.SaveChangesAsync(ct);

        var organisations = await db.Organisations.ToListAsync(ct);
        var keyed = DemoContent.Organisations.ToDictionary(o => o.Key, o => organisations.Single(x => x.Name == o.Name));
        var actions = await db.PactActions.ToDictionaryAsync(a => a.Slug, ct);
        foreach (var detail in Actions)
        {
            var action = actions[detail.Slug];
            // Recorded in that state by DemoSeeder; a database seeded before moves along the workflow.
            if (detail.Status != action.Status)
                action.MoveTo(detail.Status);
            (action.StartsOn, action.EndsOn) = (detail.StartsOn, detail.EndsOn);
            action.Objectives.AddRange(detail.Objectives.Select(n => new ActionObjective { Objective = objectives.Single(o => o.PactId == action.PactId && o.Number == n) }));
            action.Partners.AddRange(detail.Partners.Select(p => new ActionPartner { Organisation = keyed[p.Organisation], Role = p.Role }));
            action.Funding.AddRange(detail.Funding.Select(f => new FundingSource { Funder = f.Funder, Amount = f.Amount, StartsOn = f.StartsOn, EndsOn = f.EndsOn }));
            action.Outputs.AddRange(detail.Outputs.Select(o => new ActionOutput
            {
                Year = o.Year, Unit = o.Unit, Quantity = o.Quantity, Note = o.Note, ReportedBy = o.Note == DemoFigure ? "Demo (verzonnen)" : "Demo (uit de publicatie)",
                ReportedAt = new DateTime(2018, 12, 1, 0, 0, 0, DateTimeKind.Utc),
            }));
        }
        await db.SaveChangesAsync(ct);

        await SeedPlansAsync(db, host, pacts[Techniekpact].Id, objectives.Where(o => o.PactId == pacts[Techniekpact].Id).ToList(), actions, indicators, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>A demo revision goes the way a real one does: proposed, then adopted.</summary>
    private static void Adopt(PlanRevision revision, DateTime proposedAt, DateTime adoptedAt)
    {
        revision.MoveTo(RevisionStatus.Proposed, "Demo", proposedAt);
        revision.MoveTo(RevisionStatus.Adopted, "Demo", adoptedAt);
    }

    /// <summary>
    /// The national plan 2021–2024 (revised in 2022) and regional agendas for Oost and Noord. The
    /// years follow the DUO data in the monitor (2020/2021–2023/2024) so that goals can be followed.
    /// </summary>
    private static async Task SeedPlansAsync(PactwerkDb db, MonitorEngineHost host, int pactId, List<Objective> objectives,
        Dictionary<string, PactAction> actions, Dictionary<string, Indicator> indicators, CancellationToken ct)
    {
        var regions = await db.Regions.Where(r => r.ValidTo == null && (r.Code == RegionSetCodes.CountryCode || r.RegionSet.Code == RegionSetCodes.TechniekpactLandsdelen))
            .ToDictionaryAsync(r => r.Code, ct);
        var share = indicators.GetValueOrDefault(ShareOfTechnology);
        var definition = share is null ? null : IndicatorDefinitions.Parse(share.Code,
            await db.IndicatorVersions.Where(v => v.IndicatorId == share.Id && v.Version == share.CurrentVersion).Select(v => v.Definition).SingleAsync(ct));
        var adoptedAt = (int year) => new DateTime(year, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        string oost = RegionSetCodes.LandsdeelCode("Oost"), noord = RegionSetCodes.LandsdeelCode("Noord");

        // Baseline: the share measured in 2020/2021; target: two points more in 2024/2025 (a demo target).
        List<IndicatorGoal> Goals(IEnumerable<string> codes, Func<string, double> extra) => share is null || definition is null ? [] :
            codes.Where(regions.ContainsKey).SelectMany(code =>
            {
                var baseline = host.Engine.Evaluate(definition, regions[code].Id, new Period(PeriodKind.SchoolYear, 2020)).Value;
                return baseline is null ? [] : new[]
                {
                    new IndicatorGoal { IndicatorId = share.Id, RegionId = regions[code].Id, Kind = GoalKind.Baseline, PeriodStart = 2020, Value = Math.Round(baseline.Value, 2) },
                    new IndicatorGoal { IndicatorId = share.Id, RegionId = regions[code].Id, Kind = GoalKind.Target, PeriodStart = 2024, Value = Math.Round(baseline.Value + extra(code), 2) },
                };
            }).ToList();
        List<RevisionObjective> Aims(params int[] numbers) => numbers.Select(n => new RevisionObjective { Objective = objectives.Single(o => o.Number == n) }).ToList();
        List<RevisionAction> CountsOn(params string[] slugs) => slugs.Select(s => new RevisionAction { Action = actions[s] }).ToList();
        List<RevisionPriority> Priorities(params string[] texts) => texts.Select((t, i) => new RevisionPriority { Position = i + 1, Text = t }).ToList();
        var landsdelen = regions.Keys.Where(c => c != RegionSetCodes.CountryCode).Append(RegionSetCodes.CountryCode).ToList();

        var national = new Plan { PactId = pactId, Title = "Uitvoeringsagenda Techniekpact (demo)" };
        var first = new PlanRevision
        {
            Number = 1, RevisedIn = 2021, FirstYear = 2021, LastYear = 2024,
            Priorities = Priorities("Techniek in het curriculum van alle basisscholen.", "Meer instroom in technisch vmbo en mbo.", "Regionale publiek-private samenwerking verduurzamen."),
            Objectives = Aims(1, 2, 3, 5), Actions = CountsOn("gas-2-0", "techniek-driedaagse", "technieketen", "pps-zuidwest"),
            Goals = Goals(landsdelen, _ => 2),
        };
        Adopt(first, adoptedAt(2021).AddDays(-30), adoptedAt(2021));
        first.MoveTo(RevisionStatus.Superseded, "Demo", adoptedAt(2022));
        national.Revisions.Add(first);
        db.Plans.Add(national);
        await db.SaveChangesAsync(ct);

        // The 2022 revision: om- en bijscholing becomes an objective with its voucher schemes, and Noord aims higher.
        var second = new PlanRevision
        {
            Number = 2, RevisedIn = 2022, FirstYear = 2021, LastYear = 2024, BasedOnId = first.Id,
            Priorities = Priorities("Techniek in het curriculum van alle basisscholen.", "Meer instroom in technisch vmbo en mbo.",
                "Regionale publiek-private samenwerking verduurzamen.", "Omscholing naar techniek met vouchers in elke provincie."),
            Objectives = Aims(1, 2, 3, 4, 5), Actions = CountsOn("gas-2-0", "technieketen", "pps-zuidwest", "levenlang-gelders-vakmanschap", "overijsselse-techniekuitdaging", "make-it-work"),
            Goals = Goals(landsdelen, code => code == noord ? 3 : 2),
            Reasons =
            [
                new() { Kind = RevisionItemKind.Priority, Key = "Omscholing naar techniek met vouchers in elke provincie.", Reason = "De vouchers in Gelderland en Overijssel werken; andere provincies volgen." },
                new() { Kind = RevisionItemKind.Objective, Key = "4", Reason = "Om- en bijscholing is een eigen doel geworden." },
                new() { Kind = RevisionItemKind.Action, Key = actions["levenlang-gelders-vakmanschap"].Id.ToString(), Reason = "Voucherregeling Gelderland draagt bij aan doel 4." },
                new() { Kind = RevisionItemKind.Action, Key = actions["overijsselse-techniekuitdaging"].Id.ToString(), Reason = "Voucherregeling Overijssel draagt bij aan doel 4." },
                new() { Kind = RevisionItemKind.Action, Key = actions["make-it-work"].Id.ToString(), Reason = "Voorbeeld van omscholing naar IT op hbo-niveau." },
                new() { Kind = RevisionItemKind.Action, Key = actions["techniek-driedaagse"].Id.ToString(), Reason = "De editie van 2018 is afgerond." },
                new() { Kind = RevisionItemKind.Goal, Key = GoalKey(share, regions.GetValueOrDefault(noord), GoalKind.Target), Reason = "Noord verwacht meer instroom door de energietransitie (GAS 2.0)." },
            ],
        };
        Adopt(second, adoptedAt(2022).AddDays(-30), adoptedAt(2022));
        national.Revisions.Add(second);

        foreach (var (code, title, slugs) in new[]
        {
            (oost, "Regionale agenda Techniekpact Oost (demo)", new[] { "acht-regionale-pacts-oost", "levenlang-gelders-vakmanschap", "overijsselse-techniekuitdaging" }),
            (noord, "Regionale agenda Techniekpact Noord (demo)", new[] { "gas-2-0" }),
        })
        {
            if (!regions.TryGetValue(code, out var region))
                continue;
            var revision = new PlanRevision
            {
                Number = 1, RevisedIn = 2021, FirstYear = 2021, LastYear = 2024,
                Priorities = Priorities("Werken in subregio's met eigen aandachtspunten.", "Om- en bijscholing met vouchers."),
                Objectives = Aims(3, 4, 5), Actions = CountsOn(slugs), Goals = Goals([code], c => c == noord ? 3 : 2),
            };
            Adopt(revision, adoptedAt(2021).AddDays(-14), adoptedAt(2021));
            db.Plans.Add(new Plan { PactId = pactId, RegionId = region.Id, Title = title, Revisions = [revision] });
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>How a goal is named in a revision's change reasons: indicator, region and kind.</summary>
    public static string GoalKey(Indicator? indicator, Regions.Region? region, GoalKind kind) => $"{indicator?.Code}/{region?.Code}/{kind}";
}
