using Pactwerk.Web.Features.Agenda;

namespace Pactwerk.Tests.Agenda;

/// <summary>The revision workflow on the entity itself, and the comparison on hand-made contents.</summary>
public sealed class PlanRevisionUnitTests
{
    private static readonly DateTime At = new(2026, 3, 1, 10, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(RevisionStatus.Draft, RevisionStatus.Proposed)]
    [InlineData(RevisionStatus.Proposed, RevisionStatus.Adopted)]
    [InlineData(RevisionStatus.Proposed, RevisionStatus.Draft)]
    [InlineData(RevisionStatus.Adopted, RevisionStatus.Superseded)]
    public void Allowed_moves_change_the_status(RevisionStatus from, RevisionStatus to)
    {
        var revision = PlanData.Revision(from);

        Assert.Null(revision.RefuseMove(to));
        revision.MoveTo(to, "Iemand", At);

        Assert.Equal(to, revision.Status);
    }

    [Theory]
    [InlineData(RevisionStatus.Draft, RevisionStatus.Adopted, "eerst voorgesteld")]
    [InlineData(RevisionStatus.Adopted, RevisionStatus.Draft, "Een vastgestelde herziening verandert niet meer")]
    [InlineData(RevisionStatus.Adopted, RevisionStatus.Proposed, "Een vastgestelde herziening verandert niet meer")]
    [InlineData(RevisionStatus.Superseded, RevisionStatus.Adopted, "Een vastgestelde herziening verandert niet meer")]
    [InlineData(RevisionStatus.Draft, RevisionStatus.Superseded, "niet van 'concept' naar 'vervangen'")]
    [InlineData(RevisionStatus.Draft, RevisionStatus.Draft, "niet van 'concept' naar 'concept'")]
    [InlineData(RevisionStatus.Proposed, RevisionStatus.Superseded, "niet van 'voorgesteld' naar 'vervangen'")]
    public void Refused_moves_say_why_and_leave_the_status(RevisionStatus from, RevisionStatus to, string message)
    {
        var revision = PlanData.Revision(from);

        Assert.Contains(message, revision.RefuseMove(to));
        var thrown = Assert.Throws<InvalidOperationException>(() => revision.MoveTo(to, "Iemand", At));

        Assert.Contains(message, thrown.Message);
        Assert.Equal(from, revision.Status);
    }

    [Fact]
    public void Proposing_and_adopting_record_who_and_when_and_sending_back_clears_the_proposal()
    {
        var revision = new PlanRevision();

        revision.MoveTo(RevisionStatus.Proposed, "Voorsteller", At);
        Assert.Equal(("Voorsteller", At), (revision.ProposedBy, revision.ProposedAt));
        revision.MoveTo(RevisionStatus.Draft, "Trekker", At.AddDays(1));
        Assert.Equal((null, null), (revision.ProposedBy, revision.ProposedAt));
        revision.MoveTo(RevisionStatus.Proposed, "Voorsteller", At.AddDays(2));
        revision.MoveTo(RevisionStatus.Adopted, "Trekker", At.AddDays(3));

        Assert.Equal(("Trekker", At.AddDays(3)), (revision.AdoptedBy, revision.AdoptedAt));
        Assert.False(revision.IsEditable);
    }

    private static RevisionItem Item(RevisionItemKind kind, string key, string value = "") => new(kind, key, "label " + key, value);

    [Fact]
    public void The_comparison_lists_what_was_added_removed_and_changed_with_the_reasons_of_the_revisions_in_between()
    {
        var first = new RevisionContent(1, "2019–2022",
        [
            Item(RevisionItemKind.Period, "periode", "2019–2022"),
            Item(RevisionItemKind.Priority, "Meer instroom"),
            Item(RevisionItemKind.Priority, "Behoud van talent"),
            Item(RevisionItemKind.Objective, "1"),
            Item(RevisionItemKind.Objective, "2"),
            Item(RevisionItemKind.Goal, "ind/NL/Target", "2030: 25"),
            Item(RevisionItemKind.Goal, "ind/NL/Baseline", "2020: 20"),
            Item(RevisionItemKind.Action, "7"),
        ]);
        var third = new RevisionContent(3, "2019–2023, bijgesteld 2021",
        [
            Item(RevisionItemKind.Period, "periode", "2019–2023"),
            Item(RevisionItemKind.Priority, "Meer instroom"),
            Item(RevisionItemKind.Priority, "Leven lang ontwikkelen"),
            Item(RevisionItemKind.Objective, "1"),
            Item(RevisionItemKind.Objective, "3"),
            Item(RevisionItemKind.Goal, "ind/NL/Target", "2030: 27.5"),
            Item(RevisionItemKind.Goal, "ind/NL/Baseline", "2020: 20"),
            Item(RevisionItemKind.Action, "8"),
        ]);
        var reasons = new List<RecordedReason>
        {
            new(2, RevisionItemKind.Goal, "ind/NL/Target", "Eerste bijstelling"),
            new(3, RevisionItemKind.Goal, "ind/NL/Target", "Tweede bijstelling"),
            new(3, RevisionItemKind.Period, "periode", "Een jaar langer"),
            new(2, RevisionItemKind.Objective, "3", "Nieuw doel"),
            // Recorded for the first revision's own step and for a later one: not part of 1 → 3.
            new(1, RevisionItemKind.Action, "8", "Niet van deze vergelijking"),
            new(4, RevisionItemKind.Action, "7", "Ook niet"),
        };

        var changes = RevisionComparison.Compare(first, third, reasons)
            .Select(c => $"{c.Kind} {c.Change} {c.Key} {c.Old}→{c.New} [{string.Join("; ", c.Reasons.Select(r => $"{r.RevisionNumber}: {r.Reason}"))}]").ToList();

        Assert.Equal(
        [
            "Period Changed periode 2019–2022→2019–2023 [3: Een jaar langer]",
            "Priority Added Leven lang ontwikkelen → []",
            "Priority Removed Behoud van talent → []",
            "Objective Added 3 → [2: Nieuw doel]",
            "Objective Removed 2 → []",
            "Goal Changed ind/NL/Target 2030: 25→2030: 27.5 [2: Eerste bijstelling; 3: Tweede bijstelling]",
            "Action Added 8 → []",
            "Action Removed 7 → []",
        ], changes);
    }

    [Fact]
    public void Identical_revisions_have_no_differences()
    {
        var content = new RevisionContent(1, "a", [Item(RevisionItemKind.Period, "periode", "2019–2022"), Item(RevisionItemKind.Action, "1")]);

        Assert.Empty(RevisionComparison.Differences(content, content with { Number = 2 }));
    }
}
