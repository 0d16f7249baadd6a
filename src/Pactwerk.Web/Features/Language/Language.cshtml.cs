using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Language;

/// <summary>The language switch: remembers the choice in the culture cookie for a year.</summary>
[Microsoft.AspNetCore.Authorization.AllowAnonymous]
public sealed class LanguageModel : PageModel
{
    /// <summary>
    /// The switch of output-cached pages (the public monitor), which cannot carry a visitor's
    /// antiforgery token; a forged link can do no more than change the language.
    /// </summary>
    public IActionResult OnGet(string? culture, string? returnUrl) => culture is null ? NotFound() : OnPost(culture, returnUrl);

    public IActionResult OnPost(string? culture, string? returnUrl)
    {
        if (culture is null || !WebModule.Cultures.Any(c => c.Name == culture))
            return BadRequest();
        Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
