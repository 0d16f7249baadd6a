using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.Vouchers;

/// <summary>Training vouchers: schemes with a budget ceiling, providers and their courses, applications and the waiting list.</summary>
public static class VouchersModule
{
    public static IHostApplicationBuilder AddVouchers(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<SchemeGate>();
        services.AddSingleton<SchemeDecisions>();
        services.AddSingleton<SchemeSnapshots>();
        services.AddSingleton<VoucherMailQueue>();
        services.AddSingleton(sp => new Web.Shared.QueueLength("voucher-mail", () => sp.GetRequiredService<VoucherMailQueue>().Reader.Count));
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, VoucherMailTrigger>();
        services.AddHostedService<VoucherMailer>();
        services.AddScoped<VoucherApplications>();
        services.AddScoped<EmailConfirmations>();
        services.AddScoped<VoucherSchemeEditor>();
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

        // Officers and provider users sign in with two-factor: the rule holds for every page of this area and every
        // endpoint it maps that asks for a signed-in user; the public ones (AllowAnonymous) are not touched by it.
        services.AddAuthorizationBuilder().AddPolicy(StaffPolicy, p => p.RequireAuthenticatedUser().AddRequirements(
            new TwoFactorRequirement((s, scope, ct) => VoucherAccess.NeedsTwoFactorAsync(s.GetRequiredService<Data.PactwerkDb>(), scope, ct))));
        services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(o =>
        {
            o.Conventions.AuthorizeFolder("/Vouchers", StaffPolicy);
            o.Conventions.AddPageRoute("/Vouchers/Pages/EditScheme", "regelingen/nieuw");
        });
        return builder;
    }

    /// <summary>The policy of the officers' and providers' pages and endpoints: signed in, with two-factor where <see cref="VoucherAccess.NeedsTwoFactorAsync"/> says so.</summary>
    public const string StaffPolicy = "VoucherStaff";

    public static WebApplication MapVouchers(this WebApplication app, RouteGroupBuilder api)
    {
        var vouchers = api.MapGroup("").RequireAuthorization(StaffPolicy);
        vouchers.MapVouchersApi();
        vouchers.MapVoucherLifeApi();
        vouchers.MapVoucherPaymentsApi();
        return app;
    }
}
