using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pactwerk.Web.Features.Programmes;

internal sealed class ProgrammeConfiguration : IEntityTypeConfiguration<Programme>
{
    public void Configure(EntityTypeBuilder<Programme> programme)
    {
        programme.Property(p => p.Code).HasMaxLength(60);
        programme.Property(p => p.Name).HasMaxLength(200);
        programme.Property(p => p.Description).HasMaxLength(4000);
        programme.Property(p => p.Sector).HasMaxLength(40);
        foreach (var target in new[] { nameof(Programme.TargetCertificateRate), nameof(Programme.TargetJobRate), nameof(Programme.TargetWomenShare) })
            programme.Property<decimal>(target).HasPrecision(5, 1);
        programme.HasIndex(p => p.Code).IsUnique();
        programme.HasOne<Pacts.Pact>().WithMany().HasForeignKey(p => p.PactId).OnDelete(DeleteBehavior.Restrict);
        programme.HasOne<Network.Organisation>().WithMany().HasForeignKey(p => p.OwnerOrganisationId).OnDelete(DeleteBehavior.Restrict);
        programme.HasMany(p => p.Partners).WithOne().HasForeignKey(p => p.ProgrammeId);
        programme.HasMany(p => p.Employers).WithOne().HasForeignKey(e => e.ProgrammeId);
        programme.HasMany(p => p.Modules).WithOne().HasForeignKey(m => m.ProgrammeId);
        programme.HasMany(p => p.Steps).WithOne().HasForeignKey(s => s.ProgrammeId);
        programme.HasMany(p => p.Cohorts).WithOne().HasForeignKey(c => c.ProgrammeId);
        programme.ToTable("Programmes");
    }
}

internal sealed class ProgrammePartnerConfiguration : IEntityTypeConfiguration<ProgrammePartner>
{
    public void Configure(EntityTypeBuilder<ProgrammePartner> partner)
    {
        partner.HasOne<Network.Organisation>().WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        partner.HasIndex(p => new { p.ProgrammeId, p.OrganisationId }).IsUnique();
        partner.ToTable("ProgrammePartners");
    }
}

internal sealed class ProgrammeEmployerConfiguration : IEntityTypeConfiguration<ProgrammeEmployer>
{
    public void Configure(EntityTypeBuilder<ProgrammeEmployer> employer)
    {
        employer.HasOne<Network.Organisation>().WithMany().HasForeignKey(e => e.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        employer.HasIndex(e => new { e.ProgrammeId, e.OrganisationId }).IsUnique();
        employer.ToTable("ProgrammeEmployers", t => t.HasCheckConstraint("CK_ProgrammeEmployers_Places", "\"PlacesPerCohort\" >= 0"));
    }
}

internal sealed class ProgrammeUnitConfiguration : IEntityTypeConfiguration<ProgrammeUnit>
{
    public void Configure(EntityTypeBuilder<ProgrammeUnit> module)
    {
        module.Property(m => m.Name).HasMaxLength(200);
        module.HasIndex(m => new { m.ProgrammeId, m.Position }).IsUnique();
        // The database holds the same bound the editor refuses by, from the one constant.
        module.ToTable("ProgrammeModules", t => t.HasCheckConstraint("CK_ProgrammeModules_Weeks", $"\"Weeks\" BETWEEN 1 AND {ProgrammeUnit.MaxWeeks}"));
    }
}

internal sealed class IntakeStepConfiguration : IEntityTypeConfiguration<IntakeStep>
{
    public void Configure(EntityTypeBuilder<IntakeStep> step)
    {
        step.Property(s => s.Code).HasMaxLength(40);
        step.Property(s => s.Name).HasMaxLength(100);
        step.HasIndex(s => new { s.ProgrammeId, s.Position }).IsUnique();
        step.HasIndex(s => new { s.ProgrammeId, s.Code }).IsUnique();
        step.ToTable("ProgrammeIntakeSteps");
    }
}

internal sealed class CohortConfiguration : IEntityTypeConfiguration<Cohort>
{
    public void Configure(EntityTypeBuilder<Cohort> cohort)
    {
        cohort.Property(c => c.Code).HasMaxLength(40);
        cohort.Property(c => c.Name).HasMaxLength(200);
        cohort.HasIndex(c => new { c.ProgrammeId, c.Code }).IsUnique();
        cohort.ToTable("ProgrammeCohorts", t =>
        {
            t.HasCheckConstraint("CK_ProgrammeCohorts_Seats", "\"Seats\" > 0");
            t.HasCheckConstraint("CK_ProgrammeCohorts_Order", "\"StartDate\" <= \"EndDate\"");
        });
    }
}

internal sealed class CandidateConfiguration : IEntityTypeConfiguration<Candidate>
{
    public void Configure(EntityTypeBuilder<Candidate> candidate)
    {
        candidate.Property(c => c.UserId).HasMaxLength(450);
        candidate.Property(c => c.JobEmployerName).HasMaxLength(200);
        candidate.HasOne<Cohort>().WithMany().HasForeignKey(c => c.CohortId);
        candidate.HasOne<Regions.Region>().WithMany().HasForeignKey(c => c.MunicipalityId).OnDelete(DeleteBehavior.Restrict);
        candidate.HasOne<Network.Organisation>().WithMany().HasForeignKey(c => c.JobOrganisationId).OnDelete(DeleteBehavior.Restrict);
        candidate.HasMany(c => c.Steps).WithOne().HasForeignKey(s => s.CandidateId);
        candidate.HasMany(c => c.Modules).WithOne().HasForeignKey(m => m.CandidateId);
        candidate.HasIndex(c => new { c.CohortId, c.UserId });
        candidate.HasIndex(c => c.UserId);
        candidate.ToTable("ProgrammeCandidates");
    }
}

internal sealed class CandidateStepConfiguration : IEntityTypeConfiguration<CandidateStep>
{
    public void Configure(EntityTypeBuilder<CandidateStep> step)
    {
        step.Property(s => s.RecordedBy).HasMaxLength(450);
        step.HasOne<IntakeStep>().WithMany().HasForeignKey(s => s.IntakeStepId).OnDelete(DeleteBehavior.Restrict);
        // One decision per step: a second one for the same step is a race lost, not a correction.
        step.HasIndex(s => new { s.CandidateId, s.IntakeStepId }).IsUnique();
        step.ToTable("ProgrammeCandidateSteps");
    }
}

internal sealed class ModuleProgressConfiguration : IEntityTypeConfiguration<ModuleProgress>
{
    public void Configure(EntityTypeBuilder<ModuleProgress> progress)
    {
        progress.HasOne<ProgrammeUnit>().WithMany().HasForeignKey(m => m.ModuleId).OnDelete(DeleteBehavior.Restrict);
        progress.HasIndex(m => new { m.CandidateId, m.ModuleId }).IsUnique();
        progress.ToTable("ProgrammeModuleProgress");
    }
}
