using Pactwerk.Web.Features.Network;

namespace Pactwerk.Web.Features.Agenda;

/// <summary>
/// A concrete action ("doe") carried out under a pact. Named PactAction to avoid System.Action.
/// </summary>
public class PactAction : Audit.IAudited, Data.IVersioned
{
    public int Id { get; set; }
    public int Version { get; set; }
    public int PactId { get; set; }
    public required string Slug { get; set; }
    public required string Title { get; set; }
    /// <summary>Dutch description in a few sentences.</summary>
    public required string Summary { get; set; }
    public PactActionKind Kind { get; set; }
    /// <summary>Changed only by <see cref="RecordIn"/> (a new action) and <see cref="MoveTo"/>.</summary>
    public ActionStatus Status { get; private set; }
    /// <summary>Why a stopped action stopped; required for <see cref="ActionStatus.Stopped"/>.</summary>
    public string? StopReason { get; private set; }
    /// <summary>The owner organisation, which answers for the action and reports its outputs.</summary>
    public int? LeadOrganisationId { get; set; }
    public Organisation? LeadOrganisation { get; set; }
    public DateOnly? StartsOn { get; set; }
    /// <summary>Inclusive last day; null while the action has no planned end.</summary>
    public DateOnly? EndsOn { get; set; }
    /// <summary>Total budget in euros, when known.</summary>
    public decimal? Budget { get; set; }
    /// <summary>Where the action runs: regions of any set (a landsdeel, a province, a municipality).</summary>
    public List<ActionRegion> Regions { get; set; } = [];
    public List<ActionPartner> Partners { get; set; } = [];
    public List<ActionObjective> Objectives { get; set; } = [];
    public List<FundingSource> Funding { get; set; } = [];
    public List<ActionOutput> Outputs { get; set; } = [];

    /// <summary>
    /// The status workflow: idea → running → completed, and stopped from idea or running (with a
    /// reason). Returns the reason a move is refused, or null when it is allowed.
    /// </summary>
    public static string? RefuseMove(ActionStatus from, ActionStatus to, string? stopReason) => (from, to) switch
    {
        _ when from == to => null,
        (ActionStatus.Idea, ActionStatus.Running) => null,
        (ActionStatus.Running, ActionStatus.Completed) => null,
        (ActionStatus.Idea or ActionStatus.Running, ActionStatus.Stopped) => string.IsNullOrWhiteSpace(stopReason)
            ? "Geef de reden waarom de actie stopt." : null,
        (ActionStatus.Idea, ActionStatus.Completed) => "Een actie kan pas afgerond zijn als ze eerst heeft gelopen: zet haar eerst op 'loopt'.",
        (ActionStatus.Completed or ActionStatus.Stopped, _) => "Deze actie is al afgesloten; haar status verandert niet meer.",
        _ => $"Een actie gaat niet terug van '{from}' naar '{to}'.",
    };

    /// <summary>Moves the status along the workflow; throws when <see cref="RefuseMove"/> refuses.</summary>
    public void MoveTo(ActionStatus to, string? stopReason = null)
    {
        if (RefuseMove(Status, to, stopReason) is { } refusal)
            throw new InvalidOperationException(refusal);
        Status = to;
        StopReason = to == ActionStatus.Stopped ? stopReason!.Trim() : StopReason;
    }

    /// <summary>
    /// A new action may be recorded in any state: the pact's earlier work is written down afterwards.
    /// Once saved, it follows the workflow of <see cref="MoveTo"/>.
    /// </summary>
    public void RecordIn(ActionStatus status, string? stopReason = null)
    {
        if (Id != 0)
            throw new InvalidOperationException("Een bestaande actie volgt de statusstappen; alleen een nieuwe actie wordt in elke status vastgelegd.");
        if (status == ActionStatus.Stopped && string.IsNullOrWhiteSpace(stopReason))
            throw new InvalidOperationException("Geef de reden waarom de actie stopt.");
        (Status, StopReason) = (status, status == ActionStatus.Stopped ? stopReason!.Trim() : null);
    }

    public bool IsClosed => Status is ActionStatus.Completed or ActionStatus.Stopped;
}

public enum PactActionKind
{
    PublicPrivatePartnership,
    Event,
    TrainingProgramme,
    Campaign,
    VoucherScheme,
    LearningNetwork,
    Other,
}

public enum ActionStatus
{
    Idea,
    Running,
    Completed,
    Stopped,
}

/// <summary>A region the action runs in.</summary>
public class ActionRegion : Audit.IAudited
{
    public int ActionId { get; set; }
    public int RegionId { get; set; }
    public Regions.Region Region { get; set; } = null!;
}

/// <summary>A partner organisation and what it does in the action ("levert stageplaatsen").</summary>
public class ActionPartner : Audit.IAudited
{
    public int ActionId { get; set; }
    public int OrganisationId { get; set; }
    public Organisation Organisation { get; set; } = null!;
    public required string Role { get; set; }
}

/// <summary>An objective of the pact the action works towards.</summary>
public class ActionObjective : Audit.IAudited
{
    public int ActionId { get; set; }
    public int ObjectiveId { get; set; }
    public Objective Objective { get; set; } = null!;
}
