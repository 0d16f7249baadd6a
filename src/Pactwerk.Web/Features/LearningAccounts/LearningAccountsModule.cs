using Pactwerk.Web.Features.Accounts;

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
        services.AddScoped<HolderFactsEditor>();
        services.AddScoped<LearningBookings>();
        services.AddScoped<BookingDelivery>();
        services.AddScoped<BookingDisputes>();
        services.Configure<BookingDeadlineOptions>(builder.Configuration.GetSection("LearningAccounts:Bookings"));
        services.AddScoped<FunderReports>();
        services.Configure<CoPaymentOptions>(builder.Configuration.GetSection("LearningAccounts:CoPayment"));
        services.AddHostedService<LedgerExpiryWorker>();
        services.AddScoped<LearningAccountMonitorFeed>();
        services.Configure<LearningAccountMonitorFeedOptions>(builder.Configuration.GetSection("LearningAccounts:MonitorFeed"));
        services.AddHostedService<LearningAccountMonitorFeedWorker>();

        // Funders' officers move money and see people's data: they sign in with two-factor, as the vouchers' officers
        // do. The policy holds for the funders' endpoints and the upload page; a statement asks it itself
        // (LearningAccountQueries), since its holder reads it without.
        services.AddAuthorizationBuilder().AddPolicy(OfficerPolicy, p => p.RequireAuthenticatedUser().AddRequirements(
            new TwoFactorRequirement((s, scope, ct) => LearningAccountAccess.NeedsTwoFactorAsync(s.GetRequiredService<Data.PactwerkDb>(), scope, ct))));
        return builder;
    }

    /// <summary>The policy of the funders' endpoints and pages: signed in, with two-factor where <see cref="LearningAccountAccess.NeedsTwoFactorAsync"/> says so.</summary>
    public const string OfficerPolicy = "LearningFunderOfficer";

    public static WebApplication MapLearningAccounts(this WebApplication app, RouteGroupBuilder api)
    {
        api.MapLearningAccountsApi();
        api.MapLearningBookingsApi();
        api.MapFunderReportApi();
        return app;
    }
}
