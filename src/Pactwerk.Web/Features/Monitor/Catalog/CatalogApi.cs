using System.Text.Json;
using Microsoft.Extensions.Options;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Monitor.Catalog;

/// <summary>The open-data catalogue and the CSVW description beside every CSV download of the monitor.</summary>
public static class CatalogApi
{
    public static WebApplication MapCatalog(this WebApplication app, RouteGroupBuilder api)
    {
        // Public and the same for every reader (only published sources appear), so cached with the monitor and evicted with it.
        api.MapGet("/catalog", Catalog).WithName("GetCatalog").WithTags("Monitor")
            .WithSummary("The monitor as an open-data catalogue (DCAT-AP-NL, JSON-LD) for data portals to harvest; only published sources appear.")
            .Produces(StatusCodes.Status200OK, contentType: OpenDataCatalog.MediaType).AllowAnonymous().CacheOutput(MonitorCache.Policy);
        // Beside the CSV downloads it describes, and like them outside the API's description (they are files, not operations).
        app.MapGet("/monitor/indicatoren/{code}/csvw/{table}", Csvw).WithName("GetMonitorTableCsvw").ExcludeFromDescription()
            .WithSummary("The CSVW description (columns, titles in Dutch and English, datatypes) of one CSV download of an indicator.")
            .Produces(StatusCodes.Status200OK, contentType: CsvwMetadata.MediaType).AllowAnonymous().CacheOutput(MonitorCache.Policy);
        return app;
    }

    /// <summary>The public address of the site: the configured one, else the address this request came to.</summary>
    private static string Site(HttpRequest request, HostingOptions hosting) =>
        (string.IsNullOrWhiteSpace(hosting.PublicBaseUrl) ? $"{request.Scheme}://{request.Host}{request.PathBase}" : hosting.PublicBaseUrl).TrimEnd('/');

    private static async Task<IResult> Catalog(OpenDataCatalog catalog, HttpRequest request, IOptions<HostingOptions> hosting, CancellationToken ct) =>
        Results.Bytes(JsonSerializer.SerializeToUtf8Bytes(await catalog.BuildAsync(Site(request, hosting.Value), ct)), OpenDataCatalog.MediaType);

    /// <summary>
    /// The description of <c>{table}.csv</c> (with the same region set, indeling): only for a table the
    /// downloads serve and an indicator the catalogue lists, so it never tells of a confidential one.
    /// </summary>
    private static async Task<IResult> Csvw(string code, string table, string? indeling, OpenDataCatalog catalog, HttpRequest request,
        IOptions<HostingOptions> hosting, CancellationToken ct)
    {
        if (!Pages.MonitorPagesApi.Tables.Contains(table) || await catalog.TitleAsync(code, ct) is not { } title)
            return TypedResults.Problem($"Er is geen open-datadownload '{table}' van indicator '{code}'.", statusCode: StatusCodes.Status404NotFound, title: "Niet gevonden");
        var site = Site(request, hosting.Value);
        var set = string.IsNullOrWhiteSpace(indeling) ? null : indeling.Trim().ToLowerInvariant();
        var csv = $"{site}/monitor/indicatoren/{Uri.EscapeDataString(title.Code)}/{table}.csv{(set is null ? "" : $"?indeling={Uri.EscapeDataString(set)}")}";
        return Results.Bytes(JsonSerializer.SerializeToUtf8Bytes(CsvwMetadata.Describe(csv, title.Name, title.NameEn)), CsvwMetadata.MediaType);
    }
}
