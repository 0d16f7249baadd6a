using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pactwerk.Web.Features.Monitor;

internal sealed class DataSourceConfiguration : IEntityTypeConfiguration<DataSource>
{
    public void Configure(EntityTypeBuilder<DataSource> source)
    {
        source.Property(s => s.Code).HasMaxLength(60);
        source.HasIndex(s => s.Code).IsUnique();
        source.Property(s => s.Name).HasMaxLength(200);
        source.Property(s => s.Url).HasMaxLength(400);
        source.Property(s => s.License).HasMaxLength(400);
    }
}

internal sealed class DataReleaseConfiguration : IEntityTypeConfiguration<DataRelease>
{
    public void Configure(EntityTypeBuilder<DataRelease> release)
    {
        release.Property(r => r.Dataset).HasMaxLength(60);
        release.Property(r => r.FileName).HasMaxLength(260);
        release.Property(r => r.Checksum).HasMaxLength(64);
        release.Property(r => r.ImportedBy).HasMaxLength(200);
        release.Property(r => r.Periods).HasMaxLength(100);
        release.Property(r => r.Report).HasMaxLength(200_000);
        release.Property(r => r.WithdrawnBy).HasMaxLength(200);
        release.Property(r => r.WithdrawalReason).HasMaxLength(1000);
        release.HasIndex(r => new { r.Dataset, r.Checksum }).IsUnique();
    }
}

internal sealed class DataElementConfiguration : IEntityTypeConfiguration<DataElement>
{
    public void Configure(EntityTypeBuilder<DataElement> element)
    {
        element.Property(e => e.Code).HasMaxLength(60);
        element.HasIndex(e => e.Code).IsUnique();
        element.Property(e => e.Name).HasMaxLength(200);
        element.Property(e => e.NameEn).HasMaxLength(200);
        element.Property(e => e.Unit).HasMaxLength(40);
        element.Property(e => e.Dimensions).HasMaxLength(1000);
        element.HasOne<DataSource>().WithMany().HasForeignKey(e => e.DataSourceId);
        element.Ignore(e => e.DimensionList);
    }
}

internal sealed class ObservationConfiguration : IEntityTypeConfiguration<Observation>
{
    public void Configure(EntityTypeBuilder<Observation> observation)
    {
        observation.Property(o => o.DimensionKey).HasMaxLength(2000);
        observation.HasOne<DataElement>().WithMany().HasForeignKey(o => o.DataElementId);
        observation.HasOne<DataRelease>().WithMany().HasForeignKey(o => o.ReleaseId);
        observation.HasOne<Regions.Region>().WithMany().HasForeignKey(o => o.RegionId).OnDelete(DeleteBehavior.Restrict);
        // An import retires an element's values period by period (a seek on element and period);
        // the engine reads an element's current values in period order.
        observation.HasIndex(o => new { o.DataElementId, o.PeriodStart, o.IsCurrent });
        observation.HasIndex(o => o.ReleaseId);
    }
}

internal sealed class IndicatorConfiguration : IEntityTypeConfiguration<Indicator>
{
    public void Configure(EntityTypeBuilder<Indicator> indicator)
    {
        indicator.Property(i => i.Code).HasMaxLength(60);
        indicator.HasIndex(i => i.Code).IsUnique();
        indicator.Property(i => i.Name).HasMaxLength(200);
        indicator.Property(i => i.NameEn).HasMaxLength(200);
        indicator.Property(i => i.Unit).HasMaxLength(40);
        indicator.HasMany(i => i.Versions).WithOne().HasForeignKey(v => v.IndicatorId);
    }
}

internal sealed class IndicatorVersionConfiguration : IEntityTypeConfiguration<IndicatorVersion>
{
    public void Configure(EntityTypeBuilder<IndicatorVersion> version)
    {
        version.Property(v => v.Definition).HasMaxLength(4000);
        version.Property(v => v.Description).HasMaxLength(2000);
        version.Property(v => v.DescriptionEn).HasMaxLength(2000);
        version.Property(v => v.Source).HasMaxLength(1000);
        version.Property(v => v.ValidFrom).HasMaxLength(9);
        version.Property(v => v.Reason).HasMaxLength(1000);
        version.Property(v => v.CreatedBy).HasMaxLength(200);
        version.HasIndex(v => new { v.IndicatorId, v.Version }).IsUnique();
    }
}
