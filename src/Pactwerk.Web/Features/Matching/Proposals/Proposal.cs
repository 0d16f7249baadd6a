namespace Pactwerk.Web.Features.Matching;

/// <summary>
/// A coordinator's proposal of a candidate for one opening: a learning place or an employer vacancy, never both (a database
/// CHECK holds it). People decide: the organisation accepts (shortlists) or declines
/// with a reason, and only an accepted candidate agrees or refuses. Until it accepts, the organisation sees competences and
/// evidence only.
/// </summary>
public class Proposal : Audit.IAudited, Data.IVersioned
{
    public int Id { get; set; }
    public int Version { get; set; }
    public int CandidateId { get; set; }
    public int? LearningPlaceId { get; set; }
    public int? VacancyId { get; set; }
    public ProposalState State { get; set; }
    public required string ProposedBy { get; set; }
    public DateTime ProposedAt { get; set; }
    public string? DecidedBy { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? DeclineReason { get; set; }
    public DateTime? AnsweredAt { get; set; }

    /// <summary>The opening proposed for; what it is called and whose it is, <see cref="Openings"/> says.</summary>
    public Scoring.Opening Opening => LearningPlaceId is { } place ? Scoring.Opening.Place(place) : Scoring.Opening.Vacancy(VacancyId!.Value);

    /// <summary>Whether the organisation may see who the candidate is: only once it has shortlisted them.</summary>
    public bool Unblinded => State is ProposalState.Accepted or ProposalState.Agreed or ProposalState.Refused;
}

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ProposalState>))]
public enum ProposalState
{
    Proposed,
    Accepted,
    Declined,
    Agreed,
    Refused,
}
