using Microsoft.EntityFrameworkCore;
using Pactwerk.Monitoring;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.Audit;
using Pactwerk.Web.Features.Monitor.Import;
using Pactwerk.Web.Features.ReferenceData;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Monitor.Editions;

public sealed class PublishInput
{
    public int Year { get; set; }
    public string Title { get; set; } = "";
    public string? Introduction { get; set; }
    /// <summary>Indicator codes; empty takes the indicators of the pact's objectives.</summary>
    public List<string> Indicators { get; set; } = [];
    /// <summary>The coordinator's short text per objective (by its number), published with the edition.</summary>
    public Dictionary<int, string?> ObjectiveTexts { get; set; } = [];
}

public sealed record EditionSummary(string Pact, int Year, string Title, DateTime PublishedAt, string PublishedBy, IReadOnlyList<string> Indicators);

/// <summary>Why a published figure is no longer what the monitor computes now.</summary>
/// <param name="Protected">Set when the small-cell rule hides the current figures from this reader (they are then null).</param>
public sealed record Revision(double? CurrentValue, double? CurrentNumerator, double? CurrentDenominator, ReleaseRef? CurrentRelease, bool ReleaseWithdrawn,
    Monitor.SmallCell? Protected = null);

/// <param name="Protected">Set when the small-cell rule hides the published figures from this reader (value, numerator and
/// denominator are then null), decided over the whole edition as the live monitor decides over its data.</param>
public sealed record EditionFigureDto(RegionRef Region, string RegionSet, string Period, double? Value, double? Numerator, double? Denominator, int SuppressedCells,
    ReleaseRef? Release, ReleaseRef? DenominatorRelease, Revision? Revised, Monitor.SmallCell? Protected = null);

/// <summary>
/// What changed since the pact's previous edition that holds the indicator: Nederland's latest figure there against Nederland's
/// latest figure here, both as published; the difference is in the indicator's unit (procentpunten for a share).
/// </summary>
public sealed record EditionChange(int PreviousYear, string PreviousPeriod, double? PreviousValue, string Period, double? Value, double? Difference);

/// <param name="Disclosure">The rule that protects the indicator's figures: its sources' disclosure.</param>
/// <param name="Change">Null in the pact's first edition with the indicator.</param>
public sealed record EditionIndicatorDto(string Code, string Name, string NameEn, string Unit, int Version, IReadOnlyList<string> Periods, IReadOnlyList<EditionFigureDto> Figures,
    Disclosure Disclosure, EditionChange? Change = null);

/// <summary>A chapter of the edition: an objective (number null for the other indicators) with the coordinator's text.</summary>
public sealed record EditionSectionDto(int? ObjectiveNumber, string Title, string? Text, IReadOnlyList<string> Indicators);

/// <param name="Sections">The chapters; an edition published before chapters existed has one chapter of all its indicators.</param>
public sealed record EditionDto(string Pact, string PactName, int Year, string Title, string? Introduction, DateTime PublishedAt, string PublishedBy,
    string RegionSet, int FigureCount, IReadOnlyList<EditionIndicatorDto> Indicators, IReadOnlyList<EditionSectionDto> Sections);

/// <summary>
/// Publishes a pact's monitor of a year by freezing every figure of its indicators (every region
/// of every set, every period), and reads an edition back with the figures later data revised.
/// </summary>
public sealed class EditionService(PactwerkDb db, MonitorEngineHost host, IPlanGoals planGoals, AccessScopeProvider access, IAuditActor actor, TimeProvider clock,
    MonitorFigures monitorFigures)
{
    public async Task<EditOutcome<MonitorEdition>> PublishAsync(string pactCode, PublishInput input, CancellationToken ct)
    {
        if (await Pacts.PactLookup.FindAsync(db, pactCode, ct) is not { } pact)
            return new EditOutcome<MonitorEdition>.NotFound();
        if (!(await access.GetAsync(ct)).Coordinates(pact.Id))
            return new EditOutcome<MonitorEdition>.Forbidden($"Alleen coördinatoren van het {pact.Name} publiceren zijn monitor.");
        var errors = new Dictionary<string, string[]>();
        if (input.Year is < 2000 or > 2100)
            errors[nameof(PublishInput.Year)] = ["Geef een jaar tussen 2000 en 2100."];
        var title = input.Title?.Trim() ?? "";
        if (title.Length == 0)
            errors[nameof(PublishInput.Title)] = ["Geef een titel, zoals 'Monitor Techniekpact 2025'."];
        else if (title.Length > 200)
            errors[nameof(PublishInput.Title)] = ["De titel is te lang (hoogstens 200 tekens)."];
        var introduction = string.IsNullOrWhiteSpace(input.Introduction) ? null : input.Introduction.Trim();
        if (introduction?.Length > 4000)
            errors[nameof(PublishInput.Introduction)] = ["De inleiding is te lang (hoogstens 4000 tekens)."];

        var codes = (input.Indicators ?? []).OfType<string>().Select(c => c.Trim().ToLowerInvariant()).Where(c => c.Length > 0).Distinct().ToList();
        List<Indicator> indicators;
        if (codes.Count > 0)
        {
            indicators = await db.Indicators.AsNoTracking().Include(i => i.Versions).Where(i => codes.Contains(i.Code)).ToListAsync(ct);
            var unknown = codes.Except(indicators.Select(i => i.Code)).ToList();
            if (unknown.Count > 0)
                errors[nameof(PublishInput.Indicators)] = [$"Onbekende indicator(en): {string.Join(", ", unknown)}."];
            indicators = codes.Select(c => indicators.FirstOrDefault(i => i.Code == c)).OfType<Indicator>().ToList();
        }
        else
        {
            var keyIndicators = await planGoals.KeyIndicatorsAsync(pact.Id, ct);
            indicators = await db.Indicators.AsNoTracking().Include(i => i.Versions).Where(i => keyIndicators.Contains(i.Code)).OrderBy(i => i.Code).ToListAsync(ct);
            if (indicators.Count == 0)
                errors[nameof(PublishInput.Indicators)] = ["De doelen van dit pact hebben geen indicatoren; kies de indicatoren van de editie."];
        }
        var objectives = await planGoals.ObjectivesAsync(pact.Id, ct);
        var texts = new Dictionary<int, string>();
        foreach (var (number, text) in input.ObjectiveTexts ?? [])
        {
            if (string.IsNullOrWhiteSpace(text))
                continue;
            if (objectives.All(o => o.Number != number))
                errors[nameof(PublishInput.ObjectiveTexts)] = [$"Het {pact.Name} heeft geen doel {number}."];
            else if (text.Trim().Length > 4000)
                errors[nameof(PublishInput.ObjectiveTexts)] = [$"De tekst bij doel {number} is te lang (hoogstens 4000 tekens)."];
            else
                texts[number] = text.Trim();
        }
        if (errors.Count > 0)
            return new EditOutcome<MonitorEdition>.Invalid(errors);
        if (await db.Set<MonitorEdition>().AnyAsync(e => e.PactId == pact.Id && e.Year == input.Year, ct))
            return new EditOutcome<MonitorEdition>.Conflict(
                $"Er is al een editie {input.Year} van het {pact.Name}. Een gepubliceerde editie verandert niet meer; er is niets veranderd.");

        var edition = new MonitorEdition
        {
            PactId = pact.Id, Year = input.Year, Title = title, Introduction = introduction, PublishedAt = clock.GetUtcNow().UtcDateTime,
            PublishedBy = actor.Name, IndicatorCodes = string.Join('|', indicators.Select(i => i.Code)),
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Add(edition);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            // Another coordinator published the same year a moment ago: the unique index refused this one.
            return new EditOutcome<MonitorEdition>.Conflict(
                $"Er is al een editie {input.Year} van het {pact.Name}. Een gepubliceerde editie verandert niet meer; er is niets veranderd.");
        }
        db.Set<EditionSection>().AddRange(Sections(edition.Id, objectives, texts, indicators.Select(i => i.Code).ToList()));
        var figures = Snapshot(edition.Id, indicators, await RegionIdsAsync(ct));
        // One batch of plain rows (not audited one by one: the edition itself is audited as created).
        db.Set<EditionFigure>().AddRange(figures);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        await tx.CommitAsync(ct);
        return new EditOutcome<MonitorEdition>.Saved(edition);
    }

    /// <summary>
    /// One chapter per objective, frozen as the objective reads now, with the edition's indicators it is measured by;
    /// the edition's other indicators in a last chapter. An objective without indicators in the edition and without a text is left out.
    /// </summary>
    private static List<EditionSection> Sections(int editionId, IReadOnlyList<PactObjective> objectives, IReadOnlyDictionary<int, string> texts, IReadOnlyList<string> codes)
    {
        var sections = new List<EditionSection>();
        foreach (var objective in objectives)
        {
            var mine = codes.Where(objective.IndicatorCodes.Contains).ToList();
            if (mine.Count == 0 && !texts.ContainsKey(objective.Number))
                continue;
            sections.Add(new EditionSection
            {
                EditionId = editionId, ObjectiveNumber = objective.Number, Position = sections.Count, Title = objective.Title,
                Text = texts.GetValueOrDefault(objective.Number), IndicatorCodes = string.Join('|', mine),
            });
        }
        var rest = codes.Where(c => objectives.All(o => !o.IndicatorCodes.Contains(c))).ToList();
        if (rest.Count > 0)
            sections.Add(new EditionSection { EditionId = editionId, Position = sections.Count, Title = OtherIndicators, IndicatorCodes = string.Join('|', rest) });
        return sections;
    }

    /// <summary>The title of the chapter of indicators no objective is measured by (a resource key: the page translates it).</summary>
    public const string OtherIndicators = "Overige indicatoren";

    private async Task<List<int>> RegionIdsAsync(CancellationToken ct) =>
        await db.Regions.Where(r => r.ValidTo == null).Select(r => r.Id).ToListAsync(ct);

    /// <summary>Every region × period the engine has a value (or a suppressed cell) for, per indicator.</summary>
    private List<EditionFigure> Snapshot(int editionId, IReadOnlyList<Indicator> indicators, IReadOnlyList<int> regionIds)
    {
        var figures = new List<EditionFigure>();
        var engine = host.Engine;
        foreach (var indicator in indicators)
        {
            var version = indicator.Versions.Single(v => v.Version == indicator.CurrentVersion);
            var definition = IndicatorDefinitions.Parse(indicator.Code, version.Definition);
            if (engine.Element(definition.Numerator.Element) is not { } element)
                continue;
            foreach (var period in element.Periods)
            {
                var release = host.ReleaseOf(definition.Numerator.Element, period);
                var denominatorRelease = definition.Denominator is { } d ? host.ReleaseOf(d.Element, period) : null;
                foreach (var regionId in regionIds)
                {
                    if (!engine.Regions.TryIndexOf(regionId, out _))
                        continue;
                    var a = engine.Evaluate(definition, regionId, period);
                    if (a.Cells == 0)
                        continue;
                    figures.Add(new EditionFigure
                    {
                        EditionId = editionId, IndicatorId = indicator.Id, IndicatorVersion = version.Version, RegionId = regionId,
                        PeriodStart = period.StartYear, Period = period.ToString(), Value = Round(a.Value), Numerator = a.Numerator,
                        Denominator = a.Denominator, SuppressedCells = a.SuppressedCells, ReleaseId = release?.Id, DenominatorReleaseId = denominatorRelease?.Id,
                    });
                }
            }
        }
        return figures;
    }

    public async Task<List<EditionSummary>?> ListAsync(string pactCode, CancellationToken ct)
    {
        if (await Pacts.PactLookup.FindAsync(db, pactCode, ct) is not { } pact)
            return null;
        var editions = await db.Set<MonitorEdition>().AsNoTracking().Where(e => e.PactId == pact.Id).OrderByDescending(e => e.Year).ToListAsync(ct);
        return editions.Select(e => new EditionSummary(pact.Code, e.Year, e.Title, e.PublishedAt, e.PublishedBy, e.IndicatorCodes.Split('|', StringSplitOptions.RemoveEmptyEntries))).ToList();
    }

    /// <summary>
    /// An edition with its figures for the country and every region of one set (all periods), each
    /// compared with what the monitor computes now from the same definition.
    /// </summary>
    /// <remarks>For an indicator of a confidential source, readers who are not coordinators get the small-cell rule of the
    /// live monitor, on the published figures (decided over every region the edition froze) and on the current ones (the
    /// live decision); a published source's figures are shown to everyone (<see cref="MonitorFigures"/>).</remarks>
    /// <returns>Null when the pact or the edition does not exist; an unknown set falls back to the default.</returns>
    public Task<EditionDto?> GetAsync(string pactCode, int year, string? regionSet, CancellationToken ct) => GetAsync(pactCode, year, regionSet, true, null, ct);

    /// <summary>
    /// The edition as the public reads it (every reader, whoever asks: the small-cell rule as for an anonymous visitor), for the
    /// document that is stored once and served to everyone.
    /// </summary>
    public Task<EditionDto?> GetPublicAsync(string pactCode, int year, CancellationToken ct) => GetAsync(pactCode, year, null, true, FigureReader.Public, ct);

    private async Task<EditionDto?> GetAsync(string pactCode, int year, string? regionSet, bool withChanges, FigureReader? asReader, CancellationToken ct)
    {
        if (await Pacts.PactLookup.FindAsync(db, pactCode, ct) is not { } pact)
            return null;
        var edition = await db.Set<MonitorEdition>().AsNoTracking().SingleOrDefaultAsync(e => e.PactId == pact.Id && e.Year == year, ct);
        if (edition is null)
            return null;
        var sets = await db.RegionSets.AsNoTracking().Select(s => s.Code).ToListAsync(ct);
        var set = regionSet?.Trim().ToLowerInvariant() is { } wanted && sets.Contains(wanted) && wanted != RegionSetCodes.Country ? wanted : DefaultSet;
        var regions = await db.Regions.AsNoTracking()
            .Where(r => r.ValidTo == null && (r.RegionSet.Code == set || r.Code == RegionSetCodes.CountryCode))
            .Select(r => new { r.Id, r.Code, r.Name, Set = r.RegionSet.Code }).ToListAsync(ct);
        var regionIds = regions.Select(r => r.Id).ToList();
        var byId = regions.ToDictionary(r => r.Id);

        var figures = await db.Set<EditionFigure>().AsNoTracking().Where(f => f.EditionId == edition.Id && regionIds.Contains(f.RegionId)).ToListAsync(ct);
        var releaseIds = figures.SelectMany(f => new[] { f.ReleaseId, f.DenominatorReleaseId }).OfType<int>().Distinct().ToList();
        var releases = await db.DataReleases.AsNoTracking().Where(r => releaseIds.Contains(r.Id))
            .Select(r => new { Ref = new ReleaseRef(r.Id, r.DataSource.Name, r.FileName, r.ImportedAt, r.PublishedOn), r.WithdrawnAt }).ToDictionaryAsync(r => r.Ref.Id, ct);
        var codes = edition.IndicatorCodes.Split('|', StringSplitOptions.RemoveEmptyEntries);
        var indicators = await db.Indicators.AsNoTracking().Include(i => i.Versions).Where(i => codes.Contains(i.Code)).ToListAsync(ct);

        var reader = asReader ?? await monitorFigures.ReaderAsync(ct);
        var result = new List<EditionIndicatorDto>();
        foreach (var indicator in codes.Select(c => indicators.Single(i => i.Code == c)))
        {
            var mine = figures.Where(f => f.IndicatorId == indicator.Id).ToList();
            var versionNumber = mine.FirstOrDefault()?.IndicatorVersion ?? indicator.CurrentVersion;
            var definition = IndicatorDefinitions.Parse(indicator.Code, indicator.Versions.Single(v => v.Version == versionNumber).Definition);
            var element = host.Engine.Element(definition.Numerator.Element);
            var guard = await monitorFigures.EditionGuardAsync(edition.Id, indicator.Id, indicator.Code, versionNumber, definition,
                element is null ? [] : mine.Select(f => new Period(element.PeriodKind, f.PeriodStart)), reader, ct);
            var rows = mine
                .OrderBy(f => byId[f.RegionId].Set == RegionSetCodes.Country ? 0 : 1).ThenBy(f => byId[f.RegionId].Name, StringComparer.CurrentCulture).ThenBy(f => f.PeriodStart)
                .Select(f =>
                {
                    var region = byId[f.RegionId];
                    var release = f.ReleaseId is { } id ? releases[id] : null;
                    var denominatorRelease = f.DenominatorReleaseId is { } did ? releases[did] : null;
                    var revised = Revise(f, definition, element, release?.WithdrawnAt is not null || denominatorRelease?.WithdrawnAt is not null);
                    if (revised is not null && guard.Current(region.Code, new Period(element?.PeriodKind ?? PeriodKind.CalendarYear, f.PeriodStart),
                            new Monitor.Pages.CellFigures(revised.CurrentValue, revised.CurrentNumerator, revised.CurrentDenominator)) is { } nowHidden)
                        revised = revised with { CurrentValue = null, CurrentNumerator = null, CurrentDenominator = null, Protected = nowHidden };
                    var hidden = guard.Published(region.Code, f.Period, new Monitor.Pages.CellFigures(f.Value, f.Numerator, f.Denominator));
                    return hidden is { } why
                        ? new EditionFigureDto(new RegionRef(region.Code, region.Name), region.Set, f.Period, null, null, null, f.SuppressedCells,
                            release?.Ref, denominatorRelease?.Ref, revised, why)
                        : new EditionFigureDto(new RegionRef(region.Code, region.Name), region.Set, f.Period, f.Value, f.Numerator, f.Denominator, f.SuppressedCells,
                            release?.Ref, denominatorRelease?.Ref, revised);
                }).ToList();
            result.Add(new EditionIndicatorDto(indicator.Code, indicator.Name, indicator.NameEn, indicator.Unit, versionNumber,
                mine.Select(f => (f.PeriodStart, f.Period)).Distinct().OrderBy(p => p.PeriodStart).Select(p => p.Period).ToList(), rows,
                monitorFigures.DisclosureOf(definition)));
        }
        if (withChanges)
            result = await WithChangesAsync(pact.Id, pact.Code, edition.Year, result, asReader, ct);
        var sections = (await db.Set<EditionSection>().AsNoTracking().Where(s => s.EditionId == edition.Id).OrderBy(s => s.Position).ToListAsync(ct))
            .Select(s => new EditionSectionDto(s.ObjectiveNumber, s.Title, s.Text, s.IndicatorCodes.Split('|', StringSplitOptions.RemoveEmptyEntries))).ToList();
        if (sections.Count == 0)
            sections = [new EditionSectionDto(null, OtherIndicators, null, codes)];
        return new EditionDto(pact.Code, pact.Name, edition.Year, edition.Title, edition.Introduction, edition.PublishedAt, edition.PublishedBy, set,
            await db.Set<EditionFigure>().CountAsync(f => f.EditionId == edition.Id, ct), result, sections);
    }

    /// <summary>
    /// Per indicator, Nederland's latest published figure in the pact's most recent earlier edition that holds the indicator,
    /// against Nederland's latest figure in this one. Both are read as this reader may see them (a hidden figure has no difference).
    /// </summary>
    private async Task<List<EditionIndicatorDto>> WithChangesAsync(int pactId, string pactCode, int year, List<EditionIndicatorDto> indicators, FigureReader? asReader,
        CancellationToken ct)
    {
        var earlier = await db.Set<MonitorEdition>().AsNoTracking().Where(e => e.PactId == pactId && e.Year < year).OrderByDescending(e => e.Year)
            .Select(e => new { e.Year, e.IndicatorCodes }).ToListAsync(ct);
        var read = new Dictionary<int, EditionDto?>();
        var changed = new List<EditionIndicatorDto>();
        foreach (var indicator in indicators)
        {
            var previousYear = earlier.FirstOrDefault(e => e.IndicatorCodes.Split('|').Contains(indicator.Code))?.Year;
            if (previousYear is not { } py || Latest(indicator) is not { } now)
            {
                changed.Add(indicator);
                continue;
            }
            if (!read.TryGetValue(py, out var previous))
                read[py] = previous = await GetAsync(pactCode, py, DefaultSet, false, asReader, ct);
            var before = previous?.Indicators.FirstOrDefault(i => i.Code == indicator.Code) is { } p ? Latest(p) : null;
            if (before is null)
            {
                changed.Add(indicator);
                continue;
            }
            var difference = now.Value is { } n && before.Value is { } b ? Math.Round(n - b, 4) : (double?)null;
            changed.Add(indicator with { Change = new EditionChange(py, before.Period, before.Value, now.Period, now.Value, difference) });
        }
        return changed;

        static EditionFigureDto? Latest(EditionIndicatorDto indicator) =>
            indicator.Figures.Where(f => f.RegionSet == RegionSetCodes.Country).LastOrDefault(f => f.Period == indicator.Periods.LastOrDefault());
    }

    /// <summary>The set shown beside the country when none is chosen.</summary>
    public const string DefaultSet = "provincies";

    /// <summary>What the monitor computes now for the frozen figure's region and period, when that differs or its release was withdrawn.</summary>
    private Revision? Revise(EditionFigure figure, IndicatorDefinition definition, ElementData? element, bool withdrawn)
    {
        Aggregate now = default;
        ReleaseRef? release = null;
        if (element is not null && host.Engine.Regions.TryIndexOf(figure.RegionId, out _))
        {
            var period = new Period(element.PeriodKind, figure.PeriodStart);
            now = host.Engine.Evaluate(definition, figure.RegionId, period);
            release = host.ReleaseOf(definition.Numerator.Element, period);
        }
        var value = Round(now.Value);
        var changed = value != figure.Value || now.Numerator != figure.Numerator || now.Denominator != figure.Denominator || now.SuppressedCells != figure.SuppressedCells;
        return changed || withdrawn ? new Revision(value, now.Numerator, now.Denominator, release, withdrawn) : null;
    }

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 4) : null;
}
