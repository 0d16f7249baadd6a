using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Accounts;

/// <summary>
/// Keeps <see cref="PactwerkUser.LastSignInAt"/>: set whenever the browser session cookie is issued
/// (a sign-in with the form, or right after setting a password), so administrators see dormant accounts.
/// </summary>
internal static class SignInRecorder
{
    public static IServiceCollection AddSignInRecorder(this IServiceCollection services) =>
        services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, o =>
        {
            var previous = o.Events.OnSignedIn;
            o.Events.OnSignedIn = async context =>
            {
                await previous(context);
                if (context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier) is not { } id)
                    return;
                var services = context.HttpContext.RequestServices;
                var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
                await services.GetRequiredService<PactwerkDb>().Users.Where(u => u.Id == id)
                    .ExecuteUpdateAsync(s => s.SetProperty(u => u.LastSignInAt, now), context.HttpContext.RequestAborted);
            };
        });
}
