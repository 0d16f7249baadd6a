using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Knowledge;
using Pactwerk.Web.Features.Newsletter;

namespace Pactwerk.BrowserTests;

/// <summary>The newsletter in a real browser: subscribe, confirm, compose, preview, send, receive, unsubscribe.</summary>
public sealed class NewsletterStoriesTests(BrowserFixture<NewsletterSqliteFactory> browser) : IClassFixture<BrowserFixture<NewsletterSqliteFactory>>
{
    /// <summary>A link in a mail as a path on this site (the mail names the address the app listens on).</summary>
    private static string PathOf(string text, string pattern) =>
        new Uri(WebUtility.HtmlDecode(Regex.Match(text, pattern).Groups[1].Value)).PathAndQuery;

    [Fact]
    public async Task A_visitor_subscribes_and_confirms_the_coordinator_composes_previews_and_sends_and_the_mail_arrives_with_a_working_unsubscribe_link()
    {
        var app = browser.App;
        var email = $"lezer-{Guid.NewGuid():N}@example.org";
        var practice = await app.InDbAsync(db => db.Set<Practice>()
            .Where(p => p.Status == PracticeStatus.Published && db.Pacts.Any(x => x.Id == p.PactId && x.Code == "techniekpact")).OrderByDescending(p => p.PublishedAt).Select(p => p.Title).FirstAsync());
        var conference = new Event
        {
            PactId = await app.InDbAsync(db => db.Pacts.Where(p => p.Code == "techniekpact").Select(p => p.Id).SingleAsync()),
            Title = "Jaarconferentie Techniekpact (browser)", IsPublic = true, Kind = EventKind.Conference, Place = "Utrecht",
            StartsAt = DateTime.UtcNow.AddDays(40), EndsAt = DateTime.UtcNow.AddDays(40).AddHours(6),
        };
        await app.InDbAsync(db => { db.Events.Add(conference); return db.SaveChangesAsync(); });

        // A visitor subscribes on the archive page.
        var visitor = await browser.NewPageAsync();
        await visitor.GotoAsync("/pact/techniekpact/nieuwsbrief");
        await Assertions.Expect(visitor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Nieuwsbrief van het Techniekpact");
        await visitor.AssertNoSeriousViolationsAsync();
        await visitor.GetByLabel("E-mailadres").FillAsync(email);
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Aanmelden voor de nieuwsbrief" }).ClickAsync();
        await Assertions.Expect(visitor.GetByRole(AriaRole.Status)).ToContainTextAsync("ontvang je een e-mail met een link");
        await visitor.AssertNoSeriousViolationsAsync();

        // … opens the confirmation link from the mail and confirms.
        var confirmation = (await app.Sink.WaitForAsync(email)).Single();
        await visitor.GotoAsync(PathOf(confirmation.TextBody ?? "", @"(https?://\S+/nieuwsbrief/bevestigen\?token=\S+)"));
        await visitor.AssertNoSeriousViolationsAsync();
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Ja, ik wil de nieuwsbrief ontvangen" }).ClickAsync();
        await Assertions.Expect(visitor.GetByRole(AriaRole.Status)).ToContainTextAsync("Je bent aangemeld voor de nieuwsbrief van het Techniekpact");
        await visitor.AssertNoSeriousViolationsAsync();

        // The coordinator composes an edition from a recent practice and the event.
        var coordinator = await browser.NewPageAsync();
        await coordinator.SignInAsync("coordinator@techniekpact.demo");
        await coordinator.GotoAsync("/pact/techniekpact/nieuwsbrief");
        await coordinator.GetByRole(AriaRole.Link, new() { Name = "Nieuwe editie samenstellen" }).ClickAsync();
        await Assertions.Expect(coordinator.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Nieuwe editie van de nieuwsbrief van het Techniekpact");
        await coordinator.AssertNoSeriousViolationsAsync();
        await coordinator.GetByLabel("Titel (het onderwerp van de e-mail)").FillAsync("Nieuws uit de browser (concept)");
        await coordinator.GetByLabel("Tekst (Markdown)").FillAsync("Welkom bij **deze** editie.");
        // A practice and an initiative may share a title: the row's kind tells them apart.
        ILocator Row(string title, string kind) => coordinator.GetByRole(AriaRole.Row)
            .Filter(new() { Has = coordinator.GetByRole(AriaRole.Rowheader, new() { Name = title }) }).Filter(new() { HasText = kind });
        await Row(conference.Title, "Evenement").GetByRole(AriaRole.Checkbox).CheckAsync();
        await Row(conference.Title, "Evenement").GetByRole(AriaRole.Spinbutton).FillAsync("2");
        await Row(practice, "Goede praktijk").GetByRole(AriaRole.Checkbox).CheckAsync();
        await Row(practice, "Goede praktijk").GetByRole(AriaRole.Spinbutton).FillAsync("1");
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Concept opslaan en voorbeeld bekijken" }).ClickAsync();

        // … previews it: the practice first, as numbered, and the plain-text part.
        var preview = coordinator.Locator("section#voorbeeld");
        await Assertions.Expect(preview.GetByRole(AriaRole.Heading, new() { Name = "Voorbeeld" })).ToBeVisibleAsync();
        await Assertions.Expect(preview.Locator("article h2").First).ToHaveTextAsync(practice);
        await Assertions.Expect(preview.Locator("article h2").Nth(1)).ToHaveTextAsync(conference.Title);
        await Assertions.Expect(preview.Locator("pre")).ToContainTextAsync("Nieuws uit de browser");
        await coordinator.AssertNoSeriousViolationsAsync();

        // … edits the draft's title, which changes this draft and makes no second one.
        await coordinator.GetByLabel("Titel (het onderwerp van de e-mail)").FillAsync("Nieuws uit de browser");
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Concept opslaan en voorbeeld bekijken" }).ClickAsync();
        await Assertions.Expect(preview.Locator(".newsletter-preview > p.meta")).ToHaveTextAsync("Onderwerp: Nieuws uit de browser");
        Assert.Equal(1, await app.InDbAsync(db => db.Set<NewsletterEdition>().CountAsync(e => e.Title.StartsWith("Nieuws uit de browser"))));

        // … and sends it.
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Editie versturen" }).ClickAsync();
        await Assertions.Expect(coordinator.GetByRole(AriaRole.Table, new() { Name = "Bezorging" })).ToBeVisibleAsync();
        await coordinator.AssertNoSeriousViolationsAsync();

        // The subscriber's mail arrives, with the practice and the event, and an unsubscribe link.
        var mail = (await app.Sink.WaitForAsync(email, where: m => m.Subject == "Nieuws uit de browser")).Single();
        Assert.Contains(WebUtility.HtmlEncode(practice), mail.HtmlBody);
        Assert.Contains(conference.Title, mail.TextBody);
        await visitor.GotoAsync(PathOf(mail.HtmlBody ?? "", "href=\"([^\"]+/nieuwsbrief/afmelden\\?token=[^\"]+)\""));
        await visitor.AssertNoSeriousViolationsAsync();
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Afmelden" }).ClickAsync();
        await Assertions.Expect(visitor.GetByRole(AriaRole.Status)).ToContainTextAsync("Je bent afgemeld");
        await visitor.AssertNoSeriousViolationsAsync();
        Assert.False(await app.InDbAsync(db => db.Set<NewsletterSubscriber>().AnyAsync(s => s.Email == email)));

        // The edition is in the public archive at its own address once every delivery is settled.
        for (var i = 0; i < 300 && !await app.InDbAsync(db => db.Set<NewsletterEdition>().AnyAsync(e => e.Title == "Nieuws uit de browser" && e.Status == EditionStatus.Sent)); i++)
            await Task.Delay(100);
        await visitor.GotoAsync("/pact/techniekpact/nieuwsbrief");
        await visitor.GetByRole(AriaRole.Link, new() { Name = "Nieuws uit de browser" }).ClickAsync();
        await Assertions.Expect(visitor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Nieuws uit de browser");
        await Assertions.Expect(visitor.Locator("article h2").First).ToHaveTextAsync(practice);
        await visitor.AssertNoSeriousViolationsAsync();
    }
}
