namespace Pactwerk.Web.Features.Programmes;

/// <summary>
/// A retraining programme (omscholingsprogramma) such as Make IT Work: an owner organisation (the school that runs it) with
/// partner organisations, within a pact; an employer network in which each employer commits places per cohort; the modules
/// the participants follow at school or at an employer; the ordered intake steps every candidate passes; and the targets
/// the programme's cohorts are measured against. Targets are percentages (0–100), as the publication states them.
/// </summary>
public class Programme : Audit.IAudited, Data.IVersioned
{
    public int Id { get; set; }
    public int Version { get; set; }
    /// <summary>The programme's address in URLs and the API, such as <c>make-it-work</c>.</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    public int PactId { get; set; }
    /// <summary>The organisation that runs the programme; its partner editors are the programme's staff.</summary>
    public int OwnerOrganisationId { get; set; }
    public string? Description { get; set; }
    /// <summary>The sector the programme retrains people for (one of <see cref="Network.Sectors"/>), such as <c>ict</c>; the monitor breaks its figures down by it.</summary>
    public string? Sector { get; set; }
    public decimal TargetCertificateRate { get; set; }
    public decimal TargetJobRate { get; set; }
    public decimal TargetWomenShare { get; set; }
    public bool Invented { get; set; }
    public List<ProgrammePartner> Partners { get; set; } = [];
    public List<ProgrammeEmployer> Employers { get; set; } = [];
    public List<ProgrammeUnit> Modules { get; set; } = [];
    public List<IntakeStep> Steps { get; set; } = [];
    public List<Cohort> Cohorts { get; set; } = [];

    /// <summary>The steps as every programme starts with them; a programme may name its own.</summary>
    public static IReadOnlyList<(string Code, string Name)> DefaultSteps { get; } =
    [
        ("application", "Aanmelding"), ("assessment", "Assessment"), ("selection", "Selectie"),
        ("employer-match", "Match met werkgever"), ("contract", "Contract"), ("start", "Start"),
    ];
}

/// <summary>A partner organisation of the programme (besides its owner).</summary>
public class ProgrammePartner : Audit.IAudited
{
    public int Id { get; set; }
    public int ProgrammeId { get; set; }
    public int OrganisationId { get; set; }
}

/// <summary>An employer of the programme's network and the places it commits to each cohort.</summary>
public class ProgrammeEmployer : Audit.IAudited
{
    public int Id { get; set; }
    public int ProgrammeId { get; set; }
    public int OrganisationId { get; set; }
    public int PlacesPerCohort { get; set; }
}

/// <summary>A module of the programme, in the order the participants follow them (not named …Module: that suffix is the area's module class).</summary>
public class ProgrammeUnit : Audit.IAudited
{
    public int Id { get; set; }
    public int ProgrammeId { get; set; }
    public int Position { get; set; }
    public required string Name { get; set; }
    public ModuleSetting Setting { get; set; }
    /// <summary>How many weeks the module takes (1–<see cref="MaxWeeks"/>); unknown when the programme has not said.</summary>
    public int? Weeks { get; set; }

    /// <summary>Two school years: longer than any module of a retraining programme is meant to be.</summary>
    public const int MaxWeeks = 104;

    /// <summary>
    /// The programme's length: the sum of its modules' weeks, known only when every module's is (a sum over some of them would
    /// read as the whole and understate it). Null for a programme without modules.
    /// </summary>
    public static int? TotalWeeks(IReadOnlyCollection<int?> weeks) => weeks.Count > 0 && weeks.All(w => w is not null) ? weeks.Sum() : null;
}

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ModuleSetting>))]
public enum ModuleSetting
{
    AtSchool,
    AtEmployer,
}

/// <summary>
/// One step of the programme's intake, in order. The last step is the start: passing it makes the candidate a participant
/// and takes one of the cohort's seats (<see cref="IntakeDecisions"/>).
/// </summary>
public class IntakeStep : Audit.IAudited
{
    public int Id { get; set; }
    public int ProgrammeId { get; set; }
    public int Position { get; set; }
    /// <summary>The step's name in the API, such as <c>assessment</c>.</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
}

/// <summary>A cohort of the programme: a start (and end) date and a number of seats; open while it takes applications.</summary>
public class Cohort : Audit.IAudited, Data.IVersioned
{
    public int Id { get; set; }
    public int Version { get; set; }
    public int ProgrammeId { get; set; }
    /// <summary>The cohort's address under the programme, such as <c>2027-1</c>.</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    public DateOnly StartDate { get; set; }
    /// <summary>The last day of the programme for this cohort: jobs are counted in months after it, retention runs from it.</summary>
    public DateOnly EndDate { get; set; }
    public int Seats { get; set; }
    public CohortStatus Status { get; set; }
}

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<CohortStatus>))]
public enum CohortStatus
{
    Open,
    Closed,
}
