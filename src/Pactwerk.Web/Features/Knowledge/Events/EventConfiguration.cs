using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.Knowledge;

internal sealed class EventConfiguration : IEntityTypeConfiguration<Event>
{
    public void Configure(EntityTypeBuilder<Event> e)
    {
        e.Property(x => x.Title).HasMaxLength(300);
        e.Property(x => x.Place).HasMaxLength(300);
        e.Property(x => x.Programme).HasMaxLength(8000);
        e.Property(x => x.RegistrationUrl).HasMaxLength(500);
        e.Property(x => x.Agenda).HasMaxLength(8000);
        e.Property(x => x.Minutes).HasMaxLength(20000);
        e.HasOne<Pacts.Pact>().WithMany().HasForeignKey(x => x.PactId);
        e.HasOne<Regions.Region>().WithMany().HasForeignKey(x => x.RegionId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.PactId, x.StartsAt });
        e.HasMany(x => x.Documents).WithOne().HasForeignKey(d => d.EventId);
        e.HasMany(x => x.Members).WithOne().HasForeignKey(m => m.EventId);
        e.HasMany(x => x.Registrations).WithOne().HasForeignKey(r => r.EventId);
    }
}

internal sealed class MeetingDocumentConfiguration : IEntityTypeConfiguration<MeetingDocument>
{
    public void Configure(EntityTypeBuilder<MeetingDocument> d)
    {
        d.Property(x => x.Title).HasMaxLength(300);
        d.Property(x => x.Url).HasMaxLength(500);
    }
}

internal sealed class MeetingMemberConfiguration : IEntityTypeConfiguration<MeetingMember>
{
    public void Configure(EntityTypeBuilder<MeetingMember> m)
    {
        m.HasKey(x => new { x.EventId, x.UserId });
        m.HasOne<PactwerkUser>().WithMany().HasForeignKey(x => x.UserId);
        m.HasIndex(x => x.UserId);
    }
}

internal sealed class EventRegistrationConfiguration : IEntityTypeConfiguration<EventRegistration>
{
    public void Configure(EntityTypeBuilder<EventRegistration> r)
    {
        r.Property(x => x.Name).HasMaxLength(200);
        r.Property(x => x.Email).HasMaxLength(254);
        // The database refuses a second registration of one address even when two arrive at once.
        r.HasIndex(x => new { x.EventId, x.Email }).IsUnique();
        // And a place is taken once: two requests for the last place cannot both get it.
        // (Waiting registrations have no place; NULLs never collide in a unique index, on either database.)
        r.HasIndex(x => new { x.EventId, x.PlaceNumber }).IsUnique();
        r.Property(x => x.CancelTokenHash).HasMaxLength(64);
        r.Property(x => x.Language).HasMaxLength(2);
        r.HasIndex(x => x.CancelTokenHash).IsUnique();
    }
}
