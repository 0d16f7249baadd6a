using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Pactwerk.Tests.Infrastructure;

namespace Pactwerk.BrowserTests;

/// <summary>Two-factor sign-in as a person meets it, in a real browser.</summary>
public sealed class TwoFactorStoriesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_officer_turns_on_two_factor_with_the_secret_read_from_the_page_signs_out_and_signs_in_with_a_code()
    {
        const string email = "regeling@gelderland.demo";
        var page = await browser.NewPageAsync();
        await page.SignInAsync(email);
        await page.GetByRole(AriaRole.Link, new() { Name = "Tweestapsverificatie aanzetten" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tweestapsverificatie", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { NameRegex = new Regex("^QR-code") })).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();

        // Typed over from the page, as into an app without a camera.
        await Rfc6238.AwayFromStepEdgeAsync();
        var secret = (await page.Locator("#secret").InnerTextAsync()).Replace(" ", "");
        var step = Rfc6238.StepAt(DateTimeOffset.UtcNow);
        await page.GetByLabel("Code uit je app", new() { Exact = true }).FillAsync(Rfc6238.Code(secret, step));
        await page.GetByRole(AriaRole.Button, new() { Name = "Aanzetten" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tweestapsverificatie staat aan" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".recovery-codes li")).ToHaveCountAsync(10);
        await page.AssertNoSeriousViolationsAsync();

        await page.GotoAsync("/account");
        await page.GetByRole(AriaRole.Button, new() { Name = "Uitloggen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Inloggen" })).ToBeVisibleAsync();

        await page.GotoAsync("/inloggen");
        await page.GetByLabel("E-mailadres").FillAsync(email);
        await page.GetByLabel("Wachtwoord", new() { Exact = true }).FillAsync(Session.DemoPassword);
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Inloggen", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/inloggen/code"));
        await page.AssertNoSeriousViolationsAsync();

        // The code the set-up used is refused; the next one (the app's clock a little ahead, or thirty seconds later) signs in.
        await page.GetByLabel("Code uit je app of herstelcode").FillAsync(Rfc6238.Code(secret, step));
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Inloggen", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Deze code is al gebruikt");
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByLabel("Code uit je app of herstelcode").FillAsync(Rfc6238.Code(secret, Math.Max(step + 1, Rfc6238.StepAt(DateTimeOffset.UtcNow))));
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Inloggen", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account$"));
        await Assertions.Expect(page.GetByText("Tweestapsverificatie staat aan: je logt in")).ToBeVisibleAsync();

        await page.GotoAsync("/regelingen/gelders-vakmanschap/beheer");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/regelingen/gelders-vakmanschap/beheer$"));
        await page.AssertNoSeriousViolationsAsync();
    }
}
