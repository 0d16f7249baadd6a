using Microsoft.EntityFrameworkCore;
using Pactwerk.Monitoring;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Monitor;
using Pactwerk.Web.Features.ReferenceData;

namespace Pactwerk.Web.Features.Demo;

/// <summary>
/// The demo indicators on DUO's hbo enrolments and the published national figures. Their
/// baselines and targets belong to the demo plans (<see cref="DemoAgenda"/>).
/// </summary>
public static class DemoMonitor
{
    /// <summary>New entities on every call: the same instances must never be added to two databases.</summary>
    public static (Indicator Indicator, IndicatorDefinition Definition, string Description)[] Indicators() =>
    [
        (new Indicator { Code = "hbo-ingeschrevenen", Name = "Ingeschrevenen hbo", NameEn = "Enrolments in hbo", Unit = "studenten", Direction = Direction.HigherIsBetter },
            new IndicatorDefinition("hbo-ingeschrevenen", Measure.All("hbo-ingeschrevenen")),
            "Het aantal ingeschrevenen in het hbo, geteld in de gemeente waar de opleiding wordt gegeven (DUO)."),
        (new Indicator { Code = "hbo-aandeel-techniek", Name = "Aandeel techniek in het hbo", NameEn = "Share of technology in hbo", Unit = "%", Direction = Direction.HigherIsBetter },
            new IndicatorDefinition("hbo-aandeel-techniek",
                new Measure("hbo-ingeschrevenen", new Dictionary<string, IReadOnlyList<string>> { ["ONDERDEEL"] = ["techniek"] }),
                Measure.All("hbo-ingeschrevenen"), 100),
            "Het deel van alle hbo-ingeschrevenen dat een opleiding in de CROHO-sector techniek volgt: 100 × Σ ingeschrevenen techniek / Σ alle ingeschrevenen, opgeteld over de gemeenten van de regio. Onderdrukte cellen (<5) tellen niet mee en worden apart gemeld."),
        // From the second source: a national figure as the Techniekpact published it, read for the country only.
        (new Indicator { Code = "hbo-nieuwe-studenten-techniek", Name = "Nieuwe studenten techniek in het hbo (landelijk)", NameEn = "New technology students in hbo (national)", Unit = "studenten", Direction = Direction.HigherIsBetter },
            new IndicatorDefinition("hbo-nieuwe-studenten-techniek",
                new Measure("nieuwe_studenten_techniek", new Dictionary<string, IReadOnlyList<string>> { ["ONDERWIJSSOORT"] = ["hbo"] })),
            "Het aantal nieuwe studenten in technische hbo-opleidingen, zoals de Techniekpact Monitor het landelijk publiceerde. Alleen voor heel Nederland: de bron geeft geen cijfers per regio."),
    ];

    public static async Task SeedAsync(PactwerkDb db, MonitorEngineHost host, CancellationToken ct)
    {
        if (await db.Indicators.AnyAsync(ct))
            return;
        var indicators = Indicators();
        foreach (var (indicator, definition, description) in indicators)
        {
            indicator.CurrentVersion = 1;
            indicator.Versions.Add(new IndicatorVersion
            {
                Version = 1, Definition = IndicatorDefinitions.Serialise(definition), Description = description, CreatedAt = DateTime.UtcNow,
            });
            db.Indicators.Add(indicator);
        }
        await db.SaveChangesAsync(ct);
    }
}
