namespace Pactwerk.Web.Features.Knowledge;

/// <summary>One meeting of a learning network (about five a year).</summary>
public class LearningNetworkSession : Audit.IAudited, Data.IVersioned
{
    public int Id { get; set; }
    public int Version { get; set; }
    public int NetworkId { get; set; }
    public DateOnly Date { get; set; }
    public string? Place { get; set; }
    public required string Theme { get; set; }
    /// <summary>The agenda, plain text; seen by everyone who sees the network.</summary>
    public string? Agenda { get; set; }
    /// <summary>
    /// General notes of the meeting (who came, what was agreed), plain text; seen by everyone who
    /// sees the network. What was said about a case belongs in the case's own notes, for members only.
    /// </summary>
    public string? Notes { get; set; }
}
