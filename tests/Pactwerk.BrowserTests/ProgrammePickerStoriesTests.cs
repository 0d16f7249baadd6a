using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Pactwerk.Web.Features.Demo;
using Pactwerk.Web.Features.Network;
using Pactwerk.Web.Features.Programmes;

namespace Pactwerk.BrowserTests;

/// <summary>
/// The programme forms' organisation pickers in a real browser: the Techniekpact's coordinator adds an employer to Make IT
/// Work's network and a partner to the programme by typing part of a name and picking it with the keyboard, saves, and the
/// database holds exactly that organisation; and records a participant's job at an employer of the network, whose picker
/// offers the network alone. Axe on every page with the list open.
/// </summary>
public sealed class ProgrammePickerStoriesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Coordinator = "coordinator@techniekpact.demo";

    [Fact]
    public async Task A_coordinator_types_part_of_a_name_picks_an_employer_and_a_partner_and_the_programme_holds_them()
    {
        var (programmeId, network, partners) = await browser.App.InDbAsync(async db =>
        {
            var id = await db.Set<Programme>().Where(p => p.Code == DemoProgrammes.Code).Select(p => p.Id).SingleAsync();
            return (id, await db.Set<ProgrammeEmployer>().Where(e => e.ProgrammeId == id).Select(e => new { e.OrganisationId, e.PlacesPerCohort }).ToListAsync(),
                await db.Set<ProgrammePartner>().Where(p => p.ProgrammeId == id).Select(p => p.OrganisationId).ToListAsync());
        });
        // Two organisations in neither the network nor the partners, with names unlike any other's first letters.
        var taken = network.Select(e => e.OrganisationId).Concat(partners).ToHashSet();
        var candidates = await browser.App.InDbAsync(db => db.Organisations.OrderBy(o => o.Id).Select(o => new { o.Id, o.Name }).ToListAsync());
        var unique = candidates.Where(o => !taken.Contains(o.Id) && o.Name.Length >= 8
            && candidates.Count(x => x.Name.Contains(o.Name[..6], StringComparison.OrdinalIgnoreCase)) == 1).ToList();
        var (employer, partner) = (unique[0], unique[1]);

        var page = await browser.NewPageAsync();
        await page.SignInAsync(Coordinator);
        await page.GotoAsync($"/programmas/{DemoProgrammes.Code}/onderdelen");
        // The first empty row of the network: type six letters of the name, the list offers it, ArrowDown and Enter pick it.
        var row = network.Count + 1;
        await PickTheOnlyMatchAsync(page, $"Werkgever {row}", $"#employer-{row - 1}-listbox", employer.Name[..6], employer.Name);
        await page.GetByLabel($"Werkgever {row}: plaatsen per cohort", new() { Exact = true }).FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Netwerk opslaan" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToBeVisibleAsync();

        // The network holds the picked organisation with its places, and everyone it held before as before.
        var saved = await browser.App.InDbAsync(db => db.Set<ProgrammeEmployer>().Where(e => e.ProgrammeId == programmeId).Select(e => new { e.OrganisationId, e.PlacesPerCohort }).ToListAsync());
        Assert.Equal(network.Select(e => (e.OrganisationId, e.PlacesPerCohort)).Append((employer.Id, 3)).Order(), saved.Select(e => (e.OrganisationId, e.PlacesPerCohort)).Order());

        // The programme's partners: the same, in the multiple picker; the owner's picker shows the owner it has.
        await page.GotoAsync($"/programmas/{DemoProgrammes.Code}/bewerken");
        await Assertions.Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "Uitvoerende organisatie *", Exact = true })).ToHaveValueAsync(DemoProgrammes.Owner);
        var partnerBox = page.GetByRole(AriaRole.Combobox, new() { Name = "Partners", Exact = true });
        await partnerBox.FocusAsync();
        await page.Keyboard.TypeAsync(partner.Name[..6].ToLowerInvariant());
        var partnerList = page.Locator("#Input_Partners-listbox");
        await Assertions.Expect(partnerList.GetByRole(AriaRole.Option)).ToHaveCountAsync(1);
        await page.AssertNoSeriousViolationsAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = $"{partner.Name} verwijderen" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Make IT Work");

        var (owner, savedPartners) = await browser.App.InDbAsync(async db => (
            await db.Set<Programme>().Where(p => p.Id == programmeId).Select(p => p.OwnerOrganisationId).SingleAsync(),
            await db.Set<ProgrammePartner>().Where(p => p.ProgrammeId == programmeId).Select(p => p.OrganisationId).ToListAsync()));
        Assert.Equal(partners.Append(partner.Id).Order(), savedPartners.Order());
        Assert.Equal(await browser.App.InDbAsync(db => db.Organisations.Where(o => o.Name == DemoProgrammes.Owner).Select(o => o.Id).SingleAsync()), owner);
    }

    [Fact]
    public async Task A_coordinator_records_a_participants_job_by_picking_an_employer_of_the_network_with_the_keyboard()
    {
        // A participant of Make IT Work who started and has no job yet.
        var (participant, cohort, cohortEnd, network) = await browser.App.InDbAsync(async db =>
        {
            var programme = await db.Set<Programme>().Include(p => p.Steps).SingleAsync(p => p.Code == DemoProgrammes.Code);
            var start = programme.Steps.OrderBy(s => s.Position).Last().Id;
            var found = await db.Set<Candidate>().Where(c => c.ErasedAt == null && c.JobStartedOn == null && c.Steps.Any(s => s.IntakeStepId == start && s.Decision == StepDecision.Passed))
                .Join(db.Set<Cohort>().Where(k => k.ProgrammeId == programme.Id), c => c.CohortId, k => k.Id, (c, k) => new { c.Id, k.Code, k.EndDate })
                .OrderBy(x => x.Id).FirstAsync();
            var employers = await db.Set<ProgrammeEmployer>().Where(e => e.ProgrammeId == programme.Id)
                .Join(db.Organisations, e => e.OrganisationId, o => o.Id, (e, o) => new { o.Id, o.Name }).ToListAsync();
            return (found.Id, found.Code, found.EndDate, employers);
        });
        // An employer of the network whose first five letters no other employer of the network has; an organisation outside the
        // network that has them too, which the lookup of every organisation would offer beside it.
        var employer = network.OrderBy(e => e.Name).First(e => network.Count(x => x.Name.Contains(e.Name[..5], StringComparison.OrdinalIgnoreCase)) == 1);
        var letters = employer.Name[..5].ToLowerInvariant();
        var lookalike = $"{employer.Name[..5]}kwartier buiten het netwerk";
        await browser.App.InDbAsync(db =>
        {
            db.Organisations.Add(new Organisation { Name = lookalike, Helix = Helix.Business, Kind = OrganisationKind.Company });
            return db.SaveChangesAsync();
        });
        var startedOn = cohortEnd.AddMonths(1);

        var page = await browser.NewPageAsync();
        await page.SignInAsync(Coordinator);
        Assert.Contains(lookalike, await (await page.APIRequest.GetAsync($"/api/v1/lookup/organisations?q={letters}")).TextAsync());
        await page.GotoAsync($"/programmas/{DemoProgrammes.Code}/{cohort}/deelnemers/{participant}");
        var combobox = await PickTheOnlyMatchAsync(page, "Werkgever uit het netwerk", "#jobOrganisationId-listbox", letters, employer.Name);
        await page.GetByLabel("Begonnen op", new() { Exact = true }).FillAsync(startedOn.ToString("yyyy-MM-dd"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Resultaat opslaan" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToHaveTextAsync("Vastgelegd.");
        await Assertions.Expect(combobox).ToHaveValueAsync(employer.Name);

        var stored = await browser.App.InDbAsync(db => db.Set<Candidate>().Where(c => c.Id == participant)
            .Select(c => new { c.JobOrganisationId, c.JobEmployerName, c.JobStartedOn }).SingleAsync());
        Assert.Equal(((int?)employer.Id, (string?)null, (DateOnly?)startedOn), (stored.JobOrganisationId, stored.JobEmployerName, stored.JobStartedOn));
    }

    /// <summary>
    /// Types <paramref name="letters"/> into the picker named <paramref name="label"/>; its list offers exactly one
    /// organisation, <paramref name="name"/>, with no serious accessibility violation while open; ArrowDown and Enter pick it.
    /// </summary>
    private static async Task<ILocator> PickTheOnlyMatchAsync(IPage page, string label, string listbox, string letters, string name)
    {
        var combobox = page.GetByRole(AriaRole.Combobox, new() { Name = label, Exact = true });
        await combobox.FocusAsync();
        await page.Keyboard.TypeAsync(letters);
        var list = page.Locator(listbox);
        await Assertions.Expect(list.GetByRole(AriaRole.Option)).ToHaveCountAsync(1);
        await Assertions.Expect(list.GetByRole(AriaRole.Option).First).ToContainTextAsync(name);
        await page.AssertNoSeriousViolationsAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(list).ToBeHiddenAsync();
        await Assertions.Expect(combobox).ToHaveValueAsync(name);
        return combobox;
    }
}
