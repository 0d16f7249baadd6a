namespace Pactwerk.Web.Features.Newsletter;

/// <summary>The newsletter's services: composing, subscriptions, the sending worker and (in development) the local SMTP sink.</summary>
public static class NewsletterSetup
{
    public static IServiceCollection AddNewsletter(this IServiceCollection services, IConfiguration configuration)
    {
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
        return services;
    }
}
