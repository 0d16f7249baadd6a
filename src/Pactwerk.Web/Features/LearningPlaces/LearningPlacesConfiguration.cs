using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pactwerk.Web.Features.LearningPlaces;

internal sealed class LearningPlaceConfiguration : IEntityTypeConfiguration<LearningPlace>
{
    public void Configure(EntityTypeBuilder<LearningPlace> place)
    {
        place.Property(p => p.Title).HasMaxLength(200);
        place.Property(p => p.Sector).HasMaxLength(40);
        place.Property(p => p.SbbNumber).HasMaxLength(9);
        place.Property(p => p.Description).HasMaxLength(2000);
        place.Property(p => p.Kind).HasConversion<string>().HasMaxLength(20);
        place.HasOne<Network.Organisation>().WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        place.HasOne<Regions.Region>().WithMany().HasForeignKey(p => p.MunicipalityId).OnDelete(DeleteBehavior.Restrict);
        place.HasMany(p => p.Periods).WithOne().HasForeignKey(p => p.LearningPlaceId);
        place.HasMany(p => p.Supervisors).WithOne().HasForeignKey(s => s.LearningPlaceId);
        place.HasIndex(p => p.OrganisationId);
        place.ToTable("LearningPlaces", t => t.HasCheckConstraint("CK_LearningPlaces_Seats", "\"Seats\" > 0"));
    }
}

internal sealed class LearningPlacePeriodConfiguration : IEntityTypeConfiguration<LearningPlacePeriod>
{
    public void Configure(EntityTypeBuilder<LearningPlacePeriod> period)
    {
        period.HasIndex(p => new { p.LearningPlaceId, p.From });
        period.ToTable("LearningPlacePeriods", t => t.HasCheckConstraint("CK_LearningPlacePeriods_Order", "\"From\" <= \"To\""));
    }
}

internal sealed class LearningPlaceSupervisorConfiguration : IEntityTypeConfiguration<LearningPlaceSupervisor>
{
    public void Configure(EntityTypeBuilder<LearningPlaceSupervisor> link)
    {
        link.HasOne<Supervisor>().WithMany().HasForeignKey(l => l.SupervisorId).OnDelete(DeleteBehavior.Restrict);
        link.HasIndex(l => new { l.LearningPlaceId, l.SupervisorId }).IsUnique();
        link.ToTable("LearningPlaceSupervisors");
    }
}

internal sealed class SupervisorConfiguration : IEntityTypeConfiguration<Supervisor>
{
    public void Configure(EntityTypeBuilder<Supervisor> supervisor)
    {
        supervisor.Property(s => s.Name).HasMaxLength(200);
        supervisor.HasOne<Network.Organisation>().WithMany().HasForeignKey(s => s.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        supervisor.HasMany(s => s.Absences).WithOne().HasForeignKey(a => a.SupervisorId);
        supervisor.HasIndex(s => s.OrganisationId);
        supervisor.ToTable("Supervisors", t => t.HasCheckConstraint("CK_Supervisors_Capacity", "\"Capacity\" > 0"));
    }
}

internal sealed class SupervisorAbsenceConfiguration : IEntityTypeConfiguration<SupervisorAbsence>
{
    public void Configure(EntityTypeBuilder<SupervisorAbsence> absence)
    {
        absence.HasIndex(a => new { a.SupervisorId, a.From });
        absence.ToTable("SupervisorAbsences", t => t.HasCheckConstraint("CK_SupervisorAbsences_Order", "\"From\" <= \"To\""));
    }
}

internal sealed class PlacementConfiguration : IEntityTypeConfiguration<Placement>
{
    public void Configure(EntityTypeBuilder<Placement> placement)
    {
        placement.Property(p => p.Learner).HasMaxLength(100);
        placement.Property(p => p.RecordedBy).HasMaxLength(450);
        placement.HasOne<LearningPlace>().WithMany().HasForeignKey(p => p.LearningPlaceId);
        placement.HasOne<Supervisor>().WithMany().HasForeignKey(p => p.SupervisorId).OnDelete(DeleteBehavior.Restrict);
        placement.HasIndex(p => new { p.LearningPlaceId, p.From });
        placement.HasIndex(p => new { p.SupervisorId, p.From });
        placement.ToTable("LearningPlacements", t => t.HasCheckConstraint("CK_LearningPlacements_Order", "\"From\" <= \"To\""));
    }
}
