using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Audit;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Audit;

/// <summary>The audit trail: read by coordinators with filters, written for every change, never altered.</summary>
public abstract class AuditTrailTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    [Fact]
    public async Task Start_up_records_the_reference_data_import_and_the_demo_content()
    {
        factory.CreateClient();
        var actions = await factory.InDbAsync(db => db.AuditEntries.GroupBy(a => a.Action + "|" + a.EntityType).Select(g => g.Key).ToListAsync());

        Assert.Contains("ImportCommitted|ReferenceDataLoad", actions);
        Assert.Contains("Created|Pact", actions);
        Assert.Contains("Created|PactAction", actions);
        Assert.Contains("Created|RoleAssignment", actions);
    }

    [Fact]
    public async Task Changes_to_an_actions_funding_and_to_a_plan_revision_reach_the_coordinators_of_its_pact_only()
    {
        var lead = await SignInAsync(factory, "oost@techniekpact.demo");
        var action = await factory.InDbAsync(db => db.PactActions.Where(a => a.Slug == "overijsselse-techniekuitdaging").Select(a => a.Id).SingleAsync());
        var funding = await lead.PostAsJsonAsync($"/api/v1/actions/{action}/funding",
            new { funder = "Fonds voor de audittest", amount = 1000, startsOn = "2025-01-01", endsOn = "2025-12-31" });
        Assert.Equal(HttpStatusCode.Created, funding.StatusCode);
        // The demo records goals in the plans; a goal row belongs to a revision, which belongs to a plan of the Techniekpact.
        var techniekpact = await factory.InDbAsync(db => db.Pacts.Where(p => p.Code == "techniekpact").Select(p => p.Id).SingleAsync());

        var ownCoordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var otherCoordinator = await SignInAsync(factory, "coordinator@zorgpact.demo");
        var seen = await ownCoordinator.GetFromJsonAsync<JsonElement>("/api/v1/audit?entityType=FundingSource&pageSize=100");
        var unseen = await otherCoordinator.GetFromJsonAsync<JsonElement>("/api/v1/audit?entityType=FundingSource&pageSize=100");
        var goals = await factory.InDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "IndicatorGoal").Select(a => a.PactId).Distinct().ToListAsync());

        Assert.Contains(seen.GetProperty("items").EnumerateArray(), i => (i.GetProperty("after").GetString() ?? "").Contains("Fonds voor de audittest"));
        Assert.DoesNotContain(unseen.GetProperty("items").EnumerateArray(), i => (i.GetProperty("after").GetString() ?? "").Contains("Fonds voor de audittest"));
        Assert.Equal([techniekpact], goals.Select(g => g ?? 0));
    }

    [Fact]
    public async Task Coordinators_filter_the_trail_others_may_not_read_it()
    {
        var coordinator = await SignInAsync(factory, "coordinator@zorgpact.demo");

        var pacts = await coordinator.GetFromJsonAsync<JsonElement>("/api/v1/audit?entityType=Pact&pageSize=10");
        var future = await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/audit?from={DateTime.UtcNow.AddDays(2):yyyy-MM-dd}");
        var member = await (await SignInAsync(factory, "lid@pactwerk.demo")).GetAsync("/api/v1/audit");
        var lead = await (await SignInAsync(factory, "oost@techniekpact.demo")).GetAsync("/api/v1/audit");
        var anonymous = await Anonymous(factory).GetAsync("/api/v1/audit");
        var page = await coordinator.GetStringAsync("/beheer/audit?entityType=Pact");
        var allPacts = await (await SignInAsync(factory, "beheerder@pactwerk.demo")).GetFromJsonAsync<JsonElement>("/api/v1/audit?entityType=Pact");
        var zorgpact = await factory.InDbAsync(db => db.Pacts.Where(p => p.Code == "zorgpact").Select(p => p.Id).SingleAsync());

        // A coordinator reads the lines of their own pact; the administrator reads all.
        Assert.Equal(1, pacts.GetProperty("total").GetInt32());
        Assert.Equal(zorgpact.ToString(), pacts.GetProperty("items")[0].GetProperty("entityId").GetString());
        Assert.Equal(2, allPacts.GetProperty("total").GetInt32());
        Assert.All(allPacts.GetProperty("items").EnumerateArray(), i => Assert.Equal("Pact", i.GetProperty("entityType").GetString()));
        Assert.Equal(0, future.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, member.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, lead.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains("1 regel gevonden", page);
    }

    [Fact]
    public void No_route_of_the_application_writes_to_the_audit_trail()
    {
        var routes = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.Contains("audit", StringComparison.OrdinalIgnoreCase)).ToList();
        var apiMethods = routes.Where(e => e.RoutePattern.RawText!.TrimStart('/').StartsWith("api/", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods).Distinct();
        var pageHandlers = typeof(Web.Features.Audit.Admin.AuditLogModel).GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.DeclaredOnly).Select(m => m.Name).Where(n => n.StartsWith("On", StringComparison.Ordinal));

        Assert.Equal(2, routes.Count);
        Assert.Equal(["GET"], apiMethods);
        Assert.NotEmpty(pageHandlers);
        Assert.All(pageHandlers, h => Assert.StartsWith("OnGet", h));
    }

    [Fact]
    public async Task The_database_layer_refuses_to_change_or_delete_an_audit_line()
    {
        factory.CreateClient();

        var change = await Assert.ThrowsAsync<InvalidOperationException>(() => factory.InDbAsync(async db =>
        {
            var line = await db.AuditEntries.FirstAsync();
            line.Actor = "iemand anders";
            return await db.SaveChangesAsync();
        }));
        var delete = await Assert.ThrowsAsync<InvalidOperationException>(() => factory.InDbAsync(async db =>
        {
            db.AuditEntries.Remove(await db.AuditEntries.FirstAsync());
            return await db.SaveChangesAsync();
        }));

        Assert.Contains("append-only", change.Message);
        Assert.Contains("append-only", delete.Message);
        Assert.Equal(0, await factory.InDbAsync(db => db.AuditEntries.CountAsync(a => a.Actor == "iemand anders")));
    }

    [Fact]
    public async Task Bad_paging_gets_a_400()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");

        Assert.Equal(HttpStatusCode.BadRequest, (await coordinator.GetAsync("/api/v1/audit?pageSize=100000")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await coordinator.GetAsync("/api/v1/audit?page=0")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await coordinator.GetAsync("/api/v1/audit?from=gisteren")).StatusCode);
    }
}

public sealed class AuditTrailTestsSqlite(SqliteFactory factory) : AuditTrailTests<SqliteFactory>(factory);
public sealed class AuditTrailTestsPostgres(PostgresFactory factory) : AuditTrailTests<PostgresFactory>(factory);
