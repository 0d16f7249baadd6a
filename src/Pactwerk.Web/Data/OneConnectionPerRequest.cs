using Microsoft.EntityFrameworkCore;

namespace Pactwerk.Web.Data;

/// <summary>
/// A signed-in page is not served from the output cache and reads the database a dozen times: the
/// session check, the reader's rights, the page's own queries. EF opens and closes the connection
/// around each of them, and on SQLite every open takes the pool's lock and registers EF's functions
/// on the connection again; under load that is most of the page's time. A request that carries a
/// session cookie or a token opens the request's connection once, before authentication, and EF
/// closes it with the request's context. Anonymous requests (mostly output-cached) open nothing.
/// </summary>
public sealed class OneConnectionPerRequest(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, PactwerkDb db)
    {
        if (context.Request.Cookies.ContainsKey("pactwerk") || context.Request.Headers.Authorization.Count > 0)
            await db.Database.OpenConnectionAsync(context.RequestAborted);
        await next(context);
    }
}
