using System.Net;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Demo;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Knowledge;

/// <summary>
/// The learning network is reachable from its pact's network page, from the action it is run as, and from a member's
/// account page; only for those who may open it (members, the pact's coordinators), so a link never ends in a refusal.
/// </summary>
public abstract class LearningNetworkLinksTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private Task<(int Network, int Action)> IdsAsync() => factory.InDbAsync(async db =>
    {
        var network = await db.LearningNetworks.SingleAsync(n => n.Name == DemoEventsAndLearningNetworks.NetworkName);
        var action = await db.PactActions.SingleAsync(a => a.Slug == "bestuurlijk-lerend-netwerk-zorg-en-onderwijs");
        return (network.Id, action.Id);
    });

    [Theory]
    [InlineData("/account")]
    [InlineData("/initiatieven/{action}")]
    [InlineData("/pact/zorgpact/netwerk")]
    public async Task A_member_reaches_the_network_and_its_page_opens(string page)
    {
        var (network, action) = await IdsAsync();
        var member = await SignInAsync(factory, DemoEventsAndLearningNetworks.NetworkMemberEmail);

        var html = WebUtility.HtmlDecode(await member.GetStringAsync(page.Replace("{action}", action.ToString())));

        Assert.Contains($"<a href=\"/lerende-netwerken/{network}\">{DemoEventsAndLearningNetworks.NetworkName}</a>", html);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync($"/lerende-netwerken/{network}")).StatusCode);
    }

    [Fact]
    public async Task The_pacts_coordinator_reaches_it_as_coordinator_and_outsiders_see_no_link()
    {
        var (network, action) = await IdsAsync();
        var coordinator = await SignInAsync(factory, "coordinator@zorgpact.demo");
        var coordinatorPage = WebUtility.HtmlDecode(await coordinator.GetStringAsync("/pact/zorgpact/netwerk"));
        Assert.Contains($"/lerende-netwerken/{network}", coordinatorPage);
        Assert.Contains("u coördineert dit netwerk", coordinatorPage);

        var otherPact = await SignInAsync(factory, "coordinator@techniekpact.demo");
        foreach (var page in new[] { "/account", $"/initiatieven/{action}", "/pact/zorgpact/netwerk" })
        {
            Assert.DoesNotContain($"/lerende-netwerken/{network}", await otherPact.GetStringAsync(page));
            if (page != "/account")
                Assert.DoesNotContain($"/lerende-netwerken/{network}", await Anonymous(factory).GetStringAsync(page));
        }
    }
}

public sealed class LearningNetworkLinksTestsSqlite(SqliteFactory factory) : LearningNetworkLinksTests<SqliteFactory>(factory);
public sealed class LearningNetworkLinksTestsPostgres(PostgresFactory factory) : LearningNetworkLinksTests<PostgresFactory>(factory);
