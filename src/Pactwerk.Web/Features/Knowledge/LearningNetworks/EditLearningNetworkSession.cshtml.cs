using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Knowledge;

/// <summary>The network's managers plan a session (…/bijeenkomsten/nieuw) or change one; the same rules as the API.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class EditLearningNetworkSessionModel(PactwerkDb db, LearningNetworkAccess access, LearningNetworkManager manager) : EditPageModel
{
    public int? Id { get; private set; }
    public int NetworkId { get; private set; }
    public string NetworkName { get; private set; } = "";
    [BindProperty] public SessionInput Input { get; set; } = new();

    protected override string Localise(string message) => KnowledgeMessages.Localise(Localiser, message);

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
        return await SaveAsync(() => manager.SaveSessionAsync(network, id, Input, ct), s => $"/lerende-netwerken/{network}/bijeenkomsten/{s.Id}") ?? Page();
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
