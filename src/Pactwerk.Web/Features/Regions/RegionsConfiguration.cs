using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pactwerk.Web.Features.Regions;

internal sealed class RegionSetConfiguration : IEntityTypeConfiguration<RegionSet>
{
    public void Configure(EntityTypeBuilder<RegionSet> set)
    {
        set.Property(s => s.Code).HasMaxLength(40);
        set.HasIndex(s => s.Code).IsUnique();
        set.Property(s => s.Name).HasMaxLength(200);
        set.Property(s => s.NameEn).HasMaxLength(200);
        set.HasOne<Pacts.Pact>().WithMany().HasForeignKey(s => s.PactId);
    }
}

internal sealed class RegionConfiguration : IEntityTypeConfiguration<Region>
{
    public void Configure(EntityTypeBuilder<Region> region)
    {
        region.Property(r => r.Code).HasMaxLength(40);
        region.HasIndex(r => r.Code).IsUnique();
        region.Property(r => r.Name).HasMaxLength(200);
        region.HasMany(r => r.Memberships).WithOne(m => m.Region).HasForeignKey(m => m.RegionId);
        region.HasOne<Region>().WithMany().HasForeignKey(r => r.SuccessorId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RegionMembershipConfiguration : IEntityTypeConfiguration<RegionMembership>
{
    public void Configure(EntityTypeBuilder<RegionMembership> membership)
    {
        membership.HasOne(m => m.Municipality).WithMany().HasForeignKey(m => m.MunicipalityId)
            .OnDelete(DeleteBehavior.Restrict);
        membership.HasIndex(m => new { m.RegionId, m.MunicipalityId, m.ValidFrom }).IsUnique();
        membership.HasIndex(m => m.MunicipalityId);
    }
}
