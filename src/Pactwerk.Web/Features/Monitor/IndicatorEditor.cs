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
public sealed class IndicatorEditor(PactwerkDb db, TimeProvider clock)
{
    public async Task<EditOutcome<Indicator>> CreateAsync(IndicatorInput input, CancellationToken ct)
    {
        var errors = EditSupport.Validate(input);
        if (!Values.TryParseName<Direction>(input.Direction, out var direction))
            errors[nameof(input.Direction)] = [$"Onbekende richting '{input.Direction}'. Kies uit: {string.Join(", ", Enum.GetNames<Direction>())}."];
        if (await db.Indicators.AnyAsync(i => i.Code == input.Code, ct))
            errors[nameof(input.Code)] = [$"Er is al een indicator met code '{input.Code}'."];
        var (definition, definitionErrors) = input.Definition is null ? (null, []) : await CheckAsync(input.Code, input.Definition, ct);
        foreach (var (key, messages) in definitionErrors)
            errors[$"Definition.{key}"] = messages;
        if (errors.Count > 0 || definition is null)
            return new EditOutcome<Indicator>.Invalid(errors);

        var indicator = new Indicator
        {
            Code = input.Code, Name = input.Name.Trim(), NameEn = input.NameEn.Trim(), Unit = input.Unit.Trim(), Direction = direction, CurrentVersion = 1,
        };
        indicator.Versions.Add(Version(1, definition, input.Definition!.Description));
        db.Indicators.Add(indicator);
        await db.SaveChangesAsync(ct);
        return new EditOutcome<Indicator>.Saved(indicator);
    }

    public async Task<EditOutcome<Indicator>> AddVersionAsync(string code, DefinitionInput input, CancellationToken ct)
    {
        var indicator = await db.Indicators.Include(i => i.Versions).SingleOrDefaultAsync(i => i.Code == code, ct);
        if (indicator is null)
            return new EditOutcome<Indicator>.NotFound();
        var (definition, errors) = await CheckAsync(code, input, ct);
        if (definition is null)
            return new EditOutcome<Indicator>.Invalid(errors);
        var current = indicator.Versions.Single(v => v.Version == indicator.CurrentVersion);
        if (current.Definition == IndicatorDefinitions.Serialise(definition))
            return new EditOutcome<Indicator>.Invalid(new Dictionary<string, string[]>
            {
                [""] = [$"Deze definitie is gelijk aan de huidige (versie {current.Version}); er is geen nieuwe versie gemaakt."],
            });

        var next = indicator.Versions.Max(v => v.Version) + 1;
        indicator.Versions.Add(Version(next, definition, input.Description));
        indicator.CurrentVersion = next;
        await db.SaveChangesAsync(ct);
        return new EditOutcome<Indicator>.Saved(indicator);
    }

    private IndicatorVersion Version(int number, IndicatorDefinition definition, string description) => new()
    {
        Version = number, Definition = IndicatorDefinitions.Serialise(definition), Description = description.Trim(), CreatedAt = clock.GetUtcNow().UtcDateTime,
    };

    /// <summary>Every element and dimension the definition names must exist, and the measures must be comparable.</summary>
    private async Task<(IndicatorDefinition? Definition, Dictionary<string, string[]> Errors)> CheckAsync(string code, DefinitionInput input, CancellationToken ct)
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
        if (errors.Count > 0 || numerator is null)
            return (null, errors);
        return (new IndicatorDefinition(code, numerator, denominator, input.Multiplier), errors);

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
