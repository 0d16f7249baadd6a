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
        organisation.Property(o => o.Description).HasMaxLength(2000);
        organisation.Property(o => o.KvkNumber).HasMaxLength(8);
        organisation.Property(o => o.DuoCode).HasMaxLength(4);
        // An identifier names one organisation; a second record with it would be a duplicate.
        organisation.HasIndex(o => o.KvkNumber).IsUnique();
        organisation.HasIndex(o => o.DuoCode).IsUnique();
        organisation.HasOne(o => o.Municipality).WithMany().HasForeignKey(o => o.MunicipalityId);
        organisation.HasIndex(o => o.Helix);
    }
}

internal sealed class PactSignatoryConfiguration : IEntityTypeConfiguration<PactSignatory>
{
    public void Configure(EntityTypeBuilder<PactSignatory> signatory)
    {
        signatory.HasOne<Pacts.Pact>().WithMany().HasForeignKey(s => s.PactId);
        signatory.HasOne(s => s.Organisation).WithMany().HasForeignKey(s => s.OrganisationId);
        signatory.Property(s => s.Commitment).HasMaxLength(2000);
        signatory.Property(s => s.WithdrawalReason).HasMaxLength(1000);
        signatory.HasIndex(s => new { s.PactId, s.OrganisationId });
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
        role.HasOne(r => r.Organisation).WithMany().HasForeignKey(r => r.OrganisationId);
        role.HasIndex(r => new { r.PactId, r.Kind });
    }
}
