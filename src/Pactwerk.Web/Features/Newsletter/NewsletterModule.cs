using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Pactwerk.Web.Features.Newsletter;

/// <summary>The newsletter: composing, subscriptions, the sending worker and (in development) the local SMTP sink.</summary>
public static class NewsletterModule
{
    public static IHostApplicationBuilder AddNewsletter(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.Configure<NewsletterOptions>(configuration.GetSection(NewsletterOptions.Section));
        services.AddScoped<NewsletterEditor>();
        services.AddScoped<NewsletterSubscriptions>();
        services.AddSingleton<SubscriptionLimiter>();
        services.AddSingleton<NewsletterSignal>();
        services.AddSingleton<NewsletterOutbox>();
        services.AddSingleton<NewsletterLinks>();
        // The sink listens before the worker starts sending.
        if (configuration.GetValue<bool>($"{NewsletterOptions.Section}:Smtp:Sink"))
            services.AddHostedService<SmtpSinkService>();
        services.AddHostedService<NewsletterWorker>();
        services.Configure<RazorPagesOptions>(o => o.Conventions.AddPageRoute("/Newsletter/Compose", "pact/{code}/nieuwsbrief/nieuw"));
        return builder;
    }

    public static WebApplication MapNewsletter(this WebApplication app, RouteGroupBuilder api)
    {
        api.MapNewsletterApi();
        return app;
    }
}
