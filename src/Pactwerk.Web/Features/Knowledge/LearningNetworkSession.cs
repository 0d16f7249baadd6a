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
}
