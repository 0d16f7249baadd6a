using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Shared;

/// <summary>The web platform every module shares: localisation, Razor Pages, problem details, the pipeline, OpenAPI and health.</summary>
public static class WebModule
{
    /// <summary>The Dutch title of a problem by its status, for problems that carry none of their own (the key of the translation).</summary>
    private static readonly Dictionary<int, string> DefaultTitles = new()
    {
        [400] = "Ongeldig verzoek", [401] = "Niet aangemeld", [403] = "Geen toegang", [404] = "Niet gevonden", [409] = "Conflict",
        [410] = "Niet meer geldig", [422] = "Niet te verwerken", [429] = "Te veel verzoeken", [500] = "Er ging iets mis",
    };

    public static readonly CultureInfo[] Cultures = [new("nl"), new("en")];

    public static IHostApplicationBuilder AddWeb(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        // Dutch text (Fryslân, coördinator) as characters in the HTML, not as numeric entities.
        services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("nl");
            o.SupportedCultures = o.SupportedUICultures = Cultures;
            // Dutch unless the visitor chose otherwise: the browser's language does not decide on a page. An API client
            // has no language switch, so there the Accept-Language header counts too (after ?culture= and the cookie).
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider(), new ApiAcceptLanguageProvider()];
        });
        // Public pages carry [AllowAnonymous]; every other page falls under the deny-by-default policy.
        // Each module adds its own page conventions (the "new" routes of its edit pages).
        services.AddRazorPages(o => o.RootDirectory = "/Features")
            .AddRazorOptions(o => o.PageViewLocationFormats.Add("/Shared/{0}.cshtml"))
            .AddMvcOptions(o =>
            {
                o.ModelMetadataDetailsProviders.Add(new EditorChecksInput());
                // Before the framework's number binders, which read Dutch "1.5" as 15.
                o.ModelBinderProviders.Insert(0, new TypedNumberBinderProvider());
            })
            .AddViewLocalization();
        // A request the API cannot read gets a 400 that says where, never a stack trace.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            // A problem written by the exception handler or the status-code pages is written outside the localisation
            // middleware (they wrap it), where the culture is the default again: the request's own culture is on its feature.
            var before = CultureInfo.CurrentUICulture;
            if (c.HttpContext.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture is { } culture)
                CultureInfo.CurrentUICulture = culture;
            try
            {
                Customize(c);
            }
            finally
            {
                CultureInfo.CurrentUICulture = before;
            }
        });
        services.AddOptions<BadInputOptions>().BindConfiguration(BadInputOptions.Section);
        services.AddSingleton<BadInputLog>();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        services.AddOpenApi(o => o.AddPactwerkSecurity());
        return builder;
    }

    /// <summary>Every API problem in the reader's language; an unreadable request also counts as bad input.</summary>
    private static void Customize(Microsoft.AspNetCore.Http.ProblemDetailsContext c)
    {
        var t = c.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>>();
        if (c.Exception is BadHttpRequestException bad)
        {
            c.HttpContext.RequestServices.GetRequiredService<BadInputLog>().Refused(c.HttpContext, bad.Message);
            c.ProblemDetails.Title = "Ongeldig verzoek";
            c.ProblemDetails.Detail = bad.InnerException is System.Text.Json.JsonException { Path: { } path }
                ? t["De JSON kon niet worden gelezen: ongeldige waarde bij {0}.", path].Value
                : t["Het verzoek kon niet worden gelezen. Controleer de parameters en de JSON."].Value;
        }
        // Titles are written in Dutch, the key of their translation (ApiProblems' "Niet gevonden", a validation
        // problem's "De invoer is niet in orde"): one place turns them into the reader's language for every API.
        // A problem without a title of its own carries the framework's English one for its status ("Bad Request"); the Dutch
        // one takes its place first, so a Dutch reader sees Dutch and an English reader our translation.
        if (c.ProblemDetails.Status is { } status && DefaultTitles.TryGetValue(status, out var dutch)
            && (c.ProblemDetails.Title == Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) || (status == 500 && c.ProblemDetails.Title == "An error occurred while processing your request.")))
            c.ProblemDetails.Title = dutch;
        if (c.ProblemDetails.Title is { } title)
            c.ProblemDetails.Title = t[title].Value;
    }

    public static WebApplication UseWeb(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseTelemetry();
        var isApi = (HttpContext c) => c.Request.Path.StartsWithSegments("/api");
        app.UseWhen(isApi, api =>
        {
            api.UseExceptionHandler(new ExceptionHandlerOptions
            {
                StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
                // Bad input is the client's mistake, not ours: a rate-limited warning (BadInputLog), never an error with a stack trace.
                SuppressDiagnosticsCallback = c => c.Exception is BadHttpRequestException,
            });
            // A value the framework could not bind answers a bare 400 when the request delegate is generated at build
            // time (RDG): for an optional parsable value (?page=geen-getal) it sets the status without throwing, even
            // with ThrowOnBadRequest. Any 400 that reaches here without a body is therefore that, and it goes through
            // the same problem (and bad-input log) as a thrown BadHttpRequestException.
            var plain = new StatusCodePagesOptions();
            api.UseStatusCodePages(async s =>
            {
                var http = s.HttpContext;
                var status = http.Response.StatusCode;
                var written = await http.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = { Status = status },
                    Exception = status == StatusCodes.Status400BadRequest ? new BadHttpRequestException("A route or query value could not be read.") : null,
                });
                if (!written)
                    await plain.HandleAsync(s);
            });
        });
        app.UseWhen(c => !isApi(c), site =>
        {
            // Outside Development the friendly page, never the developer exception page; the error page logs the
            // exception itself, with the reference it shows, instead of the handler's entry without one.
            if (!app.Environment.IsDevelopment())
                site.UseExceptionHandler(new ExceptionHandlerOptions
                {
                    ExceptionHandlingPath = "/fout/500",
                    SuppressDiagnosticsCallback = c => c.ExceptionHandledBy == Microsoft.AspNetCore.Diagnostics.ExceptionHandledType.ExceptionHandlingPath,
                });
            site.UseStatusCodePagesWithReExecute("/fout/{0}");
        });
        app.UseRequestLocalization();
        app.UseStaticFiles();
        app.UseRouting();
        // After routing, so the guard reads a form with the endpoint's own limits ([RequestFormLimits]);
        // before authentication and every handler, so nothing else sees a control character.
        app.UseMiddleware<ControlCharacterGuard>();
        app.UseMiddleware<Data.OneConnectionPerRequest>();
        app.UseAuthentication();
        // What a signed-in reader gets is theirs: no shared cache (a proxy, a library's computer) may keep it.
        app.Use((context, next) =>
        {
            if (context.User.Identity?.IsAuthenticated == true)
                context.Response.OnStarting(() =>
                {
                    if (!context.Response.Headers.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.CacheControl))
                        context.Response.Headers.CacheControl = "private, no-cache";
                    return Task.CompletedTask;
                });
            return next(context);
        });
        app.UseAuthorization();
        app.UseWriteGuards();
        // After localisation and authentication: entries vary by culture, and signed-in readers bypass the cache.
        app.UseOutputCache();
        app.UseRateLimiter();
        app.UseAntiforgery();
        return app;
    }

    /// <summary>What is not a module's: the OpenAPI document and its reference, the health check, and the pages.</summary>
    public static WebApplication MapWeb(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapApiReference();
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteHealth }).AllowAnonymous();
        // Liveness asks only whether the process answers (a restart would not help a database that is down);
        // readiness whether this instance can serve: database reachable, schema current, figures loaded.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteHealth }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(HealthTags.Ready), ResponseWriter = WriteHealth }).AllowAnonymous();
        app.MapRazorPages();
        return app;
    }

    private static Task WriteHealth(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new { name = e.Key, status = e.Value.Status.ToString(), description = e.Value.Description }),
        }, JsonSerializerOptions.Web);
    }
}

/// <summary>The tag of the checks that say whether an instance can serve requests (<c>/health/ready</c>).</summary>
public static class HealthTags
{
    public const string Ready = "ready";
}

/// <summary>The Accept-Language header, for the API only: pages stay Dutch unless the visitor chooses (see <see cref="WebModule.AddWeb"/>).</summary>
public sealed class ApiAcceptLanguageProvider : AcceptLanguageHeaderRequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext) =>
        httpContext.Request.Path.StartsWithSegments("/api") ? base.DetermineProviderCultureResult(httpContext) : NullProviderCultureResult;
}
