namespace Pactwerk.Web.Features.Pacts;

/// <summary>The pacts themselves: who they are, read by every other area.</summary>
public static class PactsModule
{
    public static IHostApplicationBuilder AddPacts(this IHostApplicationBuilder builder) => builder;

    public static WebApplication MapPacts(this WebApplication app, RouteGroupBuilder api)
    {
        api.MapPactsApi();
        return app;
    }
}
