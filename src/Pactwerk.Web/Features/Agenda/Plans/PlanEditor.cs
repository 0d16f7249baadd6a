using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.Audit;
using Pactwerk.Web.Features.Monitor;
using Pactwerk.Web.Shared;
using PlanOutcome = Pactwerk.Web.Shared.EditOutcome<Pactwerk.Web.Features.Agenda.Plan>;
using RevisionOutcome = Pactwerk.Web.Shared.EditOutcome<Pactwerk.Web.Features.Agenda.PlanRevision>;

namespace Pactwerk.Web.Features.Agenda;

/// <summary>A new plan: national without a region, regional with a landsdeel of the pact (TP-OOST). Its first revision starts as a draft.</summary>
public sealed class PlanInput
{
    [Required(ErrorMessage = "Geef een titel."), StringLength(300, ErrorMessage = "De titel is te lang (hoogstens 300 tekens).")]
    public string Title { get; set; } = "";
    public string? RegionCode { get; set; }
    public int FirstYear { get; set; }
    public int LastYear { get; set; }
    /// <summary>The year the plan was made; the first year when left out.</summary>
    public int? RevisedIn { get; set; }
}

public sealed class NextRevisionInput
{
    /// <summary>The year of the revision; this year when left out.</summary>
    public int? RevisedIn { get; set; }
}

public sealed class GoalInput
{
    /// <summary>Indicator code (hbo-aandeel-techniek).</summary>
    public string Indicator { get; set; } = "";
    /// <summary>Region code of any set (NL, TP-OOST, PV23).</summary>
    public string Region { get; set; } = "";
    public GoalKind Kind { get; set; }
    /// <summary>First year of the goal's period (2030 for 2030/2031).</summary>
    public int Period { get; set; }
    public double Value { get; set; }
}

/// <summary>Why one item changed; Kind and Key name the item as the comparison does (see <see cref="RevisionKeys"/>).</summary>
public sealed class ReasonInput
{
    public RevisionItemKind Kind { get; set; }
    public string Key { get; set; } = "";
    public string Reason { get; set; } = "";
}

/// <summary>
/// The whole content of a draft revision: what is left out is removed. Objectives by number,
/// actions by id. Version is the revision's version the editor started from.
/// </summary>
public sealed class RevisionInput
{
    public int FirstYear { get; set; }
    public int LastYear { get; set; }
    public List<string> Priorities { get; set; } = [];
    public List<int> Objectives { get; set; } = [];
    public List<GoalInput> Goals { get; set; } = [];
    public List<int> Actions { get; set; } = [];
    public List<ReasonInput> Reasons { get; set; } = [];
    public int Version { get; set; }
}

public sealed class WorkflowInput
{
    public int Version { get; set; }
}

/// <summary>
/// Plans and their revisions, for the API and the pages alike. The national plan is edited by the
/// pact's coordinators, a regional plan also by the regional leads and coordinators whose region
/// covers the plan's; the national plan is adopted by a coordinator, a regional one by the
/// landsdeel's lead. Only a draft changes; every change to a copy of an earlier revision needs its
/// reason.
/// </summary>
public sealed class PlanEditor(PactwerkDb db, AccessScopeProvider scopes, IAuditActor actor, TimeProvider clock)
{
    public const string AdoptedIsFinal = "Een vastgestelde herziening verandert niet meer; begin een nieuwe herziening.";
    public const string NextAlreadyStarted = "Er is intussen al een nieuwe herziening begonnen, door iemand anders; er is niets opgeslagen. Bekijk het plan opnieuw en werk in die herziening verder.";
    public const string HasNationalPlan = "Dit pact heeft al een landelijk plan; begin daar een nieuwe herziening.";
    public const string HasRegionalPlan = "Dit landsdeel heeft al een regionaal plan; begin daar een nieuwe herziening.";
    public const string ProposedIsFrozen = "Een voorgestelde herziening verandert niet; stuur haar eerst terug naar concept.";
    public const string ChangesNothing = "Deze herziening is gelijk aan de herziening waarvan ze een kopie is en verandert dus niets; er is niets gewijzigd. Wijzig eerst iets en geef de reden.";
    public const string LabelTaken = "Het plan heeft al een herziening met dezelfde naam (dezelfde looptijd en hetzelfde jaar van herziening); er is niets opgeslagen. Een herziening in een later jaar krijgt een eigen naam.";

    public async Task<bool> MayEditAsync(Plan plan, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        // No municipalities for the national plan: only the pact's coordinators qualify.
        return scope.MayEdit(plan.PactId, await MunicipalitiesAsync(plan.RegionId, ct), null);
    }

    public async Task<bool> MayAdoptAsync(Plan plan, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        if (scope.ReadOnly)
            return false;
        if (plan.RegionId is null)
            return scope.Coordinates(plan.PactId);
        var municipalities = await MunicipalitiesAsync(plan.RegionId, ct);
        return municipalities.Count > 0 && scope.Grants.Any(g => g.Kind == RoleKind.RegionalLead && g.PactId == plan.PactId
            && municipalities.IsSubsetOf(g.Municipalities));
    }

    private async Task<IReadOnlySet<int>> MunicipalitiesAsync(int? regionId, CancellationToken ct) =>
        regionId is { } id ? (await AccessScopeProvider.MunicipalitiesOfAsync(db, [id], ct))[id] : new HashSet<int>();

    public async Task<PlanOutcome> CreateAsync(string pactCode, PlanInput input, CancellationToken ct)
    {
        var pact = await Pacts.PactLookup.FindAsync(db, pactCode, ct);
        if (pact is null)
            return new PlanOutcome.NotFound();
        Regions.Region? region = null;
        if (!string.IsNullOrWhiteSpace(input.RegionCode))
        {
            var code = input.RegionCode.Trim().ToUpperInvariant();
            region = await db.Regions.SingleOrDefaultAsync(r => r.Code == code && r.ValidTo == null && r.RegionSet.PactId == pact.Id, ct);
            if (region is null)
                return new PlanOutcome.Invalid(new Dictionary<string, string[]>
                {
                    [nameof(input.RegionCode)] = [$"Het {pact.Name} heeft geen landsdeel met code '{input.RegionCode}'; een regionaal plan hoort bij een landsdeel van het pact."],
                });
        }
        var plan = new Plan { PactId = pact.Id, RegionId = region?.Id, Title = input.Title?.Trim() ?? "" };
        if (!await MayEditAsync(plan, ct))
            return new PlanOutcome.Forbidden(region is null
                ? $"Alleen coördinatoren van het {pact.Name} maken het landelijke plan."
                : $"Je mag geen plan maken voor {region.Name}.");

        var errors = EditSupport.Validate(input);
        if (await db.Plans.AnyAsync(p => p.PactId == pact.Id && p.RegionId == plan.RegionId, ct))
            errors[nameof(input.RegionCode)] = [region is null ? HasNationalPlan : HasRegionalPlan];
        var revisedIn = input.RevisedIn ?? input.FirstYear;
        CheckPeriod(input.FirstYear, input.LastYear, errors);
        // Left out, the year of making is the first year: only a wrong period can make it wrong, and that has its own message.
        if (input.RevisedIn is not null && (!Year(revisedIn) || revisedIn > input.LastYear))
            errors[nameof(input.RevisedIn)] = ["Het jaar van opstellen ligt tussen 2000 en 2100 en niet na het laatste jaar van het plan."];
        if (errors.Count > 0)
            return new PlanOutcome.Invalid(errors);

        plan.Revisions.Add(new PlanRevision { Number = 1, FirstYear = input.FirstYear, LastYear = input.LastYear, RevisedIn = revisedIn });
        db.Plans.Add(plan);
        await db.SaveChangesAsync(ct);
        return new PlanOutcome.Saved(plan);
    }

    /// <summary>The next revision as a copy of the latest adopted one; refused while another is in preparation.</summary>
    public async Task<RevisionOutcome> StartNextAsync(int planId, NextRevisionInput input, CancellationToken ct)
    {
        var plan = await db.Plans.Include(p => p.Revisions).SingleOrDefaultAsync(p => p.Id == planId, ct);
        if (plan is null)
            return new RevisionOutcome.NotFound();
        if (!await MayEditAsync(plan, ct))
            return new RevisionOutcome.Forbidden("Je mag dit plan niet herzien.");
        var open = plan.Revisions.FirstOrDefault(r => r.Status is RevisionStatus.Draft or RevisionStatus.Proposed);
        if (open is not null)
            return Refused("Status", $"Herziening {open.Number} ({open.Label}) is nog in voorbereiding; stel die eerst vast of werk die bij.");
        var basis = plan.Revisions.SingleOrDefault(r => r.Status == RevisionStatus.Adopted);
        if (basis is null)
            return Refused("Status", "Dit plan heeft nog geen vastgestelde herziening om op voort te bouwen.");
        var revisedIn = input.RevisedIn ?? clock.GetUtcNow().Year;
        if (!Year(revisedIn) || revisedIn < basis.RevisedIn)
            return Refused(nameof(input.RevisedIn), $"Het jaar van de herziening ligt niet voor {basis.RevisedIn}, het jaar van de vorige.");
        // Checked here only: years of revision never go back and the basis is the latest adopted, so only a copy made in the
        // basis's own year can share a label, and later edits of its period cannot meet a label of an earlier year.
        if (LabelTakenIn(plan, plan.Revisions.Max(r => r.Number) + 1, basis.FirstYear, basis.LastYear, revisedIn))
            return Refused(nameof(input.RevisedIn), LabelTaken);

        await db.Entry(basis).Collection(r => r.Priorities).LoadAsync(ct);
        await db.Entry(basis).Collection(r => r.Objectives).LoadAsync(ct);
        await db.Entry(basis).Collection(r => r.Goals).LoadAsync(ct);
        await db.Entry(basis).Collection(r => r.Actions).LoadAsync(ct);
        var next = new PlanRevision
        {
            PlanId = plan.Id, Number = plan.Revisions.Max(r => r.Number) + 1, RevisedIn = revisedIn, FirstYear = basis.FirstYear, LastYear = basis.LastYear,
            BasedOnId = basis.Id,
            Priorities = basis.Priorities.Select(p => new RevisionPriority { Position = p.Position, Text = p.Text }).ToList(),
            Objectives = basis.Objectives.Select(o => new RevisionObjective { ObjectiveId = o.ObjectiveId }).ToList(),
            Goals = basis.Goals.Select(g => new IndicatorGoal { IndicatorId = g.IndicatorId, RegionId = g.RegionId, Kind = g.Kind, PeriodStart = g.PeriodStart, Value = g.Value }).ToList(),
            Actions = basis.Actions.Select(a => new RevisionAction { ActionId = a.ActionId }).ToList(),
        };
        db.PlanRevisions.Add(next);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            // Two starts at once both saw no open revision; the unique (plan, number) index let only the first through.
            db.ChangeTracker.Clear();
            return new RevisionOutcome.Conflict(NextAlreadyStarted);
        }
        return new RevisionOutcome.Saved(next);
    }

    /// <summary>What a draft with this content would change compared with the revision it was copied from (nothing for a first revision).</summary>
    public async Task<IReadOnlyList<RevisionChange>> PendingChangesAsync(PlanRevision revision, int pactId, RevisionInput input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var planRegionId = await db.Plans.Where(p => p.Id == revision.PlanId).Select(p => p.RegionId).SingleAsync(ct);
        var resolved = await ResolveAsync(pactId, planRegionId, input, errors, ct);
        if (revision.BasedOnId is not { } basedOn || errors.Count > 0)
            return [];
        return RevisionComparison.Differences(PlanQueries.Content((await PlanQueries.RevisionAsync(db, basedOn, ct))!), resolved.Content(revision.Number));
    }

    /// <summary>Replaces a draft's content. A change against the revision it was copied from without a reason is refused.</summary>
    public async Task<RevisionOutcome> UpdateAsync(int planId, int revisionId, RevisionInput input, CancellationToken ct)
    {
        var revision = await db.PlanRevisions.AsSplitQuery().Include(r => r.Plan).Include(r => r.Priorities).Include(r => r.Objectives)
            .Include(r => r.Goals).Include(r => r.Actions).Include(r => r.Reasons)
            .SingleOrDefaultAsync(r => r.Id == revisionId && r.PlanId == planId, ct);
        if (revision is null)
            return new RevisionOutcome.NotFound();
        if (!await MayEditAsync(revision.Plan, ct))
            return new RevisionOutcome.Forbidden("Je mag dit plan niet wijzigen.");
        if (!revision.IsEditable)
            return Refused("Status", revision.Status == RevisionStatus.Proposed ? ProposedIsFrozen : AdoptedIsFinal);

        var errors = new Dictionary<string, string[]>();
        var resolved = await ResolveAsync(revision.Plan.PactId, revision.Plan.RegionId, input, errors, ct);
        if (errors.Count > 0)
            return new RevisionOutcome.Invalid(errors);

        // Only changes against the earlier revision carry a reason; reasons for items that no longer differ fall away.
        var wanted = new List<RevisionChangeReason>();
        if (revision.BasedOnId is { } basedOn)
        {
            var differences = RevisionComparison.Differences(PlanQueries.Content((await PlanQueries.RevisionAsync(db, basedOn, ct))!), resolved.Content(revision.Number));
            var given = (input.Reasons ?? []).Where(r => r.Key is not null && !string.IsNullOrWhiteSpace(r.Reason))
                .GroupBy(r => (r.Kind, Key: r.Key.Trim())).ToDictionary(g => g.Key, g => g.Last().Reason.Trim());
            var missing = differences.Where(d => !given.ContainsKey((d.Kind, d.Key))).ToList();
            if (missing.Count > 0)
                return new RevisionOutcome.Invalid(new Dictionary<string, string[]>
                {
                    [nameof(input.Reasons)] = [.. missing.Select(d => $"Geef de reden van deze wijziging: {Describe(d)}.")],
                });
            if (given.Values.FirstOrDefault(r => r.Length > 1000) is not null)
                return Refused(nameof(input.Reasons), "Een reden is te lang (hoogstens 1000 tekens).");
            wanted = differences.Select(d => new RevisionChangeReason { Kind = d.Kind, Key = d.Key, Reason = given[(d.Kind, d.Key)] }).ToList();
        }

        revision.FirstYear = input.FirstYear;
        revision.LastYear = input.LastYear;
        var texts = resolved.Priorities;
        revision.Priorities.RemoveAll(p => !texts.Contains(p.Text));
        for (var i = 0; i < texts.Count; i++)
        {
            var priority = revision.Priorities.FirstOrDefault(p => p.Text == texts[i]);
            if (priority is null)
                revision.Priorities.Add(new RevisionPriority { Text = texts[i], Position = i + 1 });
            else
                priority.Position = i + 1;
        }
        Replace(revision.Objectives, resolved.Objectives.Select(o => new RevisionObjective { ObjectiveId = o.Id }), o => o.ObjectiveId);
        Replace(revision.Actions, resolved.Actions.Select(a => new RevisionAction { ActionId = a.Id }), a => a.ActionId);
        revision.Goals.RemoveAll(g => !resolved.Goals.Any(w => Same(w.Goal, g)));
        foreach (var (goal, _) in resolved.Goals)
        {
            if (revision.Goals.FirstOrDefault(g => Same(goal, g)) is { } kept)
                (kept.PeriodStart, kept.Value) = (goal.PeriodStart, goal.Value);
            else
                revision.Goals.Add(goal);
        }
        revision.Reasons.RemoveAll(r => !wanted.Any(w => w.Kind == r.Kind && w.Key == r.Key));
        foreach (var reason in wanted)
        {
            if (revision.Reasons.FirstOrDefault(r => r.Kind == reason.Kind && r.Key == reason.Key) is { } kept)
                kept.Reason = reason.Reason;
            else
                revision.Reasons.Add(reason);
        }
        // A change only to the content leaves the revision row itself unchanged, yet it is a new version.
        if (db.Entry(revision).State == EntityState.Unchanged && db.ChangeTracker.HasChanges())
            db.Entry(revision).Property(r => r.Version).IsModified = true;
        return await SaveAsync(revision, input.Version, ct);
    }

    public async Task<RevisionOutcome> ProposeAsync(int planId, int revisionId, WorkflowInput input, CancellationToken ct) =>
        await MoveAsync(planId, revisionId, RevisionStatus.Proposed, input.Version, ct);

    public async Task<RevisionOutcome> SendBackAsync(int planId, int revisionId, WorkflowInput input, CancellationToken ct) =>
        await MoveAsync(planId, revisionId, RevisionStatus.Draft, input.Version, ct);

    public async Task<RevisionOutcome> AdoptAsync(int planId, int revisionId, WorkflowInput input, CancellationToken ct) =>
        await MoveAsync(planId, revisionId, RevisionStatus.Adopted, input.Version, ct);

    private async Task<RevisionOutcome> MoveAsync(int planId, int revisionId, RevisionStatus to, int version, CancellationToken ct)
    {
        var revision = await db.PlanRevisions.Include(r => r.Plan).ThenInclude(p => p.Revisions)
            .SingleOrDefaultAsync(r => r.Id == revisionId && r.PlanId == planId, ct);
        if (revision is null)
            return new RevisionOutcome.NotFound();
        var (editor, adopter) = (await MayEditAsync(revision.Plan, ct), await MayAdoptAsync(revision.Plan, ct));
        var allowed = to switch
        {
            RevisionStatus.Adopted => adopter,
            // Whoever decides on a proposal may send it back, as may those who wrote it.
            RevisionStatus.Draft => editor || adopter,
            _ => editor,
        };
        if (!allowed)
            return new RevisionOutcome.Forbidden(to == RevisionStatus.Adopted
                ? revision.Plan.RegionId is null
                    ? "Alleen een coördinator van het pact stelt het landelijke plan vast."
                    : "Alleen de landsdeeltrekker van dit landsdeel stelt het regionale plan vast."
                : "Je mag dit plan niet wijzigen.");
        if (revision.RefuseMove(to) is { } refusal)
            return Refused("Status", refusal);
        // A copy nobody changed would be proposed or adopted as a second name for the same plan.
        if (to is RevisionStatus.Proposed or RevisionStatus.Adopted && revision.BasedOnId is { } basedOn
            && RevisionComparison.Differences(PlanQueries.Content((await PlanQueries.RevisionAsync(db, basedOn, ct))!),
                PlanQueries.Content((await PlanQueries.RevisionAsync(db, revision.Id, ct))!)).Count == 0)
            return Refused("Status", ChangesNothing);
        var now = clock.GetUtcNow().UtcDateTime;
        if (to == RevisionStatus.Adopted)
        {
            // In the same save as the adoption: there is never a moment with two adopted revisions, or none.
            foreach (var previous in revision.Plan.Revisions.Where(r => r.Status == RevisionStatus.Adopted))
                previous.MoveTo(RevisionStatus.Superseded, actor.Name, now);
        }
        revision.MoveTo(to, actor.Name, now);
        return await SaveAsync(revision, version, ct);
    }

    private Task<RevisionOutcome> SaveAsync(PlanRevision revision, int version, CancellationToken ct) =>
        EditSupport.SaveVersionedAsync(db, revision, revision.Id, version,
            () => db.PlanRevisions.AsNoTracking().SingleAsync(r => r.Id == revision.Id, ct), ct);

    private sealed record ResolvedGoal(IndicatorGoal Goal, RevisionGoalDto View);

    private sealed record Resolved(int FirstYear, int LastYear, List<string> Priorities, List<Objective> Objectives, List<ResolvedGoal> Goals, List<PactAction> Actions)
    {
        public RevisionContent Content(int number) => PlanQueries.Content(number, "", FirstYear, LastYear, Priorities,
            Objectives.Select(o => new RevisionObjectiveDto(o.Id, o.Number, o.Title)), Goals.Select(g => g.View),
            Actions.Select(a => new RevisionActionDto(a.Id, a.Title, a.Status)));
    }

    /// <summary>Checks a draft's content and looks up what it names; problems go into <paramref name="errors"/>.</summary>
    private async Task<Resolved> ResolveAsync(int pactId, int? planRegionId, RevisionInput input, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        CheckPeriod(input.FirstYear, input.LastYear, errors);
        var priorities = (input.Priorities ?? []).Select(p => (p ?? "").Trim()).Where(p => p.Length > 0).ToList();
        if (priorities.Any(p => p.Length > 1000))
            errors[nameof(input.Priorities)] = ["Een prioriteit is te lang (hoogstens 1000 tekens)."];
        else if (priorities.Distinct().Count() != priorities.Count)
            errors[nameof(input.Priorities)] = ["Een prioriteit staat twee keer in de herziening."];

        var numbers = input.Objectives ?? [];
        var objectives = await db.Objectives.Where(o => o.PactId == pactId && numbers.Contains(o.Number)).ToListAsync(ct);
        if (numbers.Except(objectives.Select(o => o.Number)).ToList() is { Count: > 0 } unknownObjectives)
            errors[nameof(input.Objectives)] = [$"Dit pact heeft geen doel met nummer {string.Join(", ", unknownObjectives)}."];

        var actionIds = input.Actions ?? [];
        var actions = await db.PactActions.Where(a => a.PactId == pactId && actionIds.Contains(a.Id)).ToListAsync(ct);
        if (actionIds.Except(actions.Select(a => a.Id)).ToList() is { Count: > 0 } unknownActions)
            errors[nameof(input.Actions)] = [$"Dit pact heeft geen actie met nummer {string.Join(", ", unknownActions)}."];

        var goals = new List<ResolvedGoal>();
        var goalInputs = input.Goals ?? [];
        var indicatorCodes = goalInputs.Select(g => (g.Indicator ?? "").Trim()).Distinct().ToList();
        var regionCodes = goalInputs.Select(g => (g.Region ?? "").Trim().ToUpperInvariant()).Distinct().ToList();
        var indicators = await db.Indicators.Where(i => indicatorCodes.Contains(i.Code)).ToDictionaryAsync(i => i.Code, ct);
        var regions = await db.Regions.Where(r => regionCodes.Contains(r.Code) && r.ValidTo == null).ToDictionaryAsync(r => r.Code, ct);
        var goalErrors = new List<string>();
        // A regional plan speaks for its own landsdeel: its goals may not set the monitor's targets elsewhere.
        var planRegion = planRegionId is { } own ? await db.Regions.Where(r => r.Id == own).Select(r => r.Name).SingleAsync(ct) : null;
        var inside = planRegionId is { } outer ? await AccessScopeProvider.RegionsInsideAsync(db, outer, regions.Values.Select(r => r.Id).ToList(), ct) : null;
        foreach (var g in goalInputs)
        {
            var (code, regionCode) = ((g.Indicator ?? "").Trim(), (g.Region ?? "").Trim().ToUpperInvariant());
            if (!indicators.TryGetValue(code, out var indicator))
                goalErrors.Add($"Er is geen indicator met code '{code}'.");
            else if (!regions.TryGetValue(regionCode, out var region))
                goalErrors.Add($"Er is geen regio met code '{g.Region}'.");
            else if (inside is not null && !inside.Contains(region.Id))
                goalErrors.Add($"Een regionaal plan stelt alleen doelen voor {planRegion} en de regio's daarbinnen; {region.Name} valt erbuiten.");
            else if (!Enum.IsDefined(g.Kind))
                goalErrors.Add("Een doel is een nulmeting (Baseline) of een streefwaarde (Target).");
            else if (g.Period is < 1990 or > 2100)
                goalErrors.Add($"De periode van een doel is een jaar tussen 1990 en 2100, niet {g.Period}.");
            else if (!double.IsFinite(g.Value))
                goalErrors.Add("De waarde van een doel is een getal.");
            else
                goals.Add(new ResolvedGoal(new IndicatorGoal { IndicatorId = indicator.Id, RegionId = region.Id, Kind = g.Kind, PeriodStart = g.Period, Value = g.Value },
                    new RevisionGoalDto(indicator.Code, indicator.Name, region.Code, region.Name, g.Kind, g.Period, g.Value)));
        }
        if (goals.GroupBy(g => (g.Goal.IndicatorId, g.Goal.RegionId, g.Goal.Kind)).FirstOrDefault(d => d.Count() > 1) is { } twice)
            goalErrors.Add($"Voor {twice.First().View.IndicatorName} in {twice.First().View.RegionName} staat de {(twice.Key.Kind == GoalKind.Baseline ? "nulmeting" : "streefwaarde")} twee keer.");
        if (goalErrors.Count > 0)
            errors[nameof(input.Goals)] = [.. goalErrors.Distinct()];

        if ((input.Reasons ?? []).Any(r => !Enum.IsDefined(r.Kind)))
            errors[nameof(input.Reasons)] = ["Een reden hoort bij een periode, prioriteit, doel, streefwaarde of actie (Period, Priority, Objective, Goal, Action)."];
        return new Resolved(input.FirstYear, input.LastYear, priorities, objectives, goals, actions);
    }

    private static bool Same(IndicatorGoal a, IndicatorGoal b) => a.IndicatorId == b.IndicatorId && a.RegionId == b.RegionId && a.Kind == b.Kind;

    private static string Describe(RevisionChange d) =>
        // What the reader recognises (the label and the values), never the internal key of the change.
        $"{KindName(d.Kind)} ‘{d.Label}’ ({(d.Change == ChangeKind.Changed ? $"{d.Old} → {d.New}" : ChangeNames[d.Change])})";

    // Words inside the (Dutch) messages of the API; the pages name kinds and changes through the localiser.
    private static readonly Dictionary<ChangeKind, string> ChangeNames = new() { [ChangeKind.Added] = "toegevoegd", [ChangeKind.Removed] = "verwijderd" };

    private static readonly Dictionary<RevisionItemKind, string> KindNames = new()
    {
        [RevisionItemKind.Period] = "looptijd", [RevisionItemKind.Priority] = "prioriteit", [RevisionItemKind.Objective] = "doel",
        [RevisionItemKind.Goal] = "nulmeting of streefwaarde", [RevisionItemKind.Action] = "actie",
    };

    public static string KindName(RevisionItemKind kind) => KindNames[kind];

    private static bool Year(int year) => year is >= 2000 and <= 2100;

    private static void CheckPeriod(int first, int last, Dictionary<string, string[]> errors)
    {
        if (!Year(first) || !Year(last))
            errors[Year(first) ? "LastYear" : "FirstYear"] = ["De jaren van het plan liggen tussen 2000 en 2100."];
        else if (last < first)
            errors["LastYear"] = ["Het laatste jaar ligt niet voor het eerste jaar."];
        else if (last - first > 10)
            errors["LastYear"] = ["Een plan loopt hoogstens elf jaar."];
    }

    /// <summary>Whether another revision of the plan already reads as the label this one would have (see <see cref="PlanRevision.Label"/>).</summary>
    private static bool LabelTakenIn(Plan plan, int number, int firstYear, int lastYear, int revisedIn)
    {
        var label = new PlanRevision { Number = number, FirstYear = firstYear, LastYear = lastYear, RevisedIn = revisedIn }.Label;
        return plan.Revisions.Any(r => r.Label == label);
    }

    private static RevisionOutcome Refused(string field, string message) =>
        new RevisionOutcome.Invalid(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>Keeps the links that stay (so the audit trail shows only real changes), removes and adds the rest.</summary>
    private static void Replace<T>(List<T> current, IEnumerable<T> wanted, Func<T, int> key)
    {
        var want = wanted.ToList();
        current.RemoveAll(c => want.All(w => key(w) != key(c)));
        current.AddRange(want.Where(w => current.All(c => key(c) != key(w))));
    }
}
