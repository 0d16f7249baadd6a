namespace Pactwerk.Web.Features.Vouchers;

/// <summary>Training vouchers: schemes with a budget ceiling, providers and their courses, applications and the waiting list.</summary>
public static class VouchersModule
{
    public static IHostApplicationBuilder AddVouchers(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<SchemeGate>();
        services.AddSingleton<SchemeDecisions>();
        services.AddSingleton<VoucherMailQueue>();
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, VoucherMailTrigger>();
        services.AddHostedService<VoucherMailer>();
        services.AddScoped<VoucherApplications>();
        services.AddScoped<VoucherProviders>();
        services.AddScoped<VoucherQueries>();
        services.AddScoped<VoucherPrivacy>();
        services.AddScoped<VoucherFlags>();
        services.Configure<VoucherPrivacyOptions>(builder.Configuration.GetSection("Vouchers:Privacy"));
        services.AddHostedService<VoucherRetentionWorker>();
        services.AddScoped<VoucherLife>();
        services.AddScoped<VoucherProviderUsers>();
        services.AddScoped<VoucherExpiry>();
        services.AddScoped<VoucherPayments>();
        services.AddHostedService<VoucherExpiryWorker>();
        services.AddScoped<VoucherMonitorFeed>();
        services.AddScoped<Agenda.IActionIndicators, VoucherActionIndicators>();
        services.Configure<VoucherMonitorFeedOptions>(builder.Configuration.GetSection("Vouchers:MonitorFeed"));
        services.AddHostedService<VoucherMonitorFeedWorker>();
        services.AddScoped<VoucherDraws>();
        services.AddHostedService<VoucherDrawWorker>();
        return builder;
    }

    public static WebApplication MapVouchers(this WebApplication app, RouteGroupBuilder api)
    {
        api.MapVouchersApi();
        api.MapVoucherLifeApi();
        api.MapVoucherPaymentsApi();
        return app;
    }
}
