namespace Pactwerk.Web.Features.Audit;

/// <summary>The audit trail; entries are written with the change they record (see the database's registration).</summary>
public static class AuditModule
{
    public static IHostApplicationBuilder AddAudit(this IHostApplicationBuilder builder) => builder;

    public static WebApplication MapAudit(this WebApplication app, RouteGroupBuilder api)
    {
        api.MapAuditApi();
        return app;
    }
}
