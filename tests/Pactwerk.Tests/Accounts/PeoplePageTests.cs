using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Accounts;

/// <summary>
/// The people-and-rights page: the accounts it lists as "may edit in a region" are exactly those the
/// site lets edit there (checked by trying the edit), coordinators see their own pact only, and the
/// invitation state and last sign-in read right.
/// </summary>
public abstract class PeoplePageTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private static IReadOnlyList<string> Listed(string html)
    {
        var body = html[html.IndexOf("<tbody>", StringComparison.Ordinal)..html.IndexOf("</tbody>", StringComparison.Ordinal)];
        return System.Text.RegularExpressions.Regex.Matches(body, "<span class=\"meta\">([^<]+@[^<]+)</span>").Select(m => m.Groups[1].Value).Order().ToList();
    }

    [Fact]
    public async Task Who_may_edit_in_Oost_is_who_the_site_lets_edit_an_action_in_Oost()
    {
        var admin = await SignInAsync(factory, "beheerder@pactwerk.demo");
        var html = await admin.GetStringAsync("/beheer/mensen?Pact=techniekpact&MayEditIn=TP-OOST");
        var listed = Listed(html);
        Assert.Contains("oost@techniekpact.demo", listed);
        Assert.Contains("coordinator@techniekpact.demo", listed);
        Assert.DoesNotContain("noord@techniekpact.demo", listed);
        Assert.DoesNotContain("coordinator@zorgpact.demo", listed);

        // Computed another way: try the change as each demo account, and compare.
        var action = await factory.InDbAsync(db => db.PactActions.Where(a => a.Slug == "overijsselse-techniekuitdaging").Select(a => a.Id).SingleAsync());
        foreach (var who in new[] { "oost@techniekpact.demo", "noord@techniekpact.demo", "coordinator@techniekpact.demo", "coordinator@zorgpact.demo", "lid@pactwerk.demo" })
        {
            var client = await SignInAsync(factory, who);
            var response = await client.PostAsJsonAsync($"/api/v1/actions/{action}/funding",
                new { funder = $"Fonds {who}", amount = 10, startsOn = "2025-01-01", endsOn = "2025-12-31" });
            Assert.True(listed.Contains(who) == (response.StatusCode == HttpStatusCode.Created), $"{who}: listed {listed.Contains(who)}, edit {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task A_coordinator_sees_the_roles_in_their_own_pact_and_others_see_nothing()
    {
        var zorg = await SignInAsync(factory, "coordinator@zorgpact.demo");
        var listed = Listed(await zorg.GetStringAsync("/beheer/mensen"));
        Assert.Contains("coordinator@zorgpact.demo", listed);
        Assert.DoesNotContain("oost@techniekpact.demo", listed);
        Assert.DoesNotContain("coordinator@techniekpact.demo", listed);
        // Asking for another pact's people is refused with a message.
        var other = await zorg.GetAsync("/beheer/mensen?Pact=techniekpact");
        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
        Assert.Empty(Listed(await other.Content.ReadAsStringAsync()));

        var member = await SignInAsync(factory, "lid@pactwerk.demo");
        Assert.NotEqual(HttpStatusCode.OK, (await member.GetAsync("/beheer/mensen")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await Anonymous(factory).GetAsync("/beheer/mensen")).StatusCode);
    }

    [Fact]
    public async Task Invitations_read_as_invited_accepted_or_expired_and_the_last_sign_in_is_shown()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        foreach (var email in new[] { "vers@example.org", "oud@example.org" })
        {
            var invited = await coordinator.PostAsJsonAsync("/api/v1/invitations",
                new { email, displayName = $"Genodigde {email}", role = new { kind = "RegionalLead", pactCode = "techniekpact", regionCode = "tp-oost" } });
            Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        }
        // The invitation link lives seven days: one sent eight days ago has expired.
        await factory.InDbAsync(db => db.Users.Where(u => u.Email == "oud@example.org").ExecuteUpdateAsync(s => s.SetProperty(u => u.CreatedAt, DateTime.UtcNow.AddDays(-8))));

        var html = await coordinator.GetStringAsync("/beheer/mensen?Pact=techniekpact&culture=en");
        string Row(string email)
        {
            var at = html.IndexOf(email, StringComparison.Ordinal);
            return html[at..html.IndexOf("</tr>", at, StringComparison.Ordinal)];
        }
        Assert.Contains("<td>invited</td>", Row("vers@example.org"));
        Assert.Contains("<td>invitation expired</td>", Row("oud@example.org"));
        Assert.Contains("<td>never</td>", Row("oud@example.org"));
        // The coordinator just signed in: accepted, with a time.
        var signedIn = await factory.InDbAsync(db => db.Users.Where(u => u.Email == "coordinator@techniekpact.demo").Select(u => u.LastSignInAt).SingleAsync());
        Assert.NotNull(signedIn);
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(signedIn.Value, DateTimeKind.Utc), TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam"));
        Assert.Contains(local.ToString("HH:mm"), Row("coordinator@techniekpact.demo"));
        Assert.Contains("<td>accepted</td>", Row("coordinator@techniekpact.demo"));
    }
}

public sealed class PeoplePageSqlite(SqliteFactory factory) : PeoplePageTests<SqliteFactory>(factory);
public sealed class PeoplePagePostgres(PostgresFactory factory) : PeoplePageTests<PostgresFactory>(factory);
