using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pactwerk.Web.Features.Newsletter;

internal sealed class NewsletterEditionConfiguration : IEntityTypeConfiguration<NewsletterEdition>
{
    public void Configure(EntityTypeBuilder<NewsletterEdition> e)
    {
        e.Property(x => x.Title).HasMaxLength(200);
        e.Property(x => x.Introduction).HasMaxLength(NewsletterLimits.IntroductionLength);
        e.HasOne<Pacts.Pact>().WithMany().HasForeignKey(x => x.PactId);
        e.HasIndex(x => new { x.PactId, x.Status, x.SentAt });
        e.HasMany(x => x.Items).WithOne().HasForeignKey(i => i.EditionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NewsletterItemConfiguration : IEntityTypeConfiguration<NewsletterItem>
{
    public void Configure(EntityTypeBuilder<NewsletterItem> i) => i.HasIndex(x => new { x.EditionId, x.Kind, x.ReferenceId }).IsUnique();
}

internal sealed class NewsletterSubscriberConfiguration : IEntityTypeConfiguration<NewsletterSubscriber>
{
    public void Configure(EntityTypeBuilder<NewsletterSubscriber> s)
    {
        s.Property(x => x.Email).HasMaxLength(254);
        s.Property(x => x.UnsubscribeKey).HasMaxLength(64);
        s.HasOne<Pacts.Pact>().WithMany().HasForeignKey(x => x.PactId);
        s.HasIndex(x => new { x.PactId, x.Email }).IsUnique();
    }
}

internal sealed class NewsletterDeliveryConfiguration : IEntityTypeConfiguration<NewsletterDelivery>
{
    public void Configure(EntityTypeBuilder<NewsletterDelivery> d)
    {
        d.Property(x => x.MessageId).HasMaxLength(200);
        d.Property(x => x.LastError).HasMaxLength(1000);
        d.HasOne<NewsletterEdition>().WithMany().HasForeignKey(x => x.EditionId);
        // Unsubscribing deletes the subscriber; their deliveries stay (counted) without the link.
        d.HasOne<NewsletterSubscriber>().WithMany().HasForeignKey(x => x.SubscriberId).OnDelete(DeleteBehavior.SetNull);
        d.HasIndex(x => new { x.EditionId, x.SubscriberId }).IsUnique();
        d.HasIndex(x => new { x.State, x.NextAttemptAt });
    }
}
