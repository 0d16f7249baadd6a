using System.Text.Json;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pactwerk.Tests.Infrastructure;

namespace Pactwerk.Tests.Platform;

/// <summary>The OpenAPI document tells a client what each operation does and how to authenticate, as the API really does.</summary>
public abstract class OpenApiDocumentTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private readonly HttpClient _client = factory.CreateClient();

    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options"];

    [Fact]
    public async Task Every_operation_has_a_summary()
    {
        using var doc = JsonDocument.Parse(await _client.GetStringAsync("/openapi/v1.json"));

        var operations = doc.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Where(o => Methods.Contains(o.Name)).Select(o => (Name: $"{o.Name.ToUpperInvariant()} {p.Name}", Operation: o.Value)))
            .ToList();
        var without = operations
            .Where(o => !o.Operation.TryGetProperty("summary", out var s) || string.IsNullOrWhiteSpace(s.GetString()))
            .Select(o => o.Name).ToList();

        Assert.True(operations.Count > 50, $"Only {operations.Count} operations in the document.");
        Assert.Empty(without);
    }

    [Fact]
    public async Task The_course_competences_are_public_to_read_and_signed_in_to_change()
    {
        using var doc = JsonDocument.Parse(await _client.GetStringAsync("/openapi/v1.json"));
        var path = doc.RootElement.GetProperty("paths").GetProperty("/api/v1/voucher-courses/{id}/competences");
        Assert.False(path.GetProperty("get").TryGetProperty("security", out _));
        Assert.True(path.GetProperty("put").TryGetProperty("security", out _));
        Assert.Equal("PutVoucherCourseCompetences", path.GetProperty("put").GetProperty("operationId").GetString());
    }

    [Fact]
    public async Task Vacancies_are_public_to_read_and_signed_in_to_publish_and_rank()
    {
        using var doc = JsonDocument.Parse(await _client.GetStringAsync("/openapi/v1.json"));
        var paths = doc.RootElement.GetProperty("paths");
        Assert.False(paths.GetProperty("/api/v1/vacancies").GetProperty("get").TryGetProperty("security", out _));
        Assert.True(paths.GetProperty("/api/v1/vacancies").GetProperty("post").TryGetProperty("security", out _));
        Assert.Equal("UpdateVacancy", paths.GetProperty("/api/v1/vacancies/{id}").GetProperty("put").GetProperty("operationId").GetString());
        Assert.True(paths.GetProperty("/api/v1/vacancies/{id}/candidates").GetProperty("get").TryGetProperty("security", out _));
        Assert.True(paths.GetProperty("/api/v1/candidates/{id}/vacancies").GetProperty("get").TryGetProperty("security", out _));
        // What a vacancy asks has the shape of what a place asks: one schema for both.
        var schemas = doc.RootElement.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.TryGetProperty("RequirementInput", out _));
        Assert.Contains("RequirementInput", schemas.GetProperty("VacancyInput").GetRawText());
    }

    [Fact]
    public async Task The_document_declares_the_bearer_token_and_the_cookie_and_protected_operations_require_them()
    {
        using var doc = JsonDocument.Parse(await _client.GetStringAsync("/openapi/v1.json"));
        var schemes = doc.RootElement.GetProperty("components").GetProperty("securitySchemes");
        var cookieName = factory.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme).Cookie.Name;

        var bearer = schemes.GetProperty("bearerToken");
        Assert.Equal("http", bearer.GetProperty("type").GetString());
        Assert.Equal("bearer", bearer.GetProperty("scheme").GetString());
        var cookie = schemes.GetProperty("cookie");
        Assert.Equal("apiKey", cookie.GetProperty("type").GetString());
        Assert.Equal("cookie", cookie.GetProperty("in").GetString());
        Assert.Equal(cookieName, cookie.GetProperty("name").GetString());

        var paths = doc.RootElement.GetProperty("paths");
        // Coordinators only: both ways to authenticate are listed.
        var publish = paths.GetProperty("/api/v1/pacts/{code}/editions").GetProperty("post");
        var required = publish.GetProperty("security").EnumerateArray().SelectMany(r => r.EnumerateObject().Select(p => p.Name)).Order().ToList();
        Assert.Equal(["bearerToken", "cookie"], required);
        // Anonymous: no security requirement.
        Assert.False(paths.GetProperty("/api/v1/pacts").GetProperty("get").TryGetProperty("security", out _));
    }

    [Fact]
    public async Task The_learning_account_bookings_are_documented_with_their_input_answers_and_security()
    {
        using var doc = JsonDocument.Parse(await _client.GetStringAsync("/openapi/v1.json"));
        var paths = doc.RootElement.GetProperty("paths");
        var preview = paths.GetProperty("/api/v1/learning-accounts/me/bookings/preview").GetProperty("get");
        Assert.Equal(["course", "start"], preview.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).Order());
        var book = paths.GetProperty("/api/v1/learning-accounts/me/bookings").GetProperty("post");
        Assert.Equal(["201", "400", "403", "404", "409"], book.GetProperty("responses").EnumerateObject().Select(r => r.Name).Order());
        Assert.Equal(["coPayment", "course", "start"], ComponentOf(doc, book.GetProperty("requestBody")).GetProperty("properties").EnumerateObject().Select(p => p.Name).Order());
        foreach (var (path, method) in new[] { ("/api/v1/learning-accounts/me/bookings/{id}/cancel", "post"), ("/api/v1/learning-accounts/me/bookings/{id}/delivery", "post"),
                     ("/api/v1/learning-bookings/{id}/delivery", "post"), ("/api/v1/learning-bookings", "get") })
        {
            var operation = paths.GetProperty(path).GetProperty(method);
            Assert.Contains("cookie", operation.GetProperty("security").EnumerateArray().SelectMany(r => r.EnumerateObject().Select(p => p.Name)));
            if (method == "post")
                Assert.Equal(["200", "403", "404", "409"], operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).Order());
        }
    }

    [Fact]
    public async Task The_programme_set_up_and_the_applicants_correction_are_documented_with_their_input_and_security()
    {
        using var doc = JsonDocument.Parse(await _client.GetStringAsync("/openapi/v1.json"));
        var paths = doc.RootElement.GetProperty("paths");
        var create = paths.GetProperty("/api/v1/programmes").GetProperty("post");
        Assert.Equal(["code", "description", "name", "ownerOrganisationId", "pact", "partners", "sector", "steps", "targetCertificateRate", "targetJobRate", "targetWomenShare", "version"],
            ComponentOf(doc, create.GetProperty("requestBody")).GetProperty("properties").EnumerateObject().Select(p => p.Name).Order());
        // Reading a programme is public; every change, and the staff's lookup of the employer network, needs a signed-in user.
        Assert.False(paths.GetProperty("/api/v1/programmes/{code}").GetProperty("get").TryGetProperty("security", out _));
        foreach (var (path, method) in new[] { ("/api/v1/programmes", "post"), ("/api/v1/programmes/{code}", "put"), ("/api/v1/programmes/{code}/cohorts", "post"),
                     ("/api/v1/programmes/{code}/cohorts/{cohort}", "put"), ("/api/v1/programmes/{code}/employers", "put"), ("/api/v1/programmes/{code}/modules", "put"),
                     ("/api/v1/programmes/{code}", "delete"), ("/api/v1/programmes/{code}/cohorts/{cohort}", "delete"),
                     ("/api/v1/programme-applications/{id}", "put"), ("/api/v1/programmes/{code}/employers/lookup", "get") })
        {
            var operation = paths.GetProperty(path).GetProperty(method);
            Assert.Contains("cookie", operation.GetProperty("security").EnumerateArray().SelectMany(r => r.EnumerateObject().Select(p => p.Name)));
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()));
        }
        Assert.Equal(["gender", "municipality"], ComponentOf(doc, paths.GetProperty("/api/v1/programme-applications/{id}").GetProperty("put").GetProperty("requestBody"))
            .GetProperty("properties").EnumerateObject().Select(p => p.Name).Order());
        // The modules are public to read, with their length in weeks; the programme list gives the total.
        var modules = paths.GetProperty("/api/v1/programmes/{code}/modules");
        Assert.False(modules.GetProperty("get").TryGetProperty("security", out _));
        Assert.False(string.IsNullOrWhiteSpace(modules.GetProperty("get").GetProperty("summary").GetString()));
        Assert.Contains("weeks", doc.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("ModuleInput").GetProperty("properties").EnumerateObject().Select(p => p.Name));
        Assert.Contains("totalWeeks", doc.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("ProgrammeDto").GetProperty("properties").EnumerateObject().Select(p => p.Name));
        // The employer network is public to read on its own: each employer's id, name and places per cohort.
        var employers = paths.GetProperty("/api/v1/programmes/{code}/employers").GetProperty("get");
        Assert.False(employers.TryGetProperty("security", out _));
        Assert.False(string.IsNullOrWhiteSpace(employers.GetProperty("summary").GetString()));
        var network = employers.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        Assert.Equal("array", network.GetProperty("type").GetString());
        Assert.Equal("#/components/schemas/ProgrammeEmployerDto", network.GetProperty("items").GetProperty("$ref").GetString());
        Assert.Equal(["organisation", "organisationId", "placesPerCohort"],
            doc.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("ProgrammeEmployerDto").GetProperty("properties").EnumerateObject().Select(p => p.Name).Order());
    }

    private static JsonElement ComponentOf(JsonDocument doc, JsonElement body)
    {
        var reference = body.GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString()!;
        return doc.RootElement.GetProperty("components").GetProperty("schemas").GetProperty(reference.Split('/').Last());
    }
}

public sealed class OpenApiDocumentTestsSqlite(SqliteFactory factory) : OpenApiDocumentTests<SqliteFactory>(factory);
public sealed class OpenApiDocumentTestsPostgres(PostgresFactory factory) : OpenApiDocumentTests<PostgresFactory>(factory);
