using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.Matching.Scoring;

namespace Pactwerk.Web.Features.Matching;

/// <summary>The candidates for a learning place (<see cref="OpeningCandidatesPage"/>), with a link to what the place asks for who may change it.</summary>
[Authorize]
public sealed class CandidatesModel(PactwerkDb db, AccessScopeProvider scopes, Rankings rankings, Proposals proposals, IStringLocalizer<SharedResource> t, TimeProvider clock)
    : OpeningCandidatesPage(db, scopes, rankings, proposals, t, clock)
{
    public string Place => Opening.Title;
    public bool MayEditRequirements { get; private set; }

    protected override Opening Which => Scoring.Opening.Place(Id);

    protected override void Loaded(AccessScope scope) => MayEditRequirements = MatchingAccess.EditsRequirementsFor(scope, Opening.OrganisationId);
}
