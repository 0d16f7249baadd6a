using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Accounts;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Accounts;

/// <summary>
/// Sign-out, a lock, a new password and a withdrawn role end every session of the account at once:
/// a cookie copied before the change (another browser, a stolen copy) no longer gets in (issue 16 item 3).
/// </summary>
public abstract class SessionEndTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    [Fact]
    public async Task After_signing_out_the_old_cookie_no_longer_gets_in()
    {
        var browser = await CookieBrowser.SignInAsync(factory, "lid@pactwerk.demo");
        var copy = browser.Copy();
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/api/v1/me")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync("/uitloggen", "/account")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await copy.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await SignInAsync(factory, "lid@pactwerk.demo")).GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task A_signed_in_page_is_private_and_its_cookie_is_issued_again_only_when_the_name_in_it_changes()
    {
        var browser = await CookieBrowser.SignInAsync(factory, "noord@techniekpact.demo");
        var page = await browser.GetAsync("/monitor/indicatoren/hbo-aandeel-techniek");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.True(page.Headers.CacheControl?.Private == true || page.Headers.CacheControl?.NoStore == true, $"Cache-Control: {page.Headers.CacheControl}");
        Assert.False(page.Headers.Contains("Set-Cookie"));

        await factory.InScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<PactwerkUser>>();
            var user = (await users.FindByEmailAsync("noord@techniekpact.demo"))!;
            user.DisplayName = "Noord (nieuwe naam)";
            await users.UpdateAsync(user);
        });
        var renamed = await browser.GetAsync("/account");
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.True(renamed.Headers.Contains("Set-Cookie"));
        Assert.Contains("Noord (nieuwe naam)", await renamed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Locking_an_account_ends_its_sessions()
    {
        var session = await CookieBrowser.SignInAsync(factory, "redacteur@hva.demo");
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/api/v1/me")).StatusCode);

        await factory.InScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<PactwerkUser>>();
            var user = (await users.FindByEmailAsync("redacteur@hva.demo"))!;
            await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
        });

        Assert.Equal(HttpStatusCode.Unauthorized, (await session.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync("/account")).StatusCode);
    }

    [Fact]
    public async Task A_lock_written_past_the_change_tracker_also_ends_the_session()
    {
        var session = await CookieBrowser.SignInAsync(factory, "lerendnetwerk@zorgpact.demo");
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/api/v1/me")).StatusCode);

        await factory.InDbAsync(db => db.Users.Where(u => u.Email == "lerendnetwerk@zorgpact.demo")
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEnd, DateTimeOffset.UtcNow.AddDays(1))));

        Assert.Equal(HttpStatusCode.Unauthorized, (await session.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Withdrawing_a_role_ends_the_sessions_of_its_account()
    {
        var session = await CookieBrowser.SignInAsync(factory, "noord@techniekpact.demo");
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/api/v1/me")).StatusCode);

        await factory.InDbAsync(async db =>
        {
            var role = await db.RoleAssignments.SingleAsync(r => r.UserId == db.Users.Where(u => u.Email == "noord@techniekpact.demo").Select(u => u.Id).First());
            role.ValidTo = DateOnly.FromDateTime(DateTime.UtcNow);
            return await db.SaveChangesAsync();
        });

        Assert.Equal(HttpStatusCode.Unauthorized, (await session.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task A_new_password_ends_the_other_sessions()
    {
        var session = await CookieBrowser.SignInAsync(factory, "coordinator@zorgpact.demo");
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/api/v1/me")).StatusCode);

        await factory.InScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<PactwerkUser>>();
            var user = (await users.FindByEmailAsync("coordinator@zorgpact.demo"))!;
            Assert.True((await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), "een-heel-nieuw-wachtwoord")).Succeeded);
        });

        Assert.Equal(HttpStatusCode.Unauthorized, (await session.GetAsync("/api/v1/me")).StatusCode);
    }

    /// <summary>
    /// The account and its roles are held in memory between requests (<see cref="AccessMemo"/>): a role given is used
    /// at the next request, one that starts tomorrow is held but not used today, and ending a role ends the session.
    /// </summary>
    [Fact]
    public async Task A_role_given_counts_at_the_next_request_and_one_starting_tomorrow_does_not_yet()
    {
        var session = await CookieBrowser.SignInAsync(factory, "lid@pactwerk.demo");
        var userId = await factory.InDbAsync(db => db.Users.Where(u => u.Email == "lid@pactwerk.demo").Select(u => u.Id).SingleAsync());
        var before = await session.RolesAsync();
        Assert.Contains(userId, factory.Services.GetRequiredService<AccessMemo>().HeldIds()); // answered from memory from here on

        var (today, tomorrow) = await factory.InDbAsync(async db =>
        {
            var organisation = await db.Organisations.OrderBy(o => o.Id).Select(o => o.Id).FirstAsync();
            var day = DateOnly.FromDateTime(DateTime.UtcNow);
            var now = new RoleAssignment { UserId = userId, Kind = RoleKind.PartnerEditor, OrganisationId = organisation, PactId = await db.Pacts.OrderBy(p => p.Id).Select(p => p.Id).FirstAsync(), ValidFrom = day };
            var later = new RoleAssignment { UserId = userId, Kind = RoleKind.PartnerEditor, OrganisationId = organisation, PactId = now.PactId, ValidFrom = day.AddDays(1) };
            db.RoleAssignments.AddRange(now, later);
            await db.SaveChangesAsync();
            return (now.Id, later.Id);
        });

        var after = await session.RolesAsync();
        Assert.Equal(before.Append(today).Order(), after.Order());
        Assert.DoesNotContain(tomorrow, after);

        await factory.InDbAsync(async db =>
        {
            (await db.RoleAssignments.SingleAsync(r => r.Id == today)).ValidTo = DateOnly.FromDateTime(DateTime.UtcNow);
            return await db.SaveChangesAsync();
        });
        Assert.Equal(HttpStatusCode.Unauthorized, (await session.GetAsync("/api/v1/me")).StatusCode);
    }
}

/// <summary>
/// A browser whose cookies the test holds itself, so that a copy of them can be replayed after the
/// original browser signed out (the test client's own cookie jar forgets them).
/// </summary>
public sealed class CookieBrowser
{
    private readonly PactwerkFactory _factory;
    private readonly Dictionary<string, string> _cookies;

    private CookieBrowser(PactwerkFactory factory, Dictionary<string, string> cookies) => (_factory, _cookies) = (factory, cookies);

    public static async Task<CookieBrowser> SignInAsync(PactwerkFactory factory, string email)
    {
        // The checks below are about a session whose account is held in memory between requests: wait until the
        // instance holds accounts (at once on SQLite; on PostgreSQL once it listens to the other instances).
        var memo = factory.Services.GetRequiredService<AccessMemo>();
        await Waiting.UntilAsync(() => Task.FromResult(memo.Trusted));
        Assert.True(memo.Trusted, "The instance never began to hold accounts in memory.");
        var browser = new CookieBrowser(factory, []);
        var response = await browser.PostFormAsync("/inloggen", "/inloggen", new() { ["Email"] = email, ["Password"] = DemoPassword });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("pactwerk", browser._cookies.Keys);
        return browser;
    }

    public CookieBrowser Copy() => new(_factory, new(_cookies));

    /// <summary>The ids of the roles the session may use now, from <c>/api/v1/me</c>.</summary>
    public async Task<List<int>> RolesAsync()
    {
        var response = await GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var me = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return me.RootElement.GetProperty("roles").EnumerateArray().Select(r => r.GetProperty("id").GetInt32()).ToList();
    }

    public async Task<HttpResponseMessage> GetAsync(string url) => await SendAsync(new HttpRequestMessage(HttpMethod.Get, url));

    public async Task<HttpResponseMessage> PostFormAsync(string url, string formPage, Dictionary<string, string>? fields = null)
    {
        fields ??= [];
        fields["__RequestVerificationToken"] = AntiforgeryToken(await (await GetAsync(formPage)).Content.ReadAsStringAsync());
        return await SendAsync(new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields) });
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        var client = _factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        if (_cookies.Count > 0)
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        var response = await client.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var set))
            foreach (var cookie in set)
            {
                var pair = cookie.Split(';')[0];
                var name = pair[..pair.IndexOf('=')];
                var value = pair[(pair.IndexOf('=') + 1)..];
                if (value.Length == 0 || cookie.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
                    _cookies.Remove(name);
                else
                    _cookies[name] = value;
            }
        return response;
    }
}

public sealed class SessionEndTestsSqlite(SqliteFactory factory) : SessionEndTests<SqliteFactory>(factory);
public sealed class SessionEndTestsPostgres(PostgresFactory factory) : SessionEndTests<PostgresFactory>(factory);
