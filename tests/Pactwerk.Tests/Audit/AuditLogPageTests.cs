using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Audit;

/// <summary>The audit log page as a coordinator reads it: named actions, Dutch time, field: old → new, filters and pages.</summary>
public abstract class AuditLogPageTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    [Fact]
    public async Task A_change_reads_as_field_old_to_new_with_a_named_action_in_Dutch_time_linked_to_its_record()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var created = await coordinator.PostAsJsonAsync("/api/v1/events",
            new { pact = "techniekpact", title = "Oude titel", startsAt = "2034-01-10T10:00", endsAt = "2034-01-10T12:00" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.ReadAsync<JsonElement>()).GetProperty("id").GetInt32();
        var changed = await coordinator.PutAsJsonAsync($"/api/v1/events/{id}",
            new { pact = "techniekpact", title = "Nieuwe titel", startsAt = "2034-01-10T10:00", endsAt = "2034-01-10T12:00", version = 0 });
        Assert.True(changed.StatusCode == HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());

        var html = await coordinator.GetStringAsync($"/beheer/audit?entityType=Event&entityId={id}");
        Assert.Contains("<td>Aangemaakt</td>", html);
        Assert.Contains("<td>Gewijzigd</td>", html);
        Assert.Contains("<strong>Title</strong>: <del>Oude titel</del> → <ins>Nieuwe titel</ins>", html);
        Assert.Contains($"href=\"/evenementen/{id}\"", html);
        // The raw JSON is gone from the page.
        Assert.DoesNotContain("{&quot;", html);
        // The time, in Amsterdam, computed here from the stored UTC.
        var at = await factory.InDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "Event" && a.EntityId == id.ToString() && a.Action == "Updated").Select(a => a.At).SingleAsync());
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(at, DateTimeKind.Utc), Amsterdam);
        Assert.Contains(local.ToString("HH:mm:ss"), html);
        Assert.Equal(2, CountRows(html));

        var english = await coordinator.GetStringAsync($"/beheer/audit?entityType=Event&entityId={id}&action=Updated&culture=en");
        Assert.Contains("<td>Changed</td>", english);
        Assert.DoesNotContain("<td>Gewijzigd</td>", english);
        Assert.Equal(1, CountRows(english));
    }

    // Written out by hand, not through NumberFormat: Dutch thousands get a point, one line is singular.
    private static string Found(int n) => n == 1 ? "1 regel gevonden"
        : n.ToString("#,0", System.Globalization.CultureInfo.GetCultureInfo("nl-NL")) + " regels gevonden";

    [Fact]
    public async Task The_log_is_paged_by_fifty_and_filters_by_period_and_person()
    {
        var admin = await SignInAsync(factory, "beheerder@pactwerk.demo");
        var total = await factory.InDbAsync(db => db.AuditEntries.CountAsync());
        var pages = (total + 49) / 50;
        Assert.True(pages > 1, $"{total} lines: the demo should fill more than one page");
        var first = await admin.GetStringAsync("/beheer/audit");
        Assert.Contains(Found(total), first);
        Assert.Contains($"pagina 1 van {pages}", first);
        Assert.Equal(50, CountRows(first));
        Assert.DoesNotContain("rel=\"prev\"", first);
        var last = await admin.GetStringAsync($"/beheer/audit?p={pages}");
        Assert.Equal(total - (pages - 1) * 50, CountRows(last));
        Assert.Contains("rel=\"prev\"", last);
        Assert.DoesNotContain("rel=\"next\"", last);

        // A period with nothing in it, and a person who did nothing.
        Assert.Equal(0, CountRows(await admin.GetStringAsync("/beheer/audit?from=2001-01-01&to=2001-12-31")));
        Assert.Contains("0 regels gevonden", await admin.GetStringAsync("/beheer/audit?person=Niemand-bestaat-zo"));
        // Paging links keep the filters.
        var filtered = await admin.GetStringAsync("/beheer/audit?action=Created");
        var created = await factory.InDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "Created"));
        Assert.Contains(Found(created), filtered);
        if (created > 50)
            Assert.Contains("href=\"?action=Created&amp;p=2\"", filtered);
    }

    [Fact]
    public async Task Others_do_not_read_the_log()
    {
        var member = await SignInAsync(factory, "lid@pactwerk.demo");
        var response = await member.GetAsync("/beheer/audit");
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    private static int CountRows(string html)
    {
        var body = html[html.IndexOf("<tbody>", StringComparison.Ordinal)..html.IndexOf("</tbody>", StringComparison.Ordinal)];
        return System.Text.RegularExpressions.Regex.Matches(body, "<tr>").Count;
    }
}

public sealed class AuditLogPageSqlite(SqliteFactory factory) : AuditLogPageTests<SqliteFactory>(factory);
public sealed class AuditLogPagePostgres(PostgresFactory factory) : AuditLogPageTests<PostgresFactory>(factory);
