namespace Pactwerk.Web.Features.Vouchers;

/// <summary>A training provider registered for a scheme; its courses show only once the scheme's officer has vetted it.</summary>
public class VoucherProvider : Audit.IAudited
{
    public int Id { get; set; }
    public int SchemeId { get; set; }
    public required string Name { get; set; }
    /// <summary>Eight digits, as the Kamer van Koophandel gives them.</summary>
    public required string KvkNumber { get; set; }
    /// <summary>Without spaces, upper case; checked with ISO 13616 mod-97 when registered.</summary>
    public required string Iban { get; set; }
    /// <summary>E.g. CRKBO or NRTO, with the registration number.</summary>
    public required string QualityRegistration { get; set; }
    public DateTime RegisteredAt { get; set; }
    public bool Vetted { get; set; }
    public List<VoucherCourse> Courses { get; set; } = [];
}

/// <summary>A course a provider offers under a scheme.</summary>
public class VoucherCourse : Audit.IAudited
{
    public int Id { get; set; }
    public int ProviderId { get; set; }
    public VoucherProvider Provider { get; set; } = null!;
    public required string Title { get; set; }
    public required string Sector { get; set; }
    public required string Level { get; set; }
    public int Hours { get; set; }
    /// <summary>The price in euros incl. VAT.</summary>
    public decimal Price { get; set; }
    public List<DateOnly> StartDates { get; set; } = [];
    /// <summary>The occupation the course leads to, as the scheme's list names it.</summary>
    public required string TargetOccupation { get; set; }
}
