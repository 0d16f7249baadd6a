namespace Pactwerk.Web.Features.Regions;

/// <summary>
/// A region of one set. Municipalities are regions too (the base set), so every view that works
/// for a region also works for a municipality.
/// </summary>
[Data.ShownOnMonitor]
[Data.DecidesAccess]
public class Region
{
    public int Id { get; set; }
    public int RegionSetId { get; set; }
    public RegionSet RegionSet { get; set; } = null!;

    /// <summary>Unique over all sets: CBS codes (GM0014, PV20, CR01, AM01) or a pact's own (TP-OOST).</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }

    public DateOnly ValidFrom { get; set; }
    /// <summary>Exclusive end, e.g. the day a municipality merged into another.</summary>
    public DateOnly? ValidTo { get; set; }

    /// <summary>
    /// For an ended municipality: the municipality it went into (Weesp → Amsterdam). Its figures of
    /// earlier years count there, so a region's time series keeps adding up after a merger.
    /// </summary>
    public int? SuccessorId { get; set; }

    /// <summary>The municipalities this region is made of (empty for a municipality itself).</summary>
    public List<RegionMembership> Memberships { get; set; } = [];
}

/// <summary>
/// Effective-dated link between a region and one of its municipalities, so a merger can be
/// recorded by closing one link and opening another, without rewriting earlier years.
/// </summary>
[Data.ShownOnMonitor]
[Data.DecidesAccess]
public class RegionMembership
{
    public int Id { get; set; }
    public int RegionId { get; set; }
    public Region Region { get; set; } = null!;
    public int MunicipalityId { get; set; }
    public Region Municipality { get; set; } = null!;
    public DateOnly ValidFrom { get; set; }
    /// <summary>Exclusive end; null while the membership holds.</summary>
    public DateOnly? ValidTo { get; set; }

    public bool IsValidOn(DateOnly day) => ValidFrom <= day && (ValidTo is null || ValidTo > day);
}
