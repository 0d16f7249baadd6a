namespace Pactwerk.Web.Features.LearningPlaces;

/// <summary>
/// A supervisor (praktijkopleider) of an organisation, who guides at most <see cref="Capacity"/> learners at once across
/// all the places they are linked to, and none while absent.
/// </summary>
public class Supervisor : Audit.IAudited, Data.IVersioned
{
    public int Id { get; set; }
    public int Version { get; set; }
    public int OrganisationId { get; set; }
    public required string Name { get; set; }
    public int Capacity { get; set; }
    public List<SupervisorAbsence> Absences { get; set; } = [];
}

/// <summary>Days a supervisor is away (leave, illness, a course), both included: they guide nobody then.</summary>
public class SupervisorAbsence : Audit.IAudited
{
    public int Id { get; set; }
    public int SupervisorId { get; set; }
    public DateOnly From { get; set; }
    public DateOnly To { get; set; }
}

/// <summary>
/// A learner on a place for a period, guided by one of the place's supervisors. The learner is named by a reference or a
/// pseudonym only: the place needs no more to plan, and the year view and the monitor count, never name.
/// </summary>
public class Placement : Audit.IAudited
{
    public long Id { get; set; }
    public int LearningPlaceId { get; set; }
    public int SupervisorId { get; set; }
    public required string Learner { get; set; }
    public DateOnly From { get; set; }
    public DateOnly To { get; set; }
    /// <summary>An invented learner of the demo, marked as such wherever it is shown.</summary>
    public bool Invented { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string RecordedBy { get; set; }
}
