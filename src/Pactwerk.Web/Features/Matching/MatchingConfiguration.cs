using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pactwerk.Web.Features.Matching;

internal sealed class CandidateConfiguration : IEntityTypeConfiguration<Candidate>
{
    public void Configure(EntityTypeBuilder<Candidate> candidate)
    {
        candidate.Property(c => c.Email).HasMaxLength(254);
        candidate.HasIndex(c => c.Email).IsUnique();
        candidate.HasMany(c => c.CandidateCompetences).WithOne().HasForeignKey(c => c.CandidateId);
        candidate.HasOne<CandidatePersonalDetails>().WithOne().HasForeignKey<CandidatePersonalDetails>(p => p.CandidateId);
        candidate.ToTable("Candidates");
    }
}

internal sealed class CandidateCompetenceConfiguration : IEntityTypeConfiguration<CandidateCompetence>
{
    public void Configure(EntityTypeBuilder<CandidateCompetence> competence)
    {
        competence.Property(c => c.Evidence).HasMaxLength(200);
        competence.HasOne<Competences.Competence>().WithMany().HasForeignKey(c => c.CompetenceId).OnDelete(DeleteBehavior.Restrict);
        competence.HasIndex(c => new { c.CandidateId, c.CompetenceId }).IsUnique();
        competence.HasIndex(c => c.CompetenceId);
        competence.ToTable("CandidateCompetences", t => t.HasCheckConstraint("CK_CandidateCompetences_Level", "\"Level\" BETWEEN 1 AND 4"));
    }
}

internal sealed class CandidatePersonalDetailsConfiguration : IEntityTypeConfiguration<CandidatePersonalDetails>
{
    public void Configure(EntityTypeBuilder<CandidatePersonalDetails> details)
    {
        details.HasKey(d => d.CandidateId);
        details.Property(d => d.Name).HasMaxLength(200);
        details.Property(d => d.Gender).HasMaxLength(40);
        details.ToTable("CandidatePersonalDetails");
    }
}

internal sealed class PlaceRequirementConfiguration : IEntityTypeConfiguration<PlaceRequirement>
{
    public void Configure(EntityTypeBuilder<PlaceRequirement> requirement)
    {
        requirement.HasOne<LearningPlaces.LearningPlace>().WithMany().HasForeignKey(r => r.LearningPlaceId);
        requirement.HasOne<Competences.Competence>().WithMany().HasForeignKey(r => r.CompetenceId).OnDelete(DeleteBehavior.Restrict);
        requirement.HasIndex(r => new { r.LearningPlaceId, r.CompetenceId }).IsUnique();
        requirement.HasIndex(r => r.CompetenceId);
        requirement.ToTable("PlaceRequirements", t =>
        {
            t.HasCheckConstraint("CK_PlaceRequirements_Weight", "\"Weight\" BETWEEN 1 AND 5");
            t.HasCheckConstraint("CK_PlaceRequirements_MinimumLevel", "\"MinimumLevel\" BETWEEN 1 AND 4");
        });
    }
}

internal sealed class CourseCompetenceConfiguration : IEntityTypeConfiguration<CourseCompetence>
{
    public void Configure(EntityTypeBuilder<CourseCompetence> link)
    {
        link.HasOne<Vouchers.VoucherCourse>().WithMany().HasForeignKey(l => l.CourseId);
        link.HasOne<Competences.Competence>().WithMany().HasForeignKey(l => l.CompetenceId).OnDelete(DeleteBehavior.Restrict);
        link.HasIndex(l => new { l.CourseId, l.CompetenceId }).IsUnique();
        link.HasIndex(l => l.CompetenceId);
        link.ToTable("CourseCompetences", t => t.HasCheckConstraint("CK_CourseCompetences_Level", "\"Level\" BETWEEN 1 AND 4"));
    }
}

internal sealed class ProposalConfiguration : IEntityTypeConfiguration<Proposal>
{
    public void Configure(EntityTypeBuilder<Proposal> proposal)
    {
        proposal.Property(p => p.State).HasConversion<string>().HasMaxLength(20);
        proposal.Property(p => p.ProposedBy).HasMaxLength(450);
        proposal.Property(p => p.DecidedBy).HasMaxLength(450);
        proposal.Property(p => p.DeclineReason).HasMaxLength(1000);
        proposal.HasOne<Candidate>().WithMany().HasForeignKey(p => p.CandidateId);
        // Optional since a proposal names a place or a vacancy; still cascading, as the required place's key did.
        proposal.HasOne<LearningPlaces.LearningPlace>().WithMany().HasForeignKey(p => p.LearningPlaceId).OnDelete(DeleteBehavior.Cascade);
        proposal.HasOne<Vacancy>().WithMany().HasForeignKey(p => p.VacancyId).OnDelete(DeleteBehavior.Cascade);
        proposal.Ignore(p => p.Opening);
        proposal.HasIndex(p => new { p.LearningPlaceId, p.CandidateId });
        proposal.HasIndex(p => new { p.VacancyId, p.CandidateId });
        proposal.HasIndex(p => p.CandidateId);
        // A proposal is for exactly one opening: a place or a vacancy.
        proposal.ToTable("Proposals", t => t.HasCheckConstraint("CK_Proposals_OneOpening",
            "(\"LearningPlaceId\" IS NULL AND \"VacancyId\" IS NOT NULL) OR (\"LearningPlaceId\" IS NOT NULL AND \"VacancyId\" IS NULL)"));
    }
}

internal sealed class VacancyConfiguration : IEntityTypeConfiguration<Vacancy>
{
    public void Configure(EntityTypeBuilder<Vacancy> vacancy)
    {
        vacancy.Property(v => v.Title).HasMaxLength(200);
        vacancy.Property(v => v.Sector).HasMaxLength(40);
        vacancy.Property(v => v.HoursPerWeek).HasPrecision(5, 2);
        vacancy.HasOne<Network.Organisation>().WithMany().HasForeignKey(v => v.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        vacancy.HasOne<Regions.Region>().WithMany().HasForeignKey(v => v.MunicipalityId).OnDelete(DeleteBehavior.Restrict);
        vacancy.HasMany(v => v.Requirements).WithOne().HasForeignKey(r => r.VacancyId);
        vacancy.HasIndex(v => v.OrganisationId);
        vacancy.ToTable("Vacancies", t => t.HasCheckConstraint("CK_Vacancies_Hours", "\"HoursPerWeek\" > 0"));
    }
}

internal sealed class VacancyRequirementConfiguration : IEntityTypeConfiguration<VacancyRequirement>
{
    public void Configure(EntityTypeBuilder<VacancyRequirement> requirement)
    {
        requirement.HasOne<Competences.Competence>().WithMany().HasForeignKey(r => r.CompetenceId).OnDelete(DeleteBehavior.Restrict);
        requirement.HasIndex(r => new { r.VacancyId, r.CompetenceId }).IsUnique();
        requirement.HasIndex(r => r.CompetenceId);
        requirement.ToTable("VacancyRequirements", t =>
        {
            t.HasCheckConstraint("CK_VacancyRequirements_Weight", "\"Weight\" BETWEEN 1 AND 5");
            t.HasCheckConstraint("CK_VacancyRequirements_MinimumLevel", "\"MinimumLevel\" BETWEEN 1 AND 4");
        });
    }
}
