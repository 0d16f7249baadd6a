using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Pactwerk.Web.Features.Demo;
using Pactwerk.Web.Features.LearningPlaces;
using Pactwerk.Web.Features.Matching;
using Pactwerk.Web.Features.Matching.Scoring;

namespace Pactwerk.BrowserTests;

public sealed partial class MatchingStoriesTests
{
    /// <summary>
    /// The same blind flow for an employer vacancy: Vogellanden publishes a vacancy asking what its demo BBL workplace asks;
    /// the coordinator follows the vacancy list's link to its candidates and proposes Noor; Vogellanden's staff follow the same
    /// links to the proposal, see no name, accept, and only then read it; Noor is asked about the job and agrees.
    /// </summary>
    [Fact]
    public async Task A_coordinator_proposes_a_demo_candidate_for_a_vacancy_the_organisation_accepts_blind_and_the_candidate_agrees()
    {
        var (organisation, vacancy) = await browser.App.InDbAsync(async db =>
        {
            var place = await db.Set<LearningPlace>().Include(p => p.Periods).SingleAsync(p => p.Title == DemoMatching.Place);
            var asks = await db.Set<PlaceRequirement>().Where(r => r.LearningPlaceId == place.Id).ToListAsync();
            var made = new Vacancy
            {
                OrganisationId = place.OrganisationId, Title = "Verzorgende IG, vaste baan (verzonnen)", Sector = "care", MunicipalityId = place.MunicipalityId,
                HoursPerWeek = 28m, OpenUntil = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(60),
                Requirements = [.. asks.Select(r => new VacancyRequirement { CompetenceId = r.CompetenceId, Required = r.Required, Weight = r.Weight, MinimumLevel = r.MinimumLevel })],
            };
            db.Add(made);
            await db.SaveChangesAsync();
            // Written beside the editor, so the index is told as the editor would tell it.
            await browser.App.Services.GetRequiredService<CandidateIndex>().RefreshOpeningAsync(db, Opening.Vacancy(made.Id), default);
            return (place.OrganisationId, made.Id);
        });
        var candidate = await browser.App.InDbAsync(db => db.Set<Candidate>().Where(c => c.Email == DemoMatching.CandidateEmail).Select(c => c.Id).SingleAsync());

        var coordinator = await browser.NewPageAsync();
        await coordinator.SignInAsync("coordinator@zorgpact.demo");
        await coordinator.GotoAsync($"/organisaties/{organisation}/vacatures");
        await coordinator.AssertNoSeriousViolationsAsync();
        await coordinator.GetByRole(AriaRole.Link, new() { Name = "Kandidaten voor Verzorgende IG, vaste baan (verzonnen)" }).ClickAsync();
        await Assertions.Expect(coordinator).ToHaveURLAsync(new Regex($"/vacatures/{vacancy}/kandidaten$"));
        await coordinator.AssertNoSeriousViolationsAsync();
        var noor = coordinator.Locator($"section[aria-labelledby='kandidaat-{candidate}']");
        await Assertions.Expect(noor.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToContainTextAsync(DemoMatching.CandidateName);
        await noor.GetByRole(AriaRole.Button, new() { Name = "Voorstellen" }).ClickAsync();
        await Assertions.Expect(coordinator).ToHaveURLAsync(new Regex(@"/voorstellen/\d+$"));
        await Assertions.Expect(coordinator.Locator("#stand")).ToHaveTextAsync("Voorgesteld");
        await coordinator.AssertNoSeriousViolationsAsync();
        var proposal = int.Parse(new Uri(coordinator.Url).Segments[^1], System.Globalization.CultureInfo.InvariantCulture);

        var staff = await browser.NewPageAsync();
        await staff.SignInAsync(DemoLearningPlaces.StaffEmail);
        await staff.GotoAsync($"/organisaties/{organisation}/vacatures");
        await staff.GetByRole(AriaRole.Link, new() { Name = "Kandidaten voor Verzorgende IG, vaste baan (verzonnen)" }).ClickAsync();
        await AssertBlindAsync(staff);
        await staff.AssertNoSeriousViolationsAsync();
        await staff.GetByRole(AriaRole.Link, new() { Name = $"Voorstel {proposal}", Exact = true }).ClickAsync();
        await Assertions.Expect(staff).ToHaveURLAsync(new Regex($"/voorstellen/{proposal}$"));
        await Assertions.Expect(staff.GetByRole(AriaRole.Table, new() { Name = "Competenties en bewijs" })).ToContainTextAsync("werkervaring thuiszorg, 2 jaar");
        await AssertBlindAsync(staff);
        await staff.AssertNoSeriousViolationsAsync();
        await staff.GetByRole(AriaRole.Button, new() { Name = "Accepteren (op de shortlist)" }).ClickAsync();
        await Assertions.Expect(staff.Locator("#kandidaat")).ToHaveTextAsync(DemoMatching.CandidateName);
        await staff.AssertNoSeriousViolationsAsync();

        var noorPage = await browser.NewPageAsync();
        await noorPage.SignInAsync(DemoMatching.CandidateEmail);
        await noorPage.GotoAsync("/mijn-competenties");
        await noorPage.Locator($"main a[href='/voorstellen/{proposal}']").ClickAsync();
        await Assertions.Expect(noorPage.GetByRole(AriaRole.Main)).ToContainTextAsync("Wilt u deze baan?");
        await noorPage.AssertNoSeriousViolationsAsync();
        await noorPage.GetByRole(AriaRole.Button, new() { Name = "Akkoord", Exact = true }).ClickAsync();
        await Assertions.Expect(noorPage.Locator("#stand")).ToHaveTextAsync("Akkoord van de kandidaat");
        Assert.Equal(ProposalState.Agreed, await browser.App.InDbAsync(db => db.Set<Proposal>().Where(p => p.Id == proposal).Select(p => p.State).SingleAsync()));
    }
}
