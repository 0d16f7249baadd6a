using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Pactwerk.Tests.Infrastructure;

namespace Pactwerk.BrowserTests;

public static class SignIn
{
    /// <summary>Signs in through the form, as a user would, and waits for the account page.</summary>
    public static async Task SignInAsync(this IPage page, string email, string password = Session.DemoPassword)
    {
        await page.GotoAsync("/inloggen");
        await page.GetByLabel("E-mailadres").FillAsync(email);
        await page.GetByLabel("Wachtwoord", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Inloggen", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account$"));
    }
}
