using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Monitor.Editions;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Monitor;

/// <summary>An empty indicator code (a JSON null, an empty form field) is no indicator: never a 500.</summary>
public abstract class EditionInputTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    [Fact]
    public async Task A_null_indicator_code_is_skipped_and_an_unknown_one_beside_it_is_refused_with_nothing_changed()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        Task<int> Editions() => factory.InDbAsync(db => db.Set<MonitorEdition>().CountAsync());
        var before = await Editions();

        var refused = await coordinator.PostAsJsonAsync("/api/v1/pacts/techniekpact/editions",
            new { year = 2032, title = "Monitor 2032", indicators = new[] { null, "geluk" } });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Onbekende indicator(en): geluk", await refused.Content.ReadAsStringAsync());
        Assert.Equal(before, await Editions());

        // Only empty codes: no choice, so the edition holds the indicators of the pact's objectives.
        var published = await coordinator.PostAsJsonAsync("/api/v1/pacts/techniekpact/editions",
            new { year = 2033, title = "Monitor 2033", indicators = new[] { null, " " } });
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        var expected = await factory.InDbAsync(db => db.Objectives.Where(o => db.Pacts.Any(p => p.Id == o.PactId && p.Code == "techniekpact"))
            .SelectMany(o => o.Indicators).Select(l => db.Indicators.Where(i => i.Id == l.IndicatorId).Select(i => i.Code).Single()).Distinct().ToListAsync());
        var edition = await published.ReadAsync<JsonElement>();
        Assert.Equal(expected.Order().ToArray(), edition.GetProperty("indicators").EnumerateArray().Select(i => i.GetProperty("code").GetString()!).Order().ToArray());
        Assert.Equal(before + 1, await Editions());
    }
}

public sealed class EditionInputTestsSqlite(SqliteFactory factory) : EditionInputTests<SqliteFactory>(factory);
public sealed class EditionInputTestsPostgres(PostgresFactory factory) : EditionInputTests<PostgresFactory>(factory);
