using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Monitoring;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Regions;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Monitor.Definitions;

/// <summary>The values chosen for one dimension of one measure's element (empty: every value counts).</summary>
public sealed class FilterChoice
{
    /// <summary>The element these choices were offered for: after another element is chosen they no longer apply.</summary>
    public string Element { get; set; } = "";
    public string Dimension { get; set; } = "";
    public List<string> Values { get; set; } = [];
}

public sealed record DimensionChoice(string Name, IReadOnlyList<string> Values);
public sealed record ElementChoice(string Code, string Name, IReadOnlyList<DimensionChoice> Dimensions);
public sealed record SetChoice(int Id, string Name);

/// <summary>
/// A page with a definition form (a new indicator, a new version). Elements and their dimension values are offered
/// as lists from what the monitor holds; the page only gathers what was chosen into a <see cref="DefinitionInput"/> and
/// the <see cref="IndicatorEditor"/> decides, for the preview as for the save, with the same rules as the API.
/// </summary>
public abstract class DefinitionPageModel(PactwerkDb db, MonitorEngineHost host, IndicatorEditor editor) : EditPageModel
{
    protected PactwerkDb Db => db;
    protected IndicatorEditor Editor => editor;

    [BindProperty] public List<FilterChoice> NumeratorFilter { get; set; } = [];
    [BindProperty] public List<FilterChoice> DenominatorFilter { get; set; } = [];
    [BindProperty] public int PreviewSet { get; set; }

    public IReadOnlyList<ElementChoice> Elements { get; private set; } = [];
    public IReadOnlyList<SetChoice> RegionSets { get; private set; } = [];
    public IndicatorPreview? Preview { get; private set; }

    /// <summary>The definition the form binds.</summary>
    public abstract DefinitionInput Definition { get; }
    /// <summary>Where the definition's fields sit in the bound input, as the editor names them ("Definition." or "").</summary>
    public abstract string DefinitionPrefix { get; }
    /// <summary>The code the preview computes for (the new indicator's, or the versioned one's).</summary>
    protected abstract string PreviewCode { get; }

    public bool English => System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>The element and dimension lists; each element's dimension values are those the engine holds for it.</summary>
    protected async Task LoadChoicesAsync(CancellationToken ct)
    {
        var elements = await db.DataElements.AsNoTracking().OrderBy(e => e.Code).ToListAsync(ct);
        Elements = elements.Select(e => new ElementChoice(e.Code, English ? e.NameEn : e.Name, Dimensions(e))).ToList();
        var sets = await db.RegionSets.AsNoTracking().Where(s => s.Kind != RegionSetKind.Municipalities).OrderBy(s => s.SortOrder).ThenBy(s => s.Code)
            .Select(s => new { s.Id, s.Name, s.NameEn, Regions = s.Regions.Count(r => r.ValidTo == null) }).ToListAsync(ct);
        RegionSets = sets.Select(s => new SetChoice(s.Id, English ? s.NameEn : s.Name)).ToList();
        // By default the first set with several regions: the country alone shows too little to judge a definition by.
        if (!RegionSets.Any(s => s.Id == PreviewSet) && sets.Count > 0)
            PreviewSet = (sets.FirstOrDefault(s => s.Regions > 1) ?? sets[0]).Id;
    }

    private IReadOnlyList<DimensionChoice> Dimensions(DataElement element)
    {
        var data = host.Engine.Element(element.Code);
        return element.DimensionList.Select((d, i) => new DimensionChoice(d, data is null ? []
            : data.Combos.Select(c => c[data.DimensionIndex(d)]).Distinct().Order(StringComparer.Ordinal).ToList())).ToList();
    }

    /// <summary>The dimension values chosen for a measure, as the editor takes them; a measure without an element is no denominator.</summary>
    protected void ReadChoices()
    {
        var definition = Definition;
        definition.Numerator ??= new MeasureInput();
        definition.Numerator.Filter = Chosen(NumeratorFilter, definition.Numerator.Element);
        if (definition.Denominator is { } denominator)
        {
            if (string.IsNullOrWhiteSpace(denominator.Element))
                definition.Denominator = null;
            else
                denominator.Filter = Chosen(DenominatorFilter, denominator.Element);
        }
    }

    private static Dictionary<string, string[]> Chosen(List<FilterChoice> choices, string? element) =>
        choices.Where(c => c.Element == element && c.Values.Count > 0).GroupBy(c => c.Dimension)
            .ToDictionary(g => g.Key, g => g.SelectMany(c => c.Values).Distinct().ToArray());

    /// <summary>Shows what the definition as typed computes, or why it cannot; nothing is saved.</summary>
    protected async Task<IActionResult> PreviewAsync(CancellationToken ct)
    {
        ReadChoices();
        // First the lists: they also choose the region set when none was asked for.
        await LoadChoicesAsync(ct);
        IndicatorPreview? preview = null;
        var prefix = DefinitionPrefix;
        await SaveAsync<IndicatorPreview?>(async () =>
        {
            var (result, errors) = await editor.PreviewAsync(PreviewCode, Definition, PreviewSet, ct);
            preview = result;
            return new EditOutcome<IndicatorPreview?>.Invalid(errors.ToDictionary(e => e.Key.Length == 0 ? "" : prefix + e.Key, e => e.Value));
        }, _ => "");
        Preview = preview;
        // Asking for a preview is no mistake, even though nothing was saved.
        if (preview is not null)
            Response.StatusCode = StatusCodes.Status200OK;
        return Page();
    }

    public ElementChoice? ElementOf(string? code) => Elements.FirstOrDefault(e => string.Equals(e.Code, code, StringComparison.OrdinalIgnoreCase));

    /// <summary>A figure of the preview as the reader's culture writes it.</summary>
    public static string Figure(double? value) => value is { } v ? v.ToString("#,##0.##", System.Globalization.CultureInfo.CurrentCulture) : "–";

    /// <summary>A definition input filled from a stored version: the form a new version starts from.</summary>
    public static DefinitionInput InputOf(IndicatorVersion version, string code)
    {
        var definition = IndicatorDefinitions.Parse(code, version.Definition);
        static MeasureInput Measure(Measure m) => new() { Element = m.Element, Filter = m.Filter.ToDictionary(f => f.Key, f => f.Value.ToArray()) };
        return new DefinitionInput
        {
            Numerator = Measure(definition.Numerator), Denominator = definition.Denominator is { } d ? Measure(d) : null, Multiplier = definition.Multiplier,
            Description = version.Description, DescriptionEn = version.DescriptionEn, Source = version.Source,
        };
    }
}
