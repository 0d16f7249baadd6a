using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.WorkshopDays;
using static Pactwerk.Tests.Infrastructure.Session;
using static Pactwerk.Tests.WorkshopDays.WorkshopDayBuilder;

namespace Pactwerk.Tests.WorkshopDays;

/// <summary>
/// After publication: every school with placed classes gets its schedule by mail exactly once (also when publication is
/// sent twice at the same moment, or mailing runs again as on a second instance), and reaches its printable page and its
/// calendar through the mailed link only; the calendar's times are checked against Dutch times converted by hand.
/// </summary>
public abstract class SchoolScheduleTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    [Fact]
    public async Task Publishing_mails_every_school_its_schedule_once_with_a_link_to_its_printable_page_and_calendar()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var e = await EventAsync(factory, coordinator, "roostermail");
        for (var s = 0; s < 3; s++)
        {
            var response = await Anonymous(factory).PostAsJsonAsync($"/api/v1/workshop-days/{e.Id}/registrations", Registration($"School {s}", $"school{s}@roostermail.example",
                Class($"Groep 7-{s}", e.Day1, e.Workshops1[0], e.Workshops1[1]), Class($"Groep 8-{s}", e.Day1, e.Workshops1[2], e.Workshops1[1])));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
        // School 2 never confirms its address: its classes are not placed and it gets no schedule.
        await factory.InDbAsync(db => db.SchoolRegistrations.Where(r => r.EventId == e.Id && r.School != "School 2").ExecuteUpdateAsync(x => x.SetProperty(r => r.EmailConfirmedAt, DateTime.UtcNow)));
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PostAsync($"/api/v1/workshop-days/{e.Id}/allocation", null)).StatusCode);

        // Two publications at the same moment: one publishes, the other is told it is done; one audit line.
        var second = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var answers = await Task.WhenAll(coordinator.PostAsync($"/api/v1/workshop-days/{e.Id}/publication", null), second.PostAsync($"/api/v1/workshop-days/{e.Id}/publication", null));
        Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
        Assert.Equal(1, await factory.InDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityId == e.Slug && a.Action == WorkshopDayAuditActions.Published)));

        // Mailing again, twice at once as two instances would: nothing left to send.
        var again = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            using var scope = factory.Services.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<SchoolSchedules>().MailPublishedAsync(e.Id, CancellationToken.None);
        }));
        Assert.Equal([0, 0], again);
        // Each confirmed school has its registration mail and one schedule mail.
        var mail0 = Assert.Single(await MailToAsync(factory, "school0@roostermail.example", 2), m => m.Subject?.StartsWith("Rooster") == true);
        Assert.Single(await MailToAsync(factory, "school1@roostermail.example", 2), m => m.Subject?.StartsWith("Rooster") == true);
        await Task.Delay(500);
        Assert.Equal(2, MailTo(factory, "school0@roostermail.example").Count);
        Assert.DoesNotContain(MailTo(factory, "school2@roostermail.example"), m => m.Subject?.StartsWith("Rooster") == true);
        Assert.Equal("Rooster Techniekdagen roostermail", mail0.Subject);

        // The mail lists the school's own workshops as the database holds them.
        var rows = await factory.InDbAsync(db => db.ClassAssignments
            .Join(db.SchoolClasses, a => a.ClassId, c => c.Id, (a, c) => new { a, c })
            .Join(db.SchoolRegistrations.Where(r => r.School == "School 0" && r.EventId == e.Id), x => x.c.RegistrationId, r => r.Id, (x, r) => x)
            .Join(db.Workshops, x => x.a.WorkshopId, w => w.Id, (x, w) => new { x.c.Id, x.c.Name, w.Title, SlotId = x.a.SlotId, WorkshopId = w.Id })
            .Join(db.SessionSlots, x => x.SlotId, s => s.Id, (x, s) => new { x.Id, x.Name, x.Title, x.WorkshopId, s.StartsAt }).ToListAsync());
        Assert.Equal(4, rows.Count);
        var html = WebUtility.HtmlDecode(mail0.HtmlBody!);
        Assert.All(rows, r => Assert.Contains(r.Title, html));
        var link = Regex.Matches(html, "href=\"([^\"]+)\"").Select(m => new Uri(m.Groups[1].Value).PathAndQuery).Single(l => l.StartsWith("/workshopdagen/mijn-rooster"));

        // The page, without an account, in Dutch and English; a forged or missing key finds nothing.
        var school = Anonymous(factory);
        var page = WebUtility.HtmlDecode(await school.GetStringAsync(link));
        Assert.Contains("Rooster van School 0", page);
        Assert.All(rows, r => Assert.Contains(r.Name, page));
        Assert.DoesNotContain("Groep 7-1", page);
        Assert.Contains("Schedule of School 0", WebUtility.HtmlDecode(await school.GetStringAsync(link + "&culture=en")));
        var key = System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + link).Query)["sleutel"]!;
        Assert.Equal(HttpStatusCode.NotFound, (await school.GetAsync(SchoolSchedules.PageUrl(key[..^3] + "abc"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await school.GetAsync("/workshopdagen/mijn-rooster")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await school.GetAsync(SchoolSchedules.CalendarUrl("onbekend"))).StatusCode);

        // The calendar: one event per workshop of a class; 6 November 2030 is winter time, so Dutch 09:00 is 08:00 UTC.
        var calendar = await school.GetAsync(SchoolSchedules.CalendarUrl(key));
        Assert.Equal("text/calendar", calendar.Content.Headers.ContentType?.MediaType);
        var ics = await calendar.Content.ReadAsStringAsync();
        Assert.Equal(4, Regex.Matches(ics, "^BEGIN:VEVENT\r$", RegexOptions.Multiline).Count);
        var starts = Regex.Matches(ics, "^DTSTART:(\\S+)\r$", RegexOptions.Multiline).Select(m => m.Groups[1].Value).Order().ToList();
        Assert.Equal(rows.Select(r => $"20301106T{r.StartsAt.Hour - 1:00}{r.StartsAt.Minute:00}00Z").Order().ToList(), starts);
        var uids = Regex.Matches(ics, "^UID:(\\S+)\r$", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(rows.Select(r => $"class-{r.Id}-workshop-{r.WorkshopId}@workshopdays.pactwerk").Order(), uids.Order());
        var twice = await school.GetStringAsync(SchoolSchedules.CalendarUrl(key));
        Assert.Equal(uids, Regex.Matches(twice, "^UID:(\\S+)\r$", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList());
    }

    [Fact]
    public void Dutch_times_become_UTC_across_summer_and_winter_time()
    {
        Assert.Equal(new DateTime(2030, 11, 6, 8, 0, 0, DateTimeKind.Utc), SchoolSchedules.Utc(new DateOnly(2030, 11, 6), new TimeOnly(9, 0)));
        Assert.Equal(new DateTime(2030, 6, 6, 7, 0, 0, DateTimeKind.Utc), SchoolSchedules.Utc(new DateOnly(2030, 6, 6), new TimeOnly(9, 0)));
    }

    [Fact]
    public async Task A_schedule_mail_that_failed_goes_in_the_next_round_and_every_mailed_link_keeps_working()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var e = await EventAsync(factory, coordinator, "roosterweer");
        Assert.Equal(HttpStatusCode.Created, (await Anonymous(factory).PostAsJsonAsync($"/api/v1/workshop-days/{e.Id}/registrations",
            Registration("School 0", "school0@roosterweer.example", Class("Groep 8", e.Day1, e.Workshops1[0], e.Workshops1[1])))).StatusCode);
        await factory.InDbAsync(db => db.SchoolRegistrations.Where(r => r.EventId == e.Id).ExecuteUpdateAsync(x => x.SetProperty(r => r.EmailConfirmedAt, DateTime.UtcNow)));
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PostAsync($"/api/v1/workshop-days/{e.Id}/allocation", null)).StatusCode);
        await MailToAsync(factory, "school0@roosterweer.example");

        // The mail server is away at publication (here: the pickup folder cannot be written). Publishing still succeeds.
        var aside = factory.MailFolder + ".weg";
        Directory.Move(factory.MailFolder, aside);
        await File.WriteAllTextAsync(factory.MailFolder, "geen map");
        try
        {
            Assert.Equal(HttpStatusCode.NoContent, (await coordinator.PostAsync($"/api/v1/workshop-days/{e.Id}/publication", null)).StatusCode);
        }
        finally
        {
            File.Delete(factory.MailFolder);
            Directory.Move(aside, factory.MailFolder);
        }
        Assert.DoesNotContain(MailTo(factory, "school0@roosterweer.example"), m => m.Subject!.StartsWith("Rooster"));
        Assert.Null(await factory.InDbAsync(db => db.SchoolRegistrations.Where(r => r.EventId == e.Id).Select(r => r.ScheduleMailedAt).SingleAsync()));

        // The next round (the timer's) sends it.
        async Task<int> RoundAsync()
        {
            using var scope = factory.Services.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<SchoolSchedules>().MailPublishedAsync(e.Id, CancellationToken.None);
        }
        Assert.Equal(1, await RoundAsync());
        Assert.Equal(0, await RoundAsync());
        static string LinkOf(MimeKit.MimeMessage m) => Regex.Matches(WebUtility.HtmlDecode(m.HtmlBody!), "href=\"([^\"]+)\"").Select(x => new Uri(x.Groups[1].Value).PathAndQuery)
            .Single(l => l.StartsWith("/workshopdagen/mijn-rooster"));
        var first = LinkOf(Assert.Single(await MailToAsync(factory, "school0@roosterweer.example", 2), m => m.Subject!.StartsWith("Rooster")));

        // Later a class of the school moves up from the waiting list: the claim is given back and the school mailed again
        // (as WaitingList does). The link of the first mail still works beside the new one.
        await factory.InDbAsync(db => db.SchoolRegistrations.Where(r => r.EventId == e.Id).ExecuteUpdateAsync(x => x.SetProperty(r => r.ScheduleMailedAt, (DateTime?)null)));
        Assert.Equal(1, await RoundAsync());
        var links = (await MailToAsync(factory, "school0@roosterweer.example", 3)).Where(m => m.Subject!.StartsWith("Rooster")).Select(LinkOf).ToList();
        Assert.Equal(2, links.Count);
        foreach (var link in links)
            Assert.Contains("Rooster van School 0", WebUtility.HtmlDecode(await Anonymous(factory).GetStringAsync(link)));
        Assert.Contains(first, links);
    }
}

public sealed class SchoolScheduleSqlite(SqliteFactory factory) : SchoolScheduleTests<SqliteFactory>(factory);
public sealed class SchoolSchedulePostgres(PostgresFactory factory) : SchoolScheduleTests<PostgresFactory>(factory);
