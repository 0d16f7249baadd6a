using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Programmes;
using static Pactwerk.Tests.Infrastructure.Session;
using static Pactwerk.Tests.Programmes.ProgrammesTestData;

namespace Pactwerk.Tests.Programmes;

/// <summary>
/// A module's length in weeks: optional, a whole number 1–104, set through the API and on the set-up page in Dutch and
/// English (0, 105, 1,5 and abc refused at their row with nothing written; an unchanged save writes nothing), shown on the
/// programme's page with the programme's total only when every module has a length, and in the API's JSON.
/// </summary>
public abstract class ModuleWeeksTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private static readonly HtmlParser Parser = new();

    private Task<int> AuditAsync() => factory.InDbAsync(db => db.AuditEntries.CountAsync());

    private Task<List<(string Name, ModuleSetting Setting, int? Weeks)>> StoredAsync(string programme) => factory.InDbAsync(async db =>
        (await db.Set<ProgrammeUnit>().AsNoTracking().Where(m => db.Set<Programme>().Any(p => p.Id == m.ProgrammeId && p.Code == programme)).OrderBy(m => m.Position)
            .ToListAsync()).Select(m => (m.Name, m.Setting, m.Weeks)).ToList());

    private static async Task<int?> TotalWeeksAsync(HttpClient client, string programme)
    {
        var row = (await client.GetFromJsonAsync<JsonElement>("/api/v1/programmes")).EnumerateArray().Single(p => p.GetProperty("code").GetString() == programme);
        return row.GetProperty("totalWeeks").ValueKind == JsonValueKind.Null ? null : row.GetProperty("totalWeeks").GetInt32();
    }

    [Fact]
    public async Task The_API_takes_and_gives_each_modules_weeks_and_the_total_only_when_every_module_has_one()
    {
        var staff = await SignInAsync(factory, HvaStaff);
        var programme = await ProgrammeAsync(factory);
        var anonymous = Anonymous(factory);
        Assert.Null(await TotalWeeksAsync(anonymous, programme));

        var put = await staff.PutAsJsonAsync($"/api/v1/programmes/{programme}/modules", new object[]
        {
            new { name = "Basis programmeren", setting = "AtSchool", weeks = 12 }, new { name = "Stage", setting = "AtEmployer" },
            new { name = "Afstuderen", setting = "AtSchool", weeks = 104 },
        });
        Assert.True(put.StatusCode == HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        Assert.Equal([("Basis programmeren", ModuleSetting.AtSchool, 12), ("Stage", ModuleSetting.AtEmployer, null), ("Afstuderen", ModuleSetting.AtSchool, (int?)104)],
            await StoredAsync(programme));
        var read = (await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/programmes/{programme}/modules")).EnumerateArray()
            .Select(m => (m.GetProperty("name").GetString(), m.GetProperty("weeks").ValueKind == JsonValueKind.Null ? (int?)null : m.GetProperty("weeks").GetInt32())).ToList();
        Assert.Equal([("Basis programmeren", 12), ("Stage", null), ("Afstuderen", (int?)104)], read);
        // One module's length is unknown: no total, rather than 116 that would read as the whole.
        Assert.Null(await TotalWeeksAsync(anonymous, programme));

        // Out of range, each at its own item by its index in the list sent; nothing written.
        var audit = await AuditAsync();
        var refused = await staff.PutAsJsonAsync($"/api/v1/programmes/{programme}/modules", new object[]
        {
            new { name = "Basis programmeren", setting = "AtSchool", weeks = 0 }, new { name = "Stage", setting = "AtEmployer", weeks = 10 },
            new { name = "Afstuderen", setting = "AtSchool", weeks = 105 },
        });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["Modules[0].Weeks", "Modules[2].Weeks"], errors.EnumerateObject().Select(e => e.Name).Order());
        Assert.Equal(ProgrammeMessages.ModuleWeeksInvalid, errors.GetProperty("Modules[0].Weeks")[0].GetString());
        // A number that is not whole is no number of weeks at all: the request is refused as unreadable.
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.PutAsync($"/api/v1/programmes/{programme}/modules",
            new StringContent("""[{"name":"Basis","setting":"AtSchool","weeks":1.5}]""", System.Text.Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(audit, await AuditAsync());
        Assert.Equal([12, null, 104], (await StoredAsync(programme)).Select(m => m.Weeks));

        // Every module a length: the total is their sum, 12 + 10 + 104 = 126.
        Assert.Equal(HttpStatusCode.OK, (await staff.PutAsJsonAsync($"/api/v1/programmes/{programme}/modules", new object[]
        {
            new { name = "Basis programmeren", setting = "AtSchool", weeks = 12 }, new { name = "Stage", setting = "AtEmployer", weeks = 10 },
            new { name = "Afstuderen", setting = "AtSchool", weeks = 104 },
        })).StatusCode);
        Assert.Equal(126, await TotalWeeksAsync(anonymous, programme));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/v1/programmes/bestaat-niet/modules")).StatusCode);
    }

    [Theory]
    [InlineData("nl", "Vul de lengte van de module in als een heel aantal weken van 1 tot en met 104, of laat het leeg.", "12 weken", "Onbekend", "Het programma duurt in totaal 22 weken.")]
    [InlineData("en", "Enter the module's length as a whole number of weeks from 1 to 104, or leave it empty.", "12 weeks", "Unknown", "The programme takes 22 weeks in all.")]
    public async Task The_set_up_page_takes_weeks_refuses_bad_ones_at_their_row_and_the_programme_page_shows_them_and_the_total(string culture, string message,
        string twelveWeeks, string unknown, string total)
    {
        var staff = await SignInAsync(factory, HvaStaff);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.GetAsync($"/taal?culture={culture}&returnUrl=%2F")).StatusCode);
        var programme = await ProgrammeAsync(factory);
        var url = $"/programmas/{programme}/onderdelen";

        // Only what is required, and one length: the second module's stays empty.
        var form = await Form.OpenAsync(staff, url, "Modules");
        form["Modules[0].Name"] = "Basis";
        form["Modules[0].Weeks"] = "12";
        form["Modules[1].Name"] = "Stage";
        form["Modules[1].Setting"] = "AtEmployer";
        Assert.Equal(HttpStatusCode.Redirect, (await form.SubmitAsync(staff)).StatusCode);
        Assert.Equal([("Basis", ModuleSetting.AtSchool, 12), ("Stage", ModuleSetting.AtEmployer, (int?)null)], await StoredAsync(programme));

        var page = Parser.ParseDocument(await staff.GetStringAsync($"/programmas/{programme}"));
        var rows = page.QuerySelectorAll("#modules + table tbody tr").Select(r => (r.QuerySelector("th")!.TextContent.Trim(), r.QuerySelector("[data-weeks]")!.TextContent.Trim())).ToList();
        Assert.Equal([("Basis", twelveWeeks), ("Stage", unknown)], rows);
        Assert.Null(page.QuerySelector("#lengte"));

        // Each bad length is named at its row, shown back as typed, and writes nothing.
        var audit = await AuditAsync();
        foreach (var bad in new[] { "0", "105", "1,5", "1.5", "abc" })
        {
            form = await Form.OpenAsync(staff, url, "Modules");
            form["Modules[1].Weeks"] = bad;
            form["Modules[1].Name"] = "Stage bij de werkgever";
            var refused = await form.SubmitAsync(staff);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var document = Parser.ParseDocument(await refused.Content.ReadAsStringAsync());
            Assert.Equal(message, document.QuerySelector("#fout-module-weeks-1")!.TextContent.Trim());
            Assert.Equal("#module-weeks-1", document.QuerySelector(".notice-error a")!.GetAttribute("href"));
            Assert.Equal("true", document.QuerySelector("#module-weeks-1")!.GetAttribute("aria-invalid"));
            Assert.Contains("fout-module-weeks-1", document.QuerySelector("#module-weeks-1")!.GetAttribute("aria-describedby"));
            Assert.Equal(bad, document.QuerySelector("#module-weeks-1")!.GetAttribute("value"));
            Assert.Null(document.QuerySelector("#fout-module-weeks-0"));
            Assert.Equal(audit, await AuditAsync());
            Assert.Equal([("Basis", ModuleSetting.AtSchool, 12), ("Stage", ModuleSetting.AtEmployer, (int?)null)], await StoredAsync(programme));
        }

        form = await Form.OpenAsync(staff, url, "Modules");
        Assert.Equal(("12", ""), (form["Modules[0].Weeks"], form["Modules[1].Weeks"]));
        form["Modules[1].Weeks"] = "10";
        Assert.Equal(HttpStatusCode.Redirect, (await form.SubmitAsync(staff)).StatusCode);
        Assert.Equal([12, 10], (await StoredAsync(programme)).Select(m => m.Weeks));
        // 12 + 10, every module has its length now.
        Assert.Equal(total, Parser.ParseDocument(await staff.GetStringAsync($"/programmas/{programme}")).QuerySelector("#lengte")!.TextContent.Trim());

        // Sent back unchanged: nothing written.
        audit = await AuditAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await (await Form.OpenAsync(staff, url, "Modules")).SubmitAsync(staff)).StatusCode);
        Assert.Equal(audit, await AuditAsync());
        Assert.Equal([12, 10], (await StoredAsync(programme)).Select(m => m.Weeks));
    }
}

public sealed class ModuleWeeksSqlite(SqliteFactory factory) : ModuleWeeksTests<SqliteFactory>(factory);
public sealed class ModuleWeeksPostgres(PostgresFactory factory) : ModuleWeeksTests<PostgresFactory>(factory);
