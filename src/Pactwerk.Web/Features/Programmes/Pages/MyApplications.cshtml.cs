using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.Programmes;

/// <summary>The signed-in person's own applications and each step of their intake, as the API gives them (<see cref="ProgrammesApi.OwnAsync"/>).</summary>
[Authorize]
public sealed class MyApplicationsModel(PactwerkDb db, AccessScopeProvider scopes) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "aangemeld")] public bool Applied { get; set; }

    public IReadOnlyList<(OwnApplicationDto Application, Programme Programme, Cohort Cohort)> Applications { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Applications = await ProgrammesApi.OwnAsync(db, (await scopes.GetAsync(ct)).UserId, ct);
}
