using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pactwerk.Web.Features.Agenda;

internal sealed class PactActionConfiguration : IEntityTypeConfiguration<PactAction>
{
    public void Configure(EntityTypeBuilder<PactAction> action)
    {
        action.Property(a => a.Slug).HasMaxLength(100);
        action.HasIndex(a => new { a.PactId, a.Slug }).IsUnique();
        action.Property(a => a.Title).HasMaxLength(300);
        action.Property(a => a.Summary).HasMaxLength(4000);
        action.Property(a => a.StopReason).HasMaxLength(1000);
        action.Property(a => a.Budget).HasPrecision(14, 2);
        action.HasOne<Pacts.Pact>().WithMany().HasForeignKey(a => a.PactId);
        action.HasIndex(a => a.Status);
        action.HasMany(a => a.Regions).WithOne().HasForeignKey(r => r.ActionId);
        action.HasMany(a => a.Partners).WithOne().HasForeignKey(p => p.ActionId);
        action.HasMany(a => a.Objectives).WithOne().HasForeignKey(o => o.ActionId);
        action.HasMany(a => a.Funding).WithOne().HasForeignKey(f => f.ActionId);
        action.HasMany(a => a.Outputs).WithOne().HasForeignKey(o => o.ActionId);
    }
}

internal sealed class ActionRegionConfiguration : IEntityTypeConfiguration<ActionRegion>
{
    public void Configure(EntityTypeBuilder<ActionRegion> region)
    {
        region.HasKey(r => new { r.ActionId, r.RegionId });
        region.HasOne(r => r.Region).WithMany().HasForeignKey(r => r.RegionId).OnDelete(DeleteBehavior.Restrict);
        region.HasIndex(r => r.RegionId);
    }
}

internal sealed class ActionPartnerConfiguration : IEntityTypeConfiguration<ActionPartner>
{
    public void Configure(EntityTypeBuilder<ActionPartner> partner)
    {
        partner.HasKey(p => new { p.ActionId, p.OrganisationId });
        partner.HasOne(p => p.Organisation).WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        partner.Property(p => p.Role).HasMaxLength(300);
        partner.HasIndex(p => p.OrganisationId);
    }
}

internal sealed class ActionObjectiveConfiguration : IEntityTypeConfiguration<ActionObjective>
{
    public void Configure(EntityTypeBuilder<ActionObjective> objective)
    {
        objective.HasKey(o => new { o.ActionId, o.ObjectiveId });
        objective.HasOne(o => o.Objective).WithMany().HasForeignKey(o => o.ObjectiveId).OnDelete(DeleteBehavior.Restrict);
        objective.HasIndex(o => o.ObjectiveId);
    }
}

internal sealed class FundingSourceConfiguration : IEntityTypeConfiguration<FundingSource>
{
    public void Configure(EntityTypeBuilder<FundingSource> funding)
    {
        funding.Property(f => f.Funder).HasMaxLength(300);
        funding.Property(f => f.Amount).HasPrecision(14, 2);
        funding.HasIndex(f => f.EndsOn);
    }
}

internal sealed class ActionOutputConfiguration : IEntityTypeConfiguration<ActionOutput>
{
    public void Configure(EntityTypeBuilder<ActionOutput> output)
    {
        output.Property(o => o.Quantity).HasPrecision(14, 2);
        output.Property(o => o.Note).HasMaxLength(1000);
        output.Property(o => o.ReportedBy).HasMaxLength(200);
        // One figure per action, year and unit, so sums over outputs never count a correction twice.
        output.HasIndex(o => new { o.ActionId, o.Year, o.Unit }).IsUnique();
    }
}

internal sealed class ObjectiveConfiguration : IEntityTypeConfiguration<Objective>
{
    public void Configure(EntityTypeBuilder<Objective> objective)
    {
        objective.HasOne<Pacts.Pact>().WithMany().HasForeignKey(o => o.PactId);
        objective.HasIndex(o => new { o.PactId, o.Number }).IsUnique();
        objective.Property(o => o.Title).HasMaxLength(300);
        objective.Property(o => o.Description).HasMaxLength(4000);
        objective.HasMany(o => o.Indicators).WithOne().HasForeignKey(i => i.ObjectiveId);
    }
}

internal sealed class ObjectiveIndicatorConfiguration : IEntityTypeConfiguration<ObjectiveIndicator>
{
    public void Configure(EntityTypeBuilder<ObjectiveIndicator> link)
    {
        link.HasKey(l => new { l.ObjectiveId, l.IndicatorId });
        link.HasOne(l => l.Indicator).WithMany().HasForeignKey(l => l.IndicatorId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PlanConfiguration : IEntityTypeConfiguration<Plan>
{
    public void Configure(EntityTypeBuilder<Plan> plan)
    {
        plan.HasOne<Pacts.Pact>().WithMany().HasForeignKey(p => p.PactId);
        plan.HasOne(p => p.Region).WithMany().HasForeignKey(p => p.RegionId).OnDelete(DeleteBehavior.Restrict);
        plan.Property(p => p.Title).HasMaxLength(300);
        plan.HasMany(p => p.Revisions).WithOne(r => r.Plan).HasForeignKey(r => r.PlanId);
        plan.HasIndex(p => new { p.PactId, p.RegionId });
    }
}

internal sealed class PlanRevisionConfiguration : IEntityTypeConfiguration<PlanRevision>
{
    public void Configure(EntityTypeBuilder<PlanRevision> revision)
    {
        revision.HasIndex(r => new { r.PlanId, r.Number }).IsUnique();
        revision.HasOne<PlanRevision>().WithMany().HasForeignKey(r => r.BasedOnId).OnDelete(DeleteBehavior.Restrict);
        revision.Property(r => r.ProposedBy).HasMaxLength(200);
        revision.Property(r => r.AdoptedBy).HasMaxLength(200);
        revision.Ignore(r => r.Label);
        revision.HasMany(r => r.Priorities).WithOne().HasForeignKey(p => p.RevisionId);
        revision.HasMany(r => r.Objectives).WithOne().HasForeignKey(o => o.RevisionId);
        revision.HasMany(r => r.Actions).WithOne().HasForeignKey(a => a.RevisionId);
        revision.HasMany(r => r.Reasons).WithOne().HasForeignKey(r => r.RevisionId);
    }
}

internal sealed class RevisionItemConfiguration :
    IEntityTypeConfiguration<RevisionPriority>, IEntityTypeConfiguration<RevisionObjective>,
    IEntityTypeConfiguration<RevisionAction>, IEntityTypeConfiguration<RevisionChangeReason>
{
    public void Configure(EntityTypeBuilder<RevisionPriority> priority) => priority.Property(p => p.Text).HasMaxLength(1000);

    public void Configure(EntityTypeBuilder<RevisionObjective> objective)
    {
        objective.HasKey(o => new { o.RevisionId, o.ObjectiveId });
        objective.HasOne(o => o.Objective).WithMany().HasForeignKey(o => o.ObjectiveId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<RevisionAction> action)
    {
        action.HasKey(a => new { a.RevisionId, a.ActionId });
        action.HasOne(a => a.Action).WithMany().HasForeignKey(a => a.ActionId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<RevisionChangeReason> reason)
    {
        reason.Property(r => r.Key).HasMaxLength(1000);
        reason.Property(r => r.Reason).HasMaxLength(1000);
        reason.HasIndex(r => new { r.RevisionId, r.Kind, r.Key }).IsUnique();
    }
}

internal sealed class IndicatorGoalConfiguration : IEntityTypeConfiguration<IndicatorGoal>
{
    public void Configure(EntityTypeBuilder<IndicatorGoal> goal)
    {
        goal.HasOne<Monitor.Indicator>().WithMany().HasForeignKey(g => g.IndicatorId);
        goal.HasOne<Regions.Region>().WithMany().HasForeignKey(g => g.RegionId).OnDelete(DeleteBehavior.Restrict);
        goal.HasOne(g => g.PlanRevision).WithMany(r => r.Goals).HasForeignKey(g => g.PlanRevisionId);
        // One baseline and one target per indicator and region in a revision.
        goal.HasIndex(g => new { g.PlanRevisionId, g.IndicatorId, g.RegionId, g.Kind }).IsUnique();
    }
}
