namespace Pactwerk.Web.Features.Monitor;

/// <summary>One file of a dataset as published and imported: the provenance of every observation in it.</summary>
[Data.ShownOnMonitor]
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
