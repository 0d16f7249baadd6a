namespace Pactwerk.Web.Features.Monitor.Catalog;

/// <summary>
/// The licences a coordinator chooses from for a new source in the import wizard, as the URIs the
/// DCAT catalogue publishes (<c>dct:license</c>). A short list because open-data portals expect one of
/// these for government data; any other licence is given by its own address.
/// </summary>
public static class SourceLicences
{
    /// <summary>The URI written exactly as the built-in DUO profile has always stored it, so one licence is one string.</summary>
    public const string Cc0 = "http://creativecommons.org/publicdomain/zero/1.0/";
    public const string CcBy4 = "http://creativecommons.org/licenses/by/4.0/";
    public const string PublicDomainMark = "http://creativecommons.org/publicdomain/mark/1.0/";

    /// <summary>The form's choice for a licence given by its own address.</summary>
    public const string Other = "other";

    public const string ChooseMessage = "Kies de licentie van de nieuwe bron uit de lijst, of kies een andere licentie en geef haar adres.";
    public const string OtherMessage = "Geef het volledige adres (URI) van de licentie, zoals https://data.overheid.nl/licenties/… (hoogstens 400 tekens).";

    /// <summary>The URIs with their label (a text key, translated on the page).</summary>
    public static readonly IReadOnlyList<(string Uri, string Label)> Known =
    [
        (Cc0, "CC0 1.0: geen rechten voorbehouden"),
        (CcBy4, "CC BY 4.0: vrij te gebruiken met naamsvermelding"),
        (PublicDomainMark, "Public Domain Mark 1.0: publiek domein"),
    ];

    /// <summary>
    /// The licence the form's choice means: null when the coordinator says it is not known (the
    /// catalogue then says "licentie onbekend"), a known URI, or another absolute http(s) address.
    /// </summary>
    public static (string? Licence, string? Error) Read(string? choice, string? other)
    {
        choice = choice?.Trim() ?? "";
        if (choice.Length == 0)
            return (null, null);
        if (Known.Any(k => k.Uri == choice))
            return (choice, null);
        if (choice != Other)
            return (null, ChooseMessage);
        other = other?.Trim() ?? "";
        return other.Length <= 400 && Uri.TryCreate(other, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && uri.Host.Contains('.')
            ? (other, null)
            : (null, OtherMessage);
    }

    /// <summary>The form's two fields for a stored licence: the choice, and the address when it is another one.</summary>
    public static (string Choice, string Other) ToForm(string? licence) =>
        licence is null ? ("", "") : Known.Any(k => k.Uri == licence) ? (licence, "") : (Other, licence);
}
