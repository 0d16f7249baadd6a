using System.Globalization;

namespace Pactwerk.Web.Features.Agenda;

/// <summary>
/// One item of a revision as the comparison sees it: its kind, the key that identifies it across
/// revisions (the same key a change reason is recorded under), what a reader calls it, and the
/// value whose change counts as a change of the item ("" when only presence matters).
/// </summary>
public sealed record RevisionItem(RevisionItemKind Kind, string Key, string Label, string Value);

/// <summary>A revision's content, flattened for comparison.</summary>
public sealed record RevisionContent(int Number, string Label, IReadOnlyList<RevisionItem> Items);

/// <summary>A reason recorded in a revision for the change of one item.</summary>
public sealed record RecordedReason(int RevisionNumber, RevisionItemKind Kind, string Key, string Reason);

public enum ChangeKind
{
    Added,
    Removed,
    Changed,
}

public sealed record RevisionChange(RevisionItemKind Kind, ChangeKind Change, string Key, string Label, string? Old, string? New,
    IReadOnlyList<RecordedReason> Reasons);

/// <summary>
/// The keys items are known by, in the comparison and in the reasons an editor records. They are
/// what a caller of the API writes: "periode", a priority's text, an objective's number, a goal
/// as "indicator/REGION/Baseline|Target", an action's id.
/// </summary>
public static class RevisionKeys
{
    public const string Period = "periode";

    public static string Priority(string text) => text.Trim();
    public static string Objective(int number) => number.ToString(CultureInfo.InvariantCulture);
    public static string Goal(string indicatorCode, string regionCode, GoalKind kind) => $"{indicatorCode}/{regionCode}/{kind}";
    public static string Action(int actionId) => actionId.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// What changed from one revision to another, per kind of item, with the reasons recorded on the
/// way (in every revision after <c>from</c> up to and including <c>to</c>). Pure: the caller
/// flattens the revisions into <see cref="RevisionContent"/>.
/// </summary>
public static class RevisionComparison
{
    public static IReadOnlyList<RevisionChange> Compare(RevisionContent from, RevisionContent to, IReadOnlyCollection<RecordedReason> reasons)
    {
        var changes = new List<RevisionChange>();
        foreach (var kind in Enum.GetValues<RevisionItemKind>())
        {
            var before = from.Items.Where(i => i.Kind == kind).ToDictionary(i => i.Key);
            var after = to.Items.Where(i => i.Kind == kind).ToDictionary(i => i.Key);
            // Reasons from revisions outside (from, to] explain other steps, not this comparison.
            IReadOnlyList<RecordedReason> Why(string key) => reasons
                .Where(r => r.Kind == kind && r.Key == key && r.RevisionNumber > from.Number && r.RevisionNumber <= to.Number)
                .OrderBy(r => r.RevisionNumber).ToList();

            foreach (var (key, item) in after.Where(a => !before.ContainsKey(a.Key)))
                changes.Add(new RevisionChange(kind, ChangeKind.Added, key, item.Label, null, item.Value, Why(key)));
            foreach (var (key, item) in before.Where(b => !after.ContainsKey(b.Key)))
                changes.Add(new RevisionChange(kind, ChangeKind.Removed, key, item.Label, item.Value, null, Why(key)));
            foreach (var (key, item) in after.Where(a => before.TryGetValue(a.Key, out var old) && old.Value != a.Value.Value))
                changes.Add(new RevisionChange(kind, ChangeKind.Changed, key, item.Label, before[key].Value, item.Value, Why(key)));
        }
        return changes.OrderBy(c => c.Kind).ThenBy(c => c.Change).ThenBy(c => c.Key, StringComparer.Ordinal).ToList();
    }

    /// <summary>The items of one kind that differ between two contents: what a draft must give reasons for.</summary>
    public static IReadOnlyList<RevisionChange> Differences(RevisionContent basedOn, RevisionContent draft) => Compare(basedOn, draft, []);
}
