namespace Pactwerk.Web.Features.LearningAccounts;

/// <summary>Learning accounts (leerrekening): money for training that belongs to the person, paid in by several funders, on one ledger.</summary>
public static class LearningAccountsModule
{
    public static IHostApplicationBuilder AddLearningAccounts(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<LedgerGate>();
        services.AddScoped<LearningLedger>();
        services.AddScoped<LearningDeposits>();
        services.AddScoped<DepositFiles>();
        services.AddScoped<LearningAccountQueries>();
        services.AddScoped<LearningBookings>();
        services.Configure<CoPaymentOptions>(builder.Configuration.GetSection("LearningAccounts:CoPayment"));
        services.AddHostedService<LedgerExpiryWorker>();
        services.AddScoped<LearningAccountMonitorFeed>();
        services.Configure<LearningAccountMonitorFeedOptions>(builder.Configuration.GetSection("LearningAccounts:MonitorFeed"));
        services.AddHostedService<LearningAccountMonitorFeedWorker>();
        return builder;
    }

    public static WebApplication MapLearningAccounts(this WebApplication app, RouteGroupBuilder api)
    {
        api.MapLearningAccountsApi();
        api.MapLearningBookingsApi();
        return app;
    }
}
