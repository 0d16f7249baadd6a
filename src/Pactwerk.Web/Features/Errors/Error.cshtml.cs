using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Pactwerk.Web.Features.Errors;

/// <summary>
/// The friendly page for 404s and errors; never shows internals. An error carries a reference (the request's
/// identifier) that is also in the log entry of its exception, so a user's report leads to the stack trace.
/// </summary>
[IgnoreAntiforgeryToken]
[Microsoft.AspNetCore.Authorization.AllowAnonymous]
public sealed class ErrorModel(IStringLocalizer<SharedResource> t, ILogger<ErrorModel> logger) : PageModel
{
    public string Title { get; private set; } = "";
    public string Explanation { get; private set; } = "";
    /// <summary>Shown on a server error: what a user quotes and what the log entry of the exception says.</summary>
    public string? Reference { get; private set; }

    public void OnGet(int status) => Describe(status);
    public void OnPost(int status) => Describe(status);

    private void Describe(int status)
    {
        Response.StatusCode = status is >= 400 and < 600 ? status : 500;
        (Title, Explanation) = Response.StatusCode switch
        {
            404 => (t["Pagina niet gevonden"].Value, t["Deze pagina bestaat niet (meer). Controleer het adres, of begin op de startpagina."].Value),
            400 => (t["Ongeldig verzoek"].Value, t["Het verzoek kon niet worden verwerkt."].Value),
            _ => (t["Er ging iets mis"].Value, t["Er ging bij ons iets mis. Probeer het later opnieuw."].Value),
        };
        if (Response.StatusCode < 500)
            return;
        Reference = HttpContext.TraceIdentifier;
        // The exception handler's own log entry is switched off (WebModule): this one names the reference.
        if (HttpContext.Features.Get<IExceptionHandlerPathFeature>() is { } failure)
            logger.LogError(failure.Error, "Unhandled exception on {Method} {Path}; reference {Reference}",
                Request.Method, failure.Path, Reference);
    }
}
