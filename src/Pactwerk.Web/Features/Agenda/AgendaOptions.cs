using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Agenda;

/// <summary>Settings of the agenda, from the "Agenda" configuration section.</summary>
public sealed class AgendaOptions
{
    public const string Section = "Agenda";

    /// <summary>How far ahead an ending funding source flags an action as at risk, in months.</summary>
    [Range(0, 1200, ErrorMessage = "Agenda:ContinuityHorizonMonths is a number of months from 0 to 1200.")]
    public int ContinuityHorizonMonths { get; set; } = ContinuityRisk.DefaultHorizonMonths;
}

/// <summary>The continuity-risk check with today's date and the configured horizon, so every page and the API flag alike.</summary>
public sealed class ContinuityCheck(IOptions<AgendaOptions> options, TimeProvider clock)
{
    public int HorizonMonths => options.Value.ContinuityHorizonMonths;
    public DateOnly Today => clock.Today();

    public FundingSource? RiskOf(ActionStatus status, DateOnly? endsOn, IReadOnlyCollection<FundingSource> funding) =>
        ContinuityRisk.EndingWithoutFollowUp(status, endsOn, funding, Today, HorizonMonths);
}
