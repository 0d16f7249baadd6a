namespace Pactwerk.Web.Features.Monitor;

/// <summary>A publisher of data, e.g. "DUO open onderwijsdata".</summary>
[Data.ShownOnMonitor]
public class DataSource
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string? Url { get; set; }
    /// <summary>Decides which rule protects every figure computed from the source's data elements.</summary>
    public Disclosure Disclosure { get; set; }
    /// <summary>The address of the licence the publisher grants on its data; the open-data catalogue passes it on to every dataset built from it.</summary>
    public string? License { get; set; }
}
