using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Monitor;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Agenda;

public sealed record PlanRegionDto(string Code, string Name);
public sealed record RevisionObjectiveDto(int Id, int Number, string Title);
public sealed record RevisionGoalDto(string Indicator, string IndicatorName, string Region, string RegionName, GoalKind Kind, int Period, double Value);
public sealed record RevisionActionDto(int Id, string Title, ActionStatus Status);
public sealed record RevisionReasonDto(RevisionItemKind Kind, string Key, string Reason);

/// <summary>A revision as the API and the pages show it; BasedOn is the number of the revision it was copied from.</summary>
public sealed record RevisionDto(int Id, int PlanId, int Number, string Label, RevisionStatus Status, int FirstYear, int LastYear, int RevisedIn,
    int? BasedOn, string? ProposedBy, DateTime? ProposedAt, string? AdoptedBy, DateTime? AdoptedAt,
    IReadOnlyList<string> Priorities, IReadOnlyList<RevisionObjectiveDto> Objectives, IReadOnlyList<RevisionGoalDto> Goals,
    IReadOnlyList<RevisionActionDto> Actions, IReadOnlyList<RevisionReasonDto> Reasons, int Version);

public sealed record RevisionSummaryDto(int Id, int Number, string Label, RevisionStatus Status, string? AdoptedBy, DateTime? AdoptedAt);

/// <summary>A plan: national when Region is null. Current is its adopted revision, if any.</summary>
public sealed record PlanDto(int Id, string Pact, string Title, PlanRegionDto? Region, RevisionSummaryDto? Current, IReadOnlyList<RevisionSummaryDto> Revisions);

/// <summary>
/// Reading plans and revisions. Plans and adopted (or superseded) revisions are public; drafts and
/// proposed revisions are work in progress, visible to signed-in users only.
/// </summary>
public static class PlanQueries
{
    public static bool IsPublic(RevisionStatus status) => status is RevisionStatus.Adopted or RevisionStatus.Superseded;

    public static Expression<Func<PlanRevision, bool>> Visible(bool signedIn) =>
        r => signedIn || r.Status == RevisionStatus.Adopted || r.Status == RevisionStatus.Superseded;

    public static async Task<List<PlanDto>> PlansAsync(PactwerkDb db, Expression<Func<Plan, bool>> filter, bool signedIn, CancellationToken ct)
    {
        var plans = await db.Plans.AsNoTracking().Where(filter)
            .Select(p => new
            {
                p.Id, Pact = db.Pacts.Where(x => x.Id == p.PactId).Select(x => x.Code).First(), p.Title,
                Region = p.Region == null ? null : new PlanRegionDto(p.Region.Code, p.Region.Name),
            }).ToListAsync(ct);
        var ids = plans.Select(p => p.Id).ToList();
        var revisions = await db.PlanRevisions.AsNoTracking().Where(r => ids.Contains(r.PlanId)).Where(Visible(signedIn)).ToListAsync(ct);
        return plans
            // The national plan first, then the regional ones by name.
            .OrderBy(p => p.Region is not null).ThenBy(p => p.Region?.Name, Values.Dutch)
            .Select(p =>
            {
                var own = revisions.Where(r => r.PlanId == p.Id).OrderBy(r => r.Number).Select(Summary).ToList();
                return new PlanDto(p.Id, p.Pact, p.Title, p.Region, own.SingleOrDefault(r => r.Status == RevisionStatus.Adopted), own);
            }).ToList();
    }

    private static RevisionSummaryDto Summary(PlanRevision r) => new(r.Id, r.Number, r.Label, r.Status, r.AdoptedBy, r.AdoptedAt);

    /// <summary>Revisions with everything in them, oldest first.</summary>
    public static async Task<List<RevisionDto>> RevisionsAsync(PactwerkDb db, Expression<Func<PlanRevision, bool>> filter, CancellationToken ct)
    {
        var revisions = await db.PlanRevisions.AsNoTracking().AsSplitQuery().Where(filter)
            .Include(r => r.Priorities).Include(r => r.Objectives).ThenInclude(o => o.Objective)
            .Include(r => r.Goals).Include(r => r.Actions).ThenInclude(a => a.Action).Include(r => r.Reasons)
            .OrderBy(r => r.PlanId).ThenBy(r => r.Number).ToListAsync(ct);
        var indicatorIds = revisions.SelectMany(r => r.Goals).Select(g => g.IndicatorId).Distinct().ToList();
        var regionIds = revisions.SelectMany(r => r.Goals).Select(g => g.RegionId).Distinct().ToList();
        var indicators = await db.Indicators.AsNoTracking().Where(i => indicatorIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        var regions = await db.Regions.AsNoTracking().Where(r => regionIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
        var basedOn = revisions.Where(r => r.BasedOnId is not null).Select(r => r.BasedOnId!.Value).Distinct().ToList();
        var numbers = await db.PlanRevisions.Where(r => basedOn.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Number, ct);
        return revisions.Select(r => new RevisionDto(r.Id, r.PlanId, r.Number, r.Label, r.Status, r.FirstYear, r.LastYear, r.RevisedIn,
            r.BasedOnId is { } b ? numbers[b] : null, r.ProposedBy, r.ProposedAt, r.AdoptedBy, r.AdoptedAt,
            r.Priorities.OrderBy(p => p.Position).Select(p => p.Text).ToList(),
            r.Objectives.Select(o => new RevisionObjectiveDto(o.ObjectiveId, o.Objective.Number, o.Objective.Title)).OrderBy(o => o.Number).ToList(),
            r.Goals.Select(g => new RevisionGoalDto(indicators[g.IndicatorId].Code, indicators[g.IndicatorId].Name, regions[g.RegionId].Code,
                    regions[g.RegionId].Name, g.Kind, g.PeriodStart, g.Value))
                .OrderBy(g => g.Indicator).ThenBy(g => g.Region).ThenBy(g => g.Kind).ToList(),
            r.Actions.Select(a => new RevisionActionDto(a.ActionId, a.Action.Title, a.Action.Status)).OrderBy(a => a.Title, Values.Dutch).ToList(),
            r.Reasons.OrderBy(x => x.Kind).ThenBy(x => x.Key).Select(x => new RevisionReasonDto(x.Kind, x.Key, x.Reason)).ToList(),
            r.Version)).ToList();
    }

    public static async Task<RevisionDto?> RevisionAsync(PactwerkDb db, int id, CancellationToken ct) =>
        (await RevisionsAsync(db, r => r.Id == id, ct)).SingleOrDefault();

    /// <summary>A revision flattened for <see cref="RevisionComparison"/>.</summary>
    public static RevisionContent Content(RevisionDto r) => Content(r.Number, r.Label, r.FirstYear, r.LastYear, r.Priorities,
        r.Objectives, r.Goals, r.Actions);

    public static RevisionContent Content(int number, string label, int firstYear, int lastYear, IEnumerable<string> priorities,
        IEnumerable<RevisionObjectiveDto> objectives, IEnumerable<RevisionGoalDto> goals, IEnumerable<RevisionActionDto> actions)
    {
        var items = new List<RevisionItem> { new(RevisionItemKind.Period, RevisionKeys.Period, "Looptijd", $"{firstYear}–{lastYear}") };
        // A priority is its wording: a reworded priority is one removed and one added.
        items.AddRange(priorities.Select(p => new RevisionItem(RevisionItemKind.Priority, RevisionKeys.Priority(p), p.Trim(), "")));
        items.AddRange(objectives.Select(o => new RevisionItem(RevisionItemKind.Objective, RevisionKeys.Objective(o.Number), $"{o.Number}. {o.Title}", "")));
        items.AddRange(goals.Select(g => new RevisionItem(RevisionItemKind.Goal, RevisionKeys.Goal(g.Indicator, g.Region, g.Kind),
            $"{g.IndicatorName} · {g.RegionName} · {(g.Kind == GoalKind.Baseline ? "nulmeting" : "streefwaarde")}",
            $"{g.Period}: {g.Value.ToString(CultureInfo.InvariantCulture)}")));
        items.AddRange(actions.Select(a => new RevisionItem(RevisionItemKind.Action, RevisionKeys.Action(a.Id), a.Title, "")));
        return new RevisionContent(number, label, items);
    }

    /// <summary>The comparison of two revisions of a plan, with the reasons recorded in between.</summary>
    public static async Task<IReadOnlyList<RevisionChange>> CompareAsync(PactwerkDb db, RevisionDto from, RevisionDto to, CancellationToken ct)
    {
        var (low, high) = (Math.Min(from.Number, to.Number), Math.Max(from.Number, to.Number));
        var reasons = await db.RevisionChangeReasons.AsNoTracking()
            .Join(db.PlanRevisions.Where(r => r.PlanId == from.PlanId && r.Number > low && r.Number <= high), x => x.RevisionId, r => r.Id,
                (x, r) => new RecordedReason(r.Number, x.Kind, x.Key, x.Reason))
            .ToListAsync(ct);
        return RevisionComparison.Compare(Content(from), Content(to), reasons);
    }
}
