using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.Knowledge;

public sealed record LearningNetworkLink(int Id, string Name, string PactName, bool Member);

/// <summary>
/// The way into a learning network from where its people already are: the pact's pages, the action the network is
/// run as, and a member's account page. Only networks the reader may open are listed (members, and the coordinators
/// of the network's pact, as <see cref="LearningNetworkAccess.VisibleNetworkAsync"/> decides), so a link never leads to a refusal.
/// </summary>
/// <remarks>Used from other areas' pages by name: <c>Component.InvokeAsync("LearningNetworkLinks", new { pact = "zorgpact" })</c>,
/// <c>new { action = 12 }</c> or <c>new { mine = true }</c>.</remarks>
public sealed class LearningNetworkLinksViewComponent(PactwerkDb db, AccessScopeProvider scopes) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(string? pact = null, int? action = null, bool mine = false)
    {
        var ct = HttpContext.RequestAborted;
        var scope = await scopes.GetAsync(ct);
        var links = new List<LearningNetworkLink>();
        if (scope.UserId is { } user)
        {
            var networks = db.LearningNetworks.AsNoTracking();
            if (pact is not null)
                networks = networks.Where(n => db.Pacts.Any(p => p.Id == n.PactId && p.Code == pact));
            if (action is { } actionId)
                networks = networks.Where(n => n.ActionId == actionId);
            var found = await networks.OrderBy(n => n.Name)
                .Select(n => new { n.Id, n.Name, n.PactId, Pact = db.Pacts.Where(p => p.Id == n.PactId).Select(p => p.Name).Single(),
                    Member = n.Members.Any(m => m.UserId == user) })
                .ToListAsync(ct);
            links = found.Where(n => n.Member || scope.Coordinates(n.PactId))
                .Select(n => new LearningNetworkLink(n.Id, n.Name, n.Pact, n.Member)).ToList();
        }
        return View("~/Features/Knowledge/LearningNetworks/_LearningNetworkLinks.cshtml", (Links: (IReadOnlyList<LearningNetworkLink>)links, Mine: mine));
    }
}
