using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pactwerk.Tests.Infrastructure;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Accounts;

/// <summary>Sign-in, lockout, password reset and the attacks on them.</summary>
public abstract class SignInTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private const string Failed = "Inloggen is niet gelukt.";

    [Fact]
    public async Task A_demo_coordinator_signs_in_and_sees_their_role()
    {
        var client = await SignInAsync(factory, "coordinator@techniekpact.demo");

        var account = await client.GetStringAsync("/account");

        Assert.Contains("Coördinator Techniekpact (demo)", account);
        Assert.Contains("Pactcoördinator · techniekpact", account);
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_address_get_the_same_generic_message()
    {
        var client = Anonymous(factory);

        var wrongPassword = await (await PostSignInAsync(client, "lid@pactwerk.demo", "niet-het-wachtwoord")).Content.ReadAsStringAsync();
        var unknown = await (await PostSignInAsync(client, "niemand@nergens.demo", "niet-het-wachtwoord")).Content.ReadAsStringAsync();

        Assert.Contains(Failed, wrongPassword);
        Assert.Contains(Failed, unknown);
        Assert.Equal(Message(wrongPassword), Message(unknown));
        static string Message(string html) => html[html.IndexOf(Failed, StringComparison.Ordinal)..][..200];
    }

    [Fact]
    public async Task A_strangers_five_wrong_passwords_do_not_stop_the_owner_signing_in()
    {
        var stranger = Anonymous(factory);
        for (var i = 0; i < 5; i++)
            Assert.Contains(Failed, await (await PostSignInAsync(stranger, "noord@techniekpact.demo", "fout-wachtwoord-" + i)).Content.ReadAsStringAsync());

        var owner = await PostSignInAsync(Anonymous(factory), "noord@techniekpact.demo", DemoPassword);

        Assert.Equal(HttpStatusCode.Redirect, owner.StatusCode);
        var lockoutEnd = await factory.InDbAsync(db => db.Users.Where(u => u.Email == "noord@techniekpact.demo").Select(u => u.LockoutEnd).SingleAsync());
        Assert.Null(lockoutEnd);
    }

    [Fact]
    public async Task Repeated_failures_for_an_address_make_every_further_try_wait_longer_known_or_not()
    {
        // Five tries are free; the sixth waits a second, the seventh two (SignIn:FirstDelay, doubling).
        foreach (var address in new[] { "redacteur@hva.demo", "nog-niemand@nergens.demo" })
        {
            var client = Anonymous(factory);
            for (var i = 0; i < 5; i++)
                await PostSignInAsync(client, address, "fout-wachtwoord-" + i);

            var sixth = await TimedAsync(() => PostSignInAsync(client, address, "nog-steeds-fout"));
            var seventh = await TimedAsync(() => PostSignInAsync(client, address, "nog-steeds-fout"));

            Assert.True(sixth >= TimeSpan.FromSeconds(1), $"{address}: the sixth try took {sixth.TotalMilliseconds} ms");
            Assert.True(seventh >= TimeSpan.FromSeconds(2), $"{address}: the seventh try took {seventh.TotalMilliseconds} ms");
        }
        // The owner still gets in with the right password, after the wait; that success clears the count.
        Assert.Equal(HttpStatusCode.Redirect, (await PostSignInAsync(Anonymous(factory), "redacteur@hva.demo", DemoPassword)).StatusCode);
        var throttle = factory.Services.GetRequiredService<Web.Features.Accounts.SignInThrottle>();
        Assert.Equal(TimeSpan.Zero, throttle.DelayFor(Web.Features.Accounts.SignInThrottle.Key("redacteur@hva.demo")));
        Assert.True(throttle.DelayFor(Web.Features.Accounts.SignInThrottle.Key("nog-niemand@nergens.demo")) >= TimeSpan.FromSeconds(4));
    }

    private static async Task<TimeSpan> TimedAsync(Func<Task<HttpResponseMessage>> call)
    {
        // The form's page is fetched inside the call too; that costs the same for every address.
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await call();
        return watch.Elapsed;
    }

    [Fact]
    public async Task A_password_reset_link_from_the_mail_sets_a_new_password_once()
    {
        var client = Anonymous(factory);
        var unknownBefore = MailTo(factory, "niemand@nergens.demo").Count;

        var asked = await PostFormAsync(client, "/wachtwoord-vergeten", new() { ["Email"] = "oost@techniekpact.demo" });
        var askedUnknown = await PostFormAsync(client, "/wachtwoord-vergeten", new() { ["Email"] = "niemand@nergens.demo" });
        var link = LinkIn((await MailToAsync(factory, "oost@techniekpact.demo")).Single());
        var set = await PostFormAsync(client, link, new() { ["Password"] = "een-nieuw-lang-wachtwoord", ["Confirm"] = "een-nieuw-lang-wachtwoord" }, link);
        var again = await PostFormAsync(client, link, new() { ["Password"] = "nog-een-ander-wachtwoord", ["Confirm"] = "nog-een-ander-wachtwoord" }, link);

        Assert.Contains("onderweg", await asked.Content.ReadAsStringAsync());
        Assert.Contains("onderweg", await askedUnknown.Content.ReadAsStringAsync());
        await Task.Delay(500);
        Assert.Equal(unknownBefore, MailTo(factory, "niemand@nergens.demo").Count);
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Contains("ongeldig of verlopen", await again.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await PostSignInAsync(Anonymous(factory), "oost@techniekpact.demo", "een-nieuw-lang-wachtwoord")).StatusCode);
        Assert.Contains(Failed, await (await PostSignInAsync(Anonymous(factory), "oost@techniekpact.demo", DemoPassword)).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_short_or_mismatched_new_password_is_refused()
    {
        var client = Anonymous(factory);
        await PostFormAsync(client, "/wachtwoord-vergeten", new() { ["Email"] = "coordinator@zorgpact.demo" });
        var link = LinkIn((await MailToAsync(factory, "coordinator@zorgpact.demo")).Last());

        var tooShort = await (await PostFormAsync(client, link, new() { ["Password"] = "kort", ["Confirm"] = "kort" }, link)).Content.ReadAsStringAsync();
        var mismatch = await (await PostFormAsync(client, link, new() { ["Password"] = "lang-genoeg-wachtwoord", ["Confirm"] = "ander-lang-wachtwoord" }, link)).Content.ReadAsStringAsync();

        Assert.Contains("minstens 12 tekens", tooShort);
        Assert.Contains("niet gelijk", mismatch);
        Assert.Equal(HttpStatusCode.Redirect, (await PostSignInAsync(Anonymous(factory), "coordinator@zorgpact.demo", DemoPassword)).StatusCode);
    }

    [Fact]
    public async Task A_form_without_a_valid_antiforgery_token_is_refused()
    {
        var client = Anonymous(factory);

        var missing = await client.PostAsync("/inloggen", new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = "lid@pactwerk.demo", ["Password"] = DemoPassword }));
        var forged = await client.PostAsync("/inloggen", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = "lid@pactwerk.demo", ["Password"] = DemoPassword, ["__RequestVerificationToken"] = "CfDJ8-vervalst",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.False(missing.Headers.Contains("Set-Cookie") && missing.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("pactwerk=")));
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var client = await SignInAsync(factory, "lid@pactwerk.demo");

        var signedOut = await PostFormAsync(client, "/uitloggen", [], "/account");
        var after = await client.GetAsync("/account");

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/inloggen", after.Headers.Location!.OriginalString.Replace("http://localhost", ""));
    }
}

public sealed class SignInTestsSqlite(SqliteFactory factory) : SignInTests<SqliteFactory>(factory);
public sealed class SignInTestsPostgres(PostgresFactory factory) : SignInTests<PostgresFactory>(factory);
