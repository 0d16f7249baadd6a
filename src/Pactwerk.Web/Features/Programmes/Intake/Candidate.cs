namespace Pactwerk.Web.Features.Programmes;

/// <summary>
/// A person who applied to a cohort, identified by their signed-in account (as a learning account's holder is), with the
/// facts the programme's figures need: gender as they describe it (only for the share of women), their municipality, each
/// intake step's decision, their progress through the modules, and the outcome. Once erased (on request or after the
/// retention period, <see cref="ProgrammePrivacy"/>) the account and municipality are gone; the decisions, outcome and
/// gender stay only so that the cohort's published counts (women among them) stay the same, of nobody in particular.
/// Not audited row by row, as voucher applications are not: the trail keeps forever, an erased person must not stay in it;
/// each decision is written to it as an event that names the candidate by number only (<see cref="ProgrammeAuditActions"/>).
/// </summary>
public class Candidate : Data.IVersioned
{
    public long Id { get; set; }
    public int Version { get; set; }
    public int CohortId { get; set; }
    /// <summary>The applicant's account; null once erased.</summary>
    public string? UserId { get; set; }
    public Gender Gender { get; set; }
    /// <summary>The municipality the applicant lives in (a region of the municipalities set); null once erased.</summary>
    public int? MunicipalityId { get; set; }
    public DateTime AppliedAt { get; set; }
    /// <summary>A demo person, invented: never a real applicant.</summary>
    public bool Invented { get; set; }
    public DateTime? ErasedAt { get; set; }
    public bool? Certificate { get; set; }
    public DateOnly? CertificateOn { get; set; }
    /// <summary>The employer where the participant found a job: an organisation of the network, or as typed.</summary>
    public int? JobOrganisationId { get; set; }
    public string? JobEmployerName { get; set; }
    public DateOnly? JobStartedOn { get; set; }
    public List<CandidateStep> Steps { get; set; } = [];
    public List<ModuleProgress> Modules { get; set; } = [];
}

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<Gender>))]
public enum Gender
{
    NotGiven,
    Woman,
    Man,
    Other,
}

/// <summary>A decision on one intake step of one candidate: when, what, and by whom.</summary>
public class CandidateStep
{
    public long Id { get; set; }
    public long CandidateId { get; set; }
    public int IntakeStepId { get; set; }
    public DateOnly On { get; set; }
    public StepDecision Decision { get; set; }
    /// <summary>The account of the staff member who recorded the decision.</summary>
    public required string RecordedBy { get; set; }
    public DateTime RecordedAt { get; set; }
}

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<StepDecision>))]
public enum StepDecision
{
    Passed,
    Failed,
    Withdrawn,
}

/// <summary>A module the participant completed.</summary>
public class ModuleProgress
{
    public long Id { get; set; }
    public long CandidateId { get; set; }
    public int ModuleId { get; set; }
    public DateOnly CompletedOn { get; set; }
}
