using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.LearningPlaces;
using static Pactwerk.Tests.Infrastructure.Session;
using static Pactwerk.Tests.LearningPlaces.LearningPlacesTestData;

namespace Pactwerk.Tests.LearningPlaces;

/// <summary>
/// An organisation offers learning places as its staff fill them in: only the required fields, bad input refused at its
/// field in Dutch and English with nothing written, an unchanged save that writes nothing, and another organisation kept out.
/// </summary>
public abstract class LearningPlaceEditTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private Task<(int Places, int Periods, int Audit)> StateAsync() => factory.InDbAsync(async db =>
        (await db.Set<LearningPlace>().CountAsync(), await db.Set<LearningPlacePeriod>().CountAsync(), await db.AuditEntries.CountAsync()));

    private static object Place(string title, int supervisor, string kind = "HolidayPlace", string? sbb = null, string municipality = "Zwolle",
        string from = "2027-07-01", string to = "2027-08-31", object? seats = null, string sector = "care") =>
        new { title, kind, sector, municipality, seats = seats ?? 2, sbbNumber = sbb, periods = new[] { new { from, to } }, supervisors = new[] { supervisor } };

    [Fact]
    public async Task Staff_offer_a_place_with_only_the_required_fields_and_read_it_back_as_typed()
    {
        var staff = await StaffAsync(factory, Vogellanden);
        var supervisor = await SupervisorAsync(staff, "Praktijkopleider Vast", 2);
        var start = await StateAsync();

        var created = await staff.PostAsJsonAsync("/api/v1/learning-places", Place("Vakantieplek revalidatie", supervisor, municipality: "zwolle"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var place = await created.Content.ReadFromJsonAsync<JsonElement>();
        var read = await Anonymous(factory).GetFromJsonAsync<JsonElement>($"/api/v1/learning-places/{place.GetProperty("id").GetInt32()}");
        Assert.Equal("Vakantieplek revalidatie", read.GetProperty("title").GetString());
        Assert.Equal("HolidayPlace", read.GetProperty("kind").GetString());
        Assert.Equal("care", read.GetProperty("sector").GetString());
        Assert.Equal("GM0193", read.GetProperty("municipality").GetString());
        Assert.Equal("Vogellanden", read.GetProperty("organisation").GetString());
        Assert.Equal(2, read.GetProperty("seats").GetInt32());
        Assert.Equal(JsonValueKind.Null, read.GetProperty("sbbNumber").ValueKind);
        var period = Assert.Single(read.GetProperty("periods").EnumerateArray());
        Assert.Equal(("2027-07-01", "2027-08-31"), (period.GetProperty("from").GetString(), period.GetProperty("to").GetString()));
        // Public: nothing about supervisors or learners.
        Assert.False(read.TryGetProperty("supervisors", out _));
        var end = await StateAsync();
        Assert.Equal((start.Places + 1, start.Periods + 1), (end.Places, end.Periods));
        Assert.True(end.Audit > start.Audit, "Offering a place writes the audit trail.");

        // A BBL workplace with its SBB number is accepted too.
        var bbl = await staff.PostAsJsonAsync("/api/v1/learning-places", Place("BBL-werkplek verzorgende", supervisor, kind: "BblWorkplace", sbb: "100234567"));
        Assert.Equal(HttpStatusCode.Created, bbl.StatusCode);
        Assert.Equal("100234567", (await bbl.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sbbNumber").GetString());
    }

    [Theory]
    [InlineData("nl")]
    [InlineData("en")]
    public async Task Bad_input_is_refused_at_its_field_with_a_clear_message_and_nothing_is_written(string culture)
    {
        var staff = await StaffAsync(factory, Vogellanden);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.GetAsync($"/taal?culture={culture}&returnUrl=%2F")).StatusCode);
        var supervisor = await SupervisorAsync(staff, "Praktijkopleider " + culture, 2);
        var other = await SupervisorAsync(await StaffAsync(factory, Siza), "Praktijkopleider Siza " + culture, 2);
        var en = culture == "en";
        var start = await StateAsync();

        foreach (var (body, field, expected) in new (object, string, string)[]
                 {
                     (Place("Stage", supervisor, kind: "BolPlacement", sbb: "12AB"), "sbbNumber",
                         en ? "The SBB recognition number has 6 to 9 digits, such as 100234567." : "Het SBB-erkenningsnummer bestaat uit 6 tot 9 cijfers, zoals 100234567."),
                     (Place("Stage", supervisor, kind: "BolPlacement"), "sbbNumber",
                         en ? "A BOL or BBL place needs the SBB recognition number of the training company." : "Een BOL- of BBL-plek vraagt het SBB-erkenningsnummer van het leerbedrijf."),
                     (Place("Stage", supervisor, municipality: "Nergenshuizen"), "municipality",
                         en ? "'Nergenshuizen' is not a municipality; give its name or its CBS code, such as GM0363." : "'Nergenshuizen' is geen gemeente; geef de naam of de CBS-code, zoals GM0363."),
                     (Place("Stage", supervisor, from: "2027-08-31", to: "2027-07-01"), "periods",
                         en ? "Period 1: fill in from and to as day-month-year (6-7-2027) or yyyy-mm-dd, the end not before the start and at most two years." : "Periode 1: vul van en tot in als dag-maand-jaar (6-7-2027) of jjjj-mm-dd, met het eind niet voor het begin en hoogstens twee jaar."),
                     (Place("Stage", supervisor, seats: 0), "seats", en ? "Fill in a number of places from 1 to 100." : "Vul een aantal plaatsen in van 1 tot 100."),
                     (Place("Stage", supervisor, sector: "circus"), "sector", en ? "Choose a sector from the list." : "Kies een sector uit de lijst."),
                     (Place("", supervisor), "title", en ? "Fill in the learning place's name (at most 200 characters)." : "Vul de naam van de leerplek in (hoogstens 200 tekens)."),
                     (Place("Stage", other), "supervisors",
                         en ? $"There is no supervisor number {other} at this organisation." : $"Er is geen praktijkopleider met nummer {other} bij deze organisatie."),
                 })
        {
            var refused = await staff.PostAsJsonAsync("/api/v1/learning-places", body);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
            Assert.Equal(expected, errors.GetProperty(field)[0].GetString());
            Assert.Equal(start, await StateAsync());
        }
    }

    [Fact]
    public async Task An_unchanged_save_writes_nothing_and_a_change_is_saved_once()
    {
        var staff = await StaffAsync(factory, Vogellanden);
        var supervisor = await SupervisorAsync(staff, "Praktijkopleider Rondreis", 2);
        var id = await PlaceAsync(staff, "Rondreisplek", 2, [supervisor], [("2027-07-01", "2027-08-31")]);
        var read = await staff.GetStringAsync($"/api/v1/learning-places/{id}");
        var start = await StateAsync();

        var same = await staff.PutAsync($"/api/v1/learning-places/{id}", new StringContent(read, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Equal(start, await StateAsync());
        Assert.Equal(read, await staff.GetStringAsync($"/api/v1/learning-places/{id}"));

        // A second period added: saved, its version one up.
        var changed = await staff.PutAsJsonAsync($"/api/v1/learning-places/{id}", new
        {
            title = "Rondreisplek", kind = "HolidayPlace", sector = "care", municipality = "GM0193", seats = 2, version = 0,
            periods = new[] { new { from = "2027-07-01", to = "2027-08-31" }, new { from = "2027-12-20", to = "2028-01-02" } },
        });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var after = await changed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, after.GetProperty("version").GetInt32());
        Assert.Equal(2, after.GetProperty("periods").GetArrayLength());
        // The same version again is stale: nothing saved.
        var stale = await staff.PutAsJsonAsync($"/api/v1/learning-places/{id}", new
        {
            title = "Oud", kind = "HolidayPlace", sector = "care", municipality = "GM0193", seats = 2, version = 0, periods = new[] { new { from = "2027-07-01", to = "2027-08-31" } },
        });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("Rondreisplek", await factory.InDbAsync(db => db.Set<LearningPlace>().Where(p => p.Id == id).Select(p => p.Title).SingleAsync()));
    }

    [Fact]
    public async Task Another_organisation_cannot_change_a_place_nor_place_a_learner_on_it_nor_see_its_supervisors()
    {
        var staff = await StaffAsync(factory, Vogellanden);
        var supervisor = await SupervisorAsync(staff, "Praktijkopleider Eigen", 2);
        var id = await PlaceAsync(staff, "Eigen plek", 2, [supervisor], [("2027-07-01", "2027-08-31")]);
        var vogellanden = await factory.InDbAsync(db => db.Organisations.Where(o => o.Name == "Vogellanden").Select(o => o.Id).SingleAsync());
        var siza = await StaffAsync(factory, Siza);
        var start = await StateAsync();
        var placements = await factory.InDbAsync(db => db.Set<Placement>().CountAsync());

        var edit = await siza.PutAsJsonAsync($"/api/v1/learning-places/{id}", new
        {
            title = "Overgenomen", kind = "HolidayPlace", sector = "care", municipality = "GM0193", seats = 9, periods = new[] { new { from = "2027-07-01", to = "2027-08-31" } },
        });
        var place = await siza.PostAsJsonAsync($"/api/v1/learning-places/{id}/placements", new { learner = "L-1", from = "2027-07-05", to = "2027-07-09" });
        var create = await siza.PostAsJsonAsync("/api/v1/learning-places", new
        {
            organisationId = vogellanden, title = "Namens een ander", kind = "HolidayPlace", sector = "care", municipality = "GM0193", seats = 1,
            periods = new[] { new { from = "2027-07-01", to = "2027-08-31" } }, supervisors = new[] { supervisor },
        });
        var list = await siza.GetAsync($"/api/v1/learning-place-supervisors?organisation={vogellanden}");
        var anonymous = await Anonymous(factory).PostAsJsonAsync($"/api/v1/learning-places/{id}/placements", new { learner = "L-1", from = "2027-07-05", to = "2027-07-09" });

        Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
        Assert.Equal("Alleen wie namens de organisatie van de leerplek optreedt, kan dit doen.", (await edit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, place.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(start, await StateAsync());
        Assert.Equal(placements, await factory.InDbAsync(db => db.Set<Placement>().CountAsync()));
        Assert.Equal("Eigen plek", await factory.InDbAsync(db => db.Set<LearningPlace>().Where(p => p.Id == id).Select(p => p.Title).SingleAsync()));
    }
}

public sealed class LearningPlaceEditSqlite(SqliteFactory factory) : LearningPlaceEditTests<SqliteFactory>(factory);
public sealed class LearningPlaceEditPostgres(PostgresFactory factory) : LearningPlaceEditTests<PostgresFactory>(factory);
