using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Agenda;

public sealed record PartnerDto(int Id, string Name, string Role);
public sealed record ObjectiveRefDto(int Id, int Number, string Title);
/// <param name="Version">Send it back to change or remove the source; a stale one is refused with what changed since.</param>
public sealed record FundingDto(int Id, string Funder, decimal Amount, DateOnly StartsOn, DateOnly EndsOn, int Version);
public sealed record OutputDto(int Id, int Year, OutputUnit Unit, decimal Quantity, string? Note, string ReportedBy, DateTime ReportedAt);
/// <param name="Corrected">True when the report replaced the figure already reported for the year and unit (<paramref name="PreviousQuantity"/>).</param>
public sealed record OutputReportDto(int Id, int Year, OutputUnit Unit, decimal Quantity, string? Note, string ReportedBy, DateTime ReportedAt,
    bool Corrected, decimal? PreviousQuantity);

/// <param name="RiskSource">The funding source that ends without follow-up, when <paramref name="AtRisk"/>.</param>
/// <param name="OverdueYears">Years without a reported output; only for those who may edit the action, empty for others.</param>
public sealed record ActionDetail(int Id, string Pact, string PactName, string Slug, string Title, string Summary, PactActionKind Kind, ActionStatus Status,
    string? StopReason, int? LeadOrganisationId, string? LeadOrganisation, DateOnly? StartsOn, DateOnly? EndsOn, decimal? Budget, int Version,
    IReadOnlyList<ActionRegionDto> Regions, IReadOnlyList<PartnerDto> Partners, IReadOnlyList<ObjectiveRefDto> Objectives,
    IReadOnlyList<FundingDto> Funding, IReadOnlyList<OutputDto> Outputs, bool AtRisk, FundingDto? RiskSource, IReadOnlyList<int> OverdueYears, bool MayEdit);

/// <summary>One action with everything about it, as the API and the action page show it.</summary>
public sealed class ActionDetails(PactwerkDb db, PactActionEditor editor, ContinuityCheck continuity)
{
    public async Task<ActionDetail?> FindAsync(int id, CancellationToken ct)
    {
        var a = await db.PactActions.AsNoTracking().AsSplitQuery()
            .Include(a => a.Regions).ThenInclude(r => r.Region).Include(a => a.Partners).ThenInclude(p => p.Organisation)
            .Include(a => a.Objectives).ThenInclude(o => o.Objective).Include(a => a.Funding).Include(a => a.Outputs).Include(a => a.LeadOrganisation)
            .SingleOrDefaultAsync(a => a.Id == id, ct);
        if (a is null)
            return null;
        var pact = await db.Pacts.Where(p => p.Id == a.PactId).Select(p => new { p.Code, p.Name }).SingleAsync(ct);
        var mayEdit = await editor.MayEditAsync(a, ct);
        var risk = continuity.RiskOf(a.Status, a.EndsOn, a.Funding);
        return new ActionDetail(a.Id, pact.Code, pact.Name, a.Slug, a.Title, a.Summary, a.Kind, a.Status, a.StopReason, a.LeadOrganisationId, a.LeadOrganisation?.Name,
            a.StartsOn, a.EndsOn, a.Budget, a.Version,
            a.Regions.OrderBy(r => r.Region.Code, StringComparer.Ordinal).Select(r => new ActionRegionDto(r.Region.Code, r.Region.Name)).ToList(),
            a.Partners.OrderBy(p => p.Organisation.Name, Web.Shared.Values.Dutch).Select(p => new PartnerDto(p.OrganisationId, p.Organisation.Name, p.Role)).ToList(),
            a.Objectives.OrderBy(o => o.Objective.Number).Select(o => new ObjectiveRefDto(o.ObjectiveId, o.Objective.Number, o.Objective.Title)).ToList(),
            a.Funding.OrderBy(f => f.StartsOn).ThenBy(f => f.Id).Select(Funding).ToList(),
            a.Outputs.OrderBy(o => o.Year).ThenBy(o => o.Unit).ThenBy(o => o.Id)
                .Select(o => new OutputDto(o.Id, o.Year, o.Unit, o.Quantity, o.Note, o.ReportedBy, DateTime.SpecifyKind(o.ReportedAt, DateTimeKind.Utc))).ToList(),
            risk is not null, risk is null ? null : Funding(risk),
            mayEdit ? OutputReporting.OverdueYears(a, continuity.Today) : [], mayEdit);
    }

    public static FundingDto Funding(FundingSource f) => new(f.Id, f.Funder, f.Amount, f.StartsOn, f.EndsOn, f.Version);
}
