using Pactwerk.Monitoring;

namespace Pactwerk.Web.Features.Monitor;

/// <summary>How the figures of a source may be shown to readers who are not coordinators.</summary>
public enum Disclosure
{
    /// <summary>The pact's own records about people: the small-cell rule with secondary suppression holds on every path.</summary>
    Confidential,
    /// <summary>Published open data whose publisher already hid its small cells (DUO, CBS, UWV): every computed figure is shown.</summary>
    Published,
}

/// <summary>A publisher of data, e.g. "DUO open onderwijsdata".</summary>
public class DataSource
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string? Url { get; set; }
    /// <summary>Decides which rule protects every figure computed from the source's data elements.</summary>
    public Disclosure Disclosure { get; set; }
}

/// <summary>One file of a dataset as published and imported: the provenance of every observation in it.</summary>
public class DataRelease
{
    public int Id { get; set; }
    public int DataSourceId { get; set; }
    public DataSource DataSource { get; set; } = null!;
    /// <summary>The import profile, which names the dataset (duo-hbo-ingeschrevenen).</summary>
    public required string Dataset { get; set; }
    public required string FileName { get; set; }
    /// <summary>SHA-256 of the file: the same file imported twice is the same release.</summary>
    public required string Checksum { get; set; }
    public DateTime ImportedAt { get; set; }
    /// <summary>The day the publisher released the file, when the importer knows it (DUO dates its files); not the import time.</summary>
    public DateOnly? PublishedOn { get; set; }
    public required string ImportedBy { get; set; }
    public int RowsRead { get; set; }
    public int ObservationsWritten { get; set; }
    public int SuppressedCells { get; set; }
    /// <summary>The periods the file holds, e.g. "2020/2021–2023/2024".</summary>
    public required string Periods { get; set; }
    /// <summary>The import's report as JSON (ImportReport), kept with the release for the history of imports.</summary>
    public string? Report { get; set; }
    /// <summary>Set when the release was withdrawn: its observations left the monitor; the release stays as history.</summary>
    public DateTime? WithdrawnAt { get; set; }
    public string? WithdrawnBy { get; set; }
    public string? WithdrawalReason { get; set; }
}

/// <summary>What is measured (hbo enrolments), with the dimensions its values are broken down by.</summary>
public class DataElement
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string NameEn { get; set; }
    public required string Unit { get; set; }
    public PeriodKind PeriodKind { get; set; }
    public ElementLevel Level { get; set; }
    public int DataSourceId { get; set; }
    /// <summary>Dimension names in order, separated by '|'.</summary>
    public required string Dimensions { get; set; }

    public IReadOnlyList<string> DimensionList => Dimensions.Length == 0 ? [] : Dimensions.Split('|');
}

/// <summary>
/// One value of a data element for a region, period and combination of dimension values, or a
/// suppressed cell (Value null, DUO's "&lt;5"). Older releases' values stay, marked not current.
/// </summary>
public class Observation
{
    public long Id { get; set; }
    public int DataElementId { get; set; }
    public int ReleaseId { get; set; }
    public int RegionId { get; set; }
    /// <summary>First year of the period; its kind is the element's.</summary>
    public int PeriodStart { get; set; }
    /// <summary>Dimension values in the element's order, separated by U+001F.</summary>
    public required string DimensionKey { get; set; }
    public double? Value { get; set; }
    public bool IsCurrent { get; set; }

    public const char Separator = '\u001f';
}

/// <summary>An indicator; its definition is versioned and every value says which version made it.</summary>
public class Indicator : Audit.IAudited
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string NameEn { get; set; }
    public required string Unit { get; set; }
    public Direction Direction { get; set; }
    public int CurrentVersion { get; set; }
    public List<IndicatorVersion> Versions { get; set; } = [];
}

public class IndicatorVersion
{
    public int Id { get; set; }
    public int IndicatorId { get; set; }
    public int Version { get; set; }
    /// <summary>The definition as JSON: numerator and denominator measures and the multiplier.</summary>
    public required string Definition { get; set; }
    /// <summary>Plain-language definition, shown to users.</summary>
    public required string Description { get; set; }
    public DateTime CreatedAt { get; set; }
}

public enum GoalKind
{
    Baseline,
    Target,
}

/// <summary>A baseline or a target of an indicator for a region, set by a revision of a plan.</summary>
public class IndicatorGoal : Audit.IAudited
{
    public int Id { get; set; }
    public int IndicatorId { get; set; }
    public int RegionId { get; set; }
    public GoalKind Kind { get; set; }
    public int PeriodStart { get; set; }
    public double Value { get; set; }
    /// <summary>The plan revision that set it; a later revision's copy may set another value.</summary>
    public int PlanRevisionId { get; set; }
    public Agenda.PlanRevision PlanRevision { get; set; } = null!;
}
