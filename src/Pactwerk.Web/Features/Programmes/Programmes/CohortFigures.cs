using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Monitor;

namespace Pactwerk.Web.Features.Programmes;

/// <summary>A count as a reader may see it: the number, or why it is hidden ("&lt;5" or "×").</summary>
public sealed record FigureDto(int? Count, string? Hidden);
public sealed record StepFigureDto(string Step, FigureDto Passed);
/// <summary>
/// A cohort's live figures: how many applied and passed each intake step, and of those who started, how many earned the
/// certificate, found a job, and are women; the rates as percentages with one decimal, shown only when both their counts are.
/// </summary>
public sealed record CohortFiguresDto(FigureDto Applied, IReadOnlyList<StepFigureDto> Intake, FigureDto Started, FigureDto Certificates, FigureDto Jobs,
    FigureDto Women, decimal? CertificateRate, decimal? JobRate, decimal? WomenShare);

/// <summary>
/// The outcome figures of a programme's cohorts, counted from the candidates' records. Participants are people: for every
/// reader but the programme's staff, the small-cell rule of the monitor (<see cref="SmallCellRule"/>) hides each count of
/// fewer than five persons and whatever a shown total and its other parts would give away — the funnel from one step to the
/// next, and those with and without a certificate, a job, or who are women, among those who started.
/// </summary>
public static class CohortFigures
{
    public static async Task<Dictionary<int, CohortFiguresDto>> ForAsync(PactwerkDb db, Programme programme, IReadOnlyCollection<int> cohorts, bool unsuppressed,
        CancellationToken ct)
    {
        var rows = await db.Set<Candidate>().AsNoTracking().Where(c => cohorts.Contains(c.CohortId))
            .Select(c => new
            {
                c.CohortId, c.Gender, c.Certificate, c.JobStartedOn,
                Passed = c.Steps.Where(s => s.Decision == StepDecision.Passed).Select(s => s.IntakeStepId).ToList(),
            }).ToListAsync(ct);
        var steps = programme.Steps.OrderBy(s => s.Position).ToList();
        var start = steps[^1];
        var figures = new Dictionary<int, CohortFiguresDto>();
        foreach (var cohort in cohorts)
        {
            var mine = rows.Where(r => r.CohortId == cohort).ToList();
            var started = mine.Where(r => r.Passed.Contains(start.Id)).ToList();
            var persons = new Dictionary<string, int> { ["applied"] = mine.Count };
            var sums = new List<IReadOnlyList<string>>();
            var previous = "applied";
            foreach (var step in steps)
            {
                persons["step:" + step.Code] = mine.Count(r => r.Passed.Contains(step.Id));
                persons["dropped:" + step.Code] = persons[previous] - persons["step:" + step.Code];
                sums.Add([previous, "step:" + step.Code, "dropped:" + step.Code]);
                previous = "step:" + step.Code;
            }
            void Split(string name, int count)
            {
                persons[name] = count;
                persons["not:" + name] = started.Count - count;
                sums.Add(["step:" + start.Code, name, "not:" + name]);
            }
            Split("certificates", started.Count(r => r.Certificate == true));
            Split("jobs", started.Count(r => r.JobStartedOn is not null));
            Split("women", started.Count(r => r.Gender == Gender.Woman));
            var hidden = unsuppressed ? new Dictionary<string, SmallCell>() : SmallCellRule.Hide(persons, sums);

            FigureDto Figure(string key) => hidden.TryGetValue(key, out var why) ? new FigureDto(null, SmallCellText.Marker(why)) : new FigureDto(persons[key], null);
            decimal? Rate(string key) => hidden.ContainsKey(key) || hidden.ContainsKey("step:" + start.Code) || started.Count == 0
                ? null : Math.Round(100m * persons[key] / started.Count, 1, MidpointRounding.AwayFromZero);
            figures[cohort] = new CohortFiguresDto(Figure("applied"), steps.Select(s => new StepFigureDto(s.Code, Figure("step:" + s.Code))).ToList(),
                Figure("step:" + start.Code), Figure("certificates"), Figure("jobs"), Figure("women"), Rate("certificates"), Rate("jobs"), Rate("women"));
        }
        return figures;
    }
}
