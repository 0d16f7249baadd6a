using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Knowledge;

/// <summary>The network's managers plan a session (…/bijeenkomsten/nieuw) or change one; the same rules as the API.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class EditLearningNetworkSessionModel(PactwerkDb db, LearningNetworkAccess access, LearningNetworkManager manager, IStringLocalizer<SharedResource> t) : PageModel
{
    public int? Id { get; private set; }
    public int NetworkId { get; private set; }
    public string NetworkName { get; private set; } = "";
    [BindProperty] public SessionInput Input { get; set; } = new();
    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public string? ErrorId(string field) => Errors.ContainsKey(field) ? $"fout-{field}" : null;

    public async Task<IActionResult> OnGetAsync(int network, int? id, CancellationToken ct)
    {
        if (await LoadAsync(network, id, ct) is { } refusal)
            return refusal;
        if (id is { } existing)
        {
            var s = await db.LearningNetworkSessions.AsNoTracking().SingleAsync(x => x.Id == existing, ct);
            Input = new SessionInput { Date = s.Date, Place = s.Place, Theme = s.Theme, Agenda = s.Agenda, Notes = s.Notes, Version = s.Version };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int network, int? id, CancellationToken ct)
    {
        if (await LoadAsync(network, id, ct) is { } refusal)
            return refusal;
        if (!ModelState.IsValid && ModelState[$"{nameof(Input)}.{nameof(SessionInput.Date)}"]?.Errors.Count > 0)
        {
            // A date the browser did not check (an old browser, or typed by hand) arrives as text the binder refused.
            Input.Date = null;
        }
        var outcome = await manager.SaveSessionAsync(network, id, Input, ct);
        return EditPages.Answer(this, outcome, s => $"/lerende-netwerken/{network}/bijeenkomsten/{s.Id}", e => Errors = KnowledgeMessages.Localise(t, e)) ?? Page();
    }

    /// <summary>Not found for those who do not see the network (or the session); forbidden for those who see but do not manage it.</summary>
    private async Task<IActionResult?> LoadAsync(int network, int? id, CancellationToken ct)
    {
        (NetworkId, Id) = (network, id);
        switch (await manager.MayManageAsync(network, ct))
        {
            case null:
                return NotFound();
            case false:
                return Forbid();
        }
        if (id is { } existing && !await db.LearningNetworkSessions.AnyAsync(s => s.Id == existing && s.NetworkId == network, ct))
            return NotFound();
        NetworkName = (await access.VisibleNetworkAsync(network, ct))!.Name;
        return null;
    }
}
