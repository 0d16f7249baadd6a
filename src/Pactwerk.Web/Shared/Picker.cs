namespace Pactwerk.Web.Shared;

/// <summary>
/// A search-as-you-type picker (the WAI-ARIA combobox with a listbox, see wwwroot/js/picker.js) and
/// the control the server renders for it, which is what a person without script uses: a select
/// (multiple or not) when <see cref="Options"/> holds every choice, otherwise a text field for codes
/// or names separated by commas. The script posts the same names and values as that control, so a
/// page reads the form the same way whether script ran or not.
/// </summary>
/// <param name="Id">The control's id, which the label and the error summary point to.</param>
/// <param name="Name">The posted field name.</param>
/// <param name="Source">The lookup endpoint, with its fixed parameters (/api/v1/lookup/regions?set=provincies).</param>
public sealed record Picker(string Id, string Name, string Label, string Source)
{
    /// <summary>Up to this many choices are a select without script; more would be a list nobody scrolls.</summary>
    public const int SelectLimit = 300;

    public bool Multiple { get; init; }
    /// <summary>Every choice, when few enough for a select; null for the text field.</summary>
    public IReadOnlyList<LookupItem>? Options { get; init; }
    /// <summary>What is chosen now, with labels for the chosen-item buttons.</summary>
    public IReadOnlyList<LookupItem> Chosen { get; init; } = [];
    /// <summary>The text field's value: what was typed, or the chosen values joined by commas.</summary>
    public string? Text { get; init; }
    /// <summary>A single select's "nothing chosen" option (label and posted value); null for none.</summary>
    public string? EmptyLabel { get; init; }
    public string EmptyValue { get; init; } = "";
    public string? Hint { get; init; }
    /// <summary>For a picker in a table row, whose column header already says what it is: the label is for screen readers only.</summary>
    public bool LabelHidden { get; init; }
    public string? ErrorId { get; init; }
    public bool Required { get; init; }
    public int MaxLength { get; init; } = 400;

    /// <summary>Options when there are few enough for a select, else null (the text field).</summary>
    public static IReadOnlyList<LookupItem>? SelectOrText(IReadOnlyList<LookupItem> all) => all.Count <= SelectLimit ? all : null;

    /// <summary>The chosen values with the labels the choices give them; a value no choice has keeps itself as label (typed, not yet checked).</summary>
    public static IReadOnlyList<LookupItem> Labelled(IEnumerable<string> values, IReadOnlyList<LookupItem> all)
    {
        var byValue = all.GroupBy(c => c.Value, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        return values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => byValue.GetValueOrDefault(v) ?? new LookupItem(v, v, null)).ToList();
    }
}
