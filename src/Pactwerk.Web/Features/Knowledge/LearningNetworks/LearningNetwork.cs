namespace Pactwerk.Web.Features.Knowledge;

/// <summary>
/// A members-only space of a pact, such as the Zorgpact's "Bestuurlijk lerend netwerk zorg en
/// onderwijs": board members who meet about five times a year and bring in cases in confidence.
/// </summary>
public class LearningNetwork : Audit.IAudited, Data.IVersioned
{
    public int Id { get; set; }
    public int Version { get; set; }
    public int PactId { get; set; }
    /// <summary>The pact's action the network is run as, when it is one (the Zorgpact's network is its action "Bestuurlijk lerend netwerk").</summary>
    public int? ActionId { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public bool IsDemoContent { get; set; }
    public List<LearningNetworkMember> Members { get; set; } = [];
    public List<LearningNetworkSession> Sessions { get; set; } = [];
}
