namespace Pactwerk.Web.Features.Network;

/// <summary>
/// A change to a shared record (an organisation or a person) proposed by someone of a pact that is
/// linked to it but does not own it (see <see cref="SharedRecords"/>). The owner accepts it, which
/// applies the change as their own edit, or rejects it with a note. Kept after the decision.
/// </summary>
public class ChangeProposal : Audit.IAudited, Data.IVersioned
{
    public int Id { get; set; }
    public int Version { get; set; }
    public ProposalSubject Subject { get; set; }
    public int SubjectId { get; set; }
    /// <summary>The version of the record the proposal was made against; accepting it is conditional on it.</summary>
    public int BaseVersion { get; set; }
    /// <summary>The record as the proposer wants it: an <see cref="OrganisationInput"/> or <see cref="PersonInput"/> as JSON.</summary>
    public required string Changes { get; set; }
    public string? Reason { get; set; }
    public required string ProposedByUserId { get; set; }
    public required string ProposedBy { get; set; }
    public DateTime ProposedAt { get; set; }
    public ProposalStatus Status { get; set; }
    public string? DecidedBy { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? DecisionNote { get; set; }

    public void Decide(ProposalStatus status, string by, DateTime at, string? note)
    {
        if (Status != ProposalStatus.Open)
            throw new InvalidOperationException($"Proposal {Id} was already decided.");
        (Status, DecidedBy, DecidedAt, DecisionNote) = (status, by, at, note);
    }
}

public enum ProposalSubject
{
    Organisation,
    Person,
}

public enum ProposalStatus
{
    Open,
    Accepted,
    Rejected,
}
