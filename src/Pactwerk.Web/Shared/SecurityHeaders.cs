using Microsoft.AspNetCore.HttpOverrides;

namespace Pactwerk.Web.Shared;

public sealed class HostingOptions
{
    public const string Section = "Hosting";
    /// <summary>Trust X-Forwarded-For/-Proto from a reverse proxy in front of the app.</summary>
    public bool BehindProxy { get; set; }
    /// <summary>Send Strict-Transport-Security (only when served over HTTPS).</summary>
    public bool Hsts { get; set; }
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
            var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            app.UseForwardedHeaders(forwarded);
        }
        if (hosting.Hsts)
            app.UseHsts();

        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            // Scalar's reference styles itself at run time; scripts stay 'self' there too.
            headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/scalar")
                ? ContentSecurityPolicy.Replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
                : ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return next(context);
        });
        return app;
    }
}
