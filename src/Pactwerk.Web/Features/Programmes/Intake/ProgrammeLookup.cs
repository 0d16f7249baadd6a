using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Network;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Programmes;

/// <summary>A programme with its steps, and one of its cohorts, as the writers and pages find them by their codes.</summary>
public static class ProgrammeLookup
{
    public static Task<Programme?> ProgrammeAsync(PactwerkDb db, string code, CancellationToken ct) =>
        db.Set<Programme>().AsNoTracking().Include(p => p.Steps.OrderBy(s => s.Position)).SingleOrDefaultAsync(p => p.Code == code, ct);

    public static Task<Cohort?> CohortAsync(PactwerkDb db, Programme programme, string code, CancellationToken ct) =>
        db.Set<Cohort>().AsNoTracking().SingleOrDefaultAsync(c => c.ProgrammeId == programme.Id && c.Code == code, ct);

    /// <summary>
    /// The organisations of the programme's employer network as picker choices, by name: what the participant page's picker
    /// offers, in its lookup and in its no-script select. <see cref="Outcomes"/> records a new job at these alone.
    /// </summary>
    public static Task<List<LookupItem>> EmployersAsync(PactwerkDb db, int programmeId, CancellationToken ct) =>
        NetworkLookup.OrganisationsAsync(db.Organisations.AsNoTracking()
            .Where(o => db.Set<ProgrammeEmployer>().Any(e => e.ProgrammeId == programmeId && e.OrganisationId == o.Id)), ct);

    /// <summary>
    /// The ids of the programme's cohorts someone applied to, erased candidates included (their intake and outcomes are the
    /// cohort's history and the monitor's figures). The one question behind refusing to remove a cohort or a programme, or
    /// to change what applicants were told, and behind the pages that offer removal only where it would be allowed.
    /// </summary>
    public static async Task<IReadOnlySet<int>> CohortsAppliedToAsync(PactwerkDb db, int programmeId, CancellationToken ct) =>
        (await db.Set<Candidate>().Where(c => db.Set<Cohort>().Any(k => k.Id == c.CohortId && k.ProgrammeId == programmeId))
            .Select(c => c.CohortId).Distinct().ToListAsync(ct)).ToHashSet();
}
