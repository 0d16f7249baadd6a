using Pactwerk.Web.Features.Newsletter;

namespace Pactwerk.Tests.Newsletter;

/// <summary>An edition is sent once: the moves on the entity, and what they refuse.</summary>
public sealed class NewsletterEditionWorkflowTests
{
    private static readonly DateTime At = new(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_draft_with_recipients_is_being_sent_until_it_settles()
    {
        var edition = new NewsletterEdition { Title = "Maart" };
        edition.Send(3, At);
        Assert.Equal((EditionStatus.Sending, 3, At, (DateTime?)null), (edition.Status, edition.RecipientCount, edition.SendRequestedAt!.Value, edition.SentAt));
        edition.Settle(At.AddHours(1));
        Assert.Equal((EditionStatus.Sent, (DateTime?)At.AddHours(1)), (edition.Status, edition.SentAt));
    }

    [Fact]
    public void A_draft_without_recipients_is_sent_at_once()
    {
        var edition = new NewsletterEdition { Title = "Maart" };
        edition.Send(0, At);
        Assert.Equal((EditionStatus.Sent, (DateTime?)At), (edition.Status, edition.SentAt));
    }

    [Fact]
    public void Sending_twice_or_settling_a_draft_is_refused_and_changes_nothing()
    {
        var edition = new NewsletterEdition { Title = "Maart" };
        var settle = Assert.Throws<InvalidOperationException>(() => edition.Settle(At));
        Assert.Contains("Alleen een editie die wordt verzonden", settle.Message);
        Assert.Equal((EditionStatus.Draft, (DateTime?)null), (edition.Status, edition.SentAt));

        edition.Send(2, At);
        var again = Assert.Throws<InvalidOperationException>(() => edition.Send(5, At.AddDays(1)));
        Assert.Equal(NewsletterEdition.AlreadySent, again.Message);
        Assert.Equal((EditionStatus.Sending, 2, At), (edition.Status, edition.RecipientCount, edition.SendRequestedAt!.Value));
    }
}
