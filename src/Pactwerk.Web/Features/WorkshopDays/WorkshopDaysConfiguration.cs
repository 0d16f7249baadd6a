using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pactwerk.Web.Features.WorkshopDays;

internal sealed class WorkshopDayEventConfiguration : IEntityTypeConfiguration<WorkshopDayEvent>
{
    public void Configure(EntityTypeBuilder<WorkshopDayEvent> e)
    {
        e.Property(x => x.Slug).HasMaxLength(60);
        e.HasIndex(x => x.Slug).IsUnique();
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.Venue).HasMaxLength(200);
        e.HasOne<Pacts.Pact>().WithMany().HasForeignKey(x => x.PactId);
        e.HasOne<Agenda.PactAction>().WithMany().HasForeignKey(x => x.ActionId).OnDelete(DeleteBehavior.SetNull);
        e.HasMany(x => x.Days).WithOne().HasForeignKey(d => d.EventId);
        e.HasMany(x => x.Workshops).WithOne().HasForeignKey(w => w.EventId);
        e.HasMany(x => x.Shifts).WithOne().HasForeignKey(s => s.EventId);
        e.ToTable(t => t.HasCheckConstraint("CK_WorkshopDayEvents_PerClass", "\"WorkshopsPerClass\" BETWEEN 1 AND 5"));
    }
}

internal sealed class EventDayConfiguration : IEntityTypeConfiguration<EventDay>
{
    public void Configure(EntityTypeBuilder<EventDay> d)
    {
        d.HasIndex(x => new { x.EventId, x.Date }).IsUnique();
        d.HasMany(x => x.Slots).WithOne().HasForeignKey(s => s.DayId);
    }
}

internal sealed class SessionSlotConfiguration : IEntityTypeConfiguration<SessionSlot>
{
    public void Configure(EntityTypeBuilder<SessionSlot> s) => s.HasIndex(x => new { x.DayId, x.StartsAt }).IsUnique();
}

internal sealed class WorkshopConfiguration : IEntityTypeConfiguration<Workshop>
{
    public void Configure(EntityTypeBuilder<Workshop> w)
    {
        w.Property(x => x.Title).HasMaxLength(200);
        w.Property(x => x.Provider).HasMaxLength(200);
        w.Property(x => x.Theme).HasMaxLength(100);
        w.Property(x => x.AgeGroup).HasMaxLength(100);
        w.HasOne<EventDay>().WithMany().HasForeignKey(x => x.DayId).OnDelete(DeleteBehavior.Restrict);
        w.ToTable(t => t.HasCheckConstraint("CK_Workshops_Sizes", "\"CapacityPerSession\" > 0 AND \"DurationMinutes\" > 0"));
    }
}

internal sealed class VolunteerShiftConfiguration : IEntityTypeConfiguration<VolunteerShift>
{
    public void Configure(EntityTypeBuilder<VolunteerShift> s)
    {
        s.Property(x => x.Task).HasMaxLength(200);
        s.HasOne<EventDay>().WithMany().HasForeignKey(x => x.DayId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class VolunteerSignUpConfiguration : IEntityTypeConfiguration<VolunteerSignUp>
{
    public void Configure(EntityTypeBuilder<VolunteerSignUp> v)
    {
        v.HasOne<WorkshopDayEvent>().WithMany().HasForeignKey(x => x.EventId);
        v.HasOne<VolunteerShift>().WithMany().HasForeignKey(x => x.ShiftId).OnDelete(DeleteBehavior.Restrict);
        v.Property(x => x.Name).HasMaxLength(200);
        v.Property(x => x.Email).HasMaxLength(254);
        v.Property(x => x.Phone).HasMaxLength(VolunteerSignUps.MaxPhoneLength);
        v.Property(x => x.KeyHash).HasMaxLength(64);
        v.HasIndex(x => x.KeyHash).IsUnique();
        v.HasIndex(x => new { x.EventId, x.Email });
        v.HasIndex(x => x.ShiftId);
    }
}

internal sealed class SchoolRegistrationConfiguration : IEntityTypeConfiguration<SchoolRegistration>
{
    public void Configure(EntityTypeBuilder<SchoolRegistration> r)
    {
        r.HasOne<WorkshopDayEvent>().WithMany().HasForeignKey(x => x.EventId);
        r.Property(x => x.School).HasMaxLength(200);
        r.Property(x => x.Municipality).HasMaxLength(100);
        r.Property(x => x.MunicipalityCode).HasMaxLength(6);
        r.Property(x => x.Teacher).HasMaxLength(200);
        r.Property(x => x.Email).HasMaxLength(254);
        r.Property(x => x.KeyHash).HasMaxLength(64);
        r.HasIndex(x => x.KeyHash).IsUnique();
        r.HasMany(x => x.Classes).WithOne().HasForeignKey(c => c.RegistrationId);
    }
}

internal sealed class SchoolClassConfiguration : IEntityTypeConfiguration<SchoolClass>
{
    public void Configure(EntityTypeBuilder<SchoolClass> c)
    {
        c.Property(x => x.Name).HasMaxLength(100);
        c.Property(x => x.Grade).HasMaxLength(60);
        c.HasOne<EventDay>().WithMany().HasForeignKey(x => x.DayId).OnDelete(DeleteBehavior.Restrict);
        c.Property(x => x.CheckInCode).HasMaxLength(CheckInCodes.Length);
        c.HasIndex(x => x.CheckInCode).IsUnique();
    }
}

internal sealed class ClassAssignmentConfiguration : IEntityTypeConfiguration<ClassAssignment>
{
    public void Configure(EntityTypeBuilder<ClassAssignment> a)
    {
        a.HasOne<SchoolClass>().WithMany().HasForeignKey(x => x.ClassId);
        a.HasOne<Workshop>().WithMany().HasForeignKey(x => x.WorkshopId).OnDelete(DeleteBehavior.Restrict);
        a.HasOne<SessionSlot>().WithMany().HasForeignKey(x => x.SlotId).OnDelete(DeleteBehavior.Restrict);
        // No class twice in a workshop, in the database too.
        a.HasIndex(x => new { x.ClassId, x.WorkshopId }).IsUnique();
    }
}

internal sealed class ClassCheckInConfiguration : IEntityTypeConfiguration<ClassCheckIn>
{
    public void Configure(EntityTypeBuilder<ClassCheckIn> c)
    {
        c.HasOne<WorkshopDayEvent>().WithMany().HasForeignKey(x => x.EventId);
        c.HasOne<SchoolClass>().WithMany().HasForeignKey(x => x.ClassId);
        // A class checks in once, also when two doors scan its code at the same moment.
        c.HasIndex(x => x.ClassId).IsUnique();
        c.ToTable(t => t.HasCheckConstraint("CK_ClassCheckIns_Present", "\"Present\" > 0"));
    }
}
