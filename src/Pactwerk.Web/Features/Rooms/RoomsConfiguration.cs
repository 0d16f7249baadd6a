using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pactwerk.Web.Features.Rooms;

internal sealed class RoomConfiguration : IEntityTypeConfiguration<Room>
{
    public void Configure(EntityTypeBuilder<Room> room)
    {
        room.Property(r => r.Name).HasMaxLength(200);
        room.Property(r => r.Address).HasMaxLength(300);
        room.Property(r => r.AccessibilityNote).HasMaxLength(500);
        room.HasOne<Network.Organisation>().WithMany().HasForeignKey(r => r.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        room.HasOne<Regions.Region>().WithMany().HasForeignKey(r => r.MunicipalityId).OnDelete(DeleteBehavior.Restrict);
        room.HasMany(r => r.OpeningHours).WithOne().HasForeignKey(h => h.RoomId);
        room.HasMany(r => r.Closures).WithOne().HasForeignKey(c => c.RoomId);
        room.ToTable(t => t.HasCheckConstraint("CK_Rooms_Rules", "\"Capacity\" > 0 AND \"LeadTimeHours\" >= 0"));
    }
}

internal sealed class RoomOpeningHoursConfiguration : IEntityTypeConfiguration<RoomOpeningHours>
{
    public void Configure(EntityTypeBuilder<RoomOpeningHours> hours)
    {
        hours.HasIndex(h => new { h.RoomId, h.Day }).IsUnique();
        hours.ToTable(t => t.HasCheckConstraint("CK_RoomOpeningHours_Order", "\"Opens\" < \"Closes\""));
    }
}

internal sealed class RoomClosureConfiguration : IEntityTypeConfiguration<RoomClosure>
{
    public void Configure(EntityTypeBuilder<RoomClosure> closure)
    {
        closure.Property(c => c.Reason).HasMaxLength(200);
        closure.HasIndex(c => new { c.RoomId, c.From });
    }
}

/// <summary>
/// The bookings. That no two holding bookings (pending or approved) of one room overlap is a rule of
/// the database, not only of the code that books: on PostgreSQL an exclusion constraint
/// (<c>btree_gist</c>, <c>tstzrange(StartsAt, EndsAt) &amp;&amp;</c>) and on SQLite triggers that abort an insert
/// or update that would overlap. Both are created in the migration of each provider
/// (<see cref="RoomBookingConstraints"/>), as EF Core's model has no words for them.
/// </summary>
internal sealed class RoomBookingConfiguration : IEntityTypeConfiguration<RoomBooking>
{
    public void Configure(EntityTypeBuilder<RoomBooking> booking)
    {
        booking.HasOne<Room>().WithMany().HasForeignKey(b => b.RoomId);
        booking.HasOne<Network.Organisation>().WithMany().HasForeignKey(b => b.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        booking.Property(b => b.BookedBy).HasMaxLength(450);
        booking.Property(b => b.Purpose).HasMaxLength(300);
        booking.Property(b => b.DecisionReason).HasMaxLength(500);
        booking.Ignore(b => b.Hours);
        booking.HasIndex(b => new { b.RoomId, b.StartsAt });
        booking.HasIndex(b => b.SeriesId);
        booking.ToTable(t => t.HasCheckConstraint("CK_RoomBookings_Order", "\"StartsAt\" < \"EndsAt\""));
    }
}
