using System.Globalization;
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
/// Placing learners: a place takes as many learners in a week as it has seats, a supervisor guides at most their capacity
/// and nobody in a week they are away; a refusal names the week and writes nothing. Weeks are ISO weeks, named here from
/// <see cref="ISOWeek"/> and not from the code under test.
/// </summary>
public abstract class PlacementTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private static string WeekOf(string day)
    {
        var d = DateTime.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return $"{ISOWeek.GetYear(d)}-W{ISOWeek.GetWeekOfYear(d):00}";
    }

    private static Task<HttpResponseMessage> PlaceAsync(HttpClient client, int place, string learner, string from, string to, int? supervisorId = null) =>
        client.PostAsJsonAsync($"/api/v1/learning-places/{place}/placements", new { learner, from, to, supervisorId });

    private Task<int> CountAsync(int place) => factory.InDbAsync(db => db.Set<Placement>().CountAsync(p => p.LearningPlaceId == place));

    [Fact]
    public async Task A_seat_is_taken_per_week_and_a_placement_that_would_overfill_a_week_is_refused_naming_that_week()
    {
        var staff = await StaffAsync(factory, Vogellanden);
        var supervisor = await SupervisorAsync(staff, "Begeleider Week", 5);
        var place = await LearningPlacesTestData.PlaceAsync(staff, "Eén stoel", 1, [supervisor], [("2027-07-01", "2027-08-31")]);

        Assert.Equal(HttpStatusCode.Created, (await PlaceAsync(staff, place, "L-A", "2027-07-05", "2027-07-16")).StatusCode);
        // Weeks 29 and 30: free, though the place holds a learner in weeks 27 and 28.
        Assert.Equal(HttpStatusCode.Created, (await PlaceAsync(staff, place, "L-B", "2027-07-19", "2027-07-30")).StatusCode);
        // Weeks 28 and 29: both taken; the first is named.
        var full = await PlaceAsync(staff, place, "L-C", "2027-07-14", "2027-07-21");

        Assert.Equal(HttpStatusCode.Conflict, full.StatusCode);
        Assert.Equal($"De leerplek is vol in week {WeekOf("2027-07-14")}: alle 1 plaatsen zijn bezet. Er is niemand geplaatst.",
            (await full.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(2, await CountAsync(place));
    }

    [Fact]
    public async Task A_supervisor_who_is_away_or_full_guides_nobody_more_and_another_linked_supervisor_takes_the_learner()
    {
        var staff = await StaffAsync(factory, Vogellanden);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.GetAsync("/taal?culture=en&returnUrl=%2F")).StatusCode);
        // Away on the Wednesday of week 28 only: that week is without guidance.
        var away = await SupervisorAsync(staff, "Begeleider Verlof", 3, ("2027-07-14", "2027-07-14"));
        var place = await LearningPlacesTestData.PlaceAsync(staff, "Plek met verlof", 4, [away], [("2027-07-01", "2027-08-31")]);

        var refused = await PlaceAsync(staff, place, "L-1", "2027-07-05", "2027-07-23");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal($"No supervision free in week {WeekOf("2027-07-14")}: this learning place's supervisors are away or already guide the most learners they can. Nobody was placed.",
            (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(0, await CountAsync(place));
        // In the week before the absence, the same supervisor guides.
        Assert.Equal(HttpStatusCode.Created, (await PlaceAsync(staff, place, "L-2", "2027-07-05", "2027-07-09")).StatusCode);

        // A second supervisor linked: the learner goes to them.
        var stand = await SupervisorAsync(staff, "Begeleider Vervanger", 1);
        var read = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/learning-places/{place}");
        Assert.Equal(HttpStatusCode.OK, (await staff.PutAsJsonAsync($"/api/v1/learning-places/{place}", new
        {
            title = "Plek met verlof", kind = "HolidayPlace", sector = "care", municipality = "GM0193", seats = 4, version = read.GetProperty("version").GetInt32(),
            periods = new[] { new { from = "2027-07-01", to = "2027-08-31" } }, supervisors = new[] { away, stand },
        })).StatusCode);
        var placed = await PlaceAsync(staff, place, "L-3", "2027-07-05", "2027-07-23");
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        Assert.Equal(stand, (await placed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("supervisorId").GetInt32());
        // The stand-in's capacity of one is used up in those weeks, and the other is away in week 28.
        Assert.Equal(HttpStatusCode.Conflict, (await PlaceAsync(staff, place, "L-4", "2027-07-12", "2027-07-16")).StatusCode);
        Assert.Equal(2, await CountAsync(place));
    }

    [Fact]
    public async Task A_placement_outside_the_offered_periods_or_without_a_learner_reference_is_refused_and_writes_nothing()
    {
        var staff = await StaffAsync(factory, Vogellanden);
        var supervisor = await SupervisorAsync(staff, "Begeleider Periode", 3);
        var place = await LearningPlacesTestData.PlaceAsync(staff, "Zomerplek", 3, [supervisor], [("2027-07-01", "2027-08-31")]);

        var outside = await PlaceAsync(staff, place, "L-1", "2027-08-23", "2027-09-03");
        var nobody = await PlaceAsync(staff, place, " ", "2027-07-05", "2027-07-09");
        var backwards = await PlaceAsync(staff, place, "L-1", "2027-07-09", "2027-07-05");

        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        Assert.Equal("De leerplek wordt niet aangeboden op 2027-09-01; plaats binnen een periode van de leerplek.",
            (await outside.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("from")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, nobody.StatusCode);
        Assert.True((await nobody.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("learner", out _));
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.Equal(0, await CountAsync(place));
    }

    [Fact]
    public async Task A_coordinator_places_a_learner_and_reads_the_placements_the_public_list_does_not_show()
    {
        var staff = await StaffAsync(factory, Vogellanden);
        var supervisor = await SupervisorAsync(staff, "Begeleider Coördinator", 3);
        var place = await LearningPlacesTestData.PlaceAsync(staff, "Plek voor de coördinator", 3, [supervisor], [("2027-07-01", "2027-08-31")]);
        var coordinator = await SignInAsync(factory, "coordinator@zorgpact.demo");

        Assert.Equal(HttpStatusCode.Created, (await PlaceAsync(coordinator, place, "ZP-2027-017", "2027-07-05", "2027-07-09")).StatusCode);

        var placements = await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/learning-places/{place}/placements");
        Assert.Equal("ZP-2027-017", Assert.Single(placements.EnumerateArray()).GetProperty("learner").GetString());
        Assert.DoesNotContain("ZP-2027-017", await Anonymous(factory).GetStringAsync("/api/v1/learning-places"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Anonymous(factory).GetAsync($"/api/v1/learning-places/{place}/placements")).StatusCode);
    }
}

public sealed class PlacementSqlite(SqliteFactory factory) : PlacementTests<SqliteFactory>(factory);
public sealed class PlacementPostgres(PostgresFactory factory) : PlacementTests<PostgresFactory>(factory);
