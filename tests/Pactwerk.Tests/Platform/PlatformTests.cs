using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pactwerk.Tests.Infrastructure;

namespace Pactwerk.Tests.Platform;

/// <summary>Health, API description, migrations and the pacts endpoint on each database.</summary>
public abstract class PlatformTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private readonly HttpClient _client = factory.CreateClient();

    public sealed record PactJson(string Code, string Name, DateOnly SignedOn, int InitialSignatoryCount, string? RegionSet, string? Champion);

    [Fact]
    public async Task Health_reports_the_database_as_healthy()
    {
        var response = await _client.GetAsync("/health");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("database", body.RootElement.GetProperty("checks")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task OpenApi_3_1_describes_every_api_route_and_Scalar_serves_it()
    {
        using var doc = JsonDocument.Parse(await _client.GetStringAsync("/openapi/v1.json"));
        var scalar = await _client.GetAsync("/scalar");

        Assert.StartsWith("3.1", doc.RootElement.GetProperty("openapi").GetString());
        var paths = doc.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        var routes = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.Trim('/'))
            .Where(r => r.StartsWith("/api/v1/"))
            .Select(r => System.Text.RegularExpressions.Regex.Replace(r, ":[a-z]+}", "}"))
            .Distinct();
        Assert.Contains("/api/v1/regions/{code}", paths);
        Assert.Equal(routes.Order(), paths.Order());
        Assert.Equal(HttpStatusCode.OK, scalar.StatusCode);
        Assert.Contains("text/html", scalar.Content.Headers.ContentType?.ToString());
    }

    [Fact]
    public async Task Pacts_come_from_the_publication_with_signing_date_and_champion()
    {
        var pacts = await _client.GetFromJsonAsync<List<PactJson>>("/api/v1/pacts");

        Assert.Equal(["techniekpact", "zorgpact"], pacts!.Select(p => p.Code));
        var techniek = pacts![0];
        Assert.Equal(2013, techniek.SignedOn.Year);
        Assert.Equal(60, techniek.InitialSignatoryCount);
        Assert.Equal("techniekpact-landsdelen", techniek.RegionSet);
        Assert.Equal("Doekle Terpstra", techniek.Champion);
        Assert.Equal(2015, pacts[1].SignedOn.Year);
    }

    [Fact]
    public async Task The_schema_is_exactly_what_the_migrations_create()
    {
        factory.CreateClient();
        var pending = await factory.InDbAsync(async db => (await db.Database.GetPendingMigrationsAsync()).Count());
        var modelChanged = await factory.InDbAsync(db => Task.FromResult(db.Database.HasPendingModelChanges()));

        Assert.Equal(0, pending);
        Assert.False(modelChanged, "The model has changes that no migration captures: add a migration for both providers.");
    }
}

public sealed class PlatformTestsSqlite(SqliteFactory factory) : PlatformTests<SqliteFactory>(factory);
public sealed class PlatformTestsPostgres(PostgresFactory factory) : PlatformTests<PostgresFactory>(factory);
