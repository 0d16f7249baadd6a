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

namespace Pactwerk.Tests.LearningPlaces;

/// <summary>
/// The people of the learning places' tests: staff of Vogellanden (a care provider in Zwolle, landsdeel Oost) and of Siza
/// (a care provider in Arnhem), each a partner editor of their own organisation only.
/// </summary>
public static class LearningPlacesTestData
{
    public const string Vogellanden = "leerplekken@vogellanden.test";
    public const string Siza = "leerplekken@siza.test";
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
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
                foreach (var (email, organisation) in new[] { (Vogellanden, "Vogellanden"), (Siza, "Siza") })
                {
                    if (await users.FindByEmailAsync(email) is not null)
                        continue;
                    var user = new PactwerkUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email, CreatedAt = DateTime.UtcNow };
                    Assert.True((await users.CreateAsync(user, DemoPassword)).Succeeded);
                    db.RoleAssignments.Add(new RoleAssignment
                    {
                        UserId = user.Id, Kind = RoleKind.PartnerEditor, ValidFrom = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1),
                        PactId = await db.Pacts.Where(p => p.Code == "zorgpact").Select(p => p.Id).SingleAsync(),
                        OrganisationId = await db.Organisations.Where(o => o.Name == organisation).Select(o => o.Id).SingleAsync(),
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

    public static async Task<HttpClient> StaffAsync(PactwerkFactory factory, string email)
    {
        await EnsureAccountsAsync(factory);
        return await SignInAsync(factory, email);
    }

    /// <summary>A supervisor of the caller's organisation; returns its id.</summary>
    public static async Task<int> SupervisorAsync(HttpClient staff, string name, int capacity, params (string From, string To)[] absences)
    {
        var response = await staff.PostAsJsonAsync("/api/v1/learning-place-supervisors",
            new { name, capacity, absences = absences.Select(a => new { from = a.From, to = a.To }) });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    /// <summary>A holiday place of the caller's organisation in the care sector; returns its id.</summary>
    public static async Task<int> PlaceAsync(HttpClient staff, string title, int seats, int[] supervisors, (string From, string To)[] periods,
        string municipality = "GM0193", string sector = "care", string kind = "HolidayPlace", string? sbbNumber = null)
    {
        var response = await staff.PostAsJsonAsync("/api/v1/learning-places", new
        {
            title, kind, sector, municipality, seats, sbbNumber, periods = periods.Select(p => new { from = p.From, to = p.To }), supervisors,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    /// <summary>A supervisor and a summer place of the organisation written straight to the database, for tests of other areas.</summary>
    public static Task<(int Organisation, int Supervisor, int Place)> DbPlaceAsync(PactwerkFactory factory, string organisation, int seats = 10, int capacity = 10) =>
        factory.InDbAsync(async db =>
        {
            var organisationId = await db.Organisations.Where(o => o.Name == organisation).Select(o => o.Id).SingleAsync();
            var supervisor = new Web.Features.LearningPlaces.Supervisor { OrganisationId = organisationId, Name = "Praktijkopleider " + Guid.NewGuid().ToString("N")[..6], Capacity = capacity };
            db.Add(supervisor);
            await db.SaveChangesAsync();
            var place = new Web.Features.LearningPlaces.LearningPlace
            {
                OrganisationId = organisationId, Title = "Leerplek " + Guid.NewGuid().ToString("N")[..6], Sector = "ict", Seats = seats,
                Kind = Web.Features.LearningPlaces.LearningPlaceKind.WorkBasedPlace,
                MunicipalityId = await db.Regions.Where(r => r.Code == "GM0363").Select(r => r.Id).FirstAsync(),
                Periods = [new() { From = new DateOnly(2027, 7, 1), To = new DateOnly(2027, 8, 31) }],
                Supervisors = [new() { SupervisorId = supervisor.Id }],
            };
            db.Add(place);
            await db.SaveChangesAsync();
            return (organisationId, supervisor.Id, place.Id);
        });
}
