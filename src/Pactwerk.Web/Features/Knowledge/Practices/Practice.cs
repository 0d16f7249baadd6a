namespace Pactwerk.Web.Features.Knowledge;

/// <summary>
/// A good practice: what a region did, in which context, what it brought and what another region
/// needs to do the same. Written in Markdown by its editors; public once a coordinator of its pact
/// has published it.
/// </summary>
public class Practice : Audit.IAudited, Data.IVersioned
{
    public int Id { get; set; }
    public int Version { get; set; }
    public int PactId { get; set; }
    public required string Title { get; set; }
    /// <summary>A few plain sentences; shown in lists and used for relatedness.</summary>
    public required string Summary { get; set; }
    // The sections, in Markdown.
    public string Context { get; set; } = "";
    public string Approach { get; set; } = "";
    public string Results { get; set; } = "";
    /// <summary>Where the figures in <see cref="Results"/> come from.</summary>
    public string ResultsSource { get; set; } = "";
    public string WhatWorked { get; set; } = "";
    public string WhatDidNotWork { get; set; } = "";
    public string TransferConditions { get; set; } = "";
    /// <summary>A code of <see cref="PracticeTargetGroups"/>.</summary>
    public string? TargetGroup { get; set; }
    /// <summary>A code of <see cref="Network.Sectors"/>.</summary>
    public string? Sector { get; set; }
    /// <summary>The organisation that answers for the practice; its partner editors may edit it.</summary>
    public int? OrganisationId { get; set; }
    public DateOnly? StartsOn { get; set; }
    public DateOnly? EndsOn { get; set; }
    /// <summary>Changed only by <see cref="MoveTo"/> and <see cref="ReturnToReview"/>: a new practice is a draft.</summary>
    public PracticeStatus Status { get; private set; }
    /// <summary>The coordinator's note when a practice was sent back for more work.</summary>
    public string? ReviewNote { get; private set; }
    public DateTime? PublishedAt { get; private set; }
    /// <summary>
    /// Canonical words for Dutch word forms the stemmer does not join (technische → techniek), so
    /// that both databases' full-text indexes find them; see <see cref="PracticeText.Synonyms"/>.
    /// </summary>
    public string SearchSynonyms { get; set; } = "";
    public List<PracticeRegion> Regions { get; set; } = [];
    public List<PracticeObjective> Objectives { get; set; } = [];
    public List<PracticeOrganisation> Organisations { get; set; } = [];
    public List<PracticeContact> Contacts { get; set; } = [];
    public List<PracticeAction> Actions { get; set; } = [];
    public List<PracticeLink> Links { get; set; } = [];

    private const string AlreadyPublished = "Deze praktijk is al gepubliceerd.";
    private const string AlreadyInReview = "Deze praktijk ligt al ter beoordeling.";
    private const string OnlyInReviewGoesBack = "Alleen een praktijk die ter beoordeling ligt, kan worden teruggestuurd.";
    private const string PublishedStays = "Een gepubliceerde praktijk wordt niet opnieuw ter beoordeling aangeboden; een wijziging door een redacteur brengt haar terug naar beoordeling.";
    public const string NoteNeeded = "Schrijf erbij wat er nog aan de praktijk moet gebeuren.";
    private const string OnlyPublishedReturns = "Alleen een gepubliceerde praktijk gaat na een wijziging terug naar beoordeling.";

    /// <summary>Why a move in the review workflow is refused, or null when it is allowed.</summary>
    public string? RefuseMove(PracticeStatus to, string? note = null) => (Status, to) switch
    {
        (PracticeStatus.InReview, PracticeStatus.Draft) when string.IsNullOrWhiteSpace(note) => NoteNeeded,
        (PracticeStatus.Draft, PracticeStatus.InReview) => null,
        (PracticeStatus.Draft or PracticeStatus.InReview, PracticeStatus.Published) => null,
        (PracticeStatus.InReview, PracticeStatus.Draft) => null,
        (PracticeStatus.Published, PracticeStatus.Published) => AlreadyPublished,
        (PracticeStatus.InReview, PracticeStatus.InReview) => AlreadyInReview,
        (_, PracticeStatus.Draft) => OnlyInReviewGoesBack,
        _ => PublishedStays,
    };

    /// <summary>
    /// Submit (draft → in review), publish (draft or in review → published) or send back with the
    /// coordinator's note (in review → draft). Throws when <see cref="RefuseMove"/> refuses, changing nothing.
    /// </summary>
    public void MoveTo(PracticeStatus to, DateTime at, string? note = null)
    {
        if (RefuseMove(to, note) is { } refusal)
            throw new InvalidOperationException(refusal);
        Status = to;
        if (to == PracticeStatus.Draft)
            ReviewNote = note!.Trim();
        if (to == PracticeStatus.Published)
            (ReviewNote, PublishedAt) = (null, at);
    }

    /// <summary>
    /// A published practice changed by someone who may not publish goes back to review: the public
    /// reads only what a coordinator published, so it leaves the library until it is published again.
    /// This is its own move, not a submit: a published practice is never offered for review as it stands.
    /// </summary>
    public void ReturnToReview()
    {
        if (Status != PracticeStatus.Published)
            throw new InvalidOperationException(OnlyPublishedReturns);
        Status = PracticeStatus.InReview;
    }
}

public enum PracticeStatus
{
    Draft,
    InReview,
    Published,
}

/// <summary>Who a practice is for; a fixed list so that relatedness and filters compare like with like.</summary>
public static class PracticeTargetGroups
{
    public static readonly IReadOnlyList<string> All =
        ["pupils", "students", "workers", "jobseekers", "teachers", "care-professionals", "employers", "parents", "directors"];

    public static bool IsKnown(string code) => All.Contains(code, StringComparer.Ordinal);
}

/// <summary>A region the practice took place in, of any set.</summary>
public class PracticeRegion : Audit.IAudited
{
    public int PracticeId { get; set; }
    public int RegionId { get; set; }
    public Regions.Region Region { get; set; } = null!;
}

/// <summary>An objective of the practice's pact it contributed to.</summary>
public class PracticeObjective : Audit.IAudited
{
    public int PracticeId { get; set; }
    public int ObjectiveId { get; set; }
    public Agenda.Objective Objective { get; set; } = null!;
}

/// <summary>An organisation involved in the practice.</summary>
public class PracticeOrganisation : Audit.IAudited
{
    public int PracticeId { get; set; }
    public int OrganisationId { get; set; }
    public Network.Organisation Organisation { get; set; } = null!;
}

/// <summary>A person to ask about the practice.</summary>
public class PracticeContact : Audit.IAudited
{
    public int PracticeId { get; set; }
    public int PersonId { get; set; }
    public Network.Person Person { get; set; } = null!;
}

/// <summary>An action of the agenda the practice grew from or describes.</summary>
public class PracticeAction : Audit.IAudited
{
    public int PracticeId { get; set; }
    public int ActionId { get; set; }
    public Agenda.PactAction Action { get; set; } = null!;
}

/// <summary>A link to read more (a report, the project's site).</summary>
public class PracticeLink : Audit.IAudited
{
    public int Id { get; set; }
    public int PracticeId { get; set; }
    public required string Title { get; set; }
    public required string Url { get; set; }
}
