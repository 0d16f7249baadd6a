using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.Knowledge;

internal sealed class LearningNetworkConfiguration : IEntityTypeConfiguration<LearningNetwork>
{
    public void Configure(EntityTypeBuilder<LearningNetwork> n)
    {
        n.Property(x => x.Name).HasMaxLength(300);
        n.Property(x => x.Description).HasMaxLength(4000);
        n.HasOne<Pacts.Pact>().WithMany().HasForeignKey(x => x.PactId);
        n.HasOne<Agenda.PactAction>().WithMany().HasForeignKey(x => x.ActionId).OnDelete(DeleteBehavior.SetNull);
        n.HasMany(x => x.Members).WithOne().HasForeignKey(m => m.NetworkId);
        n.HasMany(x => x.Sessions).WithOne().HasForeignKey(s => s.NetworkId);
    }
}

internal sealed class LearningNetworkMemberConfiguration : IEntityTypeConfiguration<LearningNetworkMember>
{
    public void Configure(EntityTypeBuilder<LearningNetworkMember> m)
    {
        m.HasKey(x => new { x.NetworkId, x.UserId });
        m.HasOne<PactwerkUser>().WithMany().HasForeignKey(x => x.UserId);
        m.HasIndex(x => x.UserId);
    }
}

internal sealed class LearningNetworkSessionConfiguration : IEntityTypeConfiguration<LearningNetworkSession>
{
    public void Configure(EntityTypeBuilder<LearningNetworkSession> s)
    {
        s.Property(x => x.Place).HasMaxLength(300);
        s.Property(x => x.Theme).HasMaxLength(300);
        s.Property(x => x.Agenda).HasMaxLength(10000);
        s.Property(x => x.Notes).HasMaxLength(20000);
    }
}

internal sealed class LearningNetworkCaseConfiguration : IEntityTypeConfiguration<LearningNetworkCase>
{
    public void Configure(EntityTypeBuilder<LearningNetworkCase> c)
    {
        c.Property(x => x.Title).HasMaxLength(300);
        c.Property(x => x.Question).HasMaxLength(4000);
        c.Property(x => x.DiscussionNotes).HasMaxLength(20000);
        c.HasOne<LearningNetwork>().WithMany().HasForeignKey(x => x.NetworkId);
        c.HasOne<LearningNetworkSession>().WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.SetNull);
        c.HasOne<PactwerkUser>().WithMany().HasForeignKey(x => x.BroughtInByUserId).OnDelete(DeleteBehavior.Restrict);
        c.HasIndex(x => x.NetworkId);
    }
}
