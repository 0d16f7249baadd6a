using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.Knowledge;

/// <summary>One event with its registration form; an internal meeting's agenda, documents and minutes for its members.</summary>
[AllowAnonymous]
public sealed class EventModel(PactwerkDb db, AccessScopeProvider scopes, EventRegistrar registrar, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> t) : PageModel
{
    public EventDto Event { get; private set; } = null!;
    [BindProperty] public EventRegistrationInput Input { get; set; } = new();
    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public bool Registered { get; private set; }
    public bool MayManage { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
            return NotFound();
        switch (await registrar.RegisterAsync(id, Input, HttpContext.Connection.RemoteIpAddress?.ToString() ?? "local", ct))
        {
            case RegistrationOutcome.Registered:
                Registered = true;
                Input = new();
                await LoadAsync(id, ct);
                return Page();
            case RegistrationOutcome.Invalid invalid:
                Errors = KnowledgeMessages.Localise(t, invalid.Errors);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            case RegistrationOutcome.Refused refused:
                Errors = new Dictionary<string, string[]> { [""] = [KnowledgeMessages.Localise(t, refused.Message)] };
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            case RegistrationOutcome.TooMany many:
                Errors = new Dictionary<string, string[]> { [""] = [KnowledgeMessages.Localise(t, many.Message)] };
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                return Page();
            default:
                return NotFound();
        }
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        if (await EventQueries.FindAsync(db, scope, id, ct) is not { } found)
            return false;
        Event = found;
        MayManage = EventAccess.MayManage(scope, await db.Events.Where(e => e.Id == id).Select(e => e.PactId).SingleAsync(ct));
        return true;
    }
}
