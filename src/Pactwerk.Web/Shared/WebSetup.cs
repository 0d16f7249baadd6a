using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Pactwerk.Web.Features.Pacts;
using Pactwerk.Web.Features.Regions;
using Scalar.AspNetCore;

namespace Pactwerk.Web.Shared;

public static class WebSetup
{
    public static readonly CultureInfo[] Cultures = [new("nl"), new("en")];

    public static IHostApplicationBuilder AddPactwerkWeb(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("nl");
            o.SupportedCultures = o.SupportedUICultures = Cultures;
            // Dutch unless the visitor chose otherwise: the browser's language does not decide.
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });
        services.AddRazorPages(o => o.RootDirectory = "/Features")
            .AddRazorOptions(o => o.PageViewLocationFormats.Add("/Shared/{0}.cshtml"))
            .AddViewLocalization();
        services.AddProblemDetails();
        services.AddOpenApi();
        return builder;
    }

    public static WebApplication UsePactwerkWeb(this WebApplication app)
    {
        var isApi = (HttpContext c) => c.Request.Path.StartsWithSegments("/api");
        app.UseWhen(isApi, api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        app.UseWhen(c => !isApi(c), site =>
        {
            if (!app.Environment.IsDevelopment())
                site.UseExceptionHandler("/fout/500");
            site.UseStatusCodePagesWithReExecute("/fout/{0}");
        });
        app.UseRequestLocalization();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapPactwerkApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1");
        api.MapPactsApi();
        api.MapRegionsApi();

        app.MapOpenApi();
        app.MapScalarApiReference();
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteHealth });
        return app;
    }

    public static WebApplication MapPactwerkPages(this WebApplication app)
    {
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
