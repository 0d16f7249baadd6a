using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Net.Http.Headers;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Monitor.Editions;

/// <summary>The persistent address of an edition's PDF: <c>/pact/{code}/monitor/edities/{year}.pdf?taal=nl|en</c>.</summary>
public static class EditionPdfEndpoint
{
    public static WebApplication MapEditionPdf(this WebApplication app)
    {
        // A file beside the edition's page, like the monitor's CSV downloads: outside the API's description.
        app.MapGet("/pact/{code}/monitor/edities/{year:int}.pdf", Download).WithName("GetEditionPdf").ExcludeFromDescription()
            .WithSummary("An edition as a tagged PDF in Dutch or English (taal=nl|en), made on the first request and then served as stored, with its SHA-256.")
            .Produces(StatusCodes.Status200OK, contentType: EditionDocuments.MediaType).AllowAnonymous();
        return app;
    }

    private static async Task<IResult> Download(string code, int year, string? taal, HttpContext http, EditionDocuments documents,
        IStringLocalizer<SharedResource> T, CancellationToken ct)
    {
        var language = string.IsNullOrWhiteSpace(taal) ? CultureInfo.CurrentUICulture.TwoLetterISOLanguageName : taal.Trim().ToLowerInvariant();
        if (!EditionDocuments.Languages.Contains(language))
            return TypedResults.Problem(T["Kies de taal van de PDF: taal=nl (Nederlands) of taal=en (Engels)."], statusCode: StatusCodes.Status400BadRequest,
                title: T["Ongeldig verzoek"]);
        var outcome = await documents.GetOrCreateAsync(http, code, year, language, ct);
        // The answer speaks the language asked for, as the document would have.
        CultureInfo.CurrentUICulture = new CultureInfo(language);
        switch (outcome)
        {
            case DocumentOutcome.Found { Document: var document }:
                http.Response.Headers.CacheControl = "public, max-age=86400";
                // The checksum the catalogue names, also on the response itself (RFC 9530).
                http.Response.Headers["Repr-Digest"] = $"sha-256=:{Convert.ToBase64String(Convert.FromHexString(document.Sha256))}:";
                return TypedResults.File(document.Content, EditionDocuments.MediaType, $"{code}-monitor-{year}-{language}.pdf", enableRangeProcessing: false,
                    new DateTimeOffset(DateTime.SpecifyKind(document.CreatedAt, DateTimeKind.Utc)), new EntityTagHeaderValue($"\"{document.Sha256}\""));
            case DocumentOutcome.Unavailable:
                return TypedResults.Problem(T["De PDF van deze editie kan nu niet worden gemaakt: de server heeft geen Chromium om hem te drukken. De editie staat online op {0}; probeer de PDF later nog eens.",
                        $"/pact/{code}/monitor/edities/{year}"], statusCode: StatusCodes.Status503ServiceUnavailable, title: T["PDF tijdelijk niet beschikbaar"]);
            default:
                // An empty 404: the site's friendly "Pagina niet gevonden".
                return TypedResults.NotFound();
        }
    }
}
