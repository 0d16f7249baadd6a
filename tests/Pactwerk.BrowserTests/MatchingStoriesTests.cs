using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Pactwerk.Web.Features.Demo;
using Pactwerk.Web.Features.LearningPlaces;
using Pactwerk.Web.Features.Matching;

namespace Pactwerk.BrowserTests;

/// <summary>
/// A coordinator proposes a candidate in blind mode, the organisation accepts, and only then sees the name (issue 19, done
/// when), on the demo's content and reached by clicking: the Zorgpact's coordinator opens the demo BBL workplace, follows
/// its link to the candidates and proposes Noor; Vogellanden's staff follow the same links to the proposal, which shows
/// competences and evidence but no name, birth year or gender, accept it, and only then read her name; Noor finds the
/// proposal from her account and agrees. axe on every page visited.
/// </summary>
public sealed partial class MatchingStoriesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_coordinator_proposes_a_demo_candidate_the_organisation_sees_no_name_until_it_accepts_and_the_candidate_agrees()
    {
        var place = await browser.App.InDbAsync(db => db.Set<LearningPlace>().Where(p => p.Title == DemoMatching.Place).Select(p => p.Id).SingleAsync());
        var candidate = await browser.App.InDbAsync(db => db.Set<Candidate>().Where(c => c.Email == DemoMatching.CandidateEmail).Select(c => c.Id).SingleAsync());

        var coordinator = await browser.NewPageAsync();
        await coordinator.SignInAsync("coordinator@zorgpact.demo");
        await coordinator.GotoAsync($"/leerplekken/{place}");
        await coordinator.AssertNoSeriousViolationsAsync();
        await coordinator.GetByRole(AriaRole.Link, new() { Name = "Kandidaten voor deze leerplek" }).ClickAsync();
        await Assertions.Expect(coordinator.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Kandidaten voor {DemoMatching.Place}");
        await coordinator.AssertNoSeriousViolationsAsync();
        // The coordinator sees who is ranked, by name, and proposes Noor.
        var noor = coordinator.Locator($"section[aria-labelledby='kandidaat-{candidate}']");
        await Assertions.Expect(noor.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToContainTextAsync(DemoMatching.CandidateName);
        await noor.GetByRole(AriaRole.Button, new() { Name = "Voorstellen" }).ClickAsync();
        await Assertions.Expect(coordinator).ToHaveURLAsync(new Regex(@"/voorstellen/\d+$"));
        await Assertions.Expect(coordinator.Locator("#stand")).ToHaveTextAsync("Voorgesteld");
        await coordinator.AssertNoSeriousViolationsAsync();
        var proposal = int.Parse(new Uri(coordinator.Url).Segments[^1], System.Globalization.CultureInfo.InvariantCulture);

        // The organisation: from its place to the candidates, blind, and on to the proposal.
        var staff = await browser.NewPageAsync();
        await staff.SignInAsync(DemoLearningPlaces.StaffEmail);
        await staff.GotoAsync($"/leerplekken/{place}");
        await staff.GetByRole(AriaRole.Link, new() { Name = "Kandidaten voor deze leerplek" }).ClickAsync();
        await Assertions.Expect(staff.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Kandidaten voor {DemoMatching.Place}");
        await AssertBlindAsync(staff);
        await staff.AssertNoSeriousViolationsAsync();
        await staff.GetByRole(AriaRole.Link, new() { Name = $"Voorstel {proposal}", Exact = true }).ClickAsync();
        await Assertions.Expect(staff).ToHaveURLAsync(new Regex($"/voorstellen/{proposal}$"));
        // Blind: competences and evidence, and nothing of who she is.
        var competences = staff.GetByRole(AriaRole.Table, new() { Name = "Competenties en bewijs" });
        await Assertions.Expect(competences).ToContainTextAsync("aftekenlijst van de stage");
        await Assertions.Expect(competences).ToContainTextAsync("werkervaring thuiszorg, 2 jaar");
        await AssertBlindAsync(staff);
        await staff.AssertNoSeriousViolationsAsync();

        await staff.GetByRole(AriaRole.Button, new() { Name = "Accepteren (op de shortlist)" }).ClickAsync();
        await Assertions.Expect(staff.Locator("#stand")).ToHaveTextAsync("Geaccepteerd");
        // Only now the name.
        await Assertions.Expect(staff.Locator("#kandidaat")).ToHaveTextAsync(DemoMatching.CandidateName);
        Assert.Contains(DemoMatching.CandidateName, await staff.Locator("main").InnerTextAsync());
        await staff.AssertNoSeriousViolationsAsync();

        // The candidate: from her account to her competences, to the proposal, and agrees.
        var noorPage = await browser.NewPageAsync();
        await noorPage.SignInAsync(DemoMatching.CandidateEmail);
        await noorPage.GetByRole(AriaRole.Link, new() { Name = "Mijn competenties", Exact = true }).ClickAsync();
        await Assertions.Expect(noorPage).ToHaveURLAsync(new Regex("/mijn-competenties$"));
        await noorPage.AssertNoSeriousViolationsAsync();
        await noorPage.Locator($"main a[href='/voorstellen/{proposal}']").ClickAsync();
        await Assertions.Expect(noorPage).ToHaveURLAsync(new Regex($"/voorstellen/{proposal}$"));
        await noorPage.AssertNoSeriousViolationsAsync();
        await noorPage.GetByRole(AriaRole.Button, new() { Name = "Akkoord", Exact = true }).ClickAsync();
        await Assertions.Expect(noorPage.Locator("#stand")).ToHaveTextAsync("Akkoord van de kandidaat");
        await noorPage.AssertNoSeriousViolationsAsync();
        Assert.Equal(ProposalState.Agreed, await browser.App.InDbAsync(db => db.Set<Proposal>().Where(p => p.Id == proposal).Select(p => p.State).SingleAsync()));
    }

    /// <summary>The page's main content holds no name, birth year or gender of any demo candidate.</summary>
    private static async Task AssertBlindAsync(IPage page)
    {
        var text = await page.Locator("main").InnerTextAsync();
        Assert.DoesNotContain(DemoMatching.CandidateName, text);
        Assert.DoesNotContain("Verhoeven", text);
        Assert.DoesNotMatch(Years(), text);
        Assert.DoesNotMatch(Genders(), text);
    }

    /// <summary>The demo candidates' birth years: never shown blind.</summary>
    [GeneratedRegex(@"\b(2001|1979|1995|2006|1988)\b")]
    private static partial Regex Years();

    [GeneratedRegex(@"\b(vrouw|man)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Genders();
}
