using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pactwerk.Web.Features.Competences;

internal sealed class CompetenceConfiguration : IEntityTypeConfiguration<Competence>
{
    public void Configure(EntityTypeBuilder<Competence> competence)
    {
        competence.HasOne<Pacts.Pact>().WithMany().HasForeignKey(c => c.PactId).OnDelete(DeleteBehavior.Restrict);
        competence.Property(c => c.Code).HasMaxLength(100);
        competence.Property(c => c.NameNl).HasMaxLength(300);
        competence.Property(c => c.NameEn).HasMaxLength(300);
        competence.Property(c => c.Group).HasMaxLength(100);
        competence.Property(c => c.EscoUri).HasMaxLength(300);
        competence.HasIndex(c => new { c.PactId, c.Code }).IsUnique();
        competence.HasIndex(c => new { c.PactId, c.EscoUri }).IsUnique();
    }
}

internal sealed class OccupationConfiguration : IEntityTypeConfiguration<Occupation>
{
    public void Configure(EntityTypeBuilder<Occupation> occupation)
    {
        occupation.HasOne<Pacts.Pact>().WithMany().HasForeignKey(o => o.PactId).OnDelete(DeleteBehavior.Restrict);
        occupation.Property(o => o.Code).HasMaxLength(100);
        occupation.Property(o => o.NameNl).HasMaxLength(300);
        occupation.Property(o => o.NameEn).HasMaxLength(300);
        occupation.Property(o => o.EscoUri).HasMaxLength(300);
        occupation.HasIndex(o => new { o.PactId, o.Code }).IsUnique();
        occupation.HasIndex(o => new { o.PactId, o.EscoUri }).IsUnique();
    }
}

internal sealed class OccupationCompetenceConfiguration : IEntityTypeConfiguration<OccupationCompetence>
{
    public void Configure(EntityTypeBuilder<OccupationCompetence> relation)
    {
        relation.HasKey(r => new { r.OccupationId, r.CompetenceId });
        relation.HasOne<Occupation>().WithMany().HasForeignKey(r => r.OccupationId);
        relation.HasOne<Competence>().WithMany().HasForeignKey(r => r.CompetenceId);
        relation.HasIndex(r => r.CompetenceId);
    }
}
