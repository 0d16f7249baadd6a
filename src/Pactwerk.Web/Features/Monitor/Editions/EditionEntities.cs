using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pactwerk.Web.Features.Monitor.Editions;

/// <summary>
/// The monitor of a pact as published for a year ("Monitor Techniekpact 2025"). One edition per
/// pact and year, immutable once published: a correction is published as an edition of another
/// year (or told in the next one), so a quoted figure always keeps its address and its value.
/// Marked as shown on the monitor because the open-data catalogue (cached with the monitor) lists every edition.
/// </summary>
[Data.ShownOnMonitor]
public class MonitorEdition : Audit.IAudited
{
    public int Id { get; set; }
    public int PactId { get; set; }
    public int Year { get; set; }
    public required string Title { get; set; }
    public string? Introduction { get; set; }
    public DateTime PublishedAt { get; set; }
    public required string PublishedBy { get; set; }
    /// <summary>Codes of the indicators in the edition, in order, separated by '|'.</summary>
    public required string IndicatorCodes { get; set; }
}

/// <summary>
/// One chapter of an edition: an objective of the pact as it stood when the edition was published (number and title
/// frozen with the figures), the coordinator's short text about it, and the edition's indicators it is measured by.
/// Indicators of the edition that no objective measures form a last chapter without a number.
/// </summary>
public class EditionSection
{
    public int Id { get; set; }
    public int EditionId { get; set; }
    /// <summary>The objective's number within the pact; null for the chapter of the other indicators.</summary>
    public int? ObjectiveNumber { get; set; }
    /// <summary>The order of the chapters in the edition.</summary>
    public int Position { get; set; }
    public required string Title { get; set; }
    /// <summary>The coordinator's text about the objective, written before publishing; frozen with the edition.</summary>
    public string? Text { get; set; }
    /// <summary>Codes of the edition's indicators in this chapter, in order, separated by '|'.</summary>
    public required string IndicatorCodes { get; set; }
}

/// <summary>One frozen figure of an edition: an indicator's value for a region and period as published.</summary>
public class EditionFigure
{
    public long Id { get; set; }
    public int EditionId { get; set; }
    public int IndicatorId { get; set; }
    /// <summary>The version of the indicator's definition that computed the figure.</summary>
    public int IndicatorVersion { get; set; }
    public int RegionId { get; set; }
    public int PeriodStart { get; set; }
    /// <summary>The period as shown (2023/2024), so the edition reads without the element.</summary>
    public required string Period { get; set; }
    public double? Value { get; set; }
    public double Numerator { get; set; }
    public double? Denominator { get; set; }
    public int SuppressedCells { get; set; }
    /// <summary>The release the numerator's values came from.</summary>
    public int? ReleaseId { get; set; }
    /// <summary>The release the denominator's values came from, when it has one.</summary>
    public int? DenominatorReleaseId { get; set; }
}

internal sealed class MonitorEditionConfiguration : IEntityTypeConfiguration<MonitorEdition>
{
    public void Configure(EntityTypeBuilder<MonitorEdition> edition)
    {
        edition.Property(e => e.Title).HasMaxLength(200);
        edition.Property(e => e.Introduction).HasMaxLength(4000);
        edition.Property(e => e.PublishedBy).HasMaxLength(200);
        edition.Property(e => e.IndicatorCodes).HasMaxLength(2000);
        edition.HasOne<Pacts.Pact>().WithMany().HasForeignKey(e => e.PactId);
        // One edition per pact and year: publishing a year twice is refused, also when two coordinators press at once.
        edition.HasIndex(e => new { e.PactId, e.Year }).IsUnique();
    }
}

internal sealed class EditionFigureConfiguration : IEntityTypeConfiguration<EditionFigure>
{
    public void Configure(EntityTypeBuilder<EditionFigure> figure)
    {
        figure.Property(f => f.Period).HasMaxLength(20);
        figure.HasOne<MonitorEdition>().WithMany().HasForeignKey(f => f.EditionId);
        figure.HasOne<Indicator>().WithMany().HasForeignKey(f => f.IndicatorId).OnDelete(DeleteBehavior.Restrict);
        figure.HasOne<Regions.Region>().WithMany().HasForeignKey(f => f.RegionId).OnDelete(DeleteBehavior.Restrict);
        figure.HasIndex(f => new { f.EditionId, f.IndicatorId, f.RegionId });
    }
}

internal sealed class EditionSectionConfiguration : IEntityTypeConfiguration<EditionSection>
{
    public void Configure(EntityTypeBuilder<EditionSection> section)
    {
        section.Property(s => s.Title).HasMaxLength(300);
        section.Property(s => s.Text).HasMaxLength(4000);
        section.Property(s => s.IndicatorCodes).HasMaxLength(2000);
        section.HasOne<MonitorEdition>().WithMany().HasForeignKey(s => s.EditionId);
        section.HasIndex(s => new { s.EditionId, s.Position }).IsUnique();
    }
}
