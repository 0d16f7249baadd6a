namespace Pactwerk.Web.Features.LearningAccounts;

/// <summary>Who pays into learning accounts. Stored as its name: the scheme's own vocabulary.</summary>
public enum FunderKind
{
    State,
    Province,
    SectorFund,
    Employer,
    Municipality,
}

/// <summary>
/// A funder of learning accounts (the state, a province, a sector training fund, an employer, a
/// municipality). Its <see cref="Priority"/> is the order the scheme sets among deposits that expire on
/// the same day: the lower number pays first. Its officers are the partner editors of its
/// <see cref="OrganisationId"/> (<see cref="LearningAccountAccess"/>).
/// </summary>
public class Funder : Audit.IAudited
{
    public int Id { get; set; }
    /// <summary>Short, lower case, as it appears in the API's address (<c>/api/v1/funders/{code}</c>).</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    public FunderKind Kind { get; set; }
    public int Priority { get; set; }
    /// <summary>The organisation whose editors are the funder's officers: they deposit for it and read its report.</summary>
    public int OrganisationId { get; set; }
}
