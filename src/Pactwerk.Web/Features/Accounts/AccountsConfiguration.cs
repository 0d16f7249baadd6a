using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pactwerk.Web.Features.Audit;

namespace Pactwerk.Web.Features.Accounts;

internal sealed class PactwerkUserConfiguration : IEntityTypeConfiguration<PactwerkUser>
{
    public void Configure(EntityTypeBuilder<PactwerkUser> user)
    {
        user.Property(u => u.DisplayName).HasMaxLength(200);
        user.HasOne<Network.Person>().WithMany().HasForeignKey(u => u.PersonId).OnDelete(DeleteBehavior.SetNull);
        // One account per person; NULLs do not collide on SQLite or PostgreSQL.
        user.HasIndex(u => u.PersonId).IsUnique();
    }
}

internal sealed class RoleAssignmentConfiguration : IEntityTypeConfiguration<RoleAssignment>
{
    public void Configure(EntityTypeBuilder<RoleAssignment> role)
    {
        role.HasOne<PactwerkUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        role.HasOne<Pacts.Pact>().WithMany().HasForeignKey(r => r.PactId);
        role.HasOne<Regions.Region>().WithMany().HasForeignKey(r => r.RegionId).OnDelete(DeleteBehavior.Restrict);
        role.HasOne<Network.Organisation>().WithMany().HasForeignKey(r => r.OrganisationId);
        role.HasIndex(r => r.UserId);
    }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> token)
    {
        token.HasOne<PactwerkUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        token.Property(t => t.Name).HasMaxLength(100);
        token.Property(t => t.Prefix).HasMaxLength(16);
        token.Property(t => t.SecretHash).HasMaxLength(64);
        token.HasIndex(t => t.SecretHash).IsUnique();
        token.Property(t => t.RoleAssignmentIds).HasMaxLength(400);
        token.Ignore(t => t.ScopeIds);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> audit)
    {
        audit.Property(a => a.UserId).HasMaxLength(450);
        audit.Property(a => a.Actor).HasMaxLength(200);
        audit.Property(a => a.Action).HasMaxLength(40);
        audit.Property(a => a.EntityType).HasMaxLength(100);
        audit.Property(a => a.EntityId).HasMaxLength(100);
        audit.HasIndex(a => a.At);
        audit.HasIndex(a => new { a.EntityType, a.EntityId });
        audit.HasIndex(a => a.UserId);
        audit.HasIndex(a => a.PactId);
    }
}
