using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Pactwerk.BrowserTests;

/// <summary>
/// Passkeys as a person meets them, in Chromium with its virtual authenticator (the DevTools WebAuthn domain: a
/// platform authenticator that keeps discoverable credentials and verifies the user), so the whole WebAuthn
/// ceremony runs for real: key pair, attestation, signature, challenge and origin checked by Identity.
/// </summary>
public sealed class PasskeyStoriesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_member_adds_a_passkey_signs_in_with_it_without_password_and_after_removing_it_cannot()
    {
        // A passkey belongs to a domain name, never an IP address: the story visits the app as localhost.
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
            { BaseURL = browser.BaseAddress.Replace("127.0.0.1", "localhost"), Locale = "en-GB" });
        var page = await context.NewPageAsync();
        var devTools = await context.NewCDPSessionAsync(page);
        await devTools.SendAsync("WebAuthn.enable");
        await devTools.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2", ["transport"] = "internal", ["hasResidentKey"] = true,
                ["hasUserVerification"] = true, ["isUserVerified"] = true, ["automaticPresenceSimulation"] = true,
            },
        });

        await page.SignInAsync("lid@pactwerk.demo");
        await page.GetByRole(AriaRole.Link, new() { Name = "Passkeys: inloggen zonder wachtwoord" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Je hebt nog geen passkey.")).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByLabel("Naam van de passkey").FillAsync("Laptop werk");
        await page.GetByRole(AriaRole.Button, new() { Name = "Passkey maken en toevoegen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("De passkey is toegevoegd");
        await Assertions.Expect(page.GetByRole(AriaRole.Rowheader, new() { Name = "Laptop werk" })).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();

        await page.GotoAsync("/account");
        await page.GetByRole(AriaRole.Button, new() { Name = "Uitloggen" }).ClickAsync();
        await page.GotoAsync("/inloggen?returnUrl=%2Fmonitor");
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen met een passkey" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/monitor$"));
        await page.GotoAsync("/account");
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("Lid (demo)");

        // Removed on the site, the key still on the device is refused.
        await page.GotoAsync("/account/passkeys");
        await page.GetByRole(AriaRole.Button, new() { Name = "Verwijderen Laptop werk" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("De passkey is verwijderd");
        await page.GotoAsync("/account");
        await page.GetByRole(AriaRole.Button, new() { Name = "Uitloggen" }).ClickAsync();
        await page.GotoAsync("/inloggen");
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen met een passkey" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Inloggen met een passkey is niet gelukt");
        await page.GotoAsync("/account");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/inloggen"));
        await context.CloseAsync();
    }
}
