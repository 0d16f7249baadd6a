using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Rooms;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Rooms;

/// <summary>The owner adds and changes rooms; anyone finds them by region and equipment; nobody else changes them.</summary>
public abstract class RoomsApiTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    [Fact]
    public async Task A_room_with_only_the_required_fields_lies_in_its_owners_municipality_and_is_found_by_region_and_equipment()
    {
        await RoomsTestData.EnsureAccountsAsync(factory);
        var owner = await SignInAsync(factory, RoomsTestData.Owner);
        var landstede = await RoomsTestData.OrganisationIdAsync(factory, "Landstede Groep");
        var created = await owner.PostAsJsonAsync("/api/v1/rooms", new { organisationId = landstede, name = "Lokaal minimaal", address = "Campus 1, Zwolle", capacity = 12 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var room = await created.ReadAsync<JsonElement>();
        Assert.Equal("GM0193", room.GetProperty("municipality").GetString()); // Zwolle, where Landstede is
        Assert.Equal("Landstede Groep", room.GetProperty("organisation").GetString());
        Assert.Equal(0, room.GetProperty("openingHours").GetArrayLength());
        Assert.False(room.GetProperty("approvalRequired").GetBoolean());
        var id = room.GetProperty("id").GetInt32();

        var cnc = await RoomsTestData.RoomAsync(factory, "Lokaal met cnc", equipment: ["CNC ", "lasersnijder"]);
        var anonymous = Anonymous(factory);
        var oost = await anonymous.GetFromJsonAsync<List<RoomDto>>("/api/v1/rooms?region=TP-OOST");
        Assert.Contains(oost!, r => r.Id == id);
        Assert.Contains(oost!, r => r.Id == cnc);
        Assert.DoesNotContain((await anonymous.GetFromJsonAsync<List<RoomDto>>("/api/v1/rooms?region=TP-NOORD"))!, r => r.Id == id || r.Id == cnc);
        var withCnc = (await anonymous.GetFromJsonAsync<List<RoomDto>>("/api/v1/rooms?region=GM0193&equipment=cnc,Lasersnijder"))!;
        Assert.Contains(withCnc, r => r.Id == cnc);
        Assert.DoesNotContain(withCnc, r => r.Id == id);
        Assert.Equal(["cnc", "lasersnijder"], withCnc.Single(r => r.Id == cnc).Equipment);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/v1/rooms?region=XX-NIETS")).StatusCode);
    }

    [Fact]
    public async Task The_owner_changes_a_room_an_unchanged_save_changes_nothing_and_a_stale_one_is_refused()
    {
        var id = await RoomsTestData.RoomAsync(factory, "Lokaal wijzigen", closures: [new { from = "2027-12-24", to = "2028-01-01", reason = "Kerstvakantie" }]);
        var owner = await SignInAsync(factory, RoomsTestData.Owner);
        var room = (await owner.GetFromJsonAsync<RoomDto>($"/api/v1/rooms/{id}"))!;
        Assert.Equal(5, room.OpeningHours.Count);
        Assert.Equal("07:00", room.OpeningHours[0].Opens);
        Assert.Equal(new ClosureDto(new DateOnly(2027, 12, 24), new DateOnly(2028, 1, 1), "Kerstvakantie"), Assert.Single(room.Closures));

        object Input(RoomDto r, int capacity, int? version) => new
        {
            name = r.Name, address = r.Address, municipality = r.Municipality, equipment = r.Equipment, capacity, wheelchairAccessible = r.WheelchairAccessible,
            accessibilityNote = r.AccessibilityNote, openingHours = r.OpeningHours.Select(h => new { day = h.Day, opens = h.Opens, closes = h.Closes }),
            closures = r.Closures.Select(c => new { from = RoomsTestData.Iso(c.From), to = RoomsTestData.Iso(c.To), reason = c.Reason }),
            allowedUsers = r.AllowedUsers, leadTimeHours = r.LeadTimeHours, approvalRequired = r.ApprovalRequired, version,
        };
        var audit = await factory.InDbAsync(db => db.AuditEntries.CountAsync());
        var unchanged = await owner.PutAsJsonAsync($"/api/v1/rooms/{id}", Input(room, room.Capacity, room.Version));
        Assert.Equal(HttpStatusCode.OK, unchanged.StatusCode);
        Assert.Equal(room.Version, (await unchanged.ReadAsync<RoomDto>()).Version);
        Assert.Equal(audit, await factory.InDbAsync(db => db.AuditEntries.CountAsync()));

        var changed = await owner.PutAsJsonAsync($"/api/v1/rooms/{id}", Input(room, 30, room.Version));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(30, (await changed.ReadAsync<RoomDto>()).Capacity);
        Assert.True(await factory.InDbAsync(db => db.AuditEntries.CountAsync()) > audit);

        var stale = await owner.PutAsJsonAsync($"/api/v1/rooms/{id}", Input(room, 40, room.Version));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(30, (await owner.GetFromJsonAsync<RoomDto>($"/api/v1/rooms/{id}"))!.Capacity);
    }

    [Fact]
    public async Task Only_someone_acting_for_the_owner_adds_or_changes_a_room()
    {
        var id = await RoomsTestData.RoomAsync(factory, "Lokaal van Landstede");
        var landstede = await RoomsTestData.OrganisationIdAsync(factory, "Landstede Groep");
        var count = await factory.InDbAsync(db => db.Rooms.CountAsync());
        var body = new { organisationId = landstede, name = "Niet van mij", address = "Ergens 1", capacity = 10 };

        Assert.Equal(HttpStatusCode.Unauthorized, (await Anonymous(factory).PostAsJsonAsync("/api/v1/rooms", body)).StatusCode);
        foreach (var who in new[] { RoomsTestData.Company, "lid@pactwerk.demo", "oost@techniekpact.demo" })
        {
            var other = await SignInAsync(factory, who);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.PostAsJsonAsync("/api/v1/rooms", body)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.PutAsJsonAsync($"/api/v1/rooms/{id}", body)).StatusCode);
        }
        Assert.Equal(count, await factory.InDbAsync(db => db.Rooms.CountAsync()));
        Assert.Equal("Lokaal van Landstede", (await Anonymous(factory).GetFromJsonAsync<RoomDto>($"/api/v1/rooms/{id}"))!.Name);
        var admin = await SignInAsync(factory, "beheerder@pactwerk.demo");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/rooms", body with { name = "Door de beheerder" })).StatusCode);
    }

    [Fact]
    public async Task Wrong_room_input_is_named_field_by_field_and_nothing_is_saved()
    {
        await RoomsTestData.EnsureAccountsAsync(factory);
        var owner = await SignInAsync(factory, RoomsTestData.Owner);
        var landstede = await RoomsTestData.OrganisationIdAsync(factory, "Landstede Groep");
        var count = await factory.InDbAsync(db => db.Rooms.CountAsync());
        var response = await owner.PostAsJsonAsync("/api/v1/rooms", new
        {
            organisationId = landstede, name = "", address = new string('x', 400), capacity = 0, leadTimeHours = -1, municipality = "GM9999",
            openingHours = new[] { new { day = "Dinsdag", opens = "22:00", closes = "07:00" } },
            closures = new[] { new { from = "2027-02-10", to = "2027-02-01", reason = "Voorjaarsvakantie" } },
            allowedUsers = new[] { "Iedereen" },
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(RoomMessages.NameMissing, errors.GetProperty("name")[0].GetString());
        Assert.Equal(RoomMessages.AddressMissing, errors.GetProperty("address")[0].GetString());
        Assert.Equal(RoomMessages.CapacityInvalid, errors.GetProperty("capacity")[0].GetString());
        Assert.Equal(RoomMessages.LeadTimeInvalid, errors.GetProperty("leadTimeHours")[0].GetString());
        Assert.Equal(RoomMessages.Format(RoomMessages.MunicipalityUnknown, "GM9999"), errors.GetProperty("municipality")[0].GetString());
        Assert.Equal(RoomMessages.Format(RoomMessages.HoursInvalid, "Dinsdag"), errors.GetProperty("openingHours")[0].GetString());
        Assert.Equal(RoomMessages.ClosureInvalid, errors.GetProperty("closures")[0].GetString());
        Assert.Equal(RoomMessages.Format(RoomMessages.UserKindUnknown, "Iedereen"), errors.GetProperty("allowedUsers")[0].GetString());
        Assert.Equal(count, await factory.InDbAsync(db => db.Rooms.CountAsync()));
    }
}

public sealed class RoomsApiSqlite(SqliteFactory factory) : RoomsApiTests<SqliteFactory>(factory);
public sealed class RoomsApiPostgres(PostgresFactory factory) : RoomsApiTests<PostgresFactory>(factory);
