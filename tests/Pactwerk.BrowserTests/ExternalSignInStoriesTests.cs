using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Pactwerk.Tests.Infrastructure;

namespace Pactwerk.BrowserTests;

/// <summary>The app on Kestrel with a provider the fixture starts beside it (OpenIddict), allowed to send people back to the app.</summary>
public sealed class ExternalSignInBrowserFixture : BrowserFixture<SqliteFactory>
{
    public OidcTestProvider Provider { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        Provider = await OidcTestProvider.StartAsync(new OidcTestProvider.Person("sub-officer", "regeling@gelderland.demo", true, "M. de Vries"));
        foreach (var (key, value) in Provider.Settings("test", "Testprovider"))
            App.With(key, value);
        await base.InitializeAsync();
        await Provider.AllowClientAsync(BaseAddress + "/signin-oidc-test");
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Provider.DisposeAsync();
    }
}

/// <summary>Single sign-on as a person meets it, in a real browser: the provider's own page, then two-factor on top.</summary>
public sealed class ExternalSignInStoriesTests(ExternalSignInBrowserFixture browser) : IClassFixture<ExternalSignInBrowserFixture>
{
    [Fact]
    public async Task An_officer_signs_in_through_her_organisation_then_turns_on_two_factor_and_is_asked_for_a_code_after_the_provider()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/account");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/inloggen"));
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Inloggen met Testprovider" }).ClickAsync();

        // The provider's own page, on its own address.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("^" + Regex.Escape(browser.Provider.Authority) + "login"));
        await page.GetByLabel("Your address at the provider").FillAsync("regeling@gelderland.demo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();

        // Her account has a password of its own: Pactwerk asks for it once before it links the provider.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/inloggen"));
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Er is al een account met regeling@gelderland.demo");
        await Assertions.Expect(page.GetByLabel("E-mailadres")).ToHaveValueAsync("regeling@gelderland.demo");
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByLabel("Wachtwoord", new() { Exact = true }).FillAsync(Session.DemoPassword);
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Inloggen", Exact = true }).ClickAsync();

        // Back where she was going, in her Pactwerk account, now linked.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account$"));
        await Assertions.Expect(page.GetByText("Gekoppeld aan Testprovider")).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Tweestapsverificatie aanzetten" }).ClickAsync();
        await Rfc6238.AwayFromStepEdgeAsync();
        var secret = (await page.Locator("#secret").InnerTextAsync()).Replace(" ", "");
        var step = Rfc6238.StepAt(DateTimeOffset.UtcNow);
        await page.GetByLabel("Code uit je app", new() { Exact = true }).FillAsync(Rfc6238.Code(secret, step));
        await page.GetByRole(AriaRole.Button, new() { Name = "Aanzetten" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tweestapsverificatie staat aan" })).ToBeVisibleAsync();

        await page.GotoAsync("/account");
        await page.GetByRole(AriaRole.Button, new() { Name = "Uitloggen" }).ClickAsync();
        await page.GotoAsync("/inloggen");
        await page.GetByRole(AriaRole.Link, new() { Name = "Inloggen met Testprovider" }).ClickAsync();

        // The provider still knows her and sends her straight back; Pactwerk asks for the second factor all the same.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/inloggen/code"));
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByLabel("Code uit je app of herstelcode").FillAsync(Rfc6238.Code(secret, Math.Max(step + 1, Rfc6238.StepAt(DateTimeOffset.UtcNow))));
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Inloggen", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account$"));
        await Assertions.Expect(page.GetByText("Tweestapsverificatie staat aan: je logt in")).ToBeVisibleAsync();
        Assert.Equal(["sub-officer", "sub-officer"], browser.Provider.SignedIn);
    }
}
