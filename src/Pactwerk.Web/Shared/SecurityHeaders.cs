using Microsoft.AspNetCore.HttpOverrides;

namespace Pactwerk.Web.Shared;

public sealed class HostingOptions
{
    public const string Section = "Hosting";
    /// <summary>Trust X-Forwarded-For/-Proto from a reverse proxy in front of the app.</summary>
    public bool BehindProxy { get; set; }
    /// <summary>Addresses of the reverse proxies whose forwarded headers are trusted (loopback always is).</summary>
    public string[] KnownProxies { get; set; } = [];
    /// <summary>Send Strict-Transport-Security (only when served over HTTPS).</summary>
    public bool Hsts { get; set; }
    /// <summary>The site's public address, used in e-mailed links and as the address sign-in providers send people back to. Required outside Development and Testing.</summary>
    public string? PublicBaseUrl { get; set; }
    /// <summary>The address e-mailed links start with: <see cref="PublicBaseUrl"/> without its trailing slash, or the development address when it is not set.</summary>
    public string SiteUrl => string.IsNullOrWhiteSpace(PublicBaseUrl) ? "http://localhost:5080" : PublicBaseUrl.TrimEnd('/');
}

/// <summary>Headers on every response: no inline script, no framing, no MIME sniffing, little referrer.</summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        var hosting = app.Configuration.GetSection(HostingOptions.Section).Get<HostingOptions>() ?? new HostingOptions();
        if (hosting.BehindProxy)
        {
            // Only the listed proxies (and loopback) are believed, so a client cannot forge its address.
            var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
            foreach (var proxy in hosting.KnownProxies)
                forwarded.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            app.UseForwardedHeaders(forwarded);
        }
        if (hosting.Hsts)
            app.UseHsts();

        app.Use((context, next) =>
        {
            // Set as the response starts, so an error page that cleared the response gets them too.
            context.Response.OnStarting(() => { Apply(context); return Task.CompletedTask; });
            return next(context);
        });
        return app;
    }

    private static void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        // Scalar's reference styles itself at run time; scripts stay 'self' there too.
        headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/scalar")
            ? ContentSecurityPolicy.Replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
            : ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        // The monitor's embeds are made to be framed by other sites; every other page is never framed.
        if (context.Request.Path.StartsWithSegments("/embed"))
            headers.ContentSecurityPolicy = ContentSecurityPolicy.Replace("frame-ancestors 'none'", "frame-ancestors *");
        else
            headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
    }
}
