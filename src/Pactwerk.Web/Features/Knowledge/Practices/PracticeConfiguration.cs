using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pactwerk.Web.Features.Knowledge;

/// <summary>
/// The practices' tables. The full-text index is not part of the model: each provider's
/// migration creates its own (an FTS5 table on SQLite, a generated tsvector column on PostgreSQL)
/// and <see cref="PracticeSearch"/> queries it in SQL.
/// </summary>
internal sealed class PracticeConfiguration :
    IEntityTypeConfiguration<Practice>, IEntityTypeConfiguration<PracticeRegion>, IEntityTypeConfiguration<PracticeObjective>,
    IEntityTypeConfiguration<PracticeOrganisation>, IEntityTypeConfiguration<PracticeContact>, IEntityTypeConfiguration<PracticeAction>,
    IEntityTypeConfiguration<PracticeLink>
{
    public const string SearchRowIndex = "IX_Practices_SearchRow";

    public void Configure(EntityTypeBuilder<Practice> practice)
    {
        practice.ToTable("Practices");
        practice.HasOne<Pacts.Pact>().WithMany().HasForeignKey(p => p.PactId);
        practice.HasOne<Network.Organisation>().WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        practice.Property(p => p.Title).HasMaxLength(PracticeLimits.Title);
        practice.Property(p => p.Summary).HasMaxLength(PracticeLimits.Summary);
        practice.Property(p => p.TargetGroup).HasMaxLength(40);
        practice.Property(p => p.Sector).HasMaxLength(40);
        practice.Property(p => p.ReviewNote).HasMaxLength(PracticeLimits.Note);
        practice.Property(p => p.SearchSynonyms).HasMaxLength(4000);
        practice.HasIndex(p => new { p.Status, p.PactId });
        // Answers "did any published practice change" (count, sum of versions, highest id) from the index alone.
        practice.HasIndex(p => new { p.Status, p.Version });
        // Everything a search reads of a matched practice, so it is read from this narrow index and not from the row, whose
        // short columns after the long texts sit on overflow pages (PracticeSearch names it on SQLite; see bench/results).
        practice.HasIndex(p => new { p.Id, p.Status, p.Version, p.Title, p.PublishedAt, p.PactId, p.Sector }).HasDatabaseName(SearchRowIndex);
        practice.HasMany(p => p.Regions).WithOne().HasForeignKey(r => r.PracticeId);
        practice.HasMany(p => p.Objectives).WithOne().HasForeignKey(o => o.PracticeId);
        practice.HasMany(p => p.Organisations).WithOne().HasForeignKey(o => o.PracticeId);
        practice.HasMany(p => p.Contacts).WithOne().HasForeignKey(c => c.PracticeId);
        practice.HasMany(p => p.Actions).WithOne().HasForeignKey(a => a.PracticeId);
        practice.HasMany(p => p.Links).WithOne().HasForeignKey(l => l.PracticeId);
    }

    public void Configure(EntityTypeBuilder<PracticeRegion> region)
    {
        region.ToTable("PracticeRegions");
        region.HasKey(r => new { r.PracticeId, r.RegionId });
        region.HasOne(r => r.Region).WithMany().HasForeignKey(r => r.RegionId).OnDelete(DeleteBehavior.Restrict);
        region.HasIndex(r => r.RegionId);
    }

    public void Configure(EntityTypeBuilder<PracticeObjective> objective)
    {
        objective.ToTable("PracticeObjectives");
        objective.HasKey(o => new { o.PracticeId, o.ObjectiveId });
        objective.HasOne(o => o.Objective).WithMany().HasForeignKey(o => o.ObjectiveId).OnDelete(DeleteBehavior.Restrict);
        objective.HasIndex(o => o.ObjectiveId);
    }

    public void Configure(EntityTypeBuilder<PracticeOrganisation> organisation)
    {
        organisation.ToTable("PracticeOrganisations");
        organisation.HasKey(o => new { o.PracticeId, o.OrganisationId });
        organisation.HasOne(o => o.Organisation).WithMany().HasForeignKey(o => o.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        organisation.HasIndex(o => o.OrganisationId);
    }

    public void Configure(EntityTypeBuilder<PracticeContact> contact)
    {
        contact.ToTable("PracticeContacts");
        contact.HasKey(c => new { c.PracticeId, c.PersonId });
        contact.HasOne(c => c.Person).WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Restrict);
        contact.HasIndex(c => c.PersonId);
    }

    public void Configure(EntityTypeBuilder<PracticeAction> action)
    {
        action.ToTable("PracticeActions");
        action.HasKey(a => new { a.PracticeId, a.ActionId });
        action.HasOne(a => a.Action).WithMany().HasForeignKey(a => a.ActionId).OnDelete(DeleteBehavior.Restrict);
        action.HasIndex(a => a.ActionId);
    }

    public void Configure(EntityTypeBuilder<PracticeLink> link)
    {
        link.ToTable("PracticeLinks");
        link.Property(l => l.Title).HasMaxLength(300);
        link.Property(l => l.Url).HasMaxLength(2000);
    }
}

/// <summary>How long the texts of a practice may be; one place for the model, the checks and the messages.</summary>
public static class PracticeLimits
{
    public const int Title = 300;
    public const int Summary = 2000;
    /// <summary>Each Markdown section: long enough for a thorough case, short enough to read and index.</summary>
    public const int Section = 50_000;
    public const int Note = 2000;
}
