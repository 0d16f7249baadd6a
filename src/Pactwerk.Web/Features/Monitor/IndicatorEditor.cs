using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Monitoring;
using Pactwerk.Web.Data;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Monitor;

public sealed class MeasureInput
{
    /// <summary>The data element to add up (hbo-ingeschrevenen).</summary>
    public string Element { get; set; } = "";
    /// <summary>Dimension → the values to keep (ONDERDEEL → [techniek]); empty keeps everything.</summary>
    public Dictionary<string, string[]> Filter { get; set; } = [];
}

/// <summary>A definition: numerator, optional denominator and multiplier, and what it means in plain words.</summary>
public sealed class DefinitionInput
{
    [Required]
    public MeasureInput? Numerator { get; set; }
    public MeasureInput? Denominator { get; set; }
    public double Multiplier { get; set; } = 1;
    [Required(ErrorMessage = "Beschrijf de definitie in gewone taal."), StringLength(2000, ErrorMessage = "De beschrijving is te lang (hoogstens 2000 tekens).")]
    public string Description { get; set; } = "";
    /// <summary>The description in English; optional (the Dutch one is shown when it is missing).</summary>
    [StringLength(2000, ErrorMessage = "De beschrijving is te lang (hoogstens 2000 tekens).")]
    public string? DescriptionEn { get; set; }
    /// <summary>Where the figures come from, in plain words (DUO, 1 oktober-telling).</summary>
    [StringLength(1000, ErrorMessage = "De bron is te lang (hoogstens 1000 tekens).")]
    public string? Source { get; set; }
    /// <summary>The period from which this definition holds (2024 or 2024/2025, in the numerator's kind of period); required for a new version.</summary>
    public string? ValidFrom { get; set; }
    /// <summary>Why the definition changed; required for a new version.</summary>
    [StringLength(1000, ErrorMessage = "De reden is te lang (hoogstens 1000 tekens).")]
    public string? Reason { get; set; }
}

public sealed class IndicatorInput
{
    [Required(ErrorMessage = "Geef een code."), RegularExpression("^[a-z0-9][a-z0-9-]{1,59}$", ErrorMessage = "Een code bestaat uit kleine letters, cijfers en streepjes (zoals hbo-aandeel-techniek).")]
    public string Code { get; set; } = "";
    [Required(ErrorMessage = "Geef een Nederlandse naam."), StringLength(200)]
    public string Name { get; set; } = "";
    [Required(ErrorMessage = "Geef een Engelse naam."), StringLength(200)]
    public string NameEn { get; set; } = "";
    [Required(ErrorMessage = "Geef een eenheid."), StringLength(40)]
    public string Unit { get; set; } = "";
    /// <summary>HigherIsBetter or LowerIsBetter.</summary>
    public string Direction { get; set; } = nameof(Monitoring.Direction.HigherIsBetter);
    [Required]
    public DefinitionInput? Definition { get; set; }
}

/// <summary>
/// New indicators and new versions of a definition. A definition is never changed in place: a
/// change is a new version, and every value says which version produced it.
/// </summary>
public sealed class IndicatorEditor(PactwerkDb db, TimeProvider clock, Audit.IAuditActor actor, MonitorEngineHost host)
{
    public const string NothingChanged = "Er is niets veranderd: deze definitie, beschrijving en bron zijn gelijk aan de huidige versie; er is geen nieuwe versie gemaakt.";
    public const string ReasonRequired = "Geef de reden voor deze nieuwe versie.";
    public const string ValidFromRequired = "Geef de periode vanaf wanneer deze versie geldt (zoals 2024 of 2024/2025).";
    /// <summary>How many regions a preview shows: enough to judge a definition, few enough to read.</summary>
    public const int PreviewRegions = 12;

    public async Task<EditOutcome<Indicator>> CreateAsync(IndicatorInput input, CancellationToken ct)
    {
        var errors = EditSupport.Validate(input);
        if (!Values.TryParseName<Direction>(input.Direction, out var direction))
            errors[nameof(input.Direction)] = [$"Onbekende richting '{input.Direction}'. Kies uit: {string.Join(", ", Enum.GetNames<Direction>())}."];
        if (await db.Indicators.AnyAsync(i => i.Code == input.Code, ct))
            errors[nameof(input.Code)] = [$"Er is al een indicator met code '{input.Code}'."];
        var (definition, validFrom, definitionErrors) = input.Definition is null ? (null, null, []) : await CheckAsync(input.Code, input.Definition, null, ct);
        foreach (var (key, messages) in definitionErrors)
            errors[$"Definition.{key}"] = messages;
        if (errors.Count > 0 || definition is null)
            return new EditOutcome<Indicator>.Invalid(errors);

        var indicator = new Indicator
        {
            Code = input.Code, Name = input.Name.Trim(), NameEn = input.NameEn.Trim(), Unit = input.Unit.Trim(), Direction = direction, CurrentVersion = 1,
        };
        indicator.Versions.Add(Version(1, definition, validFrom, input.Definition!));
        db.Indicators.Add(indicator);
        await db.SaveChangesAsync(ct);
        return new EditOutcome<Indicator>.Saved(indicator);
    }

    public async Task<EditOutcome<Indicator>> AddVersionAsync(string code, DefinitionInput input, CancellationToken ct)
    {
        var indicator = await db.Indicators.Include(i => i.Versions).SingleOrDefaultAsync(i => i.Code == code, ct);
        if (indicator is null)
            return new EditOutcome<Indicator>.NotFound();
        var current = indicator.Versions.Single(v => v.Version == indicator.CurrentVersion);
        var (definition, validFrom, errors) = await CheckAsync(code, input, current.ValidFrom, ct);
        // Nothing new is refused before asking why: there is no change to give a reason for.
        if (definition is not null && current.Definition == IndicatorDefinitions.Serialise(definition)
            && current.Description == (input.Description ?? "").Trim() && current.DescriptionEn == Optional(input.DescriptionEn) && current.Source == Optional(input.Source))
            return new EditOutcome<Indicator>.Invalid(new Dictionary<string, string[]> { [""] = [NothingChanged] });
        if (string.IsNullOrWhiteSpace(input.Reason))
            errors[nameof(input.Reason)] = [ReasonRequired];
        if (string.IsNullOrWhiteSpace(input.ValidFrom))
            errors[nameof(input.ValidFrom)] = [ValidFromRequired];
        if (definition is null || errors.Count > 0)
            return new EditOutcome<Indicator>.Invalid(errors);

        var next = indicator.Versions.Max(v => v.Version) + 1;
        indicator.Versions.Add(Version(next, definition, validFrom, input));
        indicator.CurrentVersion = next;
        await db.SaveChangesAsync(ct);
        return new EditOutcome<Indicator>.Saved(indicator);
    }

    /// <summary>
    /// What a definition computes before it is saved: the latest period the numerator has figures for, in the first
    /// <see cref="PreviewRegions"/> regions of a region set, by the same engine and the same checks as a saved one.
    /// </summary>
    /// Only coordinators reach this, and they see confidential figures unprotected on every path, so the small-cell rule is not applied here.
    public async Task<(IndicatorPreview? Preview, Dictionary<string, string[]> Errors)> PreviewAsync(string code, DefinitionInput input, int regionSetId, CancellationToken ct)
    {
        var (definition, _, errors) = await CheckAsync(string.IsNullOrWhiteSpace(code) ? "voorbeeld" : code, input, null, ct);
        if (definition is null || errors.Count > 0)
            return (null, errors);
        var engine = host.Engine;
        var periods = engine.Element(definition.Numerator.Element)?.Periods ?? [];
        if (definition.Denominator is { } denominator)
            periods = periods.Intersect(engine.Element(denominator.Element)?.Periods ?? []).ToList();
        var regions = await db.Regions.AsNoTracking().Where(r => r.RegionSetId == regionSetId && r.ValidTo == null)
            .OrderBy(r => r.Code).Take(PreviewRegions).Select(r => new { r.Id, r.Code, r.Name }).ToListAsync(ct);
        if (periods.Count == 0)
            return (new IndicatorPreview(null, []), errors);
        var latest = periods.Max();
        var rows = regions.Where(r => engine.Regions.TryIndexOf(r.Id, out _))
            .Select(r => (Region: r, Aggregate: engine.Evaluate(definition, r.Id, latest)))
            .Select(x => new PreviewRow(x.Region.Code, x.Region.Name, x.Aggregate.Numerator, x.Aggregate.Denominator, x.Aggregate.Value)).ToList();
        return (new IndicatorPreview(latest.ToString(), rows), errors);
    }

    private IndicatorVersion Version(int number, IndicatorDefinition definition, Period? validFrom, DefinitionInput input) => new()
    {
        Version = number, Definition = IndicatorDefinitions.Serialise(definition), Description = input.Description.Trim(), DescriptionEn = Optional(input.DescriptionEn),
        Source = Optional(input.Source), ValidFrom = validFrom?.ToString(), Reason = Optional(input.Reason),
        CreatedBy = actor.Name, CreatedAt = clock.GetUtcNow().UtcDateTime,
    };

    private static string? Optional(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>
    /// Every element and dimension the definition names must exist, and the measures must be comparable. A valid-from period
    /// must read as a period of the numerator's kind and not lie before the period the current version holds from.
    /// </summary>
    private async Task<(IndicatorDefinition? Definition, Period? ValidFrom, Dictionary<string, string[]> Errors)> CheckAsync(string code, DefinitionInput input, string? currentValidFrom, CancellationToken ct)
    {
        var errors = EditSupport.Validate(input);
        var elements = await db.DataElements.AsNoTracking().ToDictionaryAsync(e => e.Code, StringComparer.OrdinalIgnoreCase, ct);
        var numerator = ReadMeasure(nameof(input.Numerator), input.Numerator);
        var denominator = input.Denominator is null ? null : ReadMeasure(nameof(input.Denominator), input.Denominator);
        if (!double.IsFinite(input.Multiplier) || input.Multiplier <= 0)
            errors[nameof(input.Multiplier)] = ["De vermenigvuldiger is een positief getal (1, of 100 voor een percentage)."];
        if (numerator is not null && denominator is not null)
        {
            var (a, b) = (elements[numerator.Element], elements[denominator.Element]);
            // A share of school years over calendar years, or of municipal counts over a national figure, means nothing.
            if (a.PeriodKind != b.PeriodKind || a.Level != b.Level)
                errors[nameof(input.Denominator)] = [$"Teller ({a.Code}) en noemer ({b.Code}) tellen niet op dezelfde manier: perioden {a.PeriodKind}/{b.PeriodKind}, niveau {a.Level}/{b.Level}."];
        }
        Period? validFrom = null;
        if (numerator is not null && !string.IsNullOrWhiteSpace(input.ValidFrom))
        {
            var kind = elements[numerator.Element].PeriodKind;
            if (!Period.TryParse(input.ValidFrom, kind, out var from))
                errors[nameof(input.ValidFrom)] = [$"‘{input.ValidFrom}’ is geen periode zoals {(kind == PeriodKind.SchoolYear ? "2024/2025" : "2024")}."];
            else if (currentValidFrom is not null && Period.TryParse(currentValidFrom, kind, out var earlier) && from.StartYear < earlier.StartYear)
                errors[nameof(input.ValidFrom)] = [$"Een nieuwe versie geldt niet eerder dan de huidige (vanaf {earlier})."];
            else
                validFrom = from;
        }
        if (errors.Count > 0 || numerator is null)
            return (null, null, errors);
        return (new IndicatorDefinition(code, numerator, denominator, input.Multiplier), validFrom, errors);

        Measure? ReadMeasure(string field, MeasureInput? measure)
        {
            if (measure is null)
                return null;
            if (!elements.TryGetValue(measure.Element ?? "", out var element))
            {
                errors[$"{field}.Element"] = [$"Er is geen gegevenselement '{measure.Element}'. Bekend: {string.Join(", ", elements.Keys.Order(StringComparer.Ordinal))}."];
                return null;
            }
            var dimensions = element.DimensionList;
            var unknown = (measure.Filter ?? []).Keys.Where(k => !dimensions.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList();
            if (unknown.Count > 0)
            {
                errors[$"{field}.Filter"] = [$"{element.Code} heeft geen dimensie {string.Join(", ", unknown)}. Dimensies: {string.Join(", ", dimensions)}."];
                return null;
            }
            if ((measure.Filter ?? []).Any(f => f.Value is not { Length: > 0 }))
            {
                errors[$"{field}.Filter"] = ["Een filter noemt per dimensie ten minste één waarde."];
                return null;
            }
            // Dimension names as the element spells them, so the engine's lookups match.
            return new Measure(element.Code, (measure.Filter ?? []).ToDictionary(
                f => dimensions.First(d => string.Equals(d, f.Key, StringComparison.OrdinalIgnoreCase)), f => (IReadOnlyList<string>)f.Value.ToList()));
        }
    }
}

/// <summary>What a definition computes for the latest period it has figures for; Period is null when there are none yet.</summary>
public sealed record IndicatorPreview(string? Period, IReadOnlyList<PreviewRow> Rows);
public sealed record PreviewRow(string RegionCode, string RegionName, double Numerator, double? Denominator, double? Value);
