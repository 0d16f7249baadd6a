using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Accounts.Admin;

[Authorize(Policy = Policies.Coordinator)]
public sealed class InviteModel(AccountService accounts, PactwerkDb db) : PageModel
{
    public sealed record Option(string Code, string Name);
    public sealed record OrganisationOption(int Id, string Name);

    [BindProperty] public string DisplayName { get; set; } = "";
    [BindProperty] public string Email { get; set; } = "";
    [BindProperty] public RoleKind Kind { get; set; } = RoleKind.RegionalLead;
    [BindProperty] public string? PactCode { get; set; }
    [BindProperty] public string? RegionCode { get; set; }
    [BindProperty] public int? OrganisationId { get; set; }

    public string? Invited { get; private set; }
    public List<string> Errors { get; } = [];
    public List<Option> Pacts { get; private set; } = [];
    public List<OrganisationOption> Organisations { get; private set; } = [];

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task OnPostAsync(CancellationToken ct)
    {
        var request = new InvitationRequest(Email, DisplayName, new RoleRequest(Kind, PactCode, RegionCode, OrganisationId), null);
        switch (await accounts.InviteAsync(request, AccountsApi.SetPasswordUrl(HttpContext), ct))
        {
            case AccountOutcome<PactwerkUser>.Done done:
                Invited = done.Value.Email;
                (DisplayName, Email, RegionCode) = ("", "", null);
                break;
            case AccountOutcome<PactwerkUser>.Invalid invalid:
                Errors.AddRange(invalid.Errors.SelectMany(e => e.Value));
                break;
            case AccountOutcome<PactwerkUser>.Forbidden forbidden:
                Response.StatusCode = StatusCodes.Status403Forbidden;
                Errors.Add(forbidden.Reason);
                break;
        }
        await LoadAsync(ct);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Pacts = await db.Pacts.OrderBy(p => p.Name).Select(p => new Option(p.Code, p.Name)).ToListAsync(ct);
        Organisations = await db.Organisations.OrderBy(o => o.Name).Select(o => new OrganisationOption(o.Id, o.Name)).ToListAsync(ct);
    }
}
