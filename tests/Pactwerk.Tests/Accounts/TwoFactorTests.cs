using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Accounts.TwoFactor;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Accounts;

/// <summary>RFC 6238 appendix B (SHA-1): the tests' own generator, and the library the app uses, give the published codes.</summary>
public sealed class TotpVectorTests
{
    private static readonly byte[] RfcKey = Encoding.ASCII.GetBytes("12345678901234567890");

    [Theory]
    [InlineData(59L, "94287082")]
    [InlineData(1111111109L, "07081804")]
    [InlineData(1111111111L, "14050471")]
    [InlineData(1234567890L, "89005924")]
    [InlineData(2000000000L, "69279037")]
    [InlineData(20000000000L, "65353130")]
    public void Both_generators_give_the_codes_of_RFC_6238_appendix_B(long unixTime, string expected)
    {
        Assert.Equal(expected, Rfc6238.Code(RfcKey, unixTime / 30, digits: 8));
        var app = new OtpNet.Totp(RfcKey, step: 30, mode: OtpNet.OtpHashMode.Sha1, totpSize: 8);
        Assert.Equal(expected, app.ComputeTotp(DateTimeOffset.FromUnixTimeSeconds(unixTime).UtcDateTime));
        // Six digits, as the app asks for, are the last six of the eight.
        Assert.Equal(expected[2..], Rfc6238.Code(RfcKey, unixTime / 30));
    }

    [Fact]
    public void The_tests_base32_reads_the_RFC_4648_examples()
    {
        Assert.Equal("foobar", Encoding.ASCII.GetString(Rfc6238.Base32("MZXW6YTBOI======")));
        Assert.Equal("fooba", Encoding.ASCII.GetString(Rfc6238.Base32("MZXW 6YTB")));
    }
}

/// <summary>The demo exemption off, so the demo accounts meet the requirement as real officers do.</summary>
public sealed class TwoFactorSqliteFactory : SqliteFactory
{
    public TwoFactorSqliteFactory() => With("Demo:TwoFactorExempt", "false");
}

public sealed class TwoFactorPostgresFactory : PostgresFactory
{
    public TwoFactorPostgresFactory() => With("Demo:TwoFactorExempt", "false");
}

/// <summary>
/// Two-factor sign-in (issue 18 item 5, issue 21): set up with the secret read from the page, sign-in with codes
/// the test computes itself, one step either side, no replay, single-use recovery codes, the lock after five wrong
/// codes, and the requirement for voucher officers on pages and API.
/// </summary>
public abstract partial class TwoFactorTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    internal sealed record Enabled(string Secret, IReadOnlyList<string> RecoveryCodes, long Step);

    private static string Field(string html, string name) =>
        WebUtility.HtmlDecode(Regex.Match(html, $"name=\"{name}\"[^>]*value=\"([^\"]*)\"").Groups[1].Value);

    private static string SecretOn(string html) => WebUtility.HtmlDecode(SecretText().Match(html).Groups[1].Value);

    /// <summary>Turns two-factor on as a person does: reads the secret on the page, types the app's current code.</summary>
    internal static async Task<Enabled> EnableAsync(HttpClient client)
    {
        await Rfc6238.AwayFromStepEdgeAsync();
        var page = await client.GetStringAsync("/account/tweestapsverificatie");
        var secret = SecretOn(page);
        Assert.Matches("^[A-Z2-7 ]{32,40}$", secret);
        var step = Rfc6238.StepAt(DateTimeOffset.UtcNow);
        var response = await client.PostAsync("/account/tweestapsverificatie?handler=Enable", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["SetUpToken"] = Field(page, "SetUpToken"), ["Code"] = Rfc6238.Code(secret.Replace(" ", ""), step),
            ["__RequestVerificationToken"] = AntiforgeryToken(page),
        }));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var codes = RecoveryCode().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(10, codes.Count);
        Assert.Equal(10, codes.Distinct().Count());
        return new Enabled(secret.Replace(" ", ""), codes, step);
    }

    private static async Task<HttpResponseMessage> PasswordAsync(HttpClient client, string email)
    {
        var response = await PostSignInAsync(client, email, DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/inloggen/code", response.Headers.Location!.OriginalString);
        return response;
    }

    private static Task<HttpResponseMessage> CodeAsync(HttpClient client, string code) =>
        PostFormAsync(client, "/inloggen/code", new() { ["Code"] = code });

    private Task<string?> UserIdAsync(string email) => factory.InDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => (string?)u.Id).SingleAsync());

    [Fact]
    public async Task A_user_turns_two_factor_on_and_signs_in_with_codes_the_test_computes_one_step_either_side_never_twice()
    {
        const string email = "noord@techniekpact.demo";
        var enabled = await EnableAsync(await SignInAsync(factory, email));
        var id = await UserIdAsync(email);

        // Stored: the flag, the secret only as ciphertext, ten hashes that are not the codes; and the audit line.
        var (on, stored, hashes, audited) = await factory.InDbAsync(async db => (
            await db.Users.Where(u => u.Id == id).Select(u => u.TwoFactorEnabled).SingleAsync(),
            await db.Set<AccountAuthenticator>().Where(a => a.UserId == id).Select(a => a.ProtectedSecret).SingleAsync(),
            await db.Set<AccountRecoveryCode>().Where(c => c.UserId == id).Select(c => c.Hash).ToListAsync(),
            await db.AuditEntries.CountAsync(a => a.Action == TwoFactorAuditActions.Enabled && a.EntityId == id)));
        Assert.True(on);
        Assert.DoesNotContain(enabled.Secret, stored);
        Assert.Equal(10, hashes.Count);
        Assert.All(enabled.RecoveryCodes, c => Assert.DoesNotContain(hashes, h => h.Contains(c.Replace("-", ""), StringComparison.OrdinalIgnoreCase)));
        Assert.Equal(1, audited);

        // The password alone gives no session.
        var halfway = Anonymous(factory);
        await PasswordAsync(halfway, email);
        Assert.Equal(HttpStatusCode.Unauthorized, (await halfway.GetAsync("/api/v1/me")).StatusCode);

        // A code of the step the setup used (and so of any earlier step) is refused: it was used.
        var replay = await CodeAsync(halfway, Rfc6238.Code(enabled.Secret, enabled.Step));
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Contains("Deze code is al gebruikt", await replay.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await halfway.GetAsync("/api/v1/me")).StatusCode);

        // Two steps ahead is outside the window, even unused.
        var ahead = await CodeAsync(halfway, Rfc6238.Code(enabled.Secret, Rfc6238.StepAt(DateTimeOffset.UtcNow) + 2));
        Assert.Contains("De code klopt niet", await ahead.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await halfway.GetAsync("/api/v1/me")).StatusCode);

        // One step ahead (a phone's clock a little fast) is inside it, once.
        await Rfc6238.AwayFromStepEdgeAsync();
        var next = Rfc6238.StepAt(DateTimeOffset.UtcNow) + 1;
        var accepted = await CodeAsync(halfway, Rfc6238.Code(enabled.Secret, next));
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await halfway.GetAsync("/api/v1/me")).StatusCode);
        // The secret is never shown again: the page now offers only to turn it off.
        var managed = await halfway.GetStringAsync("/account/tweestapsverificatie");
        Assert.Contains("Tweestapsverificatie uitzetten", managed);
        Assert.DoesNotContain(enabled.Secret[..8], managed);
        var again = Anonymous(factory);
        await PasswordAsync(again, email);
        Assert.Contains("Deze code is al gebruikt", await (await CodeAsync(again, Rfc6238.Code(enabled.Secret, next))).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await again.GetAsync("/api/v1/me")).StatusCode);

        // One second step succeeded; the three refused codes are each in the trail too.
        var (signedIn, failed) = await factory.InDbAsync(async db => (
            await db.AuditEntries.CountAsync(a => a.Action == TwoFactorAuditActions.SignedIn && a.EntityId == id),
            await db.AuditEntries.CountAsync(a => a.Action == TwoFactorAuditActions.Failed && a.EntityId == id)));
        Assert.Equal(1, signedIn);
        Assert.Equal(3, failed);
    }

    /// <summary>Password, then the code of the given step; the signed-in client.</summary>
    private async Task<HttpClient> SignInWithCodeAsync(string email, string secret, long step)
    {
        var client = Anonymous(factory);
        await PasswordAsync(client, email);
        var response = await CodeAsync(client, Rfc6238.Code(secret, step));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once_and_turns_two_factor_off()
    {
        const string email = "oost@techniekpact.demo";
        var enabled = await EnableAsync(await SignInAsync(factory, email));
        var id = await UserIdAsync(email);

        var first = Anonymous(factory);
        await PasswordAsync(first, email);
        // Typed in lower case and without dashes, as people do.
        Assert.Equal(HttpStatusCode.Redirect, (await CodeAsync(first, enabled.RecoveryCodes[0].Replace("-", "").ToLowerInvariant())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/api/v1/me")).StatusCode);

        var second = Anonymous(factory);
        await PasswordAsync(second, email);
        Assert.Contains("De code klopt niet", await (await CodeAsync(second, enabled.RecoveryCodes[0])).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(1, await factory.InDbAsync(db => db.Set<AccountRecoveryCode>().CountAsync(c => c.UserId == id && c.UsedAt != null)));

        // Turning it off takes a code (here another recovery code); a wrong one changes nothing.
        var page = await first.GetStringAsync("/account/tweestapsverificatie");
        Assert.Contains("Ongebruikte herstelcodes: 9", page);
        var wrong = await PostFormAsync(first, "/account/tweestapsverificatie?handler=Disable", new() { ["Code"] = "000000" }, "/account/tweestapsverificatie");
        Assert.Contains("De code klopt niet", await wrong.Content.ReadAsStringAsync());
        Assert.True(await factory.InDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.TwoFactorEnabled).SingleAsync()));

        var off = await PostFormAsync(first, "/account/tweestapsverificatie?handler=Disable", new() { ["Code"] = enabled.RecoveryCodes[1] }, "/account/tweestapsverificatie");
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        var (flag, authenticators, codes) = await factory.InDbAsync(async db => (
            await db.Users.Where(u => u.Id == id).Select(u => u.TwoFactorEnabled).SingleAsync(),
            await db.Set<AccountAuthenticator>().CountAsync(a => a.UserId == id),
            await db.Set<AccountRecoveryCode>().CountAsync(c => c.UserId == id)));
        Assert.False(flag);
        Assert.Equal(0, authenticators);
        Assert.Equal(0, codes);
        // The session goes on, and the password alone signs in again.
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await SignInAsync(factory, email)).GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Five_wrong_codes_lock_the_second_step_and_even_the_right_code_waits()
    {
        const string email = "lerendnetwerk@zorgpact.demo";
        var enabled = await EnableAsync(await SignInAsync(factory, email));
        var id = await UserIdAsync(email);
        var client = Anonymous(factory);
        await PasswordAsync(client, email);

        var right = Rfc6238.Code(enabled.Secret, Rfc6238.StepAt(DateTimeOffset.UtcNow) + 1);
        var wrong = right == "123456" ? "654321" : "123456";
        for (var i = 1; i <= 4; i++)
            Assert.Contains("De code klopt niet", await (await CodeAsync(client, wrong)).Content.ReadAsStringAsync());
        Assert.Contains("Te veel onjuiste codes", await (await CodeAsync(client, wrong)).Content.ReadAsStringAsync());

        var locked = await CodeAsync(client, right);
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("Te veel onjuiste codes", await locked.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);
        var (until, lockAudited) = await factory.InDbAsync(async db => (
            await db.Set<AccountAuthenticator>().Where(a => a.UserId == id).Select(a => a.LockedUntil).SingleAsync(),
            await db.AuditEntries.CountAsync(a => a.Action == TwoFactorAuditActions.Locked && a.EntityId == id)));
        Assert.InRange(until!.Value, DateTime.UtcNow.AddMinutes(14), DateTime.UtcNow.AddMinutes(16));
        Assert.Equal(1, lockAudited);

        // "For a while": once the lock has passed, the right code signs in.
        await factory.InDbAsync(db => db.Set<AccountAuthenticator>().Where(a => a.UserId == id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.LockedUntil, DateTime.UtcNow.AddSeconds(-1))));
        var later = Anonymous(factory);
        await PasswordAsync(later, email);
        Assert.Equal(HttpStatusCode.Redirect, (await CodeAsync(later, right)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await later.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task A_wrong_or_tampered_confirmation_changes_nothing_and_says_so_in_Dutch_and_English()
    {
        const string email = "coordinator@zorgpact.demo";
        var client = await SignInAsync(factory, email);
        var id = await UserIdAsync(email);
        var page = await client.GetStringAsync("/account/tweestapsverificatie");
        var secret = SecretOn(page).Replace(" ", "");
        var wrongCode = Rfc6238.Code(secret, Rfc6238.StepAt(DateTimeOffset.UtcNow) + 5);

        var wrong = await PostFormAsync(client, "/account/tweestapsverificatie?handler=Enable",
            new() { ["SetUpToken"] = Field(page, "SetUpToken"), ["Code"] = wrongCode }, "/account/tweestapsverificatie");
        Assert.Contains("De code klopt niet", await wrong.Content.ReadAsStringAsync());
        var tampered = await PostFormAsync(client, "/account/tweestapsverificatie?handler=Enable",
            new() { ["SetUpToken"] = Field(page, "SetUpToken") + "x", ["Code"] = Rfc6238.Code(secret, Rfc6238.StepAt(DateTimeOffset.UtcNow)) }, "/account/tweestapsverificatie");
        Assert.Contains("Deze sleutel is verlopen", await tampered.Content.ReadAsStringAsync());
        var empty = await PostFormAsync(client, "/account/tweestapsverificatie?handler=Enable", new() { ["SetUpToken"] = "", ["Code"] = "" }, "/account/tweestapsverificatie");
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/taal?culture=en&returnUrl=%2F")).StatusCode);
        var english = await PostFormAsync(client, "/account/tweestapsverificatie?handler=Enable",
            new() { ["SetUpToken"] = Field(page, "SetUpToken"), ["Code"] = wrongCode }, "/account/tweestapsverificatie");
        Assert.Contains("The code is not right", await english.Content.ReadAsStringAsync());

        var (on, rows, codes) = await factory.InDbAsync(async db => (
            await db.Users.Where(u => u.Id == id).Select(u => u.TwoFactorEnabled).SingleAsync(),
            await db.Set<AccountAuthenticator>().CountAsync(a => a.UserId == id),
            await db.Set<AccountRecoveryCode>().CountAsync(c => c.UserId == id)));
        Assert.False(on);
        Assert.Equal(0, rows);
        Assert.Equal(0, codes);
    }

    [Fact]
    public async Task A_voucher_officer_without_two_factor_is_sent_to_set_it_up_and_with_it_gets_in()
    {
        const string email = "regeling@gelderland.demo";
        const string api = "/api/v1/voucher-schemes/gelders-vakmanschap/providers";
        const string dashboard = "/regelingen/gelders-vakmanschap/beheer";
        var officer = await SignInAsync(factory, email);

        var refused = await officer.GetAsync(api);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("tweestapsverificatie", problem.GetProperty("detail").GetString());
        var page = await officer.GetAsync(dashboard);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/account/tweestapsverificatie?returnUrl=%2Fregelingen%2Fgelders-vakmanschap%2Fbeheer", page.Headers.Location!.OriginalString);
        // Which competences the scheme's courses teach is kept by the same officers, with the same two-factor (page and API).
        var courseLinks = await officer.GetAsync("/vouchercursussen/competenties");
        Assert.Equal(HttpStatusCode.Redirect, courseLinks.StatusCode);
        Assert.StartsWith("/account/tweestapsverificatie", courseLinks.Headers.Location!.OriginalString);
        var course = await factory.InDbAsync(db => db.VoucherCourses.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());
        var links = await factory.InDbAsync(db => db.Set<Pactwerk.Web.Features.Matching.CourseCompetence>().CountAsync());
        var put = await officer.PutAsJsonAsync($"/api/v1/voucher-courses/{course}/competences", Array.Empty<object>());
        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        Assert.Contains("tweestapsverificatie", JsonDocument.Parse(await put.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString());
        Assert.Equal(links, await factory.InDbAsync(db => db.Set<Pactwerk.Web.Features.Matching.CourseCompetence>().CountAsync()));
        var setUp = await officer.GetStringAsync(page.Headers.Location!.OriginalString);
        Assert.Contains("Voor de pagina die je wilde openen is tweestapsverificatie nodig", setUp);

        // Whoever is no officer and acts for no provider meets the page's own refusal, as before; the public stays public.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await SignInAsync(factory, "lid@pactwerk.demo")).GetAsync(api)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Anonymous(factory).GetAsync("/api/v1/voucher-schemes/gelders-vakmanschap")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Anonymous(factory).GetAsync("/regelingen/gelders-vakmanschap")).StatusCode);

        var enabled = await EnableAsync(officer);
        // The session that turned it on goes on with it; a new sign-in takes the code.
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync(api)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync(dashboard)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync("/vouchercursussen/competenties")).StatusCode);
        // One step back (a phone's clock a little slow) is inside the window: shown on an authenticator set up long
        // ago, so that the step before now has not been used.
        await factory.InDbAsync(db => db.Set<AccountAuthenticator>().Where(a => a.UserId == db.Users.Where(u => u.Email == email).Select(u => u.Id).Single())
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.LastUsedStep, 0L)));
        await Rfc6238.AwayFromStepEdgeAsync();
        var fresh = await SignInWithCodeAsync(email, enabled.Secret, Rfc6238.StepAt(DateTimeOffset.UtcNow) - 1);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync(api)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync(dashboard)).StatusCode);
    }

    [GeneratedRegex("<code id=\"secret\">([^<]+)</code>")]
    private static partial Regex SecretText();

    [GeneratedRegex("<li><code>([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})</code></li>")]
    private static partial Regex RecoveryCode();
}

public sealed class TwoFactorTestsSqlite(TwoFactorSqliteFactory factory) : TwoFactorTests<TwoFactorSqliteFactory>(factory);
public sealed class TwoFactorTestsPostgres(TwoFactorPostgresFactory factory) : TwoFactorTests<TwoFactorPostgresFactory>(factory);

/// <summary>The demo exemption off and the requirement for coordinators on (the tests' default is off).</summary>
public sealed class CoordinatorTwoFactorSqliteFactory : SqliteFactory
{
    public CoordinatorTwoFactorSqliteFactory() => With("Demo:TwoFactorExempt", "false").With("TwoFactor:RequiredForCoordinators", "true");
}

public sealed class CoordinatorTwoFactorPostgresFactory : PostgresFactory
{
    public CoordinatorTwoFactorPostgresFactory() => With("Demo:TwoFactorExempt", "false").With("TwoFactor:RequiredForCoordinators", "true");
}

/// <summary>
/// Issue 21 item 3: administrators and coordinators act with two-factor only. Their roles are held back in the
/// access scope until it is on, so every page and endpoint that asks the scope refuses them; sign-in sends them to set it up.
/// </summary>
public abstract class CoordinatorTwoFactorTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    [Fact]
    public async Task A_coordinator_without_two_factor_is_sent_to_set_it_up_acts_as_a_reader_until_then_and_as_coordinator_after()
    {
        var client = Anonymous(factory);
        var signIn = await PostSignInAsync(client, "coordinator@techniekpact.demo", DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/account/tweestapsverificatie?returnUrl=%2Faccount", signIn.Headers.Location!.OriginalString);

        // Held back: a coordinators' page and a coordinators' endpoint refuse, as for anyone without the role.
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/monitor/import")).StatusCode);
        client.DefaultRequestHeaders.Add(Pactwerk.Web.Features.Accounts.WriteGuards.AntiforgeryHeader, AntiforgeryToken(await client.GetStringAsync("/account")));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/api/v1/indicators", new StringContent("""{"code":"tf-test","name":"Test"}""", Encoding.UTF8, "application/json"))).StatusCode);
        var page = await client.GetStringAsync("/account/tweestapsverificatie");
        Assert.Contains("Je bent beheerder of co", page);

        await TwoFactorTests<TFactory>.EnableAsync(client);
        var after = await client.GetAsync("/monitor/import");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.DoesNotContain("Je bent beheerder of co", await client.GetStringAsync("/account/tweestapsverificatie"));
    }

    [Fact]
    public async Task A_member_or_partner_editor_signs_in_as_before()
    {
        var member = Anonymous(factory);
        var signIn = await PostSignInAsync(member, "lid@pactwerk.demo", DemoPassword);
        Assert.Equal("/account", signIn.Headers.Location!.OriginalString);
    }
}

public sealed class CoordinatorTwoFactorTestsSqlite(CoordinatorTwoFactorSqliteFactory factory) : CoordinatorTwoFactorTests<CoordinatorTwoFactorSqliteFactory>(factory);
public sealed class CoordinatorTwoFactorTestsPostgres(CoordinatorTwoFactorPostgresFactory factory) : CoordinatorTwoFactorTests<CoordinatorTwoFactorPostgresFactory>(factory);
