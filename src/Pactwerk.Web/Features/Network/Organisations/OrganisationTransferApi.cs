using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Network;

/// <summary>Export of the organisation directory (CSV or JSON) and the CSV import that reads such an export back.</summary>
public static class OrganisationTransferApi
{
    public const string CsvFileName = "organisaties.csv";
    public const string JsonFileName = "organisaties.json";

    public static RouteGroupBuilder MapOrganisationTransferApi(this RouteGroupBuilder api)
    {
        var organisations = api.MapGroup("/organisations").WithTags("Organisations");
        organisations.MapGet("/export", Export).WithName("ExportOrganisations").WithSummary("Organisations as a CSV file.").AllowAnonymous();
        // Cookie callers are held to the antiforgery header by WriteGuards; API tokens need none.
        organisations.MapPost("/import", Import).WithName("ImportOrganisations").WithSummary("Imports organisations from a CSV file (coordinators); all rows or none.").RequireAuthorization(Policies.Coordinator)
            .Accepts<IFormFile>("multipart/form-data");
        return api;
    }

    /// <summary>
    /// Every organisation that matches the directory's filters, as CSV (default; <c>;</c>-separated,
    /// safe to open in a spreadsheet) or as a JSON array.
    /// </summary>
    private static async Task<Results<FileContentHttpResult, Ok<List<OrganisationRecord>>, ValidationProblem>> Export(HttpContext context,
        OrganisationDirectory directory, string? q, string? helix, string? kind, string? sector, string? pact, string? region, string? sort, string? format,
        CancellationToken ct)
    {
        var (filter, errors) = await directory.ParseAsync(new DirectoryQuery { Q = q, Helix = helix, Kind = kind, Sector = sector, Pact = pact, Region = region, Sort = sort }, ct);
        var asJson = string.Equals(format?.Trim(), "json", StringComparison.OrdinalIgnoreCase);
        if (!asJson && !string.IsNullOrWhiteSpace(format) && !string.Equals(format.Trim(), "csv", StringComparison.OrdinalIgnoreCase))
            errors["format"] = [$"Onbekend formaat '{format}'. Kies uit: csv, json."];
        if (filter is null || errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "Ongeldige filters voor de export");

        var records = await directory.AllAsync(filter, ct);
        if (!asJson)
            return TypedResults.File(OrganisationCsv.Write(records), "text/csv; charset=utf-8", CsvFileName);
        context.Response.Headers.ContentDisposition = new System.Net.Mime.ContentDisposition { FileName = JsonFileName }.ToString();
        return TypedResults.Ok(records);
    }

    /// <summary>
    /// Imports organisations from a CSV file (multipart field <c>file</c>). Without <c>commit=true</c>
    /// only checks and reports; with it, writes the new organisations when no row is wrong.
    /// </summary>
    private static async Task<Results<Ok<OrganisationImportReport>, BadRequest<OrganisationImportReport>, ProblemHttpResult>> Import(HttpRequest request,
        OrganisationImport import, IOptions<OrganisationImportOptions> options, bool? commit, CancellationToken ct)
    {
        var (form, problem) = await Uploads.ReadFormAsync(request, options.Value.MaxBytes, ct);
        if (problem is not null)
            return problem;
        var file = form!.Files.GetFile("file")!;
        if (import.TooLarge(file.FileName, file.Length) is { } tooLarge)
            return TypedResults.BadRequest(tooLarge);
        var report = await import.ImportAsync(await Uploads.ReadAllAsync(file, ct), file.FileName, commit ?? false, ct);
        return report.Status == OrganisationImportStatus.Rejected ? TypedResults.BadRequest(report) : TypedResults.Ok(report);
    }
}
