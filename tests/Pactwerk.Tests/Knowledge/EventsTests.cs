using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Knowledge;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Knowledge;

public abstract class EventsTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private async Task<int> CreateAsync(object body)
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var response = await coordinator.PostAsJsonAsync("/api/v1/events", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.ReadAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    private Task<int> LeadsMeetingAsync() => factory.InDbAsync(db => db.Events.Where(e => e.Kind == EventKind.LandsdeelLeadsMeeting).Select(e => e.Id).FirstAsync());

    [Theory]
    [InlineData("anonymous", HttpStatusCode.NotFound)]
    [InlineData("lid@pactwerk.demo", HttpStatusCode.NotFound)]
    [InlineData("coordinator@zorgpact.demo", HttpStatusCode.NotFound)]
    [InlineData("oost@techniekpact.demo", HttpStatusCode.OK)]
    [InlineData("coordinator@techniekpact.demo", HttpStatusCode.OK)]
    public async Task An_internal_meeting_and_its_minutes_are_for_its_members_and_the_pacts_coordinators(string who, HttpStatusCode expected)
    {
        var client = who == "anonymous" ? Anonymous(factory) : await SignInAsync(factory, who);
        var id = await LeadsMeetingAsync();
        var minutes = await factory.InDbAsync(db => db.Events.Where(e => e.Id == id).Select(e => e.Minutes!).SingleAsync());

        var api = await client.GetAsync($"/api/v1/events/{id}");
        Assert.Equal(expected, api.StatusCode);
        Assert.Equal(expected, (await client.GetAsync($"/evenementen/{id}")).StatusCode);
        var list = await client.GetStringAsync("/api/v1/events");
        var page = await client.GetStringAsync("/evenementen");
        if (expected == HttpStatusCode.OK)
        {
            Assert.Equal(minutes, (await api.ReadAsync<JsonElement>()).GetProperty("meeting").GetProperty("minutes").GetString());
            Assert.Contains("Overleg landsdeeltrekkers", page);
        }
        else
        {
            Assert.DoesNotContain("Overleg landsdeeltrekkers", list);
            Assert.DoesNotContain("Overleg landsdeeltrekkers", page);
            Assert.DoesNotContain(minutes, list);
        }
        Assert.DoesNotContain("Overleg landsdeeltrekkers", await Anonymous(factory).GetStringAsync("/api/v1/pacts/techniekpact/calendar.ics"));
    }

    [Fact]
    public async Task The_region_filter_includes_every_region_inside_it_counted_independently()
    {
        var zwolle = await CreateAsync(new { pact = "techniekpact", region = "GM0193", title = "Filter Zwolle", startsAt = "2030-05-01T10:00", endsAt = "2030-05-01T12:00" });
        var overijssel = await CreateAsync(new { pact = "techniekpact", region = "PV23", title = "Filter Overijssel", startsAt = "2030-05-02T10:00", endsAt = "2030-05-02T12:00" });
        var utrecht = await CreateAsync(new { pact = "techniekpact", region = "PV26", title = "Filter Utrecht", startsAt = "2030-05-03T10:00", endsAt = "2030-05-03T12:00" });

        var oost = await Anonymous(factory).GetFromJsonAsync<JsonElement>("/api/v1/events?region=tp-oost&from=2030-01-01&to=2030-12-31");
        var ids = oost.EnumerateArray().Select(e => e.GetProperty("id").GetInt32()).ToHashSet();
        Assert.Contains(zwolle, ids);
        Assert.Contains(overijssel, ids);
        Assert.DoesNotContain(utrecht, ids);

        // Independently: public events of 2030 whose region's municipalities all lie in Oost's, by hand from the memberships.
        var expected = await factory.InDbAsync(async db =>
        {
            var oostId = await db.Regions.Where(r => r.Code == "TP-OOST").Select(r => r.Id).SingleAsync();
            var inOost = (await db.RegionMemberships.Where(m => m.RegionId == oostId && m.ValidTo == null).Select(m => m.MunicipalityId).ToListAsync()).ToHashSet();
            var from = new DateTime(2029, 12, 31, 23, 0, 0, DateTimeKind.Utc);
            var events = await db.Events.Where(e => e.IsPublic && e.RegionId != null && e.StartsAt >= from && e.StartsAt.Year == 2030).Select(e => e.RegionId!.Value).ToListAsync();
            var count = 0;
            foreach (var region in events)
            {
                var own = await db.RegionMemberships.Where(m => m.RegionId == region && m.ValidTo == null).Select(m => m.MunicipalityId).ToListAsync();
                var municipalities = own.Count > 0 ? own : [region];
                if (municipalities.All(inOost.Contains))
                    count++;
            }
            return count;
        });
        Assert.Equal(expected, ids.Count);
        Assert.Equal(3, (await Anonymous(factory).GetFromJsonAsync<JsonElement>("/api/v1/events?pact=techniekpact&from=2030-05-01&to=2030-05-03")).GetArrayLength());
        Assert.Equal(1, (await Anonymous(factory).GetFromJsonAsync<JsonElement>("/api/v1/events?pact=techniekpact&from=2030-05-02&to=2030-05-02")).GetArrayLength());
    }

    [Theory]
    [InlineData("from=31-12-2026", "from", "geen datum")]
    [InlineData("to=morgen", "to", "geen datum")]
    [InlineData("pact=bestaatniet", "pact", "geen pact")]
    [InlineData("region=XX99", "region", "geen regio")]
    [InlineData("from=2026-05-01&to=2026-01-01", "to", "voor")]
    public async Task Bad_filters_get_400_with_a_clear_message(string query, string field, string message)
    {
        var response = await Anonymous(factory).GetAsync("/api/v1/events?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadAsync<JsonElement>()).GetProperty("errors").GetProperty(field)[0].GetString()!;
        Assert.Contains(message, errors);
    }

    [Fact]
    public async Task The_calendar_feed_is_valid_iCalendar_with_only_public_events_in_UTC()
    {
        var title = "Feed; test, met \\ backslash en een lange titel die zeker over de vijfenzeventig octetten heen gaat — coördinatie";
        var id = await CreateAsync(new
        {
            pact = "techniekpact", title, startsAt = "2031-03-30T01:30", endsAt = "2031-03-30T04:00", place = "Zwolle, Overijssel",
            programme = "Regel één;\nRegel twee, met komma",
        });
        await CreateAsync(new { pact = "techniekpact", isPublic = false, title = "Geheim feedoverleg", startsAt = "2031-04-01T10:00", endsAt = "2031-04-01T11:00" });

        var response = await Anonymous(factory).GetAsync("/api/v1/pacts/techniekpact/calendar.ics");
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        var raw = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("\n", raw.Replace("\r\n", ""));
        Assert.All(raw.Split("\r\n"), line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, line));
        var events = ParseEvents(raw);

        var expected = await factory.InDbAsync(async db =>
        {
            var pact = await db.Pacts.Where(p => p.Code == "techniekpact").Select(p => p.Id).SingleAsync();
            return await db.Events.Where(e => e.IsPublic && e.PactId == pact).Select(e => new { e.Id, e.Title, e.StartsAt, e.EndsAt }).ToListAsync();
        });
        Assert.Equal(expected.Select(e => $"event-{e.Id}@events.pactwerk").Order(), events.Select(e => e["UID"]).Order());
        foreach (var e in expected)
        {
            var parsed = events.Single(p => p["UID"] == $"event-{e.Id}@events.pactwerk");
            Assert.Equal(e.StartsAt.ToString("yyyyMMdd'T'HHmmss'Z'"), parsed["DTSTART"]);
            Assert.Equal(e.EndsAt.ToString("yyyyMMdd'T'HHmmss'Z'"), parsed["DTEND"]);
            Assert.Equal(e.Title, Unescape(parsed["SUMMARY"]));
        }
        var mine = events.Single(p => p["UID"] == $"event-{id}@events.pactwerk");
        // 01:30 on the last Sunday of March is still winter time (UTC+1); the clocks go forward at 02:00.
        Assert.Equal("20310330T003000Z", mine["DTSTART"]);
        Assert.Equal("20310330T020000Z", mine["DTEND"]);
        Assert.Equal("Regel één;\nRegel twee, met komma", Unescape(mine["DESCRIPTION"]));
        Assert.Equal("Zwolle\\, Overijssel", mine["LOCATION"]);
        Assert.DoesNotContain("Geheim feedoverleg", raw);
        Assert.StartsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", raw);
        Assert.EndsWith("END:VCALENDAR\r\n", raw);

        var region = await Anonymous(factory).GetStringAsync("/api/v1/regions/PV26/calendar.ics");
        Assert.Contains("Techniek Driedaagse 2018", region);
        Assert.DoesNotContain(title[..10], region);
        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous(factory).GetAsync("/api/v1/regions/XX99/calendar.ics")).StatusCode);
    }

    /// <summary>An independent reader: unfolds lines, splits name and value, one dictionary per VEVENT.</summary>
    private static List<Dictionary<string, string>> ParseEvents(string raw)
    {
        var unfolded = raw.Replace("\r\n ", "").Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var events = new List<Dictionary<string, string>>();
        Dictionary<string, string>? current = null;
        foreach (var line in unfolded)
        {
            if (line == "BEGIN:VEVENT")
                current = [];
            else if (line == "END:VEVENT")
                events.Add(current!);
            else if (current is not null)
                current[line[..line.IndexOf(':')]] = line[(line.IndexOf(':') + 1)..];
        }
        return events;
    }

    private static string Unescape(string value)
    {
        var text = new StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length)
            {
                i++;
                text.Append(value[i] is 'n' or 'N' ? '\n' : value[i]);
            }
            else
                text.Append(value[i]);
        }
        return text.ToString();
    }

    [Fact]
    public async Task Registration_refuses_bad_input_duplicates_and_floods_and_saves_nothing_then_and_a_full_event_has_a_waiting_list()
    {
        var id = await CreateAsync(new { pact = "techniekpact", title = "Aanmeldtest", startsAt = "2032-01-10T10:00", endsAt = "2032-01-10T12:00", capacity = 2 });
        var client = Anonymous(factory);
        Task<int> Count() => factory.InDbAsync(db => db.EventRegistrations.CountAsync(r => r.EventId == id));
        async Task<(HttpStatusCode, string)> Register(string name, string email)
        {
            var r = await client.PostAsJsonAsync($"/api/v1/events/{id}/registrations", new { name, email });
            return (r.StatusCode, await r.Content.ReadAsStringAsync());
        }

        var (status, body) = await Register("Anna", "geen-adres");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("geldig e-mailadres", body);
        Assert.Equal(0, await Count());
        Assert.Equal(HttpStatusCode.Created, (await Register("Anna", "Anna@Example.org")).Item1);
        (status, body) = await Register("Anna B", "anna@example.org ");
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("al aangemeld", body);
        Assert.Equal(HttpStatusCode.Created, (await Register("Bert", "bert@example.org")).Item1);
        // Full: the next one goes onto the waiting list, without a place.
        (status, body) = await Register("Carla", "carla@example.org");
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.True(JsonDocument.Parse(body).RootElement.GetProperty("waiting").GetBoolean());
        Assert.Equal(3, await Count());
        // Five attempts per address and event in ten minutes: the sixth is refused.
        (status, body) = await Register("Dirk", "dirk@example.org");
        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Contains("te veel aanmeldingen", body);
        Assert.Equal(3, await Count());
        Assert.Equal(["anna@example.org", "bert@example.org"], await factory.InDbAsync(db => db.EventRegistrations.Where(r => r.EventId == id && r.PlaceNumber != null).OrderBy(r => r.Email).Select(r => r.Email).ToListAsync()));
    }

    [Fact]
    public async Task The_registration_form_on_the_page_shows_a_clear_error_and_saves_nothing()
    {
        var id = await CreateAsync(new { pact = "techniekpact", title = "Formuliertest", startsAt = "2032-02-10T10:00", endsAt = "2032-02-10T12:00", capacity = 10 });
        var client = Anonymous(factory);
        var bad = await PostFormAsync(client, $"/evenementen/{id}", new() { ["Input.Name"] = "<script>alert(1)</script>", ["Input.Email"] = "x@" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var html = await bad.Content.ReadAsStringAsync();
        Assert.Contains("role=\"alert\"", html);
        Assert.DoesNotContain("<script>alert(1)</script>", html);
        var good = await PostFormAsync(client, $"/evenementen/{id}", new() { ["Input.Name"] = "Eva", ["Input.Email"] = "eva@example.org" });
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal(1, await factory.InDbAsync(db => db.EventRegistrations.CountAsync(r => r.EventId == id)));
    }

    [Fact]
    public async Task Coordinators_of_other_pacts_may_not_plan_or_change_events_and_a_stale_edit_is_refused()
    {
        var zorg = await SignInAsync(factory, "coordinator@zorgpact.demo");
        Assert.Equal(HttpStatusCode.Forbidden, (await zorg.PostAsJsonAsync("/api/v1/events", new { pact = "techniekpact", title = "X", startsAt = "2030-01-01T10:00", endsAt = "2030-01-01T11:00" })).StatusCode);
        var id = await CreateAsync(new { pact = "techniekpact", title = "Versietest", startsAt = "2030-06-01T10:00", endsAt = "2030-06-01T11:00" });
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var body = new { pact = "techniekpact", title = "Versietest 2", startsAt = "2030-06-01T10:00", endsAt = "2030-06-01T11:00", version = 0 };
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PutAsJsonAsync($"/api/v1/events/{id}", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await coordinator.PutAsJsonAsync($"/api/v1/events/{id}", body with { title = "Versietest 3" })).StatusCode);
        var invalid = await coordinator.PostAsJsonAsync("/api/v1/events", new { pact = "techniekpact", title = "", startsAt = "gisteren", endsAt = "2030-01-01T11:00", registrationUrl = "javascript:alert(1)" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await invalid.ReadAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("Title", out _) && errors.TryGetProperty("StartsAt", out _) && errors.TryGetProperty("RegistrationUrl", out _));
        Assert.Equal("Versietest 2", await factory.InDbAsync(db => db.Events.Where(e => e.Id == id).Select(e => e.Title).SingleAsync()));
    }

    [Fact]
    public async Task A_coordinator_plans_an_internal_meeting_with_the_form_and_only_its_members_see_the_minutes()
    {
        var zorg = await SignInAsync(factory, "coordinator@zorgpact.demo");
        var refused = await zorg.GetAsync("/evenementen/nieuw?pact=techniekpact");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/geen-toegang", refused.Headers.Location!.OriginalString);
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var fields = new Dictionary<string, string>
        {
            ["Input.Title"] = "Stuurgroep via formulier", ["Input.Kind"] = "SteeringGroup", ["Input.IsPublic"] = "false",
            ["Input.StartsAt"] = "2030-09-01T10:00", ["Input.EndsAt"] = "2030-09-01T09:00", ["Input.Minutes"] = "Besloten verslag 51c2.",
            ["MemberLines"] = "noord@techniekpact.demo\nniemand@example.org", ["DocumentLines"] = "Stukken | https://example.org/stukken.pdf",
        };
        var bad = await PostFormAsync(coordinator, "/evenementen/nieuw?pact=techniekpact", new(fields));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var html = await bad.Content.ReadAsStringAsync();
        Assert.Contains("role=\"alert\"", html);
        Assert.Contains("Het einde ligt voor het begin.", html);
        Assert.Contains("niemand@example.org", html);
        Assert.False(await factory.InDbAsync(db => db.Events.AnyAsync(e => e.Title == "Stuurgroep via formulier")));

        fields["Input.EndsAt"] = "2030-09-01T12:00";
        fields["MemberLines"] = "noord@techniekpact.demo";
        var saved = await PostFormAsync(coordinator, "/evenementen/nieuw?pact=techniekpact", new(fields));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var address = saved.Headers.Location!.OriginalString;
        Assert.Contains("Besloten verslag 51c2.", await (await SignInAsync(factory, "noord@techniekpact.demo")).GetStringAsync(address));
        Assert.Equal(HttpStatusCode.NotFound, (await (await SignInAsync(factory, "oost@techniekpact.demo")).GetAsync(address)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous(factory).GetAsync(address)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await zorg.GetAsync(address)).StatusCode);
    }
}

public sealed class EventsSqlite(SqliteFactory factory) : EventsTests<SqliteFactory>(factory);
public sealed class EventsPostgres(PostgresFactory factory) : EventsTests<PostgresFactory>(factory);
