namespace Pactwerk.Web.Features.Knowledge;

/// <summary>
/// A case a member brings in to the learning network. Confidential to the network's members:
/// deliberately not <see cref="Audit.IAudited"/>, because the trail copies values and coordinators
/// and administrators read it. Changes are logged as business events without their text instead.
/// </summary>
public class LearningNetworkCase : Data.IVersioned
{
    public int Id { get; set; }
    public int Version { get; set; }
    public int NetworkId { get; set; }
    /// <summary>The session where it is (or was) discussed, when planned.</summary>
    public int? SessionId { get; set; }
    public required string BroughtInByUserId { get; set; }
    /// <summary>The short description.</summary>
    public required string Title { get; set; }
    public required string Question { get; set; }
    /// <summary>The notes of the discussion; any member may add to them.</summary>
    public string? DiscussionNotes { get; set; }
    public DateTime CreatedAt { get; set; }
    public bool IsDemoContent { get; set; }
}
