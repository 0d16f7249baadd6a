namespace Pactwerk.Web.Features.Agenda;

/// <summary>
/// A multi-year plan: the pact's national plan (no region) or a landsdeel's regional agenda. What
/// it says at any time is its adopted revision; the revisions are its history.
/// </summary>
[Data.ShownOnMonitor]
public class Plan : Audit.IAudited
{
    public int Id { get; set; }
    public int PactId { get; set; }
    /// <summary>The landsdeel of a regional plan; null for the pact's national plan.</summary>
    public int? RegionId { get; set; }
    public Regions.Region? Region { get; set; }
    public required string Title { get; set; }
    public List<PlanRevision> Revisions { get; set; } = [];
}

public enum RevisionStatus
{
    Draft,
    Proposed,
    Adopted,
    Superseded,
}

/// <summary>
/// One revision of a plan ("2019–2022, bijgesteld 2021"). Draft → proposed → adopted, and
/// superseded when the next revision is adopted. An adopted revision never changes; the next one
/// starts as a copy of it, and every change in the copy records its reason.
/// </summary>
[Data.ShownOnMonitor]
public class PlanRevision : Audit.IAudited, Data.IVersioned
{
    public int Id { get; set; }
    public int Version { get; set; }
    public int PlanId { get; set; }
    public Plan Plan { get; set; } = null!;
    /// <summary>1 for the first revision of the plan, then 2, 3, …</summary>
    public int Number { get; set; }
    /// <summary>The year the revision was made (2019 for the original plan, 2020 for its first revision).</summary>
    public int RevisedIn { get; set; }
    public int FirstYear { get; set; }
    public int LastYear { get; set; }
    /// <summary>Changed only by <see cref="MoveTo"/>: a new revision is a draft.</summary>
    public RevisionStatus Status { get; private set; }
    /// <summary>The revision this one was copied from.</summary>
    public int? BasedOnId { get; set; }
    public DateTime? ProposedAt { get; set; }
    public string? ProposedBy { get; set; }
    public DateTime? AdoptedAt { get; set; }
    public string? AdoptedBy { get; set; }
    public List<RevisionPriority> Priorities { get; set; } = [];
    public List<RevisionObjective> Objectives { get; set; } = [];
    public List<IndicatorGoal> Goals { get; set; } = [];
    public List<RevisionAction> Actions { get; set; } = [];
    /// <summary>Why each item was added, changed or removed compared with <see cref="BasedOnId"/>.</summary>
    public List<RevisionChangeReason> Reasons { get; set; } = [];

    public bool IsEditable => Status == RevisionStatus.Draft;

    /// <summary>The workflow; returns why a move is refused, or null when it is allowed.</summary>
    public string? RefuseMove(RevisionStatus to) => (Status, to) switch
    {
        (RevisionStatus.Draft, RevisionStatus.Proposed) => null,
        (RevisionStatus.Proposed, RevisionStatus.Adopted) => null,
        // Sent back for more work before adoption.
        (RevisionStatus.Proposed, RevisionStatus.Draft) => null,
        (RevisionStatus.Adopted, RevisionStatus.Superseded) => null,
        (RevisionStatus.Draft, RevisionStatus.Adopted) => "Een concept wordt eerst voorgesteld en pas daarna vastgesteld.",
        (RevisionStatus.Adopted or RevisionStatus.Superseded, _) => "Een vastgestelde herziening verandert niet meer; begin een nieuwe herziening.",
        _ => $"Een herziening gaat niet van '{StatusName(Status)}' naar '{StatusName(to)}'.",
    };

    /// <summary>The Dutch name of a status, for messages (the pages translate Herzieningsstatus.{value}).</summary>
    public static string StatusName(RevisionStatus status) => StatusNames[status];

    private static readonly Dictionary<RevisionStatus, string> StatusNames = new()
    {
        [RevisionStatus.Draft] = "concept", [RevisionStatus.Proposed] = "voorgesteld", [RevisionStatus.Adopted] = "vastgesteld", [RevisionStatus.Superseded] = "vervangen",
    };

    public void MoveTo(RevisionStatus to, string actor, DateTime at)
    {
        if (RefuseMove(to) is { } refusal)
            throw new InvalidOperationException(refusal);
        Status = to;
        if (to == RevisionStatus.Proposed)
            (ProposedAt, ProposedBy) = (at, actor);
        if (to == RevisionStatus.Adopted)
            (AdoptedAt, AdoptedBy) = (at, actor);
        // Sent back: no longer a proposal; the audit trail keeps who proposed it before.
        if (to == RevisionStatus.Draft)
            (ProposedAt, ProposedBy) = (null, null);
    }

    /// <summary>"2019–2022" or "2019–2022, bijgesteld 2021".</summary>
    public string Label => Number == 1 ? $"{FirstYear}–{LastYear}" : $"{FirstYear}–{LastYear}, bijgesteld {RevisedIn}";
}

public class RevisionPriority : Audit.IAudited
{
    public int Id { get; set; }
    public int RevisionId { get; set; }
    public int Position { get; set; }
    public required string Text { get; set; }
}

public class RevisionObjective : Audit.IAudited
{
    public int RevisionId { get; set; }
    public int ObjectiveId { get; set; }
    public Objective Objective { get; set; } = null!;
}

/// <summary>An action the revision counts on.</summary>
public class RevisionAction : Audit.IAudited
{
    public int RevisionId { get; set; }
    public int ActionId { get; set; }
    public PactAction Action { get; set; } = null!;
}

public enum RevisionItemKind
{
    Period,
    Priority,
    Objective,
    Goal,
    Action,
}

/// <summary>
/// The recorded reason for one change in a revision relative to the one it was copied from. Key
/// names the item within its kind (an objective id, "indicator/region/kind", a priority's text).
/// </summary>
public class RevisionChangeReason : Audit.IAudited
{
    public int Id { get; set; }
    public int RevisionId { get; set; }
    public RevisionItemKind Kind { get; set; }
    public required string Key { get; set; }
    public required string Reason { get; set; }
}
