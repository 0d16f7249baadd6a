using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Demo;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Knowledge;

/// <summary>Messages that carry a value are English on English pages, with the value in them.</summary>
public abstract class KnowledgeEnglishTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    [Theory]
    [InlineData("/praktijken?sector=ruimtevaart&culture=en", "Unknown sector &#x27;ruimtevaart&#x27;. Choose from: ", "Onbekende sector")]
    [InlineData("/praktijken?region=XX99&culture=en", "There is no region with code &#x27;XX99&#x27;. Choose from: ", "Er is geen regio")]
    [InlineData("/praktijken?pact=techniekpact&objective=99&culture=en", "The pact techniekpact has no objective with number 99. Choose from: ", "heeft geen doel")]
    [InlineData("/praktijken?pact=geenpact&culture=en", "Unknown pact &#x27;geenpact&#x27;. Choose from: ", "Onbekend pact")]
    [InlineData("/praktijken?q=%26%26%20%7C%7C&culture=en", "The query holds no words, only punctuation or search operators.", "geen woorden")]
    [InlineData("/evenementen?region=XX99&culture=en", "There is no region with code &#x27;XX99&#x27;.", "Er is geen regio")]
    public async Task Search_and_filter_messages_with_a_value_are_English(string url, string english, string dutch)
    {
        var response = await Anonymous(factory).GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(english, html);
        Assert.DoesNotContain(dutch, html);
    }

    [Fact]
    public async Task A_query_that_is_too_long_is_refused_in_English_with_its_length()
    {
        var response = await Anonymous(factory).GetAsync("/praktijken?culture=en&q=" + new string('a', 2000));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The query is too long (2000 characters); use at most 500 characters.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Form_messages_with_a_value_are_English_and_nothing_is_saved()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var before = await factory.InDbAsync(db => db.Events.CountAsync());
        var response = await PostFormAsync(coordinator, "/evenementen/nieuw?pact=techniekpact&culture=en", new()
        {
            ["Input.Title"] = "Test", ["Input.StartsAt"] = "2032-01-01T10:00", ["Input.EndsAt"] = "2032-01-01T12:00", ["Input.Kind"] = "Event",
            ["Input.IsPublic"] = "true", ["Input.Region"] = "XX77", ["Pact"] = "techniekpact",
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("There is no region with code &#x27;XX77&#x27;.", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await factory.InDbAsync(db => db.Events.CountAsync()));

        var network = await factory.InDbAsync(db => db.LearningNetworks.Where(n => n.Name == DemoEventsAndLearningNetworks.NetworkName).Select(n => n.Id).SingleAsync());
        var zorg = await SignInAsync(factory, "coordinator@zorgpact.demo");
        var member = await PostFormAsync(zorg, $"/lerende-netwerken/{network}?handler=AddMember&culture=en", new() { ["email"] = "niemand@example.org" }, $"/lerende-netwerken/{network}?culture=en");
        Assert.Equal(HttpStatusCode.BadRequest, member.StatusCode);
        Assert.Contains("There is no account with this e-mail address.", await member.Content.ReadAsStringAsync());
    }
}

public sealed class KnowledgeEnglishSqlite(SqliteFactory factory) : KnowledgeEnglishTests<SqliteFactory>(factory);
public sealed class KnowledgeEnglishPostgres(PostgresFactory factory) : KnowledgeEnglishTests<PostgresFactory>(factory);
