namespace Pactwerk.Web.Features.Matching;

/// <summary>
/// A person who wants to be matched on competences (a programme applicant, a student, a job seeker). The account is the
/// person with that confirmed e-mail address, as for learning accounts. What is scored lives here and in
/// <see cref="CandidateCompetences"/>; the protected characteristics live apart in <see cref="CandidatePersonalDetails"/>
/// so the scorer cannot reach them.
/// </summary>
public class Candidate : Audit.IAudited, Data.IVersioned
{
    public int Id { get; set; }
    public int Version { get; set; }
    /// <summary>The account's e-mail address, normalised as <see cref="LearningAccounts.LearningAccount.Normalise"/> does.</summary>
    public required string Email { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>When the person last gave consent to being matched; null when never.</summary>
    public DateTime? ConsentGivenAt { get; set; }
    /// <summary>When the person withdrew it; a candidate whose consent is withdrawn after it was given is never ranked.</summary>
    public DateTime? ConsentWithdrawnAt { get; set; }
    /// <summary>
    /// When the person last saved their own profile; with their consent and the steps of proposals for them it tells how
    /// long they have been inactive, for <see cref="MatchingRetention"/>. Null for a record written before it was kept.
    /// </summary>
    public DateTime? LastActiveAt { get; set; }
    public List<CandidateCompetence> CandidateCompetences { get; set; } = [];

    public bool Consents => Consenting(ConsentGivenAt, ConsentWithdrawnAt);

    public static bool Consenting(DateTime? givenAt, DateTime? withdrawnAt) => givenAt is { } given && (withdrawnAt is not { } withdrawn || withdrawn < given);
}

/// <summary>A competence a candidate holds, at a level of <see cref="CompetenceLevels"/>, with what shows it.</summary>
public class CandidateCompetence : Audit.IAudited
{
    public int Id { get; set; }
    public int CandidateId { get; set; }
    public int CompetenceId { get; set; }
    public int Level { get; set; }
    /// <summary>What shows it, in the person's words: "diploma", "portfolio", "werkervaring 3 jaar".</summary>
    public string? Evidence { get; set; }
}

/// <summary>
/// Name, birth year and gender: protected characteristics, held in their own table so that nothing that is scored carries
/// them, and shown to an organisation only once it has accepted a proposal.
/// </summary>
public class CandidatePersonalDetails : Audit.IAudited
{
    public int CandidateId { get; set; }
    public required string Name { get; set; }
    public int? BirthYear { get; set; }
    public string? Gender { get; set; }
}

/// <summary>What a learning place asks: one <see cref="CompetenceRequirement"/> of the place.</summary>
public class PlaceRequirement : CompetenceRequirement
{
    public int LearningPlaceId { get; set; }
}

/// <summary>
/// A voucher course that teaches a competence up to a level: the link that lets an explanation name the training that
/// closes a gap. The voucher catalogue itself knows only a course's target occupation.
/// </summary>
public class CourseCompetence : Audit.IAudited
{
    public int Id { get; set; }
    public int CourseId { get; set; }
    public int CompetenceId { get; set; }
    public int Level { get; set; }
}

/// <summary>The four levels of a competence, with their plain meaning.</summary>
public static class CompetenceLevels
{
    public const int Min = 1;
    public const int Max = 4;

    /// <summary>The Dutch meaning of a level; English through the resx.</summary>
    public static string Meaning(int level) => level switch
    {
        1 => "Basis: kent het en doet het onder begeleiding",
        2 => "Gevorderd: doet het zelfstandig",
        3 => "Bekwaam: doet het zelfstandig, ook in lastige situaties",
        4 => "Expert: leert het anderen en verbetert het werk",
        _ => throw new ArgumentOutOfRangeException(nameof(level)),
    };
}
