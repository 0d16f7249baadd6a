using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Agenda;
using Pactwerk.Web.Features.Monitor;

namespace Pactwerk.Tests.Agenda;

/// <summary>
/// Plans made straight in the database for tests. The demo may bring plans of its own; a test
/// that needs to know the state clears the pact's plans first (each test class has its own database).
/// </summary>
public static class PlanData
{
    public static Task ClearAsync(PactwerkFactory factory, string pactCode = "techniekpact") => factory.InDbAsync(async db =>
    {
        var pactId = await db.Pacts.Where(p => p.Code == pactCode).Select(p => p.Id).SingleAsync();
        var revisions = db.PlanRevisions.Where(r => r.Plan.PactId == pactId);
        await db.IndicatorGoals.Where(g => revisions.Any(r => r.Id == g.PlanRevisionId)).ExecuteDeleteAsync();
        await db.RevisionChangeReasons.Where(x => revisions.Any(r => r.Id == x.RevisionId)).ExecuteDeleteAsync();
        await db.Set<RevisionPriority>().Where(x => revisions.Any(r => r.Id == x.RevisionId)).ExecuteDeleteAsync();
        await db.Set<RevisionObjective>().Where(x => revisions.Any(r => r.Id == x.RevisionId)).ExecuteDeleteAsync();
        await db.Set<RevisionAction>().Where(x => revisions.Any(r => r.Id == x.RevisionId)).ExecuteDeleteAsync();
        await revisions.ExecuteUpdateAsync(s => s.SetProperty(r => r.BasedOnId, (int?)null));
        await revisions.ExecuteDeleteAsync();
        return await db.Plans.Where(p => p.PactId == pactId).ExecuteDeleteAsync();
    });

    /// <summary>A plan with one revision in the given state; national without a region code.</summary>
    public static Task<(int PlanId, int RevisionId)> CreateAsync(PactwerkFactory factory, string? regionCode, RevisionStatus status,
        string pactCode = "techniekpact", Action<PlanRevision>? fill = null) => factory.InDbAsync(async db =>
    {
        var pactId = await db.Pacts.Where(p => p.Code == pactCode).Select(p => p.Id).SingleAsync();
        int? regionId = regionCode is null ? null : await db.Regions.Where(r => r.Code == regionCode).Select(r => r.Id).SingleAsync();
        var revision = Revision(status);
        (revision.Number, revision.FirstYear, revision.LastYear, revision.RevisedIn) = (1, 2019, 2022, 2019);
        fill?.Invoke(revision);
        var plan = new Plan { PactId = pactId, RegionId = regionId, Title = $"Testplan {regionCode ?? "landelijk"}", Revisions = [revision] };
        db.Plans.Add(plan);
        await db.SaveChangesAsync();
        return (plan.Id, revision.Id);
    });

    /// <summary>A new revision brought to the given state the only way there is: along the workflow.</summary>
    public static PlanRevision Revision(RevisionStatus status)
    {
        var revision = new PlanRevision();
        var at = new DateTime(2019, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        foreach (var step in new[] { RevisionStatus.Proposed, RevisionStatus.Adopted, RevisionStatus.Superseded }.TakeWhile(s => s <= status))
            revision.MoveTo(step, "Test", at);
        return revision;
    }

    public static Task SetStatusAsync(PactwerkFactory factory, int revisionId, RevisionStatus status) => factory.InDbAsync(db =>
        db.PlanRevisions.Where(r => r.Id == revisionId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, status)));

    /// <summary>Removes every revision of the plan but the first, which gets the given state.</summary>
    public static Task OnlyFirstAsync(PactwerkFactory factory, int planId, RevisionStatus status) => factory.InDbAsync(async db =>
    {
        var later = db.PlanRevisions.Where(r => r.PlanId == planId && r.Number > 1);
        await db.IndicatorGoals.Where(g => later.Any(r => r.Id == g.PlanRevisionId)).ExecuteDeleteAsync();
        await db.Set<RevisionPriority>().Where(x => later.Any(r => r.Id == x.RevisionId)).ExecuteDeleteAsync();
        await db.Set<RevisionObjective>().Where(x => later.Any(r => r.Id == x.RevisionId)).ExecuteDeleteAsync();
        await db.Set<RevisionAction>().Where(x => later.Any(r => r.Id == x.RevisionId)).ExecuteDeleteAsync();
        await db.RevisionChangeReasons.Where(x => later.Any(r => r.Id == x.RevisionId)).ExecuteDeleteAsync();
        await later.ExecuteDeleteAsync();
        return await db.PlanRevisions.Where(r => r.PlanId == planId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, status));
    });

    /// <summary>An objective of the pact with a number the demo does not use, created once.</summary>
    public static Task<int> ObjectiveAsync(PactwerkFactory factory, int number, string title, string? indicatorCode = null, string pactCode = "techniekpact") =>
        factory.InDbAsync(async db =>
        {
            var pactId = await db.Pacts.Where(p => p.Code == pactCode).Select(p => p.Id).SingleAsync();
            var objective = await db.Objectives.Include(o => o.Indicators).SingleOrDefaultAsync(o => o.PactId == pactId && o.Number == number);
            if (objective is null)
            {
                objective = new Objective { PactId = pactId, Number = number, Title = title, Description = "Voor de tests." };
                if (indicatorCode is not null)
                    objective.Indicators.Add(new ObjectiveIndicator { IndicatorId = await db.Indicators.Where(i => i.Code == indicatorCode).Select(i => i.Id).SingleAsync() });
                db.Objectives.Add(objective);
                await db.SaveChangesAsync();
            }
            return objective.Id;
        });

    public static Task<int> ActionAsync(PactwerkFactory factory, string title, Action<PactAction>? fill = null, string pactCode = "techniekpact") =>
        factory.InDbAsync(async db =>
        {
            var pactId = await db.Pacts.Where(p => p.Code == pactCode).Select(p => p.Id).SingleAsync();
            var action = new PactAction { PactId = pactId, Slug = "test-" + Guid.NewGuid().ToString("N"), Title = title, Summary = "Voor de tests." };
            action.RecordIn(ActionStatus.Running);
            fill?.Invoke(action);
            db.PactActions.Add(action);
            await db.SaveChangesAsync();
            return action.Id;
        });

    public static Task<int> IndicatorIdAsync(PactwerkFactory factory, string code) =>
        factory.InDbAsync(db => db.Indicators.Where(i => i.Code == code).Select(i => i.Id).SingleAsync());

    public static Task<int> RegionIdAsync(PactwerkFactory factory, string code) =>
        factory.InDbAsync(db => db.Regions.Where(r => r.Code == code && r.ValidTo == null).Select(r => r.Id).SingleAsync());

    public static IndicatorGoal Goal(int indicatorId, int regionId, GoalKind kind, int period, double value) =>
        new() { IndicatorId = indicatorId, RegionId = regionId, Kind = kind, PeriodStart = period, Value = value };
}
