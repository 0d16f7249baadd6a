namespace Pactwerk.Web.Features.LearningAccounts;

/// <summary>
/// A person's learning account: one per person, whoever pays into it, so it stays with them when they
/// change employer or sector. The person is identified as for vouchers, by their e-mail address
/// (trimmed, lower case); they see the account once signed in with that address confirmed.
/// </summary>
public class LearningAccount : Audit.IAudited
{
    public long Id { get; set; }
    public required string HolderEmail { get; set; }
    public DateTime OpenedAt { get; set; }
    /// <summary>
    /// How many postings the account holds. Raised by every posting in its transaction, which is what
    /// takes the account's row lock on PostgreSQL: postings of one account are decided one after the other.
    /// </summary>
    public long Postings { get; set; }
    /// <summary>
    /// The CBS code of the municipality the holder lives in today (GM0363), for the funders' uptake per
    /// labour-market region. Only the code is kept, never an address. Given by a funder with a deposit
    /// (only while there is none) or by the holder, who may correct it.
    /// </summary>
    public string? MunicipalityCode { get; set; }
    /// <summary>The holder's year of birth, for the funders' uptake per age group; only the year, never the date.</summary>
    public int? BirthYear { get; set; }

    public static string Normalise(string email) => email.Trim().ToLowerInvariant();
}
