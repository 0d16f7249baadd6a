using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Pactwerk.Web.Features.Demo;
using Pactwerk.Web.Features.Programmes;

namespace Pactwerk.BrowserTests;

/// <summary>
/// A candidate applies to a Make IT Work cohort and moves through intake (issue 19, done when): a signed-in member opens
/// the demo's Make IT Work, applies to its open cohort through the form; the programme's staff (the Hogeschool's demo
/// editor) record the application, assessment and selection on the cohort's intake page; the applicant then sees those
/// steps and the next one on <c>/programmas/mijn</c>. axe on every page visited.
/// </summary>
public sealed class ProgrammeStoriesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Applicant = "lid@pactwerk.demo";
    private const string ApplicantName = "Lid (demo)";

    [Fact]
    public async Task A_member_applies_to_make_it_work_the_staff_record_assessment_and_selection_and_the_member_sees_the_next_step()
    {
        var open = await browser.App.InDbAsync(db => db.Set<Cohort>()
            .Where(c => c.Status == CohortStatus.Open && db.Set<Programme>().Any(p => p.Id == c.ProgrammeId && p.Code == DemoProgrammes.Code)).SingleAsync());

        var member = await browser.NewPageAsync();
        await member.SignInAsync(Applicant);
        await member.GotoAsync($"/programmas/{DemoProgrammes.Code}");
        await Assertions.Expect(member.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Make IT Work");
        await member.AssertNoSeriousViolationsAsync();
        await member.GetByRole(AriaRole.Link, new() { Name = $"Aanmelden voor {open.Name}", Exact = true }).ClickAsync();
        await Assertions.Expect(member.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Aanmelden voor {open.Name}");
        await member.AssertNoSeriousViolationsAsync();
        await member.GetByLabel("Woongemeente").FillAsync("Amsterdam");
        await member.GetByLabel("Gender (als u dat wilt)").SelectOptionAsync(nameof(Gender.Woman));
        await member.GetByRole(AriaRole.Button, new() { Name = "Aanmelden voor dit cohort", Exact = true }).ClickAsync();
        await Assertions.Expect(member.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Mijn aanmeldingen");
        await Assertions.Expect(member.GetByRole(AriaRole.Status).First).ToContainTextAsync("U bent aangemeld.");
        await member.AssertNoSeriousViolationsAsync();

        var staff = await browser.NewPageAsync();
        await staff.SignInAsync(DemoProgrammes.StaffEmail);
        await staff.GotoAsync($"/programmas/{DemoProgrammes.Code}/{open.Code}/intake");
        await Assertions.Expect(staff.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Intake van {open.Name}");
        await staff.AssertNoSeriousViolationsAsync();
        var row = staff.Locator("table tbody tr").Filter(new() { HasText = ApplicantName });
        // The application, then the assessment and the selection: each decision re-renders the row with the next step's form.
        foreach (var step in new[] { "application", "assessment", "selection" })
        {
            await row.Locator("select[name='Decision']").SelectOptionAsync(nameof(StepDecision.Passed));
            await row.GetByRole(AriaRole.Button, new() { Name = "Besluit vastleggen", Exact = true }).ClickAsync();
            await Assertions.Expect(row.Locator($"td[data-step='{step}']")).ToContainTextAsync("Geslaagd");
            await Assertions.Expect(staff.GetByRole(AriaRole.Status).First).ToContainTextAsync("is vastgelegd");
            await staff.AssertNoSeriousViolationsAsync();
        }

        await member.GotoAsync("/programmas/mijn");
        var mine = member.Locator("section").Filter(new() { HasText = open.Name });
        await Assertions.Expect(mine.Locator("tr[data-step='assessment']")).ToContainTextAsync("Geslaagd");
        await Assertions.Expect(mine.Locator("tr[data-step='selection']")).ToContainTextAsync("Geslaagd");
        await Assertions.Expect(mine.Locator("[data-next-step]")).ToHaveAttributeAsync("data-next-step", "employer-match");
        await Assertions.Expect(mine.Locator("[data-next-step]")).ToContainTextAsync("Match met werkgever");
        await member.AssertNoSeriousViolationsAsync();

        // What the pages did is in the database: three decisions passed for the member, by the staff member.
        var decisions = await browser.App.InDbAsync(db => db.Set<CandidateStep>()
            .Where(s => db.Set<Candidate>().Any(c => c.Id == s.CandidateId && c.CohortId == open.Id && db.Users.Any(u => u.Id == c.UserId && u.Email == Applicant)))
            .Select(s => s.Decision).ToListAsync());
        Assert.Equal([StepDecision.Passed, StepDecision.Passed, StepDecision.Passed], decisions);
    }

    /// <summary>
    /// The Hogeschool's editor sets a programme up through the pages, in Dutch with a decimal comma, adds a cohort, removes it
    /// again, then removes the programme (nobody applied): axe on every page, and what the pages did is in the database.
    /// </summary>
    [Fact]
    public async Task The_owners_editor_sets_up_a_programme_adds_and_removes_a_cohort_and_removes_the_programme()
    {
        var code = "story-" + Guid.NewGuid().ToString("N")[..6];
        var staff = await browser.NewPageAsync();
        await staff.SignInAsync(DemoProgrammes.StaffEmail);
        await staff.GotoAsync("/programmas");
        await staff.GetByRole(AriaRole.Link, new() { Name = "Nieuw programma", Exact = true }).ClickAsync();
        await Assertions.Expect(staff.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Nieuw programma");
        await staff.AssertNoSeriousViolationsAsync();
        await staff.Locator("#Input_Code").FillAsync(code);
        await staff.Locator("#Input_Name").FillAsync("Omscholing zorgtechniek");
        if (await staff.Locator("#Input_Pact").CountAsync() > 0)
            await staff.Locator("#Input_Pact").SelectOptionAsync("techniekpact");
        // The other language's decimal point first: refused at its field with the way to write it.
        await staff.Locator("#Input_TargetCertificateRate").FillAsync("92.5");
        await staff.Locator("#Input_TargetJobRate").FillAsync("97");
        await staff.Locator("#Input_TargetWomenShare").FillAsync("33,3");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Programma aanmaken", Exact = true }).ClickAsync();
        await Assertions.Expect(staff.Locator("#fout-TargetCertificateRate")).ToHaveTextAsync("‘92.5’ is geen getal: schrijf decimalen met een komma, zoals 92,5.");
        await Assertions.Expect(staff.Locator("#Input_TargetCertificateRate")).ToHaveValueAsync("92.5");
        await staff.AssertNoSeriousViolationsAsync();
        await staff.Locator("#Input_TargetCertificateRate").FillAsync("92,5");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Programma aanmaken", Exact = true }).ClickAsync();
        await Assertions.Expect(staff.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Omscholing zorgtechniek");
        await staff.AssertNoSeriousViolationsAsync();
        var stored = await browser.App.InDbAsync(db => db.Set<Programme>().Where(p => p.Code == code)
            .Select(p => new { p.TargetCertificateRate, p.TargetJobRate, p.TargetWomenShare }).SingleAsync());
        Assert.Equal((92.5m, 97m, 33.3m), (stored.TargetCertificateRate, stored.TargetJobRate, stored.TargetWomenShare));

        await staff.GetByRole(AriaRole.Link, new() { Name = "Cohorten, netwerk en modules", Exact = true }).ClickAsync();
        await staff.AssertNoSeriousViolationsAsync();
        await staff.Locator("#cohort-nieuw-code").FillAsync("2028-1");
        await staff.Locator("#cohort-nieuw-Name").FillAsync("Voorjaar 2028");
        await staff.Locator("#cohort-nieuw-StartDate").FillAsync("2028-03-01");
        await staff.Locator("#cohort-nieuw-EndDate").FillAsync("2028-08-31");
        await staff.Locator("#cohort-nieuw-Seats").FillAsync("20");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Cohort toevoegen", Exact = true }).ClickAsync();
        await Assertions.Expect(staff.GetByRole(AriaRole.Heading, new() { Name = "Cohort Voorjaar 2028", Exact = true })).ToBeVisibleAsync();
        await staff.AssertNoSeriousViolationsAsync();
        await staff.GetByRole(AriaRole.Button, new() { Name = "Cohort verwijderen", Exact = true }).ClickAsync();
        await Assertions.Expect(staff.GetByRole(AriaRole.Heading, new() { Name = "Cohort Voorjaar 2028", Exact = true })).ToHaveCountAsync(0);
        Assert.Equal(0, await browser.App.InDbAsync(db => db.Set<Cohort>().CountAsync(c => db.Set<Programme>().Any(p => p.Id == c.ProgrammeId && p.Code == code))));

        await staff.GetByRole(AriaRole.Link, new() { Name = "Programma bewerken", Exact = true }).ClickAsync();
        await staff.GetByLabel("Ja, verwijder dit programma").CheckAsync();
        await staff.GetByRole(AriaRole.Button, new() { Name = "Programma verwijderen", Exact = true }).ClickAsync();
        await Assertions.Expect(staff.GetByRole(AriaRole.Status).First).ToContainTextAsync("Het programma is verwijderd.");
        await staff.AssertNoSeriousViolationsAsync();
        Assert.False(await browser.App.InDbAsync(db => db.Set<Programme>().AnyAsync(p => p.Code == code)));
    }
}
