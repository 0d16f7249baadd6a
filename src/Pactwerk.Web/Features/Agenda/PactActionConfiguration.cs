using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pactwerk.Web.Features.Agenda;

internal sealed class PactActionConfiguration : IEntityTypeConfiguration<PactAction>
{
    public void Configure(EntityTypeBuilder<PactAction> action)
    {
        action.Property(a => a.Slug).HasMaxLength(100);
        action.HasIndex(a => new { a.PactId, a.Slug }).IsUnique();
        action.Property(a => a.Title).HasMaxLength(300);
        action.Property(a => a.Summary).HasMaxLength(4000);
        action.HasOne<Pacts.Pact>().WithMany().HasForeignKey(a => a.PactId);
        action.HasOne(a => a.Region).WithMany().HasForeignKey(a => a.RegionId).OnDelete(DeleteBehavior.Restrict);
        action.HasIndex(a => a.RegionId);
    }
}
