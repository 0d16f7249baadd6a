using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.Rooms;

namespace Pactwerk.BrowserTests;

/// <summary>
/// A company books a shared technology room for a recurring Tuesday evening (issue 20, done when): one date clashes with a
/// school's booking, the message says which date, who and when, and nothing is booked; it then books the free dates, and the
/// owner approves the series on the owner's page; an owner's person adds a room through its form. axe on every page visited.
/// </summary>
public sealed class RoomStoriesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Company = "planner@fnkempen.test";
    private const string Owner = "lokalen@landstede.test";

    [Fact]
    public async Task A_company_books_a_recurring_Tuesday_evening_sees_the_clash_books_the_free_dates_and_the_owner_approves()
    {
        var (room, first, taken) = await PrepareAsync();

        var page = await browser.NewPageAsync();
        await page.SignInAsync(Company);
        await page.GotoAsync("/lokalen");
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Werkplaats dinsdagavond", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Werkplaats dinsdagavond");
        await page.AssertNoSeriousViolationsAsync();

        await page.Locator("#date").FillAsync(Iso(first));
        await page.Locator("#from").FillAsync("19:00");
        await page.Locator("#to").FillAsync("21:30");
        await page.Locator("#weeklyUntil").FillAsync(Iso(first.AddDays(35)));
        await page.Locator("#purpose").FillAsync("Bijscholing lassen");
        await page.GetByRole(AriaRole.Button, new() { Name = "Boeken", Exact = true }).ClickAsync();

        var summary = page.Locator("#fouten");
        await Assertions.Expect(summary).ToContainTextAsync("1 van de 6 data zijn al bezet; er is niets geboekt.");
        var clash = summary.Locator("tbody tr");
        await Assertions.Expect(clash).ToHaveCountAsync(1);
        await Assertions.Expect(clash).ToContainTextAsync(taken.ToString("ddd d MMM yyyy", CultureInfo.GetCultureInfo("nl-NL")));
        await Assertions.Expect(clash).ToContainTextAsync("Hogeschool van Arnhem en Nijmegen");
        await Assertions.Expect(clash).ToContainTextAsync("18:00–20:00");
        await page.AssertNoSeriousViolationsAsync();
        Assert.Equal(1, await browser.App.InDbAsync(db => db.RoomBookings.CountAsync(b => b.RoomId == room)));

        // The form kept what was typed: tick "only the free dates" and book again.
        await page.GetByLabel("Alleen vrije data boeken").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Boeken", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Geboekt: 5 datum(s).");
        await page.AssertNoSeriousViolationsAsync();

        var owner = await browser.NewPageAsync();
        await owner.SignInAsync(Owner);
        await owner.GotoAsync($"/lokalen/{room}");
        await owner.GetByRole(AriaRole.Link, new() { Name = "Lokaal beheren en boekingen beoordelen", Exact = true }).ClickAsync();
        var request = owner.Locator("section.card").Filter(new() { HasText = "FN Kempen" });
        await Assertions.Expect(request).ToContainTextAsync("5 data, van");
        await owner.AssertNoSeriousViolationsAsync();
        await request.GetByRole(AriaRole.Button, new() { Name = "Goedkeuren", Exact = true }).ClickAsync();
        await Assertions.Expect(owner.GetByRole(AriaRole.Status)).ToContainTextAsync("Besloten over 5 datum(s).");
        await owner.AssertNoSeriousViolationsAsync();

        var rows = await browser.App.InDbAsync(db => db.RoomBookings.AsNoTracking().Where(b => b.RoomId == room).ToListAsync());
        Assert.Equal(6, rows.Count);
        Assert.All(rows, b => Assert.Equal(RoomBookingStatus.Approved, b.Status));
        Assert.Equal(5, rows.Count(b => b.UserKind == RoomUserKind.Company && RoomTime.ToLocal(b.StartsAt).TimeOfDay == new TimeSpan(19, 0, 0)));

        // The week of the clash, as the company now sees it: the school's evening and no booking of its own.
        await page.GotoAsync($"/lokalen/{room}?week={Iso(taken)}");
        await Assertions.Expect(page.Locator("#week + p + table")).ToContainTextAsync("18:00–20:00 Hogeschool van Arnhem en Nijmegen");
        await page.AssertNoSeriousViolationsAsync();
    }

    /// <summary>
    /// A person acting for Landstede (an owner organisation) adds a room through <c>/lokalen/nieuw</c>, in Dutch and once in
    /// English: only the required fields, a capacity typed as 20,75 is refused at the field and nothing is saved; corrected,
    /// the room is saved and the person lands on its owner page. axe on every page visited.
    /// </summary>
    [Theory]
    [InlineData("nl")]
    [InlineData("en")]
    public async Task An_owner_adds_a_room_with_only_the_required_fields_and_a_decimal_capacity_is_refused_at_the_field(string culture)
    {
        var english = culture == "en";
        var email = $"lokaal-{culture}@landstede.test";
        await AccountAsync(email, "Landstede Groep");
        var page = await browser.NewPageAsync();
        await page.SignInAsync(email);
        if (english)
            // As the language switch leaves it.
            await page.Context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = "c=en|uic=en", Url = browser.BaseAddress }]);
        await page.GotoAsync("/lokalen");
        await page.AssertNoSeriousViolationsAsync();
        var add = english ? "Add a room" : "Lokaal toevoegen";
        await page.GetByRole(AriaRole.Link, new() { Name = add, Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/lokalen/nieuw$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(add);
        await page.AssertNoSeriousViolationsAsync();

        var name = $"Practicumlokaal {culture}";
        await page.Locator("#name").FillAsync(name);
        await page.Locator("#address").FillAsync("Campus 5, Zwolle");
        // The municipality is picked from today's municipalities: type part of the name, choose it from the list.
        await page.GetByRole(AriaRole.Combobox, new() { Name = (english ? "Municipality" : "Gemeente") + " *" }).FillAsync("zwol");
        await page.Locator("#municipality-listbox").GetByRole(AriaRole.Option).Filter(new() { HasText = "Zwolle" }).First.ClickAsync();
        await page.Locator("#capacity").FillAsync("20,75");
        var rooms = await browser.App.InDbAsync(db => db.Rooms.CountAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = add, Exact = true }).ClickAsync();
        var error = page.Locator("#fout-capacity");
        await Assertions.Expect(error).ToHaveTextAsync(english ? "Fill in a capacity of 1 to 500 people." : "Vul een capaciteit in van 1 tot 500 personen.");
        await Assertions.Expect(page.Locator("#capacity")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("#capacity")).ToHaveAttributeAsync("aria-describedby", "fout-capacity");
        // Only the capacity is wrong, and what was typed is kept.
        await Assertions.Expect(page.Locator(".field-error")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#name")).ToHaveValueAsync(name);
        Assert.Equal(rooms, await browser.App.InDbAsync(db => db.Rooms.CountAsync()));
        await page.AssertNoSeriousViolationsAsync();

        await page.Locator("#capacity").FillAsync("20");
        await page.GetByRole(AriaRole.Button, new() { Name = add, Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/lokalen/\d+/beheer\?toegevoegd=true$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(english ? "Room added." : "Lokaal toegevoegd.");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(name);
        await page.AssertNoSeriousViolationsAsync();

        var saved = await browser.App.InDbAsync(db => db.Rooms.AsNoTracking().SingleAsync(r => r.Name == name));
        Assert.Equal(rooms + 1, await browser.App.InDbAsync(db => db.Rooms.CountAsync()));
        Assert.Equal(("Campus 5, Zwolle", 20), (saved.Address, saved.Capacity));
        Assert.Equal("GM0193", await browser.App.InDbAsync(db => db.Regions.Where(r => r.Id == saved.MunicipalityId).Select(r => r.Code).SingleAsync()));
        Assert.Equal(await browser.App.InDbAsync(db => db.Organisations.Where(o => o.Name == "Landstede Groep").Select(o => o.Id).SingleAsync()), saved.OrganisationId);
        Assert.EndsWith($"/lokalen/{saved.Id}/beheer?toegevoegd=true", page.Url);
    }

    /// <summary>An editor of the organisation in the Techniekpact, signed in with the demo password.</summary>
    private Task AccountAsync(string email, string organisation) => browser.App.InScopeAsync(async services =>
    {
        var users = services.GetRequiredService<UserManager<PactwerkUser>>();
        var db = services.GetRequiredService<PactwerkDb>();
        var user = new PactwerkUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email, CreatedAt = DateTime.UtcNow };
        Assert.True((await users.CreateAsync(user, Session.DemoPassword)).Succeeded);
        db.RoleAssignments.Add(new RoleAssignment
        {
            UserId = user.Id, Kind = RoleKind.PartnerEditor, ValidFrom = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1),
            PactId = await db.Pacts.Where(p => p.Code == "techniekpact").Select(p => p.Id).SingleAsync(),
            OrganisationId = await db.Organisations.Where(o => o.Name == organisation).Select(o => o.Id).SingleAsync(),
        });
        await db.SaveChangesAsync();
    });

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Editors of FN Kempen (a company) and Landstede (the owner), a room of Landstede open weekdays 07:00–22:00 whose bookings
    /// by others wait for approval, and the school's approved evening on the third Tuesday.</summary>
    private async Task<(int Room, DateOnly First, DateOnly Taken)> PrepareAsync()
    {
        var first = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(21);
        while (first.DayOfWeek != DayOfWeek.Tuesday)
            first = first.AddDays(1);
        var taken = first.AddDays(14);
        var room = 0;
        await browser.App.InScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<PactwerkUser>>();
            var db = services.GetRequiredService<PactwerkDb>();
            async Task<int> OrganisationAsync(string name) => await db.Organisations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync();
            var pact = await db.Pacts.Where(p => p.Code == "techniekpact").Select(p => p.Id).SingleAsync();
            foreach (var (email, organisation) in new[] { (Company, "FN Kempen"), (Owner, "Landstede Groep") })
            {
                var user = new PactwerkUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email, CreatedAt = DateTime.UtcNow };
                Assert.True((await users.CreateAsync(user, Session.DemoPassword)).Succeeded);
                db.RoleAssignments.Add(new RoleAssignment
                {
                    UserId = user.Id, Kind = RoleKind.PartnerEditor, ValidFrom = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1), PactId = pact,
                    OrganisationId = await OrganisationAsync(organisation),
                });
            }
            var landstede = await OrganisationAsync("Landstede Groep");
            var r = new Room
            {
                OrganisationId = landstede, Name = "Werkplaats dinsdagavond", Address = "Campus 3, Zwolle", Capacity = 16, WheelchairAccessible = true,
                MunicipalityId = await db.Regions.Where(x => x.Code == "GM0193").Select(x => x.Id).SingleAsync(),
                Equipment = ["lasapparaat"], AllowedUsers = ["AdultEducation", "Company", "OtherSchool"], LeadTimeHours = 24, ApprovalRequired = true,
                OpeningHours = [.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
                    .Select(d => new RoomOpeningHours { Day = d, Opens = new TimeOnly(7, 0), Closes = new TimeOnly(22, 0) })],
            };
            db.Rooms.Add(r);
            await db.SaveChangesAsync();
            db.RoomBookings.Add(new RoomBooking
            {
                RoomId = r.Id, OrganisationId = await OrganisationAsync("Hogeschool van Arnhem en Nijmegen"), BookedBy = "story", UserKind = RoomUserKind.OtherSchool,
                StartsAt = RoomTime.ToUtc(taken, new TimeOnly(18, 0)), EndsAt = RoomTime.ToUtc(taken, new TimeOnly(20, 0)), Status = RoomBookingStatus.Approved,
                CreatedAt = DateTime.UtcNow, DecidedAt = DateTime.UtcNow, Purpose = "Practicum",
            });
            await db.SaveChangesAsync();
            room = r.Id;
        });
        return (room, first, taken);
    }
}
