using System.Net;
using System.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.Accounts.External;
using static Pactwerk.Tests.Infrastructure.Session;
using Person = Pactwerk.Tests.Infrastructure.OidcTestProvider.Person;

namespace Pactwerk.Tests.Accounts;

/// <summary>
/// An OpenID Connect provider the test starts itself (OpenIddict on a loopback port) and Pactwerk configured
/// for it by settings, as an operator would for SURFconext or Entra ID. The provider knows these people.
/// </summary>
public class ExternalSignInFixture<TFactory> : IAsyncLifetime where TFactory : PactwerkFactory, new()
{
    public const string Name = "test";
    public const string DisplayName = "Testprovider";

    /// <summary>A demo account with a password of its own: it proves the account once before the link is made.</summary>
    public static readonly Person Member = new("sub-lid", "lid@pactwerk.demo", true, "Lid bij de provider");
    /// <summary>Invited, no password chosen: the first sign-in through the provider links the account.</summary>
    public static readonly Person Invited = new("sub-ans", "ans@school.example", true, "Ans");
    public static readonly Person InvitedToo = new("sub-hans", "hans@school.example", true, "Hans");
    public static readonly Person Unverified = new("sub-bram", "bram@school.example", false, "Bram");
    public static readonly Person NoAccount = new("sub-cor", "cor@school.example", true, "Cor");
    public static readonly Person WithTwoFactor = new("sub-dirk", "dirk@school.example", true, "Dirk");
    public static readonly Person Blocked = new("sub-eva", "eva@school.example", true, "Eva");
    public static readonly Person Linked = new("sub-fien", "fien@school.example", true, "Fien");
    /// <summary>A second person at the provider who got Fien's old address.</summary>
    public static readonly Person ReusedAddress = new("sub-fien-2", "fien@school.example", true, "Fien (nieuw)");
    public static readonly Person NoEmail = new("sub-geen", "", true, "Zonder adres");
    /// <summary>The demo's administrator, for the pages only administrators see when passwords are off.</summary>
    public static readonly Person Administrator = new("sub-beheerder", "beheerder@pactwerk.demo", true, "Beheerder");

    public OidcTestProvider Provider { get; private set; } = null!;
    public TFactory App { get; } = new();
    /// <summary>Settings beyond the provider's, e.g. local passwords off.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> MoreSettings => [];
    /// <summary>Where the provider sends people back to: the test server's own address, unless a public address is configured.</summary>
    public virtual string CallbackBase => "http://localhost";

    public async Task InitializeAsync()
    {
        Provider = await OidcTestProvider.StartAsync(Member, Invited, InvitedToo, Unverified, NoAccount, WithTwoFactor, Blocked, Linked, ReusedAddress, NoEmail, Administrator);
        foreach (var (key, value) in Provider.Settings(Name, DisplayName).Concat(MoreSettings))
            App.With(key, value);
        // The app under test answers on http://localhost (the test server); the callback the provider allows is there or at the public address.
        await Provider.AllowClientAsync($"{CallbackBase}/signin-oidc-{Name}");
        await App.InScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<PactwerkUser>>();
            foreach (var person in new[] { Invited, InvitedToo, Unverified, WithTwoFactor, Blocked, Linked })
                Check(await users.CreateAsync(new PactwerkUser { UserName = person.Email, Email = person.Email, DisplayName = person.Name }));
            Check(await users.SetTwoFactorEnabledAsync((await users.FindByEmailAsync(WithTwoFactor.Email))!, true));
            Check(await users.SetLockoutEndDateAsync((await users.FindByEmailAsync(Blocked.Email))!, DateTimeOffset.MaxValue));
        });
    }

    private static void Check(IdentityResult result) =>
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Provider.DisposeAsync();
    }
}

public sealed class ExternalSignInSqliteFixture : ExternalSignInFixture<SqliteFactory>;
public sealed class ExternalSignInPostgresFixture : ExternalSignInFixture<PostgresFactory>;

/// <summary>
/// Single sign-on (issue 21 item 2): accounts are linked by the address the provider vouches for, once; roles stay
/// Pactwerk's; two-factor and blocks hold whichever way the first factor came; nobody gets an account by signing in.
/// </summary>
public abstract class ExternalSignInTests<TFixture, TFactory>(TFixture fixture) : IClassFixture<TFixture>
    where TFixture : ExternalSignInFixture<TFactory> where TFactory : PactwerkFactory, new()
{
    private PactwerkFactory App => fixture.App;
    private const string Scheme = "oidc-test";

    [Fact]
    public async Task An_invited_person_signs_in_through_the_provider_and_the_account_is_linked_once()
    {
        var client = Anonymous(App);
        var signInPage = await client.GetStringAsync("/inloggen");
        Assert.Contains("href=\"/inloggen/extern/test\"", signInPage);
        Assert.Contains("Inloggen met Testprovider", signInPage);

        var done = await ExternalSignIn.RunAsync(client, fixture.Provider, ExternalSignInFixture<TFactory>.Invited.Email);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal("/account", done.Headers.Location!.OriginalString);
        var account = await client.GetStringAsync("/account");
        Assert.Contains("Gekoppeld aan Testprovider", account);
        // The provider's answer was used up: nothing waits for the next sign-in in this browser.
        Assert.DoesNotContain("Er is al een account met", await client.GetStringAsync("/inloggen"));

        var userId = await UserIdAsync("ans@school.example");
        Assert.Equal(1, await App.InDbAsync(db => db.UserLogins.CountAsync(l => l.UserId == userId && l.LoginProvider == Scheme && l.ProviderKey == "sub-ans")));
        // She never chose a password, yet she accepted the invitation by signing in: the people page says so.
        Assert.NotNull(await App.InDbAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.LastSignInAt).SingleAsync()));
        var people = await (await SignInAsync(App, "beheerder@pactwerk.demo")).GetStringAsync("/beheer/mensen?culture=en");
        var row = people[people.IndexOf(">ans@school.example<", StringComparison.Ordinal)..];
        row = row[..row.IndexOf("</tr>", StringComparison.Ordinal)];
        Assert.True(row.Contains("<td>accepted</td>"), row);
        Assert.Equal(1, await App.InDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == ExternalSignInAuditActions.Linked && a.EntityId == userId)));

        // A second sign-in uses the link: no second link, no second event.
        var again = Anonymous(App);
        Assert.Equal("/account", (await ExternalSignIn.RunAsync(again, fixture.Provider, "ans@school.example")).Headers.Location!.OriginalString);
        Assert.Equal(1, await App.InDbAsync(db => db.UserLogins.CountAsync(l => l.UserId == userId)));
        Assert.Equal(1, await App.InDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == ExternalSignInAuditActions.Linked && a.EntityId == userId)));

        // Unlinking on the account page forgets the link (and says so in the audit trail).
        var unlink = await PostFormAsync(again, "/account?handler=Unlink", new() { ["scheme"] = Scheme }, "/account");
        Assert.Equal(HttpStatusCode.Redirect, unlink.StatusCode);
        Assert.Equal(0, await App.InDbAsync(db => db.UserLogins.CountAsync(l => l.UserId == userId)));
        Assert.Equal(1, await App.InDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == ExternalSignInAuditActions.Unlinked && a.EntityId == userId)));
        Assert.DoesNotContain("Gekoppeld aan Testprovider", await again.GetStringAsync("/account"));
    }

    [Fact]
    public async Task An_account_with_a_password_is_linked_only_after_its_password_and_its_roles_stay_Pactwerks_own()
    {
        var client = Anonymous(App);
        var first = await ExternalSignIn.RunAsync(client, fixture.Provider, ExternalSignInFixture<TFactory>.Member.Email);
        Assert.Equal("/inloggen", first.Headers.Location!.OriginalString);
        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/inloggen"));
        Assert.Contains("Er is al een account met lid@pactwerk.demo. Log hier één keer in met het wachtwoord van dat account", page);
        var userId = await UserIdAsync("lid@pactwerk.demo");
        Assert.Equal(0, await App.InDbAsync(db => db.UserLogins.CountAsync(l => l.UserId == userId)));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/account")).StatusCode);

        // A wrong password links nothing; the right one signs in and links.
        Assert.Equal(HttpStatusCode.OK, (await PostSignInAsync(client, "lid@pactwerk.demo", "niet-het-wachtwoord")).StatusCode);
        Assert.Equal(0, await App.InDbAsync(db => db.UserLogins.CountAsync(l => l.UserId == userId)));
        Assert.Equal("/account", (await PostSignInAsync(client, "lid@pactwerk.demo", DemoPassword)).Headers.Location!.OriginalString);
        Assert.Equal(1, await App.InDbAsync(db => db.UserLogins.CountAsync(l => l.UserId == userId && l.ProviderKey == "sub-lid")));
        var account = await client.GetStringAsync("/account");
        Assert.Contains("Lid (demo)", account);
        Assert.DoesNotContain("Lid bij de provider", account);

        // From now on the provider alone signs in.
        Assert.Equal("/account", (await ExternalSignIn.RunAsync(Anonymous(App), fixture.Provider, "lid@pactwerk.demo")).Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_place_the_person_was_going_is_kept_and_an_outside_address_is_not_followed()
    {
        var client = Anonymous(App);
        var done = await ExternalSignIn.RunAsync(client, fixture.Provider, ExternalSignInFixture<TFactory>.InvitedToo.Email, "/monitor");
        Assert.Equal("/monitor", done.Headers.Location!.OriginalString);

        foreach (var outside in new[] { "https://evil.example/", "//evil.example/", "/\\evil.example/" })
        {
            var elsewhere = await ExternalSignIn.RunAsync(Anonymous(App), fixture.Provider, ExternalSignInFixture<TFactory>.InvitedToo.Email, outside);
            Assert.Equal("/account", elsewhere.Headers.Location!.OriginalString);
        }
    }

    [Fact]
    public async Task An_address_the_provider_does_not_vouch_for_links_nothing_and_signs_in_nobody()
    {
        var client = Anonymous(App);
        var refused = await ExternalSignIn.RunAsync(client, fixture.Provider, ExternalSignInFixture<TFactory>.Unverified.Email);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("Testprovider heeft niet bevestigd dat bram@school.example van jou is", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        Assert.Equal(0, await App.InDbAsync(db => db.UserLogins.CountAsync(l => l.ProviderKey == "sub-bram")));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/account")).StatusCode);
    }

    [Fact]
    public async Task Signing_in_never_makes_an_account_and_says_so_in_English_too()
    {
        var before = await App.InDbAsync(db => db.Users.CountAsync());
        var client = Anonymous(App);
        // The language switch, as a visitor uses it: the choice stays in a cookie for the whole round trip.
        await client.GetAsync("/taal?culture=en&returnUrl=/inloggen");
        var refused = await ExternalSignIn.RunAsync(client, fixture.Provider, ExternalSignInFixture<TFactory>.NoAccount.Email);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("There is no account with the e-mail address cor@school.example", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        Assert.Equal(before, await App.InDbAsync(db => db.Users.CountAsync()));

        var noAddress = await ExternalSignIn.RunAsync(Anonymous(App), fixture.Provider, ExternalSignInFixture<TFactory>.NoEmail.Subject);
        Assert.Equal(HttpStatusCode.Forbidden, noAddress.StatusCode);
        Assert.Contains("Testprovider gaf geen e-mailadres door", WebUtility.HtmlDecode(await noAddress.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task An_account_with_two_factor_on_still_asks_for_the_code_after_the_provider()
    {
        var client = Anonymous(App);
        var next = await ExternalSignIn.RunAsync(client, fixture.Provider, ExternalSignInFixture<TFactory>.WithTwoFactor.Email);
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.StartsWith("/inloggen/code", next.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(next.Headers.Location)).StatusCode);
        // The provider alone opened no session, and left no link while the code was not given.
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/account")).StatusCode);
        Assert.Equal(0, await App.InDbAsync(db => db.UserLogins.CountAsync(l => l.ProviderKey == "sub-dirk")));
    }

    [Fact]
    public async Task A_blocked_account_stays_blocked_through_the_provider()
    {
        var client = Anonymous(App);
        var refused = await ExternalSignIn.RunAsync(client, fixture.Provider, ExternalSignInFixture<TFactory>.Blocked.Email);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("dit account is geblokkeerd", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/account")).StatusCode);
        Assert.Equal(0, await App.InDbAsync(db => db.UserLogins.CountAsync(l => l.ProviderKey == "sub-eva")));
    }

    [Fact]
    public async Task A_second_person_who_got_a_linked_address_at_the_provider_does_not_take_over_the_account()
    {
        var first = await ExternalSignIn.RunAsync(Anonymous(App), fixture.Provider, ExternalSignInFixture<TFactory>.Linked.Subject);
        Assert.Equal("/account", first.Headers.Location!.OriginalString);

        var client = Anonymous(App);
        var refused = await ExternalSignIn.RunAsync(client, fixture.Provider, ExternalSignInFixture<TFactory>.ReusedAddress.Subject);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("is al gekoppeld aan een ander account bij Testprovider", await refused.Content.ReadAsStringAsync());
        Assert.Equal(0, await App.InDbAsync(db => db.UserLogins.CountAsync(l => l.ProviderKey == "sub-fien-2")));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/account")).StatusCode);
    }

    private Task<string> UserIdAsync(string email) => App.InDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    [Fact]
    public async Task Coming_back_without_a_valid_answer_leads_to_the_sign_in_page_with_a_message()
    {
        var client = Anonymous(App);
        var cancelled = await client.GetAsync($"/signin-oidc-test?error=access_denied&state=forged");
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.Equal("/inloggen?extern=mislukt", cancelled.Headers.Location!.OriginalString);
        Assert.Contains("Inloggen via je organisatie is niet gelukt of afgebroken", await client.GetStringAsync(cancelled.Headers.Location));
        // The return page without an answer from a provider signs in nobody either.
        var direct = await client.GetAsync("/inloggen/extern");
        Assert.Equal("/inloggen?extern=mislukt", direct.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/inloggen/extern/onbekend")).StatusCode);
    }
}

public sealed class ExternalSignInSqliteTests(ExternalSignInSqliteFixture fixture) : ExternalSignInTests<ExternalSignInSqliteFixture, SqliteFactory>(fixture);
public sealed class ExternalSignInPostgresTests(ExternalSignInPostgresFixture fixture) : ExternalSignInTests<ExternalSignInPostgresFixture, PostgresFactory>(fixture);

/// <summary>Local passwords switched off: only the provider signs in; the password pages change and send nothing.</summary>
public sealed class PasswordsOffFixture : ExternalSignInFixture<SqliteFactory>
{
    protected override IEnumerable<KeyValuePair<string, string?>> MoreSettings =>
        [new("SignIn:LocalPasswords", "false"), new($"SignIn:Providers:{Name}:TrustEmailWithoutVerifiedClaim", "true"), new("Hosting:PublicBaseUrl", CallbackBase)];

    /// <summary>A public address other than the test server's: the provider must send people there, whatever Host a request named.</summary>
    public override string CallbackBase => "https://pactwerk.example";
}

public sealed class LocalPasswordsOffTests(PasswordsOffFixture fixture) : IClassFixture<PasswordsOffFixture>
{
    [Fact]
    public async Task A_right_password_opens_nothing_the_reset_pages_send_nothing_and_the_provider_still_signs_in()
    {
        var app = fixture.App;
        var client = Anonymous(app);
        var page = await client.GetStringAsync("/inloggen");
        Assert.DoesNotContain("type=\"password\"", page);
        Assert.Contains("Inloggen met Testprovider", page);

        var post = await PostFormAsync(client, "/inloggen", new() { ["Email"] = "beheerder@pactwerk.demo", ["Password"] = DemoPassword });
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Contains("Inloggen met een wachtwoord staat uit op deze site", await post.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/account")).StatusCode);

        foreach (var path in new[] { "/wachtwoord-vergeten", "/wachtwoord-instellen?user=x&token=y" })
            Assert.Equal(LocalPasswordsOnlyAttribute.SwitchedOffPath, (await client.GetAsync(path)).Headers.Location!.OriginalString);
        var token = AntiforgeryToken(page);
        var reset = await client.PostAsync("/wachtwoord-vergeten", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["Email"] = "beheerder@pactwerk.demo", ["__RequestVerificationToken"] = token }));
        Assert.Equal(LocalPasswordsOnlyAttribute.SwitchedOffPath, reset.Headers.Location!.OriginalString);
        await Task.Delay(500);
        Assert.Empty(MailTo(app, "beheerder@pactwerk.demo"));
        Assert.Contains("Log in via je organisatie", await client.GetStringAsync(LocalPasswordsOnlyAttribute.SwitchedOffPath));

        // With passwords off there is none to prove: the provider's verified address links the account at once. The provider
        // sends the person back to the configured public address, and the code is redeemed with that same address.
        Assert.Equal("/account", (await ExternalSignIn.RunAsync(client, fixture.Provider, "lid@pactwerk.demo", callbackBase: fixture.CallbackBase)).Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account")).StatusCode);

        // Trusting a provider's addresses without the claim never overrides an explicit "not verified".
        var unverified = await ExternalSignIn.RunAsync(Anonymous(app), fixture.Provider, PasswordsOffFixture.Unverified.Email, callbackBase: fixture.CallbackBase);
        Assert.Equal(HttpStatusCode.Forbidden, unverified.StatusCode);
        Assert.Equal(0, await app.InDbAsync(db => db.UserLogins.CountAsync(l => l.ProviderKey == "sub-bram")));
    }

    [Fact]
    public async Task A_forged_Host_header_does_not_change_where_the_provider_sends_people_back_to()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/inloggen/extern/test");
        request.Headers.Host = "evil.example";
        var start = await Anonymous(fixture.App).SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        Assert.Equal("https://pactwerk.example/signin-oidc-test", HttpUtility.ParseQueryString(start.Headers.Location!.Query)["redirect_uri"]);
    }

    [Fact]
    public async Task An_invitation_says_to_sign_in_through_the_provider_and_a_person_who_did_reads_as_accepted()
    {
        var app = fixture.App;
        await app.InScopeAsync(async s =>
            Assert.NotNull(await s.GetRequiredService<AccountService>().InviteWithoutRoleAsync("nieuw@school.example", "Nieuw", "https://pactwerk.example/wachtwoord-instellen", default)));
        var mail = Assert.Single(await MailToAsync(app, "nieuw@school.example")).HtmlBody;
        Assert.Contains("Log in via Testprovider met je e-mailadres nieuw@school.example", mail);
        Assert.Contains("https://pactwerk.example/inloggen", mail);
        Assert.DoesNotContain("wachtwoord", mail, StringComparison.OrdinalIgnoreCase);

        // The invitation has no link to expire: an account made long ago that never signed in is still invited.
        await app.InDbAsync(db => db.Users.Where(u => u.Email == "nieuw@school.example").ExecuteUpdateAsync(s => s.SetProperty(u => u.CreatedAt, DateTime.UtcNow.AddDays(-30))));
        var admin = Anonymous(app);
        Assert.Equal("/account", (await ExternalSignIn.RunAsync(admin, fixture.Provider, PasswordsOffFixture.Administrator.Email, callbackBase: fixture.CallbackBase)).Headers.Location!.OriginalString);
        var people = await admin.GetStringAsync("/beheer/mensen?culture=en");
        string Row(string email)
        {
            var at = people.IndexOf($">{email}<", StringComparison.Ordinal);
            return people[at..people.IndexOf("</tr>", at, StringComparison.Ordinal)];
        }
        Assert.Contains("<td>invited</td>", Row("nieuw@school.example"));
        // The administrator never chose a password here either, and signed in: accepted.
        Assert.Contains("<td>accepted</td>", Row(PasswordsOffFixture.Administrator.Email));
    }
}

/// <summary>
/// Settings that cannot work are refused with a message that names them. Checked on the options as the app
/// registers them (ValidateOnStart reads the same validator at start), without starting a whole app: a start
/// that fails leaves its process-wide meters behind for the other tests in the run.
/// </summary>
public sealed class ExternalSignInSettingsTests
{
    [Theory]
    [InlineData("SignIn:LocalPasswords", "false", "nobody could sign in")]
    [InlineData("SignIn:Providers:surf:ClientId", "pactwerk", "SignIn:Providers:surf:Authority")]
    [InlineData("SignIn:Providers:Surf Conext:Authority", "https://connect.surfconext.nl", "may hold only")]
    public void Settings_that_cannot_work_are_refused_and_say_why(string key, string value, string expected)
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
        var services = new ServiceCollection();
        services.AddExternalSignIn(configuration, services.AddAuthentication());
        using var provider = services.BuildServiceProvider();
        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(
            () => provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<ExternalSignInOptions>>().Value);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Settings_that_can_work_pass()
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SignIn:LocalPasswords"] = "false",
            ["SignIn:Providers:surfconext:Authority"] = "https://connect.surfconext.nl",
            ["SignIn:Providers:surfconext:ClientId"] = "pactwerk",
        }).Build();
        var services = new ServiceCollection();
        services.AddExternalSignIn(configuration, services.AddAuthentication());
        using var provider = services.BuildServiceProvider();
        Assert.Single(provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<ExternalSignInOptions>>().Value.Providers);
    }
}

/// <summary>The round trip a browser makes, followed by hand: Pactwerk → provider → its sign-in form → provider → Pactwerk.</summary>
public static class ExternalSignIn
{
    /// <param name="who">What the person types at the provider: their address or subject.</param>
    public static async Task<HttpResponseMessage> RunAsync(HttpClient pactwerk, OidcTestProvider provider, string who, string? returnUrl = null,
        string callbackBase = "http://localhost")
    {
        using var browserAtProvider = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
            { BaseAddress = new Uri(provider.Authority) };
        var start = await pactwerk.GetAsync("/inloggen/extern/test" + (returnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl)));
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var authorize = await browserAtProvider.GetAsync(start.Headers.Location);
        Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
        var login = new Uri(new Uri(provider.Authority), authorize.Headers.Location!);
        var signedIn = await browserAtProvider.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["email"] = who, ["returnUrl"] = HttpUtility.ParseQueryString(login.Query)["returnUrl"]! }));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var answer = await browserAtProvider.GetAsync(signedIn.Headers.Location);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.StartsWith($"{callbackBase}/signin-oidc-test?", answer.Headers.Location!.ToString());
        var callback = await pactwerk.GetAsync(answer.Headers.Location!.PathAndQuery);
        Assert.True(callback.StatusCode == HttpStatusCode.Redirect, $"The callback answered {(int)callback.StatusCode}: {await callback.Content.ReadAsStringAsync()}");
        return await pactwerk.GetAsync(callback.Headers.Location);
    }
}
