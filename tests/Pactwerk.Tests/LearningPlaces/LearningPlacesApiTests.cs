using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pactwerk.Tests.Infrastructure;
using static Pactwerk.Tests.Infrastructure.Session;
using static Pactwerk.Tests.LearningPlaces.LearningPlacesTestData;

namespace Pactwerk.Tests.LearningPlaces;

/// <summary>
/// <c>GET /api/v1/learning-places</c>: the filters on region (any region set's code), sector and period, each checked against
/// the places this test offered with known facts; bad filters get a clear answer.
/// </summary>
public abstract class LearningPlacesApiTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private async Task<List<string>> TitlesAsync(string query, IReadOnlyCollection<string> ours)
    {
        var places = await Anonymous(factory).GetFromJsonAsync<JsonElement>("/api/v1/learning-places" + query);
        return places.EnumerateArray().Select(p => p.GetProperty("title").GetString()!).Where(ours.Contains).Order(StringComparer.Ordinal).ToList();
    }

    [Fact]
    public async Task The_filters_on_region_sector_and_period_give_exactly_the_places_that_match()
    {
        var vogellanden = await StaffAsync(factory, Vogellanden);
        var siza = await StaffAsync(factory, Siza);
        var v = await SupervisorAsync(vogellanden, "Filter V", 5);
        var s = await SupervisorAsync(siza, "Filter S", 5);
        // Zwolle (GM0193) and Arnhem (GM0202) lie in landsdeel Oost; Amsterdam (GM0363) does not.
        await PlaceAsync(vogellanden, "F Zwolle zorg zomer", 1, [v], [("2027-07-01", "2027-08-31")], municipality: "GM0193");
        await PlaceAsync(vogellanden, "F Zwolle techniek kerst", 1, [v], [("2027-12-20", "2028-01-07")], municipality: "GM0193", sector: "technology");
        await PlaceAsync(siza, "F Arnhem zorg jaar", 1, [s], [("2027-01-04", "2027-12-31")], municipality: "GM0202");
        await PlaceAsync(siza, "F Amsterdam zorg mei", 1, [s], [("2027-04-26", "2027-05-07")], municipality: "GM0363");
        string[] ours = ["F Zwolle zorg zomer", "F Zwolle techniek kerst", "F Arnhem zorg jaar", "F Amsterdam zorg mei"];

        Assert.Equal(ours.Order(StringComparer.Ordinal), await TitlesAsync("", ours));
        Assert.Equal(["F Arnhem zorg jaar", "F Zwolle techniek kerst", "F Zwolle zorg zomer"], await TitlesAsync("?region=TP-OOST", ours));
        Assert.Equal(["F Zwolle techniek kerst", "F Zwolle zorg zomer"], await TitlesAsync("?region=GM0193", ours));
        Assert.Equal(["F Amsterdam zorg mei", "F Arnhem zorg jaar", "F Zwolle zorg zomer"], await TitlesAsync("?sector=care", ours));
        // Offered in some part of the period: the summer place from its last day, the year place, not the May or Christmas ones.
        Assert.Equal(["F Arnhem zorg jaar", "F Zwolle zorg zomer"], await TitlesAsync("?from=2027-08-31&to=2027-09-30", ours));
        Assert.Equal(["F Zwolle techniek kerst"], await TitlesAsync("?from=2028-01-01", ours));
        Assert.Equal(["F Arnhem zorg jaar", "F Zwolle zorg zomer"], await TitlesAsync("?region=TP-OOST&sector=care&from=2027-07-01&to=2027-07-31", ours));

        var anonymous = Anonymous(factory);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/v1/learning-places?region=NERGENS")).StatusCode);
        var sector = await anonymous.GetAsync("/api/v1/learning-places?sector=circus");
        Assert.Equal(HttpStatusCode.BadRequest, sector.StatusCode);
        Assert.Equal("Er is geen sector 'circus'.", (await sector.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("sector")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync("/api/v1/learning-places?from=2027-09-01&to=2027-08-01")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync("/api/v1/learning-places?from=1-9-2027")).StatusCode);
    }
}

public sealed class LearningPlacesApiSqlite(SqliteFactory factory) : LearningPlacesApiTests<SqliteFactory>(factory);
public sealed class LearningPlacesApiPostgres(PostgresFactory factory) : LearningPlacesApiTests<PostgresFactory>(factory);
