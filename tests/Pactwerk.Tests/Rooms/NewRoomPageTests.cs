using System.Globalization;
using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Rooms;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Rooms;

/// <summary>
/// The page that adds a room (/lokalen/nieuw) as people fill it: the owner's own form, Dutch and English, only the required fields,
/// the municipality typed as a name, bad input at its field with nothing written; who may (an editor of an organisation, an
/// administrator for any) and who may not (anonymous: a sign-in; a member without an organisation: refused and no link).
/// </summary>
public abstract class NewRoomPageTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private async Task<HttpClient> InAsync(string email, string culture)
    {
        await RoomsTestData.EnsureAccountsAsync(factory);
        var client = await SignInAsync(factory, email);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync($"/taal?culture={culture}&returnUrl=%2F")).StatusCode);
        return client;
    }

    private Task<(int Rooms, int Audit)> StateAsync() => factory.InDbAsync(async db =>
        (await db.Rooms.CountAsync(), await db.AuditEntries.CountAsync(a => a.EntityType == nameof(Room))));

    [Theory]
    [InlineData("nl")]
    [InlineData("en")]
    public async Task An_editor_adds_a_room_with_only_the_required_fields_and_bad_input_writes_nothing(string culture)
    {
        var owner = await InAsync(RoomsTestData.Owner, culture);
        Assert.Contains("href=\"/lokalen/nieuw\"", await owner.GetStringAsync("/lokalen"));
        var landstede = await RoomsTestData.OrganisationIdAsync(factory, "Landstede Groep");
        var start = await StateAsync();

        // Bad input: the form again with the message at its field, nothing written.
        var en = culture == "en";
        foreach (var (field, value, expected) in new[]
                 {
                     ("Name", "", en ? "Fill in the room&#x27;s name." : "Vul de naam van het lokaal in."),
                     ("Capacity", "0", en ? "Fill in a capacity of 1 to 500 people." : "Vul een capaciteit in van 1 tot 500 personen."),
                     ("Capacity", "20,75", en ? "Fill in a capacity of 1 to 500 people." : "Vul een capaciteit in van 1 tot 500 personen."),
                     ("Closes[1]", "06:00", en ? "Opening hours: fill in an opening and a closing time" : "Openingstijden: vul per dag een openings- en sluitingstijd in"),
                     ("Municipality", "Nergenshuizen", en ? "&#x27;Nergenshuizen&#x27; is not a municipality" : "&#x27;Nergenshuizen&#x27; is geen gemeente"),
                 })
        {
            var bad = await FilledAsync(owner);
            bad[field] = value;
            var refused = await bad.SubmitAsync(owner);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var html = await refused.Content.ReadAsStringAsync();
            Assert.Contains(expected, html);
            // At the field: its message carries the id the field points to.
            var document = new HtmlParser().ParseDocument(html);
            Assert.NotNull(document.QuerySelector("p.field-error[id^='fout-']"));
            Assert.Equal(start, await StateAsync());
        }

        // Only the required fields, the municipality typed as a name: saved, on to the owner's page with a status message.
        var form = await FilledAsync(owner);
        var name = "Lokaal nieuw " + culture + " " + Guid.NewGuid().ToString("N")[..6];
        form["Name"] = name;
        var saved = await form.SubmitAsync(owner);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var room = await factory.InDbAsync(db => db.Rooms.AsNoTracking().Include(r => r.OpeningHours).SingleAsync(r => r.Name == name));
        Assert.Equal($"/lokalen/{room.Id}/beheer?toegevoegd=true", saved.Headers.Location!.OriginalString);
        Assert.Contains(en ? "Room added." : "Lokaal toegevoegd.", await owner.GetStringAsync(saved.Headers.Location.OriginalString));
        Assert.Equal(landstede, room.OrganisationId);
        Assert.Equal(12, room.Capacity);
        Assert.Equal("GM0193", await factory.InDbAsync(db => db.Regions.Where(r => r.Id == room.MunicipalityId).Select(r => r.Code).SingleAsync()));
        var tuesday = Assert.Single(room.OpeningHours);
        Assert.Equal((DayOfWeek.Tuesday, new TimeOnly(18, 0), new TimeOnly(22, 0)), (tuesday.Day, tuesday.Opens, tuesday.Closes));
        Assert.Empty(room.Equipment);
        Assert.Equal(0, room.LeadTimeHours);
        var end = await StateAsync();
        Assert.Equal(start.Rooms + 1, end.Rooms);
        Assert.True(end.Audit > start.Audit, "Adding a room writes the audit trail.");
    }

    /// <summary>The new-room form with only the required fields filled: name, address, municipality (a name), capacity, Tuesday's hours.</summary>
    private static async Task<Form> FilledAsync(HttpClient client)
    {
        var form = await Form.OpenAsync(client, "/lokalen/nieuw");
        form["Name"] = "Lokaal nieuw";
        form["Address"] = "Campus 3, 8017 CA Zwolle";
        form["Municipality"] = "zwolle";
        form["Capacity"] = "12";
        form["Opens[1]"] = "18:00";
        form["Closes[1]"] = "22:00";
        return form;
    }

    [Fact]
    public async Task Only_whoever_acts_for_an_organisation_or_an_administrator_may_add_a_room()
    {
        await RoomsTestData.EnsureAccountsAsync(factory);
        var start = await StateAsync();
        var anonymous = Anonymous(factory);
        var challenged = await anonymous.GetAsync("/lokalen/nieuw");
        Assert.Equal(HttpStatusCode.Redirect, challenged.StatusCode);
        Assert.StartsWith("/inloggen", challenged.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/lokalen/nieuw\"", await anonymous.GetStringAsync("/lokalen"));

        var member = await SignInAsync(factory, "lid@pactwerk.demo");
        Assert.DoesNotContain("href=\"/lokalen/nieuw\"", await member.GetStringAsync("/lokalen"));
        var refused = await member.GetAsync("/lokalen/nieuw");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/geen-toegang", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        var posted = await PostFormAsync(member, "/lokalen/nieuw", new() { ["Name"] = "Stiekem", ["Address"] = "Ergens", ["Capacity"] = "5", ["Municipality"] = "GM0193" }, formPage: "/lokalen");
        Assert.NotEqual(HttpStatusCode.OK, posted.StatusCode);
        Assert.StartsWith("/geen-toegang", posted.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        // An editor offers only its own organisation; a forged other one is refused.
        var company = await SignInAsync(factory, RoomsTestData.Company);
        var form = await Form.OpenAsync(company, "/lokalen/nieuw");
        var fnKempen = await RoomsTestData.OrganisationIdAsync(factory, "FN Kempen");
        Assert.Equal(fnKempen.ToString(CultureInfo.InvariantCulture), form["OrganisationId"]);
        var html = await company.GetStringAsync("/lokalen/nieuw");
        var options = new HtmlParser().ParseDocument(html).QuerySelectorAll("#organisationId option").Select(o => o.GetAttribute("value")).Where(v => v != "").ToList();
        Assert.Equal([fnKempen.ToString(CultureInfo.InvariantCulture)], options);
        form["OrganisationId"] = (await RoomsTestData.OrganisationIdAsync(factory, "Landstede Groep")).ToString(CultureInfo.InvariantCulture);
        foreach (var (f, v) in new[] { ("Name", "Overgenomen"), ("Address", "Elders"), ("Municipality", "GM0193"), ("Capacity", "5"), ("Opens[0]", "08:00"), ("Closes[0]", "17:00") })
            form[f] = v;
        var forged = await form.SubmitAsync(company);
        Assert.StartsWith("/geen-toegang", forged.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(start, await StateAsync());

        // An administrator picks any organisation; without one chosen the form says so.
        var admin = await SignInAsync(factory, "beheerder@pactwerk.demo");
        Assert.Contains("href=\"/lokalen/nieuw\"", await admin.GetStringAsync("/lokalen"));
        var adminForm = await FilledAsync(admin);
        adminForm["Name"] = "Lokaal beheerder " + Guid.NewGuid().ToString("N")[..6];
        var missing = await adminForm.SubmitAsync(admin);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("Kies de organisatie die het lokaal deelt.", await missing.Content.ReadAsStringAsync());
        Assert.Equal(start, await StateAsync());
        adminForm["OrganisationId"] = fnKempen.ToString(CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.Redirect, (await adminForm.SubmitAsync(admin)).StatusCode);
        Assert.Equal(fnKempen, await factory.InDbAsync(db => db.Rooms.Where(r => r.Name == adminForm["Name"]).Select(r => r.OrganisationId).SingleAsync()));
    }
}

public sealed class NewRoomPageSqlite(SqliteFactory factory) : NewRoomPageTests<SqliteFactory>(factory);
public sealed class NewRoomPagePostgres(PostgresFactory factory) : NewRoomPageTests<PostgresFactory>(factory);
