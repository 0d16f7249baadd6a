using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Rooms;

/// <summary>
/// The people of the rooms' tests: an editor of Landstede Groep (an mbo college in Zwolle, landsdeel Oost)
/// that owns the rooms, of FN Kempen (a company), of the HAN (another school) and of Vogellanden (a care
/// provider, whose kind of user the network's data do not tell).
/// </summary>
public static class RoomsTestData
{
    public const string Owner = "lokalen@landstede.test";
    public const string Company = "planner@fnkempen.test";
    public const string OtherSchool = "docent@han.test";
    public const string CareProvider = "opleidingen@vogellanden.test";
    private static readonly SemaphoreSlim Once = new(1, 1);

    public static async Task EnsureAccountsAsync(PactwerkFactory factory)
    {
        await Once.WaitAsync();
        try
        {
            await factory.InScopeAsync(async services =>
            {
                var users = services.GetRequiredService<UserManager<PactwerkUser>>();
                var db = services.GetRequiredService<PactwerkDb>();
                foreach (var (email, organisation) in new[] { (Owner, "Landstede Groep"), (Company, "FN Kempen"), (OtherSchool, "Hogeschool van Arnhem en Nijmegen"), (CareProvider, "Vogellanden") })
                {
                    if (await users.FindByEmailAsync(email) is not null)
                        continue;
                    var user = new PactwerkUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email, CreatedAt = DateTime.UtcNow };
                    Assert.True((await users.CreateAsync(user, DemoPassword)).Succeeded);
                    db.RoleAssignments.Add(new RoleAssignment
                    {
                        UserId = user.Id, Kind = RoleKind.PartnerEditor, ValidFrom = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1),
                        PactId = await db.Pacts.Where(p => p.Code == "techniekpact").Select(p => p.Id).SingleAsync(),
                        OrganisationId = await OrganisationIdAsync(db, organisation),
                    });
                    await db.SaveChangesAsync();
                }
            });
        }
        finally
        {
            Once.Release();
        }
    }

    public static Task<int> OrganisationIdAsync(PactwerkDb db, string name) => db.Organisations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync();

    public static Task<int> OrganisationIdAsync(PactwerkFactory factory, string name) => factory.InDbAsync(db => OrganisationIdAsync(db, name));

    /// <summary>The first <paramref name="day"/> at least <paramref name="daysAhead"/> days from now.</summary>
    public static DateOnly Next(DayOfWeek day, int daysAhead = 21)
    {
        var d = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(daysAhead);
        while (d.DayOfWeek != day)
            d = d.AddDays(1);
        return d;
    }

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A room of Landstede open weekdays 07:00–22:00, with the given rules and closures; returns its id.</summary>
    public static async Task<int> RoomAsync(PactwerkFactory factory, string name, bool approval = true, int leadTimeHours = 24,
        string[]? allowed = null, object[]? closures = null, string[]? equipment = null)
    {
        await EnsureAccountsAsync(factory);
        var owner = await SignInAsync(factory, Owner);
        var response = await owner.PostAsJsonAsync("/api/v1/rooms", new
        {
            organisationId = await OrganisationIdAsync(factory, "Landstede Groep"), name, address = "Campus 2, 8017 CA Zwolle", capacity = 24,
            equipment = equipment ?? ["cnc", "3d-printer"], wheelchairAccessible = true,
            openingHours = new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
                .Select(d => new { day = d.ToString(), opens = "07:00", closes = "22:00" }).ToArray(),
            closures = closures ?? [],
            allowedUsers = allowed ?? ["OtherSchool", "Company", "AdultEducation"], leadTimeHours, approvalRequired = approval,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.ReadAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    public static Task<int> HoldingCountAsync(PactwerkFactory factory, int roomId) => factory.InDbAsync(db => db.RoomBookings
        .CountAsync(b => b.RoomId == roomId && (b.Status == Web.Features.Rooms.RoomBookingStatus.Pending || b.Status == Web.Features.Rooms.RoomBookingStatus.Approved)));

    public static Task<int> BookingCountAsync(PactwerkFactory factory) => factory.InDbAsync(db => db.RoomBookings.CountAsync());
}
