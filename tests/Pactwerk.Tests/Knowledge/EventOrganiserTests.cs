using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Knowledge;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Knowledge;

/// <summary>
/// What an organiser runs: the confirmation mail with the event for the calendar, the waiting list
/// and who moves up when someone cancels through their link, the registrant export, the archive.
/// </summary>
public abstract class EventOrganiserTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private async Task<int> CreateAsync(string title, int capacity, string place = "Jaarbeurs, Utrecht")
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var response = await coordinator.PostAsJsonAsync("/api/v1/events",
            new { pact = "techniekpact", title, startsAt = "2033-06-10T13:00", endsAt = "2033-06-10T17:30", place, capacity });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.ReadAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    private async Task<HttpStatusCode> RegisterAsync(int id, string name, string email)
    {
        var response = await Anonymous(factory).PostAsJsonAsync($"/api/v1/events/{id}/registrations", new { name, email });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return response.StatusCode;
    }

    private Task<List<(string Email, int? Place)>> RegistrationsAsync(int id) =>
        factory.InDbAsync(async db => (await db.EventRegistrations.Where(r => r.EventId == id).OrderBy(r => r.Id).Select(r => new { r.Email, r.PlaceNumber }).ToListAsync())
            .Select(r => (r.Email, r.PlaceNumber)).ToList());

    /// <summary>Every mail to a registrant is in the language they signed up in, also one sent on another visitor's request.</summary>
    [Fact]
    public async Task Each_registrant_hears_in_the_language_they_registered_in()
    {
        var id = await CreateAsync("Techniekdag", 1);
        var english = Anonymous(factory);
        Assert.Equal(HttpStatusCode.Created, (await english.PostAsJsonAsync($"/api/v1/events/{id}/registrations?culture=en", new { name = "Emma Jones", email = "emma@example.org" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await english.PostAsJsonAsync($"/api/v1/events/{id}/registrations?culture=en", new { name = "Liam Smith", email = "liam@example.org" })).StatusCode);
        await RegisterAsync(id, "Sanne de Boer", "sanne@example.org");

        Assert.Equal(["en", "en", "nl"], await factory.InDbAsync(db => db.EventRegistrations.Where(r => r.EventId == id).OrderBy(r => r.Id).Select(r => r.Language).ToListAsync()));
        var confirmation = MailTo(factory, "emma@example.org").Single();
        Assert.Equal("Registered: Techniekdag", confirmation.Subject);
        Assert.StartsWith("Dear Emma Jones,", confirmation.TextBody);
        Assert.Contains("When: Friday 10 June 2033 13:00 – 17:30 (Netherlands time)", confirmation.TextBody);
        Assert.Contains("Where: Jaarbeurs, Utrecht", confirmation.TextBody);
        Assert.Contains("Can you not come? Cancel via", confirmation.TextBody);
        Assert.Contains("<html lang=\"en\">", confirmation.HtmlBody);
        Assert.Equal("event.ics", confirmation.Attachments.OfType<MimePart>().Single().FileName);
        var waiting = MailTo(factory, "liam@example.org").Single();
        Assert.Equal("Waiting list: Techniekdag", waiting.Subject);
        Assert.Contains("as number 1", waiting.TextBody);
        var dutch = MailTo(factory, "sanne@example.org").Single();
        Assert.Equal("Wachtlijst: Techniekdag", dutch.Subject);
        Assert.Contains("als nummer 2", dutch.TextBody);
        Assert.Contains("Wanneer: vrijdag 10 juni 2033 13:00 – 17:30 (Nederlandse tijd)", dutch.TextBody);
        Assert.Contains("<html lang=\"nl\">", dutch.HtmlBody);

        // Emma cancels on the Dutch page; Liam, who signed up in English, hears of his place in English.
        var link = LinkIn(confirmation);
        Assert.Equal(HttpStatusCode.OK, (await PostFormAsync(Anonymous(factory), link, new() { ["Token"] = TokenOf(link) })).StatusCode);
        var place = (await MailToAsync(factory, "liam@example.org", 2))[1];
        Assert.Equal("There is a place for you: Techniekdag", place.Subject);
        Assert.Contains("A place came free at Techniekdag", place.TextBody);
        Assert.Equal("event.ics", place.Attachments.OfType<MimePart>().Single().FileName);
        Assert.Single(MailTo(factory, "sanne@example.org"));
    }

    [Fact]
    public async Task A_registrant_gets_the_event_as_ics_cancels_through_the_link_and_the_first_on_the_waiting_list_moves_up()
    {
        var id = await CreateAsync("Praktijkdag; techniek, zorg", 2);
        await RegisterAsync(id, "Anna de Vries", "anna@example.org");
        await RegisterAsync(id, "Bert", "bert@example.org");
        await RegisterAsync(id, "Carla", "carla@example.org");
        await RegisterAsync(id, "Dirk", "dirk@example.org");
        Assert.Equal([("anna@example.org", 1), ("bert@example.org", 2), ("carla@example.org", null), ("dirk@example.org", (int?)null)], await RegistrationsAsync(id));

        // The confirmation carries an RFC 5545 VEVENT: UID, DTSTAMP, DTSTART/DTEND in UTC (13:00 and 17:30 in June are 11:00 and 15:30 UTC), SUMMARY, LOCATION.
        var confirmation = MailTo(factory, "anna@example.org").Single();
        Assert.StartsWith("Aangemeld:", confirmation.Subject);
        var ics = confirmation.Attachments.OfType<MimePart>().Single();
        Assert.Equal("text/calendar", ics.ContentType.MimeType);
        Assert.EndsWith(".ics", ics.FileName);
        using var content = new MemoryStream();
        await ics.Content!.DecodeToAsync(content);
        var calendar = Encoding.UTF8.GetString(content.ToArray());
        Assert.Contains("BEGIN:VEVENT\r\n", calendar);
        Assert.Contains($"UID:event-{id}@{CalendarFeed.UidDomain}\r\n", calendar);
        Assert.Matches(@"DTSTAMP:\d{8}T\d{6}Z\r\n", calendar);
        Assert.Contains("DTSTART:20330610T110000Z\r\n", calendar);
        Assert.Contains("DTEND:20330610T153000Z\r\n", calendar);
        Assert.Contains("SUMMARY:Praktijkdag\\; techniek\\, zorg\r\n", calendar);
        Assert.Contains("LOCATION:Jaarbeurs\\, Utrecht\r\n", calendar);
        // The waiting list hears its number, with no event for the calendar yet.
        var waiting = MailTo(factory, "carla@example.org").Single();
        Assert.StartsWith("Wachtlijst:", waiting.Subject);
        Assert.Contains("als nummer 1", waiting.TextBody);
        Assert.Empty(waiting.Attachments);
        Assert.Contains("als nummer 2", MailTo(factory, "dirk@example.org").Single().TextBody);

        // The link opens a confirm page, without an account; opening it changes nothing.
        var link = LinkIn(confirmation);
        Assert.StartsWith("/evenementen/afmelden?token=", link);
        var visitor = Anonymous(factory);
        var confirmPage = await visitor.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, confirmPage.StatusCode);
        Assert.Contains("Anna de Vries", await confirmPage.Content.ReadAsStringAsync());
        Assert.Equal(4, (await RegistrationsAsync(id)).Count);

        var cancelled = await PostFormAsync(visitor, link, new() { ["Token"] = TokenOf(link) });
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Contains("Je bent afgemeld", await cancelled.Content.ReadAsStringAsync());
        // Anna's place goes to Carla, the first on the waiting list; Dirk still waits.
        Assert.Equal([("bert@example.org", 2), ("carla@example.org", 1), ("dirk@example.org", (int?)null)], await RegistrationsAsync(id));
        var place = (await MailToAsync(factory, "carla@example.org", 2))[1];
        Assert.StartsWith("Er is een plaats voor je:", place.Subject);
        Assert.Single(place.Attachments);
        Assert.Single(MailTo(factory, "dirk@example.org"));

        // The same link again, a made-up one and an empty one: a clear message, and nothing changes.
        foreach (var token in new[] { TokenOf(link), "bestaat-niet", "" })
        {
            var again = await PostFormAsync(visitor, "/evenementen/afmelden?token=" + Uri.EscapeDataString(token), new() { ["Token"] = token }, formPage: "/evenementen");
            Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
            Assert.Contains("niet geldig", await again.Content.ReadAsStringAsync());
        }
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/evenementen/afmelden?token=bestaat-niet")).StatusCode);
        Assert.Equal(3, (await RegistrationsAsync(id)).Count);
        // The database holds no token that would cancel: only its hash.
        Assert.DoesNotContain(TokenOf(link), await factory.InDbAsync(db => db.EventRegistrations.Select(r => r.CancelTokenHash!).ToListAsync()));
    }

    [Fact]
    public async Task Capacity_cannot_drop_below_a_taken_place_and_more_places_move_the_waiting_list_up()
    {
        var id = await CreateAsync("Capaciteitstest", 2);
        await RegisterAsync(id, "Een", "cap-een@example.org");
        await RegisterAsync(id, "Twee", "cap-twee@example.org");
        await RegisterAsync(id, "Drie", "cap-drie@example.org");
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        async Task<HttpResponseMessage> SetCapacity(int capacity)
        {
            var version = (await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/events/{id}")).GetProperty("version").GetInt32();
            return await coordinator.PutAsJsonAsync($"/api/v1/events/{id}", new
            {
                pact = "techniekpact", title = "Capaciteitstest", startsAt = "2033-06-10T13:00", endsAt = "2033-06-10T17:30",
                place = "Jaarbeurs, Utrecht", capacity, version,
            });
        }

        var lower = await SetCapacity(1);
        Assert.Equal(HttpStatusCode.BadRequest, lower.StatusCode);
        Assert.Contains("Plaats 2 is al bezet", await lower.Content.ReadAsStringAsync());
        Assert.Equal(2, await factory.InDbAsync(db => db.Events.Where(e => e.Id == id).Select(e => e.Capacity!.Value).SingleAsync()));

        var higher = await SetCapacity(3);
        Assert.Equal(HttpStatusCode.OK, higher.StatusCode);
        Assert.Equal([("cap-een@example.org", 1), ("cap-twee@example.org", 2), ("cap-drie@example.org", (int?)3)], await RegistrationsAsync(id));
        Assert.StartsWith("Er is een plaats voor je", (await MailToAsync(factory, "cap-drie@example.org", 2))[1].Subject);
    }

    [Fact]
    public async Task The_English_cancel_page_reads_in_English()
    {
        var id = await CreateAsync("Open dag", 5);
        await RegisterAsync(id, "Eva", "eva-en@example.org");
        var link = LinkIn(MailTo(factory, "eva-en@example.org").Single());
        var client = Anonymous(factory);
        var page = await client.GetStringAsync(link + "&culture=en");
        Assert.Contains("do you want to cancel your registration for Open dag", page);
    }

    [Theory]
    [InlineData("anonymous", HttpStatusCode.Unauthorized)]
    [InlineData("lid@pactwerk.demo", HttpStatusCode.Forbidden)]
    [InlineData("oost@techniekpact.demo", HttpStatusCode.Forbidden)]
    [InlineData("coordinator@zorgpact.demo", HttpStatusCode.Forbidden)]
    [InlineData("coordinator@techniekpact.demo", HttpStatusCode.OK)]
    [InlineData("beheerder@pactwerk.demo", HttpStatusCode.OK)]
    public async Task Only_the_organisers_see_and_export_the_registrants(string who, HttpStatusCode expected)
    {
        var id = await CreateAsync($"Exporttest {who}", 1);
        await RegisterAsync(id, "=HYPERLINK(\"http://kwaad.example\";\"klik\")", $"een-{who.Replace('@', '.')}@example.org");
        await RegisterAsync(id, "Zoë; van \"Dijk\"", $"twee-{who.Replace('@', '.')}@example.org");
        var client = who == "anonymous" ? Anonymous(factory) : await SignInAsync(factory, who);

        var export = await client.GetAsync($"/api/v1/events/{id}/registrations.csv");
        var page = await client.GetStringAsync($"/evenementen/{id}");
        if (expected != HttpStatusCode.OK)
        {
            // Anonymous API calls are refused before the handler (401 or a redirect to sign in): either way, no list.
            Assert.True(export.StatusCode == expected || (who == "anonymous" && export.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found),
                $"{who}: {(int)export.StatusCode}");
            Assert.DoesNotContain("example.org", await export.Content.ReadAsStringAsync());
            Assert.DoesNotContain("example.org", page);
            Assert.DoesNotContain("registrations.csv", page);
            return;
        }
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        var bytes = await export.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(EventRegistrants.CsvHeader, lines[0]);
        Assert.Equal(3, lines.Length);
        // The formula is defused (a leading ') and quoted because it holds ';' and '"'; the waiting one is second, number 1.
        Assert.StartsWith("aangemeld;1;;\"'=HYPERLINK(\"\"http://kwaad.example\"\";\"\"klik\"\")\";een-", lines[1]);
        Assert.StartsWith("wachtlijst;;1;\"Zoë; van \"\"Dijk\"\"\";twee-", lines[2]);
        Assert.Matches(@";\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0[12]:00;$", lines[2]);
        Assert.Contains("registrations.csv", page);
        Assert.Contains("Zoë; van &quot;Dijk&quot;", page);
    }

    [Fact]
    public async Task Past_events_leave_the_upcoming_list_for_the_archive()
    {
        var upcoming = await CreateAsync("Komt nog", 10);
        var past = await factory.InDbAsync(async db =>
        {
            var pact = await db.Pacts.SingleAsync(p => p.Code == "techniekpact");
            var e = new Event { PactId = pact.Id, Kind = EventKind.Event, IsPublic = true, Title = "Was vorig jaar", StartsAt = new DateTime(2024, 3, 1, 9, 0, 0, DateTimeKind.Utc), EndsAt = new DateTime(2024, 3, 1, 12, 0, 0, DateTimeKind.Utc) };
            db.Events.Add(e);
            await db.SaveChangesAsync();
            return e.Id;
        });
        var client = Anonymous(factory);
        var list = await client.GetStringAsync("/evenementen");
        Assert.Contains($"/evenementen/{upcoming}\"", list);
        Assert.DoesNotContain($"/evenementen/{past}\"", list);
        var archive = await client.GetStringAsync("/evenementen/archief?pact=techniekpact");
        Assert.Contains($"/evenementen/{past}\"", archive);
        Assert.DoesNotContain($"/evenementen/{upcoming}\"", archive);
        Assert.Contains("aria-current=\"page\">Archief", archive);
        // Over: no registration form any more.
        Assert.DoesNotContain("Input.Email", await client.GetStringAsync($"/evenementen/{past}"));
    }

    private static string TokenOf(string link) => Uri.UnescapeDataString(link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..]);
}

public sealed class EventOrganiserSqlite(SqliteFactory factory) : EventOrganiserTests<SqliteFactory>(factory);
public sealed class EventOrganiserPostgres(PostgresFactory factory) : EventOrganiserTests<PostgresFactory>(factory);
