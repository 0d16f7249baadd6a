using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Pactwerk.Web.Features.WorkshopDays;

namespace Pactwerk.BrowserTests;

/// <summary>The door team checks a class in on a phone, typing its code, sees the attendance go up, and a second try is refused.</summary>
public sealed class WorkshopCheckInStoriesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    /// <summary>A published event of the Techniekpact with one class of 24 pupils placed in one workshop, and its check-in code.</summary>
    private Task<string> PublishedClassAsync() => browser.App.InDbAsync(async db =>
    {
        var pact = await db.Pacts.Where(p => p.Name == "Techniekpact").Select(p => p.Id).SingleAsync();
        var e = new WorkshopDayEvent
        {
            PactId = pact, Slug = "deurverhaal", Name = "Techniekdagen aan de deur", Venue = "Sporthal De Phoenix, Mijdrecht",
            RegistrationClosesAt = DateTime.UtcNow.AddDays(-1), WorkshopsPerClass = 1, AllocatedAt = DateTime.UtcNow, PublishedAt = DateTime.UtcNow,
        };
        var day = new EventDay { Date = new DateOnly(2030, 11, 6), Slots = [new SessionSlot { StartsAt = new TimeOnly(9, 0) }] };
        e.Days.Add(day);
        db.WorkshopDayEvents.Add(e);
        await db.SaveChangesAsync();
        var workshop = new Workshop { EventId = e.Id, DayId = day.Id, Title = "Metselen", Provider = "Bouwmensen Utrecht", Theme = "bouw", AgeGroup = "groep 7–8",
            CapacityPerSession = 30, DurationMinutes = 60 };
        db.Workshops.Add(workshop);
        var code = CheckInCodes.NewCode();
        var registration = new SchoolRegistration { EventId = e.Id, School = "OBS De Eendracht", Municipality = "De Ronde Venen", MunicipalityCode = "GM0736", Teacher = "Juf Anna",
            Email = "juf@eendracht.example", EmailConfirmedAt = DateTime.UtcNow, KeyHash = Convert.ToHexString(Guid.NewGuid().ToByteArray()), SubmittedAt = DateTime.UtcNow,
            Classes = [new SchoolClass { Name = "Groep 8a", Pupils = 24, Grade = "groep 8", DayId = day.Id, Arrival = new TimeOnly(9, 0), Departure = new TimeOnly(12, 0), CheckInCode = code }] };
        db.SchoolRegistrations.Add(registration);
        await db.SaveChangesAsync();
        db.ClassAssignments.Add(new ClassAssignment { ClassId = registration.Classes[0].Id, WorkshopId = workshop.Id, SlotId = day.Slots[0].Id });
        await db.SaveChangesAsync();
        return code;
    });

    [Fact]
    public async Task The_door_team_checks_a_class_in_on_a_phone_and_sees_the_attendance_go_up()
    {
        var code = await PublishedClassAsync();
        var page = await browser.NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await page.SignInAsync("coordinator@techniekpact.demo");

        await page.GotoAsync("/workshopdagen/deurverhaal/aanwezigheid");
        await Assertions.Expect(page.Locator("#totaal")).ToHaveTextAsync("Leerlingen aanwezig: 0; klassen ingecheckt: 0 van 1; workshops gehouden: 0.");
        await page.AssertNoSeriousViolationsAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Naar de deur (inchecken)", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/workshopdagen/deurverhaal/deur$"));
        await page.AssertNoSeriousViolationsAsync();
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 390"), "The door page is wider than 390 px");
        // Large touch targets: the field and the button are at least 44 px high.
        var button = page.GetByRole(AriaRole.Button, new() { Name = "Inchecken", Exact = true });
        Assert.True((await button.BoundingBoxAsync())!.Height >= 44);
        Assert.True((await page.GetByLabel("Incheckcode").BoundingBoxAsync())!.Height >= 44);

        // The code as the teacher reads it aloud, in lower case with its dash; two pupils are ill.
        await page.GetByLabel("Incheckcode").FillAsync(CheckInCodes.Display(code).ToLowerInvariant());
        await page.GetByLabel("Aantal aanwezige leerlingen").FillAsync("22");
        await button.ClickAsync();
        await Assertions.Expect(page.Locator("#ingecheckt")).ToContainTextAsync("Groep 8a van OBS De Eendracht is ingecheckt om");
        await Assertions.Expect(page.Locator("#ingecheckt")).ToContainTextAsync("22 van 24 leerlingen");
        await Assertions.Expect(page.Locator("#stand")).ToHaveTextAsync("Klassen ingecheckt: 1 van 1; leerlingen aanwezig: 22.");
        await page.AssertNoSeriousViolationsAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Aanwezigheid per workshop", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#totaal")).ToHaveTextAsync("Leerlingen aanwezig: 22; klassen ingecheckt: 1 van 1; workshops gehouden: 1.");
        await page.AssertNoSeriousViolationsAsync();
        // The last class is in: the coordinator brings the figures to the monitor at once rather than at the timer's next tick.
        await page.GetByRole(AriaRole.Button, new() { Name = "Cijfers nu bijwerken", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#gedaan")).ToHaveTextAsync("De monitor is bijgewerkt: 22 leerlingen aanwezig.");
        await page.AssertNoSeriousViolationsAsync();

        // The same code again: the message, and nothing changes.
        await page.GotoAsync("/workshopdagen/deurverhaal/deur");
        await page.GetByLabel("Incheckcode").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Inchecken", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#fout")).ToContainTextAsync("Groep 8a van OBS De Eendracht is al ingecheckt om");
        await Assertions.Expect(page.Locator("#fout")).ToContainTextAsync("(aanwezig: 22)");
        await Assertions.Expect(page.Locator("#stand")).ToHaveTextAsync("Klassen ingecheckt: 1 van 1; leerlingen aanwezig: 22.");
        await page.AssertNoSeriousViolationsAsync();
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 390"), "The door page with its message is wider than 390 px");
    }
}
