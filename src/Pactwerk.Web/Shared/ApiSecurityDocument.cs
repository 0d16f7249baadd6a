using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Shared;

/// <summary>
/// Declares in the OpenAPI document how the API authenticates (see <see cref="ApiTokenAuthenticationHandler"/> and the
/// cookie of AccountsModule): a personal token as `Authorization: Bearer pw_…`, or the browser's sign-in cookie. Every
/// operation that is not anonymous lists both, so a client generator knows what to send.
/// </summary>
public static class ApiSecurityDocument
{
    public const string Bearer = "bearerToken";
    public const string Cookie = "cookie";
    /// <summary>The name of the sign-in cookie, as AccountsModule configures it.</summary>
    public const string CookieName = "pactwerk";

    public static OpenApiOptions AddPactwerkSecurity(this OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "pw_…",
                Description = "A personal API token, created on /account or with POST /api/v1/me/tokens; sent as `Authorization: Bearer pw_…`.",
            };
            document.Components.SecuritySchemes[Cookie] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Cookie, Name = CookieName,
                Description = "The sign-in cookie a browser gets at /inloggen.",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            // Deny by default: an endpoint without [AllowAnonymous] needs a signed-in user (the fallback policy).
            if (metadata.OfType<IAllowAnonymous>().Any())
                return Task.CompletedTask;
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = [] });
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Cookie, context.Document)] = [] });
            return Task.CompletedTask;
        });
        return options;
    }
}
