namespace Pactwerk.Web.Features.Matching;

/// <summary>
/// An employer's vacancy: a job an organisation of the network publishes, asking competences as a learning place does
/// (<see cref="VacancyRequirement"/>), so that candidates are ranked for it on competences instead of CVs. Its staff keep it.
/// </summary>
public class Vacancy : Audit.IAudited, Data.IVersioned
{
    public int Id { get; set; }
    public int Version { get; set; }
    public int OrganisationId { get; set; }
    public required string Title { get; set; }
    /// <summary>A sector code of <see cref="Network.Sectors"/>.</summary>
    public required string Sector { get; set; }
    /// <summary>The municipality where the work is (a region of the municipalities set).</summary>
    public int MunicipalityId { get; set; }
    /// <summary>Hours a week, as employers state them: 32, or 20.75.</summary>
    public decimal HoursPerWeek { get; set; }
    /// <summary>The last day people may apply; a vacancy past it is no longer offered to candidates.</summary>
    public DateOnly OpenUntil { get; set; }
    public List<VacancyRequirement> Requirements { get; set; } = [];
}

/// <summary>What a vacancy asks: one <see cref="CompetenceRequirement"/> of the vacancy.</summary>
public class VacancyRequirement : CompetenceRequirement
{
    public int VacancyId { get; set; }
}
