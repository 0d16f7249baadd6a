using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Monitoring;
using Pactwerk.Web.Features.Monitor;
using Pactwerk.Web.Features.Monitor.Import;

namespace Pactwerk.Tests.Infrastructure;

/// <summary>
/// A source about people, for the tests of the small-cell rule: DUO's layout read by a stored
/// profile whose source is confidential, into an element of its own.
/// </summary>
public static class ConfidentialSource
{
    public const string SourceCode = "test-vertrouwelijk";

    /// <summary>Saves the profile (once) that reads DUO's columns into <paramref name="element"/> of the confidential test source.</summary>
    public static Task StoreProfileAsync(PactwerkFactory factory, string profileCode, string element) => factory.InDbAsync(async db =>
    {
        if (await db.Set<StoredImportProfile>().AnyAsync(p => p.Code == profileCode))
            return 0;
        var mapping = new ProfileMapping(';', "GEMEENTENUMMER", false, "GM", true, null, null,
            [new("ONDERDEEL", "ONDERDEEL"), new("SUBONDERDEEL", "SUBONDERDEEL"), new("TYPE HOGER ONDERWIJS", "TYPE HOGER ONDERWIJS"), new("OPLEIDINGSVORM", "OPLEIDINGSVORM"),
             new("GESLACHT", "GESLACHT"), new("INSTELLINGSCODE ACTUEEL", "INSTELLING"), new("OPLEIDINGSCODE ACTUEEL", "OPLEIDING")],
            "<5", element, $"Ingeschrevenen ({element})", "studenten", PeriodKind.SchoolYear, SourceCode, "Testbron met gegevens over personen", Disclosure.Confidential);
        db.Add(new StoredImportProfile { Code = profileCode, Name = $"Vertrouwelijke test {element}", Mapping = mapping.Serialise(), CreatedAt = DateTime.UtcNow, CreatedBy = "Test" });
        return await db.SaveChangesAsync();
    });

    /// <summary>Creates an indicator (once) over the element, through the API as a coordinator.</summary>
    public static async Task IndicatorAsync(PactwerkFactory factory, string code, string name, string unit, object definition)
    {
        if (await factory.InDbAsync(db => db.Indicators.AnyAsync(i => i.Code == code)))
            return;
        var coordinator = await Session.SignInAsync(factory, "coordinator@techniekpact.demo");
        var created = await coordinator.PostAsJsonAsync("/api/v1/indicators", new
        {
            code, name, nameEn = name + " (en)", unit, direction = "HigherIsBetter", definition,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }
}
