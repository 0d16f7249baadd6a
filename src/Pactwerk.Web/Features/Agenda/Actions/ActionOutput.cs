namespace Pactwerk.Web.Features.Agenda;

/// <summary>
/// What an action produced in a year, as reported by its owner: 85 companies involved in 2018.
/// One per action, year and unit; a later report for them corrects it.
/// </summary>
public class ActionOutput : Audit.IAudited
{
    public int Id { get; set; }
    public int ActionId { get; set; }
    /// <summary>The calendar year the output belongs to; it lies within the action's period.</summary>
    public int Year { get; set; }
    public OutputUnit Unit { get; set; }
    public decimal Quantity { get; set; }
    public string? Note { get; set; }
    /// <summary>The name of who reported it, as shown to readers.</summary>
    public required string ReportedBy { get; set; }
    public DateTime ReportedAt { get; set; }
}

/// <summary>A saved output report; <paramref name="PreviousQuantity"/> is the figure it corrected, null for a first report.</summary>
public sealed record OutputReport(ActionOutput Output, decimal? PreviousQuantity)
{
    public bool Corrected => PreviousQuantity is not null;
}

public enum OutputUnit
{
    Participants,
    Certificates,
    JobPlacements,
    PupilsReached,
    CompaniesInvolved,
    Cohorts,
    /// <summary>Workshops held (a Techniek Driedaagse counts them at the door).</summary>
    Workshops,
    Volunteers,
    Other,
}

/// <summary>
/// When outputs are due: for every calendar year in which a started action ran, a report by
/// 1 April of the next year. A year without any output reported after that day is overdue.
/// </summary>
public static class OutputReporting
{
    public static DateOnly DueOn(int year) => new(year + 1, 4, 1);

    public static IReadOnlyList<int> OverdueYears(PactAction action, DateOnly today) =>
        OverdueYears(action.Status, action.StartsOn, action.EndsOn, action.Outputs.Select(o => o.Year).ToHashSet(), today);

    public static IReadOnlyList<int> OverdueYears(ActionStatus status, DateOnly? startsOn, DateOnly? endsOn, IReadOnlySet<int> reported, DateOnly today)
    {
        // A closed action without an end date (recorded before closing set one) is owed nothing more.
        if (status == ActionStatus.Idea || startsOn is null || (status is ActionStatus.Completed or ActionStatus.Stopped && endsOn is null))
            return [];
        var last = Math.Min(endsOn?.Year ?? today.Year, today.Year);
        return Enumerable.Range(startsOn.Value.Year, Math.Max(0, last - startsOn.Value.Year + 1))
            .Where(y => DueOn(y) < today && !reported.Contains(y)).ToList();
    }
}
