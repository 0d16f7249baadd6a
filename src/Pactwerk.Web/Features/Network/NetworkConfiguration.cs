using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pactwerk.Web.Features.Network;

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> organisation)
    {
        organisation.Property(o => o.Name).HasMaxLength(300);
        organisation.HasIndex(o => o.Name);
        organisation.Property(o => o.Website).HasMaxLength(400);
        organisation.HasOne<Regions.Region>().WithMany().HasForeignKey(o => o.LocationRegionId);
    }
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> person)
    {
        person.Property(p => p.Name).HasMaxLength(200);
        person.Property(p => p.JobTitle).HasMaxLength(300);
        person.Property(p => p.Email).HasMaxLength(320);
        person.Property(p => p.Phone).HasMaxLength(40);
        person.HasMany(p => p.Roles).WithOne(r => r.Person).HasForeignKey(r => r.PersonId);
    }
}

internal sealed class PactRoleConfiguration : IEntityTypeConfiguration<PactRole>
{
    public void Configure(EntityTypeBuilder<PactRole> role)
    {
        role.HasOne<Pacts.Pact>().WithMany().HasForeignKey(r => r.PactId);
        role.HasIndex(r => new { r.PactId, r.Kind });
    }
}
