using Scalar.AspNetCore;

namespace Pactwerk.Web.Shared;

/// <summary>
/// The Scalar API reference at /scalar. Scalar's own page starts itself with an inline script,
/// which our Content-Security-Policy forbids; this page loads the same bundle and starts it from
/// wwwroot/js/scalar-init.js instead.
/// </summary>
public static class ApiReference
{
    private const string Page = """
        <!doctype html>
        <html lang="en">
        <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <title>Pactwerk API</title>
        </head>
        <body>
            <div id="app"></div>
            <script src="/scalar/scalar.js"></script>
            <script type="module" src="/js/scalar-init.js"></script>
        </body>
        </html>
        """;

    public static WebApplication MapApiReference(this WebApplication app)
    {
        app.MapScalarApiReference().AllowAnonymous().ExcludeFromDescription();
        // A literal route outranks Scalar's /scalar/{documentName?}, so this page is the one served.
        app.MapGet("/scalar", () => Results.Content(Page, "text/html; charset=utf-8")).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
