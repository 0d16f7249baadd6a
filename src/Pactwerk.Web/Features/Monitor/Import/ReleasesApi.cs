using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Monitor.Import;

public sealed record ReleaseDto(int Id, string Source, string Dataset, string FileName, DateTime ImportedAt, DateOnly? PublishedOn, string ImportedBy,
    int RowsRead, int ObservationsWritten, int SuppressedCells, string Periods, bool Withdrawn, DateTime? WithdrawnAt, string? WithdrawnBy, string? WithdrawalReason);

public sealed record WithdrawalInput(string? Reason);

public static class ReleasesApi
{
    public static RouteGroupBuilder MapReleasesApi(this RouteGroupBuilder api)
    {
        var releases = api.MapGroup("/releases").WithTags("Monitor");
        releases.MapGet("", List).WithName("GetReleases").WithSummary("Every import, newest first, withdrawn ones included (coordinators).").RequireAuthorization(Policies.Coordinator);
        releases.MapPost("/{id:int}/withdrawal", Withdraw).WithName("WithdrawRelease").WithSummary("Withdraws a release (coordinators): its observations leave the monitor, the previous release's values come back; the history stays.").RequireAuthorization(Policies.Coordinator);
        return api;
    }

    public static IQueryable<ReleaseDto> Project(IQueryable<DataRelease> releases) => releases.Select(r => new ReleaseDto(r.Id, r.DataSource.Name, r.Dataset, r.FileName,
        r.ImportedAt, r.PublishedOn, r.ImportedBy, r.RowsRead, r.ObservationsWritten, r.SuppressedCells, r.Periods, r.WithdrawnAt != null, r.WithdrawnAt, r.WithdrawnBy, r.WithdrawalReason));

    /// <summary>Every import, newest first, withdrawn ones included (coordinators).</summary>
    private static async Task<Ok<List<ReleaseDto>>> List(PactwerkDb db, CancellationToken ct) =>
        TypedResults.Ok(await Project(db.DataReleases.AsNoTracking().OrderByDescending(r => r.Id)).ToListAsync(ct));

    /// <summary>Withdraws a release: its observations leave the monitor, the previous release's values come back; the history stays.</summary>
    private static async Task<Results<Ok<ReleaseDto>, ProblemHttpResult>> Withdraw(int id, WithdrawalInput input, ReleaseWithdrawal withdrawal, PactwerkDb db, CancellationToken ct) =>
        await withdrawal.WithdrawAsync(id, input.Reason, ct) switch
        {
            WithdrawalOutcome.Withdrawn w => TypedResults.Ok(await Project(db.DataReleases.AsNoTracking().Where(r => r.Id == w.Release.Id)).SingleAsync(ct)),
            WithdrawalOutcome.Invalid i => TypedResults.Problem(i.Message, statusCode: StatusCodes.Status400BadRequest, title: "Niet ingetrokken"),
            _ => ApiProblems.NotFound($"Er is geen release {id}."),
        };
}
