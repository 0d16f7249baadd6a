using System.Globalization;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Programmes;

/// <summary>
/// The programme forms' organisation fields as the platform's own picker (<c>Shared/_Picker.cshtml</c> with
/// <c>wwwroot/js/picker.js</c>): a coordinator types part of a name instead of scrolling a list of every organisation.
/// Without script the picker is the plain select it was, so the form posts the same ids either way.
/// </summary>
/// <remarks>
/// Every organisation is always an option of the select, never the picker's text-field fallback (<see cref="Picker.SelectOrText"/>):
/// these fields bind an id, and a typed name could not be read as one.
/// </remarks>
internal static class OrganisationPickers
{
    /// <summary>The lookup the picker searches as one types: every organisation, as the directory shows them.</summary>
    public const string Source = "/api/v1/lookup/organisations";

    /// <summary>The lookup of one programme's employer network, for its staff: the participant page's job employer.</summary>
    public static string NetworkSource(string programmeCode) => $"/api/v1/programmes/{Uri.EscapeDataString(programmeCode)}/employers/lookup";

    public static IReadOnlyList<LookupItem> Chosen(IEnumerable<int> ids, IReadOnlyList<LookupItem> all) =>
        Picker.Labelled(ids.Select(id => id.ToString(CultureInfo.InvariantCulture)), all);

    public static IReadOnlyList<LookupItem> Chosen(int? id, IReadOnlyList<LookupItem> all) => id is { } one ? Chosen([one], all) : [];
}
