using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Regions;
using Pactwerk.Web.Shared;
using Outcome = Pactwerk.Web.Shared.EditOutcome<Pactwerk.Web.Features.Agenda.PlanRevision>;

namespace Pactwerk.Web.Features.Agenda;

/// <summary>
/// One revision of a plan. Adopted and superseded revisions are public; a draft or proposal asks
/// for sign-in. A draft is edited here as a whole, with a reason field for every change against
/// the revision it was copied from; the workflow buttons show to those allowed to use them.
/// </summary>
[AllowAnonymous]
public sealed class RevisionPageModel(PactwerkDb db, PlanEditor editor) : EditPageModel
{
    public sealed record Choice(int Value, string Name);

    public RevisionDto Revision { get; private set; } = null!;
    public string PlanTitle { get; private set; } = "";
    public bool MayEdit { get; private set; }
    public bool MayAdopt { get; private set; }
    public IReadOnlyList<Choice> Objectives { get; private set; } = [];
    public IReadOnlyList<Choice> Actions { get; private set; } = [];
    /// <summary>The indicators (a select without script) and the current regions (a text field without script) for the goal pickers.</summary>
    public IReadOnlyList<LookupItem> Indicators { get; private set; } = [];
    public IReadOnlyList<LookupItem> Regions { get; private set; } = [];
    /// <summary>The changes against the earlier revision that need a reason (for the form as it stands).</summary>
    public IReadOnlyList<RevisionChange> Pending { get; private set; } = [];
    [BindProperty] public RevisionInput Input { get; set; } = new();
    /// <summary>The priorities, one per line.</summary>
    [BindProperty] public string? PrioritiesText { get; set; } = "";
    [FromQuery(Name = "opgeslagen")] public bool Saved { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, int number, CancellationToken ct)
    {
        if (await LoadAsync(id, number, ct) is { } refused)
            return refused;
        Input = new RevisionInput
        {
            FirstYear = Revision.FirstYear, LastYear = Revision.LastYear, Objectives = Revision.Objectives.Select(o => o.Number).ToList(),
            Actions = Revision.Actions.Select(a => a.Id).ToList(), Version = Revision.Version,
            Goals = Revision.Goals.Select(g => new GoalInput { Indicator = g.Indicator, Region = g.Region, Kind = g.Kind, Period = g.Period, Value = g.Value }).ToList(),
            Reasons = Revision.Reasons.Select(r => new ReasonInput { Kind = r.Kind, Key = r.Key, Reason = r.Reason }).ToList(),
        };
        PrioritiesText = string.Join("\n", Revision.Priorities);
        if (MayEdit && Revision.BasedOn is { } basedOn)
            Pending = await PendingAsync(basedOn, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(int id, int number, CancellationToken ct)
    {
        if (await LoadAsync(id, number, ct) is { } refused)
            return refused;
        Input.Priorities = (PrioritiesText ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
        // The form offers empty rows for new goals; the ones left empty are not goals.
        Input.Goals = Input.Goals.Where(g => !string.IsNullOrWhiteSpace(g.Indicator)).ToList();
        // A region name typed without script becomes its code; one that fits several regions is asked again rather than guessed.
        var ambiguous = new List<string>();
        foreach (var goal in Input.Goals.Where(g => !string.IsNullOrWhiteSpace(g.Region)))
        {
            var (region, errors) = Lookup.Read([goal.Region], Regions, Localiser);
            goal.Region = string.Join(", ", region);
            ambiguous.AddRange(errors);
        }
        if (ambiguous.Count > 0)
        {
            foreach (var message in ambiguous)
                ModelState.AddModelError($"Input.{nameof(RevisionInput.Goals)}", message);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var answer = await SaveAsync(() => editor.UpdateAsync(id, Revision.Id, Input, ct), _ => $"/plannen/{id}/herzieningen/{number}?opgeslagen=true",
            current => Input.Version = current.Version);
        if (answer is not null)
            return answer;
        var entity = await db.PlanRevisions.AsNoTracking().SingleAsync(r => r.Id == Revision.Id, ct);
        Pending = await editor.PendingChangesAsync(entity, await db.Plans.Where(p => p.Id == id).Select(p => p.PactId).SingleAsync(ct), Input, ct);
        return Page();
    }

    public Task<IActionResult> OnPostProposeAsync(int id, int number, int version, CancellationToken ct) =>
        MoveAsync(id, number, (rid, ct2) => editor.ProposeAsync(id, rid, new WorkflowInput { Version = version }, ct2), ct);

    public Task<IActionResult> OnPostSendBackAsync(int id, int number, int version, CancellationToken ct) =>
        MoveAsync(id, number, (rid, ct2) => editor.SendBackAsync(id, rid, new WorkflowInput { Version = version }, ct2), ct);

    public Task<IActionResult> OnPostAdoptAsync(int id, int number, int version, CancellationToken ct) =>
        MoveAsync(id, number, (rid, ct2) => editor.AdoptAsync(id, rid, new WorkflowInput { Version = version }, ct2), ct);

    private async Task<IActionResult> MoveAsync(int id, int number, Func<int, CancellationToken, Task<Outcome>> move, CancellationToken ct)
    {
        if (await LoadAsync(id, number, ct) is { } refused)
            return refused;
        var answer = await SaveAsync(() => move(Revision.Id, ct), _ => $"/plannen/{id}/herzieningen/{number}?opgeslagen=true");
        if (answer is not null)
            return answer;
        await LoadAsync(id, number, ct);
        Input = new RevisionInput { FirstYear = Revision.FirstYear, LastYear = Revision.LastYear, Version = Revision.Version };
        return Page();
    }

    public string? ReasonFor(RevisionChange change) =>
        Input.Reasons.FirstOrDefault(r => r.Kind == change.Kind && r.Key == change.Key)?.Reason;

    private async Task<IReadOnlyList<RevisionChange>> PendingAsync(int basedOnNumber, CancellationToken ct)
    {
        var basedOn = (await PlanQueries.RevisionsAsync(db, r => r.PlanId == Revision.PlanId && r.Number == basedOnNumber, ct)).Single();
        return RevisionComparison.Differences(PlanQueries.Content(basedOn), PlanQueries.Content(Revision));
    }

    /// <summary>Loads the revision and what the form needs; an answer when the visitor may not see it.</summary>
    private async Task<IActionResult?> LoadAsync(int id, int number, CancellationToken ct)
    {
        var plan = await db.Plans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        var revisionId = await db.PlanRevisions.Where(r => r.PlanId == id && r.Number == number).Select(r => (int?)r.Id).SingleOrDefaultAsync(ct);
        if (plan is null || revisionId is null)
            return NotFound();
        Revision = (await PlanQueries.RevisionAsync(db, revisionId.Value, ct))!;
        // Work in progress is for signed-in users only; a visitor is asked to sign in.
        if (!PlanQueries.IsPublic(Revision.Status) && User.Identity?.IsAuthenticated != true)
            return Challenge();
        PlanTitle = plan.Title;
        var signedIn = User.Identity?.IsAuthenticated == true;
        MayEdit = signedIn && await editor.MayEditAsync(plan, ct);
        MayAdopt = signedIn && await editor.MayAdoptAsync(plan, ct);
        if (MayEdit && Revision.Status == RevisionStatus.Draft)
        {
            Objectives = await db.Objectives.Where(o => o.PactId == plan.PactId).OrderBy(o => o.Number)
                .Select(o => new Choice(o.Number, o.Number + ". " + o.Title)).ToListAsync(ct);
            Actions = (await db.PactActions.Where(a => a.PactId == plan.PactId).Select(a => new Choice(a.Id, a.Title)).ToListAsync(ct))
                .OrderBy(a => a.Name, Values.Dutch).ToList();
            Indicators = await Monitor.IndicatorLookup.AllAsync(db, ct);
            Regions = await RegionLookup.AllAsync(db, ct);
        }
        return null;
    }

    public Picker IndicatorPicker(int row, string? chosen) =>
        new($"goal-{row}-indicator", $"Input.Goals[{row}].Indicator", Localiser["Indicator van rij {0}", row + 1].Value, "/api/v1/lookup/indicators")
        {
            Options = Indicators, EmptyLabel = Localiser["Geen"].Value, LabelHidden = true, Chosen = Picker.Labelled([chosen ?? ""], Indicators),
        };

    public Picker RegionPicker(int row, string? chosen) =>
        new($"goal-{row}-region", $"Input.Goals[{row}].Region", Localiser["Regio van rij {0}", row + 1].Value, "/api/v1/lookup/regions")
        {
            Options = Picker.SelectOrText(Regions), EmptyLabel = Localiser["Geen"].Value, LabelHidden = true, MaxLength = 100,
            Chosen = Picker.Labelled([chosen ?? ""], Regions), Text = chosen,
        };
}
