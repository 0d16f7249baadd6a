using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.Accounts.Passkeys;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Accounts;

/// <summary>
/// Passkeys over HTTP (the whole ceremony with a real authenticator is <c>PasskeyStoriesTests</c>, in Chromium):
/// the options a browser gets, and every answer that is not a valid passkey changes nothing and signs in nobody.
/// </summary>
public abstract class PasskeyTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    [Fact]
    public async Task The_sign_in_options_ask_any_passkey_of_this_site_with_a_fresh_challenge_and_user_verification()
    {
        var client = Anonymous(factory);
        var page = await client.GetStringAsync("/inloggen");
        Assert.Contains("Inloggen met een passkey", page);
        var first = await OptionsAsync(client, "/inloggen?handler=PasskeyOptions", page);
        var second = await OptionsAsync(client, "/inloggen?handler=PasskeyOptions", page);
        Assert.Equal("localhost", first.GetProperty("rpId").GetString());
        Assert.Equal("required", first.GetProperty("userVerification").GetString());
        // Discoverable credentials: the page does not say which accounts exist.
        Assert.True(!first.TryGetProperty("allowCredentials", out var allowed) || allowed.GetArrayLength() == 0);
        var challenge = WebEncoders.Base64UrlDecode(first.GetProperty("challenge").GetString()!);
        Assert.True(challenge.Length >= 16);
        Assert.NotEqual(first.GetProperty("challenge").GetString(), second.GetProperty("challenge").GetString());
    }

    [Fact]
    public async Task An_answer_that_is_not_a_valid_passkey_signs_in_nobody_and_says_so_in_English_too()
    {
        var client = Anonymous(factory);
        var page = await client.GetStringAsync("/inloggen");
        await OptionsAsync(client, "/inloggen?handler=PasskeyOptions", page);
        var forged = JsonSerializer.Serialize(new
        {
            id = "AAAA", rawId = "AAAA", type = "public-key", authenticatorAttachment = "platform", clientExtensionResults = new { },
            response = new { clientDataJSON = "e30", authenticatorData = "AAAA", signature = "AAAA", userHandle = "AAAA" },
        });
        foreach (var credential in new[] { forged, "", "not json" })
        {
            var answer = await PostFormAsync(client, "/inloggen?handler=Passkey", new() { ["Credential"] = credential }, "/inloggen");
            Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
            Assert.Contains("Inloggen met een passkey is niet gelukt", await answer.Content.ReadAsStringAsync());
        }
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/account")).StatusCode);

        await client.GetAsync("/taal?culture=en&returnUrl=/inloggen");
        var english = await PostFormAsync(client, "/inloggen?handler=Passkey", new() { ["Credential"] = forged }, "/inloggen");
        Assert.Contains("Signing in with a passkey did not succeed", await english.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_passkey_is_added_only_with_a_name_and_a_valid_answer_and_only_its_own_account_removes_it()
    {
        const string owner = "redacteur@hva.demo";
        var client = await SignInAsync(factory, owner);
        var page = await client.GetStringAsync("/account/passkeys");
        var options = await OptionsAsync(client, "/account/passkeys?handler=CreationOptions", page);
        Assert.Equal("localhost", options.GetProperty("rp").GetProperty("id").GetString());
        Assert.Equal(owner, options.GetProperty("user").GetProperty("name").GetString());

        var noName = await PostFormAsync(client, "/account/passkeys?handler=Add", new() { ["Name"] = " ", ["Credential"] = "{}" }, "/account/passkeys");
        Assert.Equal(HttpStatusCode.BadRequest, noName.StatusCode);
        Assert.Contains("Geef de passkey een naam van 1 tot 60 tekens", await noName.Content.ReadAsStringAsync());
        var bogus = await PostFormAsync(client, "/account/passkeys?handler=Add", new() { ["Name"] = "Laptop", ["Credential"] = "{\"id\":\"AAAA\"}" }, "/account/passkeys");
        Assert.Equal(HttpStatusCode.BadRequest, bogus.StatusCode);
        Assert.Contains("De passkey kon niet worden gecontroleerd; er is niets toegevoegd", await bogus.Content.ReadAsStringAsync());
        var ownerId = await factory.InDbAsync(db => db.Users.Where(u => u.Email == owner).Select(u => u.Id).SingleAsync());
        Assert.Equal(0, await factory.InDbAsync(db => db.UserPasskeys.CountAsync(p => p.UserId == ownerId)));

        // A passkey stored as Identity stores one (the ceremony itself is the browser story's).
        var credentialId = Guid.NewGuid().ToByteArray();
        await factory.InScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<PactwerkUser>>();
            var result = await users.AddOrUpdatePasskeyAsync((await users.FindByIdAsync(ownerId))!,
                new UserPasskeyInfo(credentialId, [1, 2, 3], DateTimeOffset.UtcNow, 0, ["internal"], true, false, false, [0], [0]) { Name = "Telefoon" });
            Assert.True(result.Succeeded);
        });
        var id = WebEncoders.Base64UrlEncode(credentialId);
        Assert.Contains("Telefoon", await client.GetStringAsync("/account/passkeys"));

        var stranger = await SignInAsync(factory, "lid@pactwerk.demo");
        await PostFormAsync(stranger, $"/account/passkeys?handler=Remove&id={id}", [], "/account/passkeys");
        Assert.Equal(1, await factory.InDbAsync(db => db.UserPasskeys.CountAsync(p => p.UserId == ownerId)));

        var removed = await PostFormAsync(client, $"/account/passkeys?handler=Remove&id={id}", [], "/account/passkeys");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal(0, await factory.InDbAsync(db => db.UserPasskeys.CountAsync(p => p.UserId == ownerId)));
        Assert.Equal(1, await factory.InDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == PasskeyAuditActions.Removed && a.EntityId == ownerId)));
    }

    private static async Task<JsonElement> OptionsAsync(HttpClient client, string url, string page)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        request.Headers.Add("RequestVerificationToken", AntiforgeryToken(page));
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }
}

public sealed class PasskeySqliteTests(SqliteFactory factory) : PasskeyTests<SqliteFactory>(factory);
public sealed class PasskeyPostgresTests(PostgresFactory factory) : PasskeyTests<PostgresFactory>(factory);
