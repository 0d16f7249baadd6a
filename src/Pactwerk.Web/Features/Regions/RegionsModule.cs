namespace Pactwerk.Web.Features.Regions;

/// <summary>Region sets, regions and their municipalities over time.</summary>
public static class RegionsModule
{
    public static IHostApplicationBuilder AddRegions(this IHostApplicationBuilder builder) => builder;

    public static WebApplication MapRegions(this WebApplication app, RouteGroupBuilder api)
    {
        api.MapRegionsApi();
        api.MapRegionLookupApi();
        return app;
    }
}
