using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Monitoring;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.Monitor.Editions;
using Pactwerk.Web.Features.Monitor.Import;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Monitor;

public static class MonitorApi
{
    public static RouteGroupBuilder MapMonitorApi(this RouteGroupBuilder api)
    {
        var monitor = api.MapGroup("").WithTags("Monitor");
        monitor.MapGet("/indicators", GetIndicators).WithName("GetIndicators").WithSummary("Lists the monitor's indicators with their current definition.").AllowAnonymous();
        monitor.MapPost("/indicators", CreateIndicator).WithName("CreateIndicator").WithSummary("Creates an indicator with its first definition version (coordinators).").RequireAuthorization(Policies.Coordinator);
        monitor.MapGet("/indicators/{code}/versions", GetVersions).WithName("GetIndicatorVersions").WithSummary("Every version of an indicator's definition.").AllowAnonymous();
        monitor.MapPost("/indicators/{code}/versions", AddVersion).WithName("AddIndicatorVersion").WithSummary("Adds a new version of an indicator's definition (coordinators); earlier versions stay as they were.").RequireAuthorization(Policies.Coordinator);
        monitor.MapGet("/monitor/values", GetValues).WithName("GetMonitorValues").WithSummary("Values of an indicator per region and period, with the small-cell rule applied for this reader.").AllowAnonymous().CacheOutput(MonitorCache.Policy);
        monitor.MapGet("/monitor/status", GetStatus).WithName("GetMonitorStatus").WithSummary("Whether each key indicator is on track towards its goal.").AllowAnonymous().CacheOutput(MonitorCache.Policy);
        // Form uploads are checked for antiforgery by WriteGuards (cookie callers); tokens need none.
        monitor.MapPost("/imports", Import).WithName("Import").WithSummary("Imports a data file (DUO, CBS, UWV or the pact's own records) as a new release (coordinators).").RequireAuthorization(Policies.Coordinator).DisableAntiforgery()
            .Accepts<IFormFile>("multipart/form-data");
        api.MapEditionsApi();
        api.MapReleasesApi();
        api.MapIndicatorLookupApi();
        return api;
    }

    public sealed record IndicatorDto(string Code, string Name, string NameEn, string Unit, string Direction, int Version, string Definition, string Description);
    public sealed record StatusDto(string Indicator, RegionRef Region, string? Plan, GoalDto? Baseline, GoalDto? Target, ValueRow? Latest, string Status, string Rule);
    public sealed record GoalDto(string Period, double Value);

    private static async Task<Ok<List<IndicatorDto>>> GetIndicators(PactwerkDb db, CancellationToken ct)
    {
        var indicators = await db.Indicators.AsNoTracking().Include(i => i.Versions).OrderBy(i => i.Code).ToListAsync(ct);
        return TypedResults.Ok(indicators.Select(i => (Indicator: i, Version: i.Versions.Single(v => v.Version == i.CurrentVersion)))
            .Select(x => new IndicatorDto(x.Indicator.Code, x.Indicator.Name, x.Indicator.NameEn, x.Indicator.Unit, x.Indicator.Direction.ToString(),
                x.Version.Version, x.Version.Definition, x.Version.Description)).ToList());
    }

    public sealed record VersionDto(int Version, bool Current, string Definition, string Description, string? DescriptionEn, string? Source, string? ValidFrom,
        string? Reason, string? CreatedBy, DateTime CreatedAt);

    private static Task<IndicatorDto?> IndicatorAsync(PactwerkDb db, string code, CancellationToken ct) =>
        db.Indicators.AsNoTracking().Where(i => i.Code == code)
            .Select(i => new { i, v = i.Versions.Single(v => v.Version == i.CurrentVersion) })
            .Select(x => new IndicatorDto(x.i.Code, x.i.Name, x.i.NameEn, x.i.Unit, x.i.Direction.ToString(), x.v.Version, x.v.Definition, x.v.Description))
            .SingleOrDefaultAsync(ct);

    /// <summary>A new indicator with its first definition (coordinators).</summary>
    private static async Task<IResult> CreateIndicator(IndicatorInput input, IndicatorEditor editor, PactwerkDb db, CancellationToken ct) =>
        await EditResults.ToResultAsync(await editor.CreateAsync(input, ct),
            async i => TypedResults.Created($"/api/v1/indicators/{i.Code}/versions", await IndicatorAsync(db, i.Code, ct)), "",
            i => IndicatorAsync(db, i.Code, ct), 0);

    /// <summary>Every version of an indicator's definition, newest first; values name the version that made them.</summary>
    private static async Task<Results<Ok<List<VersionDto>>, ProblemHttpResult>> GetVersions(string code, PactwerkDb db, CancellationToken ct)
    {
        var indicator = await db.Indicators.AsNoTracking().Include(i => i.Versions).SingleOrDefaultAsync(i => i.Code == code, ct);
        if (indicator is null)
            return ApiProblems.NotFound($"Er is geen indicator met code '{code}'.");
        return TypedResults.Ok(indicator.Versions.OrderByDescending(v => v.Version)
            .Select(v => new VersionDto(v.Version, v.Version == indicator.CurrentVersion, v.Definition, v.Description, v.DescriptionEn, v.Source, v.ValidFrom,
                v.Reason, v.CreatedBy, v.CreatedAt)).ToList());
    }

    /// <summary>A new version of the definition, which becomes current; earlier versions stay (coordinators).</summary>
    private static async Task<IResult> AddVersion(string code, DefinitionInput input, IndicatorEditor editor, PactwerkDb db, CancellationToken ct) =>
        await EditResults.ToResultAsync(await editor.AddVersionAsync(code, input, ct),
            async i => TypedResults.Created($"/api/v1/indicators/{i.Code}/versions", await IndicatorAsync(db, i.Code, ct)),
            $"Er is geen indicator met code '{code}'.", i => IndicatorAsync(db, i.Code, ct), 0);

    /// <summary>
    /// Values of an indicator for one region or every region of a set, for one period (2023 or
    /// 2023/2024) or all, optionally split by a dimension. Each value is Σ numerator / Σ
    /// denominator over the region's municipalities, with the suppressed cells left out and counted.
    /// </summary>
    /// Figures of a published source are shown as computed. Figures of a confidential source on fewer than five
    /// units are hidden from readers who are not coordinators (the small-cell rule, <see cref="Pages.SmallCells"/>):
    /// their value, numerator and denominator are null and "protected" says why.
    private static async Task<Results<Ok<List<ValueRow>>, ValidationProblem>> GetValues(MonitorFigures figures,
        string? indicator, string? regionSet, string? region, string? period, string? breakdown, CancellationToken ct)
    {
        var query = new ValuesQuery(indicator, regionSet, region, period, breakdown);
        return await figures.ReadAsync(query, await figures.ReaderAsync(ct), ct) switch
        {
            QueryOutcome<Figures>.Found found => TypedResults.Ok(found.Value.Rows.ToList()),
            QueryOutcome<Figures>.Invalid invalid => TypedResults.ValidationProblem(new Dictionary<string, string[]> { [invalid.Parameter] = [invalid.Message] }),
            _ => throw new InvalidOperationException(),
        };
    }

    /// <summary>Baseline, target, latest value and the on-track status of an indicator for a region.</summary>
    /// The status is judged on the figures the reader may see: a hidden latest value is not given away by it.
    private static async Task<Results<Ok<StatusDto>, ValidationProblem>> GetStatus(MonitorFigures figures, string? indicator, string? region, CancellationToken ct)
    {
        var values = await figures.ReadAsync(new ValuesQuery(indicator, null, region, null, null), await figures.ReaderAsync(ct), ct);
        if (values is QueryOutcome<Figures>.Invalid invalid)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [invalid.Parameter] = [invalid.Message] });
        var series = ((QueryOutcome<Figures>.Found)values).Value;
        var code = region!.Trim().ToUpperInvariant();
        var track = MonitorFigures.Track(series, await figures.GoalsAsync(series.Indicator.Id, code, ct));
        static GoalDto? Goal(GoalPeriod? g) => g is null ? null : new GoalDto(g.Period.ToString(), g.Value);
        return TypedResults.Ok(new StatusDto(series.Indicator.Code, series.Rows.FirstOrDefault()?.Region ?? new RegionRef(code, code), track.Plan,
            Goal(track.Baseline), Goal(track.Target), track.Latest, track.Status.ToString(), OnTrackRule));
    }

    public const string OnTrackRule = "Op koers als ten minste 85% is bereikt van de vooruitgang die volgens de rechte lijn van nulmeting naar streefwaarde nu verwacht mag worden.";

    /// <summary>
    /// Imports a file (multipart: file, profile, optionally publishedOn as yyyy-MM-dd, and replaceShrinking=true to confirm a file that
    /// removes more than Monitor:ShrinkingShareThreshold percent of a period's current figures). All or nothing; the report lists every rejected row.
    /// The size limit is Monitor:MaxImportBytes, not the server's default of 30 MB.
    /// </summary>
    private static async Task<Results<Ok<ImportReport>, BadRequest<ImportReport>, ProblemHttpResult>> Import(HttpRequest request,
        MonitorImportService imports, Microsoft.Extensions.Options.IOptions<MonitorOptions> options, CancellationToken ct)
    {
        var (form, problem) = await Uploads.ReadFormAsync(request, options.Value.MaxImportBytes, ct);
        if (problem is not null)
            return problem;
        var file = form!.Files.GetFile("file")!;
        DateOnly? publishedOn = null;
        if (form["publishedOn"].ToString() is { Length: > 0 } published)
        {
            if (!DateOnly.TryParseExact(published, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day))
                return TypedResults.Problem($"De publicatiedatum '{published}' is geen datum als 2024-03-15.", statusCode: StatusCodes.Status400BadRequest, title: "Ongeldige datum");
            publishedOn = day;
        }
        var replaceShrinking = form["replaceShrinking"].ToString() is "true" or "True" or "1";
        var report = await imports.ImportAsync(form["profile"].ToString(), file.FileName, await Uploads.ReadAllAsync(file, ct), ct, publishedOn, replaceShrinking);
        return report.Status == ImportStatus.Rejected ? TypedResults.BadRequest(report) : TypedResults.Ok(report);
    }
}
