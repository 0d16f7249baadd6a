using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.Knowledge;

/// <summary>One event with its registration form; an internal meeting's agenda, documents and minutes for its members.</summary>
[AllowAnonymous]
public sealed class EventModel(PactwerkDb db, AccessScopeProvider scopes, EventRegistrar registrar, TimeProvider clock, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> t) : PageModel
{
    public EventDto Event { get; private set; } = null!;
    [BindProperty] public EventRegistrationInput Input { get; set; } = new();
    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public bool Registered { get; private set; }
    /// <summary>The registration just made went onto the waiting list.</summary>
    public bool Waiting { get; private set; }
    public bool MayManage { get; private set; }
    /// <summary>Over: no form, the registrants stay readable.</summary>
    public bool Past { get; private set; }
    /// <summary>The registrant list, for the event's organisers; null for everyone else.</summary>
    public IReadOnlyList<Registrant>? Registrants { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
            return NotFound();
        switch (await registrar.RegisterAsync(id, Input, HttpContext.Connection.RemoteIpAddress?.ToString() ?? "local", ct))
        {
            case RegistrationOutcome.Registered registered:
                Registered = true;
                Waiting = registered.Registration.IsWaiting;
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
        Past = found.EndsAt < clock.GetUtcNow().UtcDateTime;
        var pactId = await db.Events.Where(e => e.Id == id).Select(e => e.PactId).SingleAsync(ct);
        MayManage = EventAccess.MayManage(scope, pactId);
        Registrants = found.Registration is not null && EventAccess.MaySeeRegistrants(scope, pactId) ? await EventRegistrants.ListAsync(db, id, ct) : null;
        return true;
    }
}
