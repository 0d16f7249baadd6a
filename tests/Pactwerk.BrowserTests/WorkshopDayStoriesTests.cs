using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Pactwerk.Web.Features.Demo;
using Pactwerk.Web.Features.WorkshopDays;

namespace Pactwerk.BrowserTests;

/// <summary>A teacher registers two classes for the demo's Techniek Driedaagse, with ranked workshops, and confirms the address from the mail.</summary>
public sealed class WorkshopDayRegistrationStoriesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_teacher_registers_two_classes_with_preferences_and_confirms_the_address()
    {
        // The coordinator opened registration again for a week (the demo's closed in October 2018).
        var (days, workshops) = await browser.App.InDbAsync(async db =>
        {
            var e = await db.WorkshopDayEvents.SingleAsync(x => x.Slug == DemoWorkshopDays.Slug);
            await db.WorkshopDayEvents.Where(x => x.Id == e.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.RegistrationClosesAt, DateTime.UtcNow.AddDays(7)));
            var days = await db.EventDays.Where(d => d.EventId == e.Id).OrderBy(d => d.Date).Select(d => d.Id).ToListAsync();
            var workshops = await db.Workshops.Where(w => w.EventId == e.Id).OrderBy(w => w.Id).Select(w => new { w.Id, w.DayId, w.Title }).ToListAsync();
            return (days, workshops);
        });
        var first = workshops.Where(w => w.DayId == days[0]).Take(3).Select(w => w.Id).ToArray();
        var second = workshops.Where(w => w.DayId == days[1]).Skip(3).Take(2).Select(w => w.Id).ToArray();

        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/workshopdagen/{DemoWorkshopDays.Slug}");
        await page.AssertNoSeriousViolationsAsync();
        await page.GotoAsync($"/workshopdagen/{DemoWorkshopDays.Slug}/aanmelden");
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByLabel("Naam van de school").FillAsync("OBS De Kraanvogel");
        // The municipality is picked from today's municipalities: type part of the name, choose it from the list.
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Gemeente *" }).FillAsync("ronde");
        await page.Locator("#Municipality-listbox").GetByRole(AriaRole.Option).Filter(new() { HasText = "De Ronde Venen" }).First.ClickAsync();
        await page.GetByLabel("Naam van de leerkracht").FillAsync("Meester Bram");
        await page.GetByLabel("E-mailadres van de leerkracht").FillAsync("bram@kraanvogel.example");
        await FillClassAsync(page, 0, "groep 8a", "groep 8", "27", days[0], "09:00", "14:15", first);
        await FillClassAsync(page, 1, "groep 7b", "groep 7", "24", days[1], "09:00", "14:15", second);
        await page.GetByRole(AriaRole.Button, new() { Name = "Aanmelden", Exact = true }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/workshopdagen/aanmelding\\?sleutel="));
        await Assertions.Expect(page.Locator("#aangemeld")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#onbevestigd")).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();
        var changeUrl = new Uri(page.Url).PathAndQuery;

        // The mail's link confirms the address; from then on the classes take part in the allocation.
        var mails = await Pactwerk.Tests.Infrastructure.Session.MailToAsync(browser.App, "bram@kraanvogel.example");
        var confirm = Regex.Match(mails[0].HtmlBody!, "href=\"[^\"]*(/workshopdagen/e-mailadres\\?[^\"]+)\"").Groups[1].Value;
        await page.GotoAsync(WebUtility.HtmlDecode(confirm));
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Ja, dit is mijn e-mailadres" }).ClickAsync();
        await Assertions.Expect(page.Locator("#gedaan")).ToContainTextAsync("OBS De Kraanvogel");

        await page.GotoAsync(changeUrl);
        await Assertions.Expect(page.Locator("#onbevestigd")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#c1-name")).ToHaveValueAsync("groep 7b");
        await page.AssertNoSeriousViolationsAsync();

        var saved = await browser.App.InDbAsync(db => db.SchoolClasses.Where(c => db.SchoolRegistrations.Any(r => r.Id == c.RegistrationId && r.School == "OBS De Kraanvogel" && r.EmailConfirmedAt != null))
            .OrderBy(c => c.Id).Select(c => new { c.Name, c.Pupils, c.DayId, c.Preferences }).ToListAsync());
        Assert.Equal(2, saved.Count);
        Assert.Equal(("groep 8a", 27, days[0]), (saved[0].Name, saved[0].Pupils, saved[0].DayId));
        Assert.Equal(first, saved[0].Preferences);
        Assert.Equal(second, saved[1].Preferences);
    }

    private static async Task FillClassAsync(IPage page, int i, string name, string grade, string pupils, int day, string arrival, string departure, int[] preferences)
    {
        await page.Locator($"#c{i}-name").FillAsync(name);
        await page.Locator($"#c{i}-grade").FillAsync(grade);
        await page.Locator($"#c{i}-pupils").FillAsync(pupils);
        await page.Locator($"#c{i}-day").SelectOptionAsync(day.ToString());
        await page.Locator($"#c{i}-arrival").FillAsync(arrival);
        await page.Locator($"#c{i}-departure").FillAsync(departure);
        for (var r = 0; r < preferences.Length; r++)
            await page.Locator($"#c{i}-pref{r}").SelectOptionAsync(preferences[r].ToString());
    }
}

/// <summary>The coordinator allocates the demo's Driedaagse with the optimiser, moves one class by hand and publishes.</summary>
public sealed class WorkshopDayAllocationStoriesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_coordinator_runs_the_allocation_moves_a_class_by_hand_and_publishes()
    {
        var page = await browser.NewPageAsync();
        await page.SignInAsync("coordinator@techniekpact.demo");
        await page.GotoAsync($"/workshopdagen/{DemoWorkshopDays.Slug}/indeling");
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Indeling maken", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#scholen")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await page.AssertNoSeriousViolationsAsync();

        // A move that breaks no rule, worked out from the rows: a workshop of a class to another of its day, in a round
        // the class is free, inside its times, with room for it.
        var move = await browser.App.InDbAsync(async db =>
        {
            var e = await db.WorkshopDayEvents.SingleAsync(x => x.Slug == DemoWorkshopDays.Slug);
            var workshops = await db.Workshops.Where(w => w.EventId == e.Id).ToListAsync();
            var slots = await db.SessionSlots.Where(s => db.EventDays.Any(d => d.Id == s.DayId && d.EventId == e.Id)).ToListAsync();
            var classes = await db.SchoolClasses.Where(c => db.SchoolRegistrations.Any(r => r.Id == c.RegistrationId && r.EventId == e.Id)).ToDictionaryAsync(c => c.Id);
            var assigned = await db.ClassAssignments.Where(a => classes.Keys.Contains(a.ClassId)).ToListAsync();
            var fill = assigned.GroupBy(a => (a.WorkshopId, a.SlotId)).ToDictionary(g => g.Key, g => g.Sum(a => classes[a.ClassId].Pupils));
            foreach (var a in assigned)
            {
                var c = classes[a.ClassId];
                var mine = assigned.Where(x => x.ClassId == c.Id).ToList();
                var from = slots.Single(s => s.Id == a.SlotId);
                foreach (var w in workshops.Where(w => w.DayId == c.DayId && mine.All(m => m.WorkshopId != w.Id)))
                    if (fill.GetValueOrDefault((w.Id, a.SlotId)) + c.Pupils <= w.CapacityPerSession && from.StartsAt.AddMinutes(w.DurationMinutes) <= c.Departure)
                        return (Class: c.Id, From: a.WorkshopId, To: w.Id, Slot: a.SlotId);
            }
            throw new InvalidOperationException("no free session in the whole allocation");
        });
        await page.GetByRole(AriaRole.Group, new() { Name = "Een klas met de hand verplaatsen" }).GetByLabel("Klas", new() { Exact = true }).SelectOptionAsync(move.Class.ToString());
        await page.GetByLabel("Workshop die verplaatst wordt").SelectOptionAsync(move.From.ToString());
        await page.GetByLabel("Naar workshop").SelectOptionAsync(move.To.ToString());
        await page.GetByLabel("In de ronde van").SelectOptionAsync(move.Slot.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Verplaatsen", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#gedaan")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#fout")).ToHaveCountAsync(0);
        await page.AssertNoSeriousViolationsAsync();
        var pinned = await browser.App.InDbAsync(db => db.ClassAssignments.Where(a => a.Pinned).Select(a => new { a.ClassId, a.WorkshopId, a.SlotId }).ToListAsync());
        Assert.Contains(new { ClassId = move.Class, WorkshopId = move.To, SlotId = move.Slot }, pinned);

        await page.GetByRole(AriaRole.Button, new() { Name = "Publiceren", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#gepubliceerd")).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();

        // Anyone now sees the schedule, with the moved class in its new workshop.
        var school = await browser.App.InDbAsync(db => db.SchoolRegistrations.Where(r => r.Classes.Any(c => c.Id == move.Class)).Select(r => r.School).SingleAsync());
        var visitor = await browser.NewPageAsync();
        await visitor.GotoAsync($"/workshopdagen/{DemoWorkshopDays.Slug}/rooster");
        await Assertions.Expect(visitor.GetByRole(AriaRole.Main)).ToContainTextAsync(school);
        await visitor.AssertNoSeriousViolationsAsync();
    }
}
