using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pactwerk.Web.Features.Network;

internal sealed class ChangeProposalConfiguration : IEntityTypeConfiguration<ChangeProposal>
{
    public void Configure(EntityTypeBuilder<ChangeProposal> proposal)
    {
        proposal.ToTable("ChangeProposals");
        proposal.Property(p => p.Changes).HasMaxLength(20_000);
        proposal.Property(p => p.Reason).HasMaxLength(1000);
        proposal.Property(p => p.DecisionNote).HasMaxLength(1000);
        proposal.Property(p => p.ProposedByUserId).HasMaxLength(450);
        proposal.Property(p => p.ProposedBy).HasMaxLength(256);
        proposal.Property(p => p.DecidedBy).HasMaxLength(256);
        proposal.HasIndex(p => new { p.Subject, p.SubjectId, p.Status });
    }
}
