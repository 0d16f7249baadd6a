using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pactwerk.Web.Features.Pacts;

internal sealed class PactConfiguration : IEntityTypeConfiguration<Pact>
{
    public void Configure(EntityTypeBuilder<Pact> pact)
    {
        pact.Property(p => p.Code).HasMaxLength(40);
        pact.HasIndex(p => p.Code).IsUnique();
        pact.Property(p => p.Name).HasMaxLength(200);
        pact.Property(p => p.Summary).HasMaxLength(4000);
        pact.Property(p => p.Website).HasMaxLength(400);
    }
}
