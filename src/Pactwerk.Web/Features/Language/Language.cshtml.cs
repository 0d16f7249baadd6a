using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Language;

/// <summary>The language switch: remembers the choice in the culture cookie for a year.</summary>
[Microsoft.AspNetCore.Authorization.AllowAnonymous]
// Without a token: a forged switch can do no more than change the language, and a page with the
// switch in its header can then be served from the output cache to every visitor alike.
[IgnoreAntiforgeryToken]
public sealed class LanguageModel : PageModel
{
    public IActionResult OnGet() => NotFound();

    public IActionResult OnPost(string? culture, string? returnUrl)
    {
        if (culture is null || !WebSetup.Cultures.Any(c => c.Name == culture))
            return BadRequest();
        Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
