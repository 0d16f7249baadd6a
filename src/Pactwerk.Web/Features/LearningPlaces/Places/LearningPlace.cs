namespace Pactwerk.Web.Features.LearningPlaces;

/// <summary>
/// A learning place (leerplek) that an organisation of the network offers: of one kind and sector, in a municipality, for
/// one or more periods (which may run through the school holidays), with a number of seats and the supervisors
/// (praktijkopleiders) who guide its learners. Its placements may never fill it beyond its seats nor its supervisors beyond
/// their capacity (<see cref="Placements"/>).
/// </summary>
public class LearningPlace : Audit.IAudited, Data.IVersioned
{
    public int Id { get; set; }
    public int Version { get; set; }
    /// <summary>The organisation that offers the place; its partner editors manage it.</summary>
    public int OrganisationId { get; set; }
    public required string Title { get; set; }
    public LearningPlaceKind Kind { get; set; }
    /// <summary>A sector code of <see cref="Network.Sectors"/>.</summary>
    public required string Sector { get; set; }
    /// <summary>The municipality where the learner works (a region of the municipalities set).</summary>
    public int MunicipalityId { get; set; }
    /// <summary>How many learners the place takes at once.</summary>
    public int Seats { get; set; }
    /// <summary>The SBB recognition number of the company (erkend leerbedrijf), required for BOL and BBL places.</summary>
    public string? SbbNumber { get; set; }
    public string? Description { get; set; }
    public List<LearningPlacePeriod> Periods { get; set; } = [];
    public List<LearningPlaceSupervisor> Supervisors { get; set; } = [];
}

/// <summary>A period in which the place is offered, both days included.</summary>
public class LearningPlacePeriod : Audit.IAudited
{
    public int Id { get; set; }
    public int LearningPlaceId { get; set; }
    public DateOnly From { get; set; }
    public DateOnly To { get; set; }
}

/// <summary>A supervisor linked to a place: one of those who may guide its learners.</summary>
public class LearningPlaceSupervisor : Audit.IAudited
{
    public int Id { get; set; }
    public int LearningPlaceId { get; set; }
    public int SupervisorId { get; set; }
}

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<LearningPlaceKind>))]
public enum LearningPlaceKind
{
    /// <summary>BOL-stage: the work placement of a full-time mbo student.</summary>
    BolPlacement,
    /// <summary>BBL-werkplek: the workplace of an mbo student who learns on the job.</summary>
    BblWorkplace,
    /// <summary>Werkleerplek: a place to learn while working, outside mbo (retraining, return to work).</summary>
    WorkBasedPlace,
    /// <summary>Vakantieplek: a place in the school holidays.</summary>
    HolidayPlace,
}
