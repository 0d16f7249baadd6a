using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;

namespace Pactwerk.Web.Features.Accounts.External;

/// <summary>
/// On a page that sets or resets a local password: when local passwords are off, every request (a
/// mailed invitation or reset link too) goes to the sign-in page, which offers the providers, and nothing is changed or sent.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class LocalPasswordsOnlyAttribute : Attribute, IAsyncPageFilter
{
    public const string SwitchedOffPath = "/inloggen?wachtwoord=uit";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (!context.HttpContext.RequestServices.GetRequiredService<IOptions<ExternalSignInOptions>>().Value.LocalPasswords)
        {
            context.Result = new RedirectResult(SwitchedOffPath);
            return;
        }
        await next();
    }
}
