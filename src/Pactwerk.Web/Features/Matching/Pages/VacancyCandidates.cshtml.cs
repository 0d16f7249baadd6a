using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.Matching.Scoring;

namespace Pactwerk.Web.Features.Matching;

/// <summary>The candidates for a vacancy, by the same page as for a place (<see cref="OpeningCandidatesPage"/>): coordinators propose from here.</summary>
[Authorize]
public sealed class VacancyCandidatesModel(PactwerkDb db, AccessScopeProvider scopes, Rankings rankings, Proposals proposals, IStringLocalizer<SharedResource> t, TimeProvider clock)
    : OpeningCandidatesPage(db, scopes, rankings, proposals, t, clock)
{
    public string Title => Opening.Title;
    public int OrganisationId => Opening.OrganisationId;

    protected override Opening Which => Scoring.Opening.Vacancy(Id);
}
