using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pactwerk.Web.Features.ReferenceData;

internal sealed class ReferenceDataLoadConfiguration : IEntityTypeConfiguration<ReferenceDataLoad>
{
    public void Configure(EntityTypeBuilder<ReferenceDataLoad> load)
    {
        load.Property(l => l.Source).HasMaxLength(1000);
        load.Property(l => l.Checksum).HasMaxLength(64);
    }
}
