using Pactwerk.Web.Features.Knowledge;

namespace Pactwerk.Tests.Knowledge;

/// <summary>The review workflow of a practice on the entity itself: every move it refuses says why and changes nothing.</summary>
public sealed class PracticeWorkflowTests
{
    private static readonly DateTime At = new(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);

    private static Practice In(PracticeStatus status)
    {
        var practice = new Practice { Title = "P", Summary = "p" };
        if (status == PracticeStatus.InReview)
            practice.MoveTo(PracticeStatus.InReview, At);
        if (status == PracticeStatus.Published)
            practice.MoveTo(PracticeStatus.Published, At);
        return practice;
    }

    [Theory]
    [InlineData(PracticeStatus.Draft, PracticeStatus.InReview, null)]
    [InlineData(PracticeStatus.Draft, PracticeStatus.Published, null)]
    [InlineData(PracticeStatus.InReview, PracticeStatus.Published, null)]
    [InlineData(PracticeStatus.InReview, PracticeStatus.Draft, "Voeg de bron toe.")]
    public void Allowed_moves_are_made(PracticeStatus from, PracticeStatus to, string? note)
    {
        var practice = In(from);

        practice.MoveTo(to, At.AddDays(1), note);

        Assert.Equal(to, practice.Status);
        Assert.Equal(to == PracticeStatus.Published ? At.AddDays(1) : null, practice.PublishedAt);
        Assert.Equal(note, practice.ReviewNote);
    }

    [Theory]
    [InlineData(PracticeStatus.Published, PracticeStatus.InReview, null, "niet opnieuw ter beoordeling aangeboden")]
    [InlineData(PracticeStatus.Published, PracticeStatus.Published, null, "al gepubliceerd")]
    [InlineData(PracticeStatus.Published, PracticeStatus.Draft, "Terug.", "Alleen een praktijk die ter beoordeling ligt")]
    [InlineData(PracticeStatus.InReview, PracticeStatus.InReview, null, "al ter beoordeling")]
    [InlineData(PracticeStatus.InReview, PracticeStatus.Draft, "  ", "Schrijf erbij")]
    [InlineData(PracticeStatus.Draft, PracticeStatus.Draft, "Nog eens.", "Alleen een praktijk die ter beoordeling ligt")]
    public void Refused_moves_say_why_and_change_nothing(PracticeStatus from, PracticeStatus to, string? note, string message)
    {
        var practice = In(from);
        var before = (practice.Status, practice.PublishedAt, practice.ReviewNote);

        Assert.Contains(message, practice.RefuseMove(to, note));
        var thrown = Assert.Throws<InvalidOperationException>(() => practice.MoveTo(to, At.AddDays(1), note));

        Assert.Contains(message, thrown.Message);
        Assert.Equal(before, (practice.Status, practice.PublishedAt, practice.ReviewNote));
    }

    [Fact]
    public void Only_a_published_practice_returns_to_review_after_an_edit()
    {
        var published = In(PracticeStatus.Published);
        published.ReturnToReview();
        Assert.Equal(PracticeStatus.InReview, published.Status);

        var draft = In(PracticeStatus.Draft);
        var thrown = Assert.Throws<InvalidOperationException>(draft.ReturnToReview);
        Assert.Contains("Alleen een gepubliceerde praktijk", thrown.Message);
        Assert.Equal(PracticeStatus.Draft, draft.Status);
    }
}
