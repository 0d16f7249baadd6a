namespace Pactwerk.Web.Features.Competences;

/// <summary>
/// A competence in a pact's framework: a skill or knowledge that a place, a vacancy or a candidate can name. Matching
/// refers to it by its id within the pact; its code is the stable handle in addresses and the API (for an ESCO concept
/// the last part of its URI).
/// </summary>
public class Competence : Audit.IAudited, Data.IVersioned
{
    public int Id { get; set; }
    public int Version { get; set; }
    public int PactId { get; set; }
    public required string Code { get; set; }
    public required string NameNl { get; set; }
    public string? NameEn { get; set; }
    public string? Description { get; set; }
    /// <summary>The kind or cluster it belongs to; for an ESCO concept its skill type (knowledge, skill/competence).</summary>
    public string? Group { get; set; }
    /// <summary>Other names people use, one per line (as ESCO's altLabels), in Dutch and in English.</summary>
    public string AltLabelsNl { get; set; } = "";
    public string AltLabelsEn { get; set; } = "";
    public string? EscoUri { get; set; }
    /// <summary>
    /// Every name and alternative label in lower case, so that a search for a word finds it on both databases with one
    /// LIKE, whatever the case (SQLite's LIKE ignores case only for ASCII, PostgreSQL's not at all). Kept by <see cref="Refresh"/>.
    /// </summary>
    public string SearchText { get; set; } = "";

    public void Refresh() =>
        SearchText = string.Join('\n', new[] { NameNl, NameEn ?? "", AltLabelsNl, AltLabelsEn }.Where(s => s.Length > 0)).ToLowerInvariant();

    public IReadOnlyList<string> AltLabels(bool english) => Lines(english ? AltLabelsEn : AltLabelsNl);

    public static IReadOnlyList<string> Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>An occupation of the pact's framework (verpleegkundige, elektrotechnisch monteur) with the competences it asks.</summary>
public class Occupation : Audit.IAudited, Data.IVersioned
{
    public int Id { get; set; }
    public int Version { get; set; }
    public int PactId { get; set; }
    /// <summary>ESCO's occupation code (ISCO-based, e.g. 2221.1) when it has one, else the last part of its URI.</summary>
    public required string Code { get; set; }
    public required string NameNl { get; set; }
    public string? NameEn { get; set; }
    public string? Description { get; set; }
    public string? EscoUri { get; set; }
}

public enum CompetenceRelation
{
    Essential,
    Optional,
}

/// <summary>That an occupation asks a competence, as essential or optional (ESCO's relationType).</summary>
public class OccupationCompetence
{
    public int OccupationId { get; set; }
    public int CompetenceId { get; set; }
    public CompetenceRelation Relation { get; set; }
}
