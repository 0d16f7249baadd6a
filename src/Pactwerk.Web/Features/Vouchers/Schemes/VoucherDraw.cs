namespace Pactwerk.Web.Features.Vouchers;

/// <summary>
/// One published draw of a scheme: the seed, when it was drawn, and the applications it ranked in
/// drawn order, so anyone can recompute the order (<see cref="VoucherLottery"/>) and check who was
/// granted: the first <see cref="Granted"/> of <see cref="Numbers"/>.
/// </summary>
public class VoucherDraw
{
    public int Id { get; set; }
    public int SchemeId { get; set; }
    /// <summary>The day whose applications were drawn (Europe/Amsterdam); for a period lottery the day the window closed.</summary>
    public DateOnly Day { get; set; }
    public DistributionRule Rule { get; set; }
    /// <summary>64 lowercase hex digits from the CSPRNG, generated at the draw.</summary>
    public required string Seed { get; set; }
    public DateTime DrawnAt { get; set; }
    /// <summary>The application numbers in drawn order (ascending rank).</summary>
    public List<string> Numbers { get; set; } = [];
    /// <summary>How many of <see cref="Numbers"/>, from the first, were granted; the rest went on the waiting list in this order.</summary>
    public int Granted { get; set; }
}
