namespace Pactwerk.Web.Features.Pacts;

/// <summary>An agreement of government, education and business on a labour-market problem.</summary>
[Data.ShownOnMonitor]
public class Pact : Audit.IAudited
{
    public int Id { get; set; }
    /// <summary>Stable short code used in addresses and the API (techniekpact, zorgpact).</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    public DateOnly SignedOn { get; set; }
    /// <summary>Dutch summary shown on the home page.</summary>
    public required string Summary { get; set; }
    /// <summary>How many parties signed at the start, as the pact reports it (e.g. 60).</summary>
    public int InitialSignatoryCount { get; set; }
    public string? Website { get; set; }
}
