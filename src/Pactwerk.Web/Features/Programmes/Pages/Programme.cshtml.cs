using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.Programmes;

/// <summary>
/// A programme's page: its targets and, per cohort, the live figures against them — as the API gives them
/// (<see cref="CohortFigures"/>), so the small-cell rule holds the same for every reader but the programme's staff.
/// </summary>
[AllowAnonymous]
public sealed class ProgrammeModel(PactwerkDb db, AccessScopeProvider scopes) : PageModel
{
    public Programme Programme { get; private set; } = null!;
    public string Owner { get; private set; } = "";
    public IReadOnlyList<(Cohort Cohort, CohortFiguresDto Figures)> Cohorts { get; private set; } = [];
    public IReadOnlyList<ProgrammeUnit> Modules { get; private set; } = [];
    /// <summary>The programme's length in weeks, when every module has one (<see cref="ProgrammeUnit.TotalWeeks"/>).</summary>
    public int? TotalWeeks { get; private set; }
    /// <summary>The reader is the programme's staff: the page links each cohort's intake.</summary>
    public bool IsStaff { get; private set; }
    public bool SignedIn { get; private set; }
    [BindProperty(SupportsGet = true, Name = "opgeslagen")] public bool Saved { get; set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        if (await ProgrammeLookup.ProgrammeAsync(db, code, ct) is not { } programme)
            return NotFound();
        Programme = programme;
        Owner = await db.Organisations.Where(o => o.Id == programme.OwnerOrganisationId).Select(o => o.Name).SingleAsync(ct);
        var cohorts = await db.Set<Cohort>().AsNoTracking().Where(c => c.ProgrammeId == programme.Id).OrderBy(c => c.StartDate).ThenBy(c => c.Id).ToListAsync(ct);
        var scope = await scopes.GetAsync(ct);
        var staff = IsStaff = ProgrammeAccess.IsStaff(scope, programme, forChange: false);
        SignedIn = scope.IsSignedIn;
        var figures = await CohortFigures.ForAsync(db, programme, cohorts.Select(c => c.Id).ToList(), unsuppressed: staff, ct);
        Cohorts = cohorts.Select(c => (c, figures[c.Id])).ToList();
        Modules = await db.Set<ProgrammeUnit>().AsNoTracking().Where(m => m.ProgrammeId == programme.Id).OrderBy(m => m.Position).ToListAsync(ct);
        TotalWeeks = ProgrammeUnit.TotalWeeks(Modules.Select(m => m.Weeks).ToList());
        return Page();
    }
}
