namespace Pactwerk.Web.Features.ReferenceData;

/// <summary>Provenance of a reference-data load: where from, which files, when.</summary>
[Data.ShownOnMonitor]
public class ReferenceDataLoad
{
    public int Id { get; set; }
    public required string Source { get; set; }
    /// <summary>SHA-256 over the files read, so a reload of the same files is recognised.</summary>
    public required string Checksum { get; set; }
    public DateOnly ValidFrom { get; set; }
    public DateTime LoadedAt { get; set; }
    public int RegionsAdded { get; set; }
    public int RegionsUpdated { get; set; }
    public int MembershipsOpened { get; set; }
    public int MembershipsClosed { get; set; }
}
