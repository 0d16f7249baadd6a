namespace Pactwerk.Web.Features.WorkshopDays;

/// <summary>
/// A class arriving at the door: when, and how many of its pupils came; who checked it in is in the audit trail. One per class
/// (a unique index), so a code scanned twice, or at two doors at once, counts once.
/// </summary>
public class ClassCheckIn : Audit.IAudited
{
    public int Id { get; set; }
    public int EventId { get; set; }
    public int ClassId { get; set; }
    /// <summary>UTC.</summary>
    public DateTime ArrivedAt { get; set; }
    public int Present { get; set; }
}
