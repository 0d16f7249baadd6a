using Microsoft.AspNetCore.Antiforgery;
using Pactwerk.Web.Features.Audit;

namespace Pactwerk.Web.Features.Accounts;

/// <summary>Checks on every request that would change something, whatever endpoint it reaches.</summary>
public static class WriteGuards
{
    public const string AntiforgeryHeader = "RequestVerificationToken";

    public static WebApplication UseWriteGuards(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            var writes = !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method));
            if (writes && context.User.HasClaim(PactwerkClaims.ReadOnly, "true"))
            {
                await Results.Problem("Dit API-token mag alleen lezen.", statusCode: StatusCodes.Status403Forbidden, title: "Geen toegang").ExecuteAsync(context);
                return;
            }
            // The browser sends the session cookie with any cross-site request; an API write with the
            // cookie must also carry the page's antiforgery token in a header. Tokens need not.
            if (writes && request.Path.StartsWithSegments("/api") && context.User.Identity?.IsAuthenticated == true
                && !context.User.HasClaim(c => c.Type == PactwerkClaims.TokenId))
            {
                var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
                if (!await antiforgery.IsRequestValidAsync(context))
                {
                    await Results.Problem($"Stuur bij een wijziging met de sessiecookie het antiforgery-token mee in de header {AntiforgeryHeader}, of gebruik een API-token.",
                        statusCode: StatusCodes.Status400BadRequest, title: "Antiforgery-token ontbreekt").ExecuteAsync(context);
                    return;
                }
            }
            await next(context);
        });
        return app;
    }
}
