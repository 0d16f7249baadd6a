using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Tests.Knowledge;
using Pactwerk.Web.Features.WorkshopDays;
using static Pactwerk.Tests.Infrastructure.Session;
using static Pactwerk.Tests.WorkshopDays.WorkshopDayBuilder;

namespace Pactwerk.Tests.WorkshopDays;

/// <summary>
/// Unconfirmed school registrations and volunteer sign-ups lapse after <see cref="WorkshopDayLapseOptions.Hours"/> (48):
/// the clock is moved by hand and the job's own tick (<see cref="UnconfirmedLapseWorker"/>) is called. A lapsed one holds
/// no place — the day's room and the shift's place go to another school or volunteer —, its old links say so in Dutch and
/// English and change nothing, and the lapse is in the audit trail; a confirmed one, or one younger than the limit, never lapses.
/// </summary>
public abstract class UnconfirmedLapseTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory, IHasClock
{
    private async Task<bool> TickAsync() =>
        await factory.Services.GetServices<IHostedService>().OfType<UnconfirmedLapseWorker>().Single().TickAsync(CancellationToken.None);

    private async Task<(int Id, string Key)> RegisterAsync(int eventId, string school, object @class)
    {
        var response = await Anonymous(factory).PostAsJsonAsync($"/api/v1/workshop-days/{eventId}/registrations", Registration(school, Address(school), @class));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var answer = await response.ReadAsync<JsonElement>();
        return (answer.GetProperty("number").GetInt32(), KeyOf(answer));
    }

    private static string Address(string name) => $"{name.Replace(' ', '-').ToLowerInvariant()}@verloop.example";

    /// <summary>The link to the given page in the newest mail to the address, as a path on this site.</summary>
    private async Task<string> LinkAsync(string email, string path)
    {
        var mail = (await MailToAsync(factory, email)).Last();
        return Regex.Matches(WebUtility.HtmlDecode(mail.HtmlBody!), "href=\"([^\"]+)\"").Select(m => new Uri(m.Groups[1].Value).PathAndQuery).Single(l => l.StartsWith(path));
    }

    private static string CodeOf(string link) => System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + link).Query)["code"]!;

    private Task<int> RegisteredOnDay1Async(int eventId) => Anonymous(factory).GetFromJsonAsync<JsonElement>($"/api/v1/workshop-days/{eventId}")
        .ContinueWith(t => t.Result.GetProperty("days")[0].GetProperty("registeredPupils").GetInt32());

    private Task<int> LapseAuditsAsync(string action) => factory.InDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == action));

    [Fact]
    public async Task An_unconfirmed_registration_lapses_after_the_limit_and_its_place_goes_to_the_next_school()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var e = await EventAsync(factory, coordinator, "verloop");
        var school = Anonymous(factory);

        // Hour 0: a school that never confirms, and one that confirms through the button of its mail.
        var forgotten = await RegisterAsync(e.Id, "OBS Vergeten", Class("Groep 8", e.Day1, e.Workshops1[0]));
        var confirmed = await RegisterAsync(e.Id, "OBS Bevestigd", Class("Groep 8", e.Day1, e.Workshops1[1]));
        var confirmedLink = await LinkAsync(Address("OBS Bevestigd"), "/workshopdagen/e-mailadres");
        Assert.Contains("id=\"gedaan\"", await (await PostFormAsync(school, "/workshopdagen/e-mailadres", new() { ["Code"] = CodeOf(confirmedLink) }, confirmedLink)).Content.ReadAsStringAsync());
        var forgottenLink = await LinkAsync(Address("OBS Vergeten"), "/workshopdagen/e-mailadres");
        // The mail says how long the school has.
        Assert.Contains("Bevestig binnen 48 uur; daarna vervalt de aanmelding en komen de plaatsen vrij.", WebUtility.HtmlDecode((await MailToAsync(factory, Address("OBS Vergeten"))).Last().HtmlBody!));

        // Hour 47: seven more schools fill day 1 — by hand (30 + 90 + 30) × 3 slots ÷ 2 = 225 pupils, nine classes of 25 —
        // and the next one waits.
        factory.Clock.Advance(TimeSpan.FromHours(47));
        for (var i = 0; i < 7; i++)
            await RegisterAsync(e.Id, $"School {i}", Class("Groep 8", e.Day1, e.Workshops1[2]));
        var late = await RegisterAsync(e.Id, "OBS Laat", Class("Groep 7", e.Day1, e.Workshops1[0]));
        var lateClass = await factory.InDbAsync(db => db.SchoolClasses.SingleAsync(c => c.RegistrationId == late.Id));
        Assert.True(lateClass.Waiting);
        Assert.Equal(225, await RegisteredOnDay1Async(e.Id));

        // Still within the 48 hours: the job runs and nothing lapses.
        Assert.True(await TickAsync());
        Assert.Equal(0, await factory.InDbAsync(db => db.SchoolRegistrations.CountAsync(r => r.EventId == e.Id && r.LapsedAt != null)));
        Assert.Equal(0, await LapseAuditsAsync(WorkshopDayAuditActions.RegistrationLapsed));

        // Hour 49: the unconfirmed registration of hour 0 lapses; its 25 places go to the waiting school; the confirmed one
        // of the same hour and the unconfirmed ones of hour 47 stay.
        factory.Clock.Advance(TimeSpan.FromHours(2));
        Assert.True(await TickAsync());
        var rows = await factory.InDbAsync(db => db.SchoolRegistrations.AsNoTracking().Include(r => r.Classes).Where(r => r.EventId == e.Id).ToListAsync());
        Assert.Equal(["OBS Vergeten"], rows.Where(r => r.LapsedAt != null).Select(r => r.School).ToList());
        Assert.NotNull(rows.Single(r => r.Id == forgotten.Id).Classes.Single().CancelledAt);
        Assert.All(rows.Where(r => r.Id != forgotten.Id).SelectMany(r => r.Classes), c => Assert.Null(c.CancelledAt));
        Assert.False(rows.Single(r => r.Id == late.Id).Classes.Single().Waiting);
        // Counted from the rows by hand: the nine standing classes of 25 on day 1.
        Assert.Equal(rows.Where(r => r.LapsedAt == null).SelectMany(r => r.Classes).Count(c => !c.Waiting) * 25, await RegisteredOnDay1Async(e.Id));
        Assert.Equal(225, await RegisteredOnDay1Async(e.Id));
        Assert.Equal(1, await LapseAuditsAsync(WorkshopDayAuditActions.RegistrationLapsed));
        Assert.Equal(1, await factory.InDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == WorkshopDayAuditActions.ClassMovedUp && a.EntityId == lateClass.Id.ToString())));

        // The old links say it has lapsed, in Dutch and English, and change nothing.
        const string dutch = "Deze aanmelding is verlopen: het e-mailadres is niet binnen 48 uur bevestigd, dus de klassen houden geen plaats meer vast. Meld opnieuw aan.";
        const string english = "This registration has lapsed: the e-mail address was not confirmed within 48 hours, so the classes no longer hold a place. Please register again.";
        var audit = await factory.InDbAsync(db => db.AuditEntries.CountAsync());
        var page = await school.GetAsync(SchoolRegistrations.ChangeUrl(forgotten.Key));
        Assert.Equal(HttpStatusCode.Gone, page.StatusCode);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Contains(dutch, html);
        Assert.Contains("href=\"/workshopdagen/verloop/aanmelden\"", html);
        Assert.DoesNotContain("name=\"School\"", html);
        Assert.Contains(english, WebUtility.HtmlDecode(await (await school.GetAsync(SchoolRegistrations.ChangeUrl(forgotten.Key) + "&culture=en")).Content.ReadAsStringAsync()));
        var confirmPage = await school.GetAsync(forgottenLink);
        Assert.Equal(HttpStatusCode.Gone, confirmPage.StatusCode);
        Assert.Contains(dutch, WebUtility.HtmlDecode(await confirmPage.Content.ReadAsStringAsync()));
        // (The antiforgery token is the visitor's, so it is taken from the open registration form: the lapsed pages have no form.)
        var lateConfirm = await PostFormAsync(school, "/workshopdagen/e-mailadres?culture=en", new() { ["Code"] = CodeOf(forgottenLink) }, "/workshopdagen/verloop/aanmelden");
        Assert.Equal(HttpStatusCode.Gone, lateConfirm.StatusCode);
        Assert.Contains(english, WebUtility.HtmlDecode(await lateConfirm.Content.ReadAsStringAsync()));
        foreach (var (culture, message) in new[] { ("", dutch), ("?culture=en", english) })
        {
            var change = await school.PutAsJsonAsync($"/api/v1/workshop-day-registrations{culture}",
                new { key = forgotten.Key, school = "OBS Vergeten", municipality = "De Ronde Venen", teacher = "Juf Anna", email = Address("OBS Vergeten"), classes = new[] { Class("Groep 8", e.Day1, e.Workshops1[0]) } });
            Assert.Equal(HttpStatusCode.Gone, change.StatusCode);
            Assert.Equal(message, (await change.ReadAsync<JsonElement>()).GetProperty("detail").GetString());
        }
        var form = await PostFormAsync(school, "/workshopdagen/aanmelding", new() { ["Sleutel"] = forgotten.Key, ["School"] = "OBS Vergeten" }, "/workshopdagen/verloop/aanmelden");
        Assert.Equal(HttpStatusCode.Gone, form.StatusCode);
        var after = await factory.InDbAsync(db => db.SchoolRegistrations.AsNoTracking().Include(r => r.Classes).SingleAsync(r => r.Id == forgotten.Id));
        Assert.Null(after.EmailConfirmedAt);
        Assert.NotNull(after.Classes.Single().CancelledAt);
        Assert.Equal(audit, await factory.InDbAsync(db => db.AuditEntries.CountAsync()));

        // Days later the hour-47 schools, never confirmed, have lapsed too (each once, OBS Vergeten not again); the confirmed
        // registration never lapses, however old: day 1 holds its 25 pupils only.
        factory.Clock.Advance(TimeSpan.FromHours(100));
        Assert.True(await TickAsync());
        Assert.Equal(9, await LapseAuditsAsync(WorkshopDayAuditActions.RegistrationLapsed));
        Assert.Equal(1, await factory.InDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == WorkshopDayAuditActions.RegistrationLapsed && a.EntityId == forgotten.Id.ToString())));
        Assert.Equal(["OBS Bevestigd"], await factory.InDbAsync(db => db.SchoolRegistrations.Where(r => r.EventId == e.Id && r.LapsedAt == null).Select(r => r.School).ToListAsync()));
        Assert.Equal(25, await RegisteredOnDay1Async(e.Id));
    }

    [Fact]
    public async Task An_unconfirmed_volunteer_sign_up_lapses_after_the_limit_and_its_place_is_free_again()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var e = await EventAsync(factory, coordinator, "verloopdienst");
        var shift = await factory.InDbAsync(db => db.VolunteerShifts.Where(s => s.EventId == e.Id && s.Task == "Ontvangst").Select(s => s.Id).SingleAsync());
        var visitor = Anonymous(factory);
        Task<HttpResponseMessage> SignUpAsync(string name) =>
            visitor.PostAsJsonAsync($"/api/v1/workshop-days/{e.Id}/shifts/{shift}/volunteers", new { name, email = Address(name) });
        async Task<int> PlacesLeftAsync() => (await visitor.GetFromJsonAsync<JsonElement>($"/api/v1/workshop-days/{e.Id}/shifts"))
            .EnumerateArray().Single(x => x.GetProperty("id").GetInt32() == shift).GetProperty("placesLeft").GetInt32();

        // Hour 0: one who never confirms, one who does (the button of the mail's link).
        Assert.Equal(HttpStatusCode.Created, (await SignUpAsync("Vera Vergeten")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await SignUpAsync("Bert Bevestigd")).StatusCode);
        var confirmLink = await LinkAsync(Address("Bert Bevestigd"), "/workshopdagen/vrijwilliger-bevestigen");
        Assert.Contains("id=\"gedaan\"", await (await PostFormAsync(visitor, "/workshopdagen/vrijwilliger-bevestigen", new() { ["Code"] = CodeOf(confirmLink) }, confirmLink)).Content.ReadAsStringAsync());
        var forgottenConfirm = await LinkAsync(Address("Vera Vergeten"), "/workshopdagen/vrijwilliger-bevestigen");
        var forgottenShifts = await LinkAsync(Address("Vera Vergeten"), "/workshopdagen/mijn-diensten");
        Assert.Contains("Bevestig binnen 48 uur; daarna vervalt je aanmelding en komt de plaats vrij.", WebUtility.HtmlDecode((await MailToAsync(factory, Address("Vera Vergeten"))).Last().HtmlBody!));

        // Hour 47: ten more fill the twelve places; the next is refused.
        factory.Clock.Advance(TimeSpan.FromHours(47));
        for (var i = 0; i < 10; i++)
            Assert.Equal(HttpStatusCode.Created, (await SignUpAsync($"Helper {i}")).StatusCode);
        Assert.Equal(0, await PlacesLeftAsync());
        Assert.Equal(HttpStatusCode.Conflict, (await SignUpAsync("Nina Nieuw")).StatusCode);
        Assert.True(await TickAsync());
        Assert.Equal(0, await LapseAuditsAsync(WorkshopDayAuditActions.VolunteerLapsed));

        // Hour 49: the unconfirmed sign-up of hour 0 lapses (audited, naming the shift, not the person); its place is free
        // and goes to the next who signs up; the confirmed one of the same hour stays.
        factory.Clock.Advance(TimeSpan.FromHours(2));
        Assert.True(await TickAsync());
        var lapsed = await factory.InDbAsync(db => db.VolunteerSignUps.Where(v => v.EventId == e.Id && v.LapsedAt != null).Select(v => v.Name).ToListAsync());
        Assert.Equal(["Vera Vergeten"], lapsed);
        var entry = await factory.InDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == WorkshopDayAuditActions.VolunteerLapsed));
        Assert.DoesNotContain("Vera", (entry.Before ?? "") + entry.After);
        // Counted from the rows by hand: twelve needed, standing sign-ups those neither withdrawn, removed nor lapsed.
        Assert.Equal(12 - await factory.InDbAsync(db => db.VolunteerSignUps.CountAsync(v => v.ShiftId == shift && v.LapsedAt == null && v.WithdrawnAt == null && v.RemovedAt == null)),
            await PlacesLeftAsync());
        Assert.Equal(1, await PlacesLeftAsync());
        Assert.Equal(HttpStatusCode.Created, (await SignUpAsync("Nina Nieuw")).StatusCode);
        Assert.Equal(0, await PlacesLeftAsync());

        // Her old links say it lapsed, in Dutch and English; the button confirms nothing.
        const string dutch = "Deze aanmelding als vrijwilliger is verlopen: het e-mailadres is niet binnen 48 uur bevestigd, dus de plaats is weer vrij. Meld je opnieuw aan.";
        const string english = "This volunteer sign-up has lapsed: the e-mail address was not confirmed within 48 hours, so the place is free again. Please sign up again.";
        var page = await visitor.GetAsync(forgottenConfirm);
        Assert.Equal(HttpStatusCode.Gone, page.StatusCode);
        Assert.Contains(dutch, WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()));
        var audit = await factory.InDbAsync(db => db.AuditEntries.CountAsync());
        var confirming = await PostFormAsync(visitor, "/workshopdagen/vrijwilliger-bevestigen?culture=en", new() { ["Code"] = CodeOf(forgottenConfirm) }, "/workshopdagen/verloopdienst/vrijwilligers");
        Assert.Equal(HttpStatusCode.Gone, confirming.StatusCode);
        Assert.Contains(english, WebUtility.HtmlDecode(await confirming.Content.ReadAsStringAsync()));
        Assert.Null(await factory.InDbAsync(db => db.VolunteerSignUps.Where(v => v.Name == "Vera Vergeten").Select(v => v.EmailConfirmedAt).SingleAsync()));
        Assert.Equal(audit, await factory.InDbAsync(db => db.AuditEntries.CountAsync()));
        var shifts = WebUtility.HtmlDecode(await visitor.GetStringAsync(forgottenShifts));
        Assert.Contains(dutch, shifts);
        Assert.Contains("id=\"geen\"", shifts);

        // Confirmed never lapses, however old.
        factory.Clock.Advance(TimeSpan.FromHours(100));
        Assert.True(await TickAsync());
        Assert.Null(await factory.InDbAsync(db => db.VolunteerSignUps.Where(v => v.Name == "Bert Bevestigd").Select(v => v.LapsedAt).SingleAsync()));
    }
}

public sealed class LapseSqliteFactory : SqliteFactory, IHasClock
{
    // The job's timer is off: the test calls its tick at the moments it chooses.
    public LapseSqliteFactory() => With("WorkshopDays:Lapse:IntervalMinutes", "0");
    public TestClock Clock { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
    }
}

public sealed class LapsePostgresFactory : PostgresFactory, IHasClock
{
    public LapsePostgresFactory() => With("WorkshopDays:Lapse:IntervalMinutes", "0");
    public TestClock Clock { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
    }
}

public sealed class UnconfirmedLapseSqlite(LapseSqliteFactory factory) : UnconfirmedLapseTests<LapseSqliteFactory>(factory);
public sealed class UnconfirmedLapsePostgres(LapsePostgresFactory factory) : UnconfirmedLapseTests<LapsePostgresFactory>(factory);
