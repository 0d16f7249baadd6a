using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Programmes;

/// <summary>A programme with its steps, and one of its cohorts, as the writers and pages find them by their codes.</summary>
public static class ProgrammeLookup
{
    public static Task<Programme?> ProgrammeAsync(PactwerkDb db, string code, CancellationToken ct) =>
        db.Set<Programme>().AsNoTracking().Include(p => p.Steps.OrderBy(s => s.Position)).SingleOrDefaultAsync(p => p.Code == code, ct);

    public static Task<Cohort?> CohortAsync(PactwerkDb db, Programme programme, string code, CancellationToken ct) =>
        db.Set<Cohort>().AsNoTracking().SingleOrDefaultAsync(c => c.ProgrammeId == programme.Id && c.Code == code, ct);
}
