using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Monitor;

/// <summary>Definitions change by new versions only; every value says which version made it.</summary>
public abstract class IndicatorVersionTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private static object Share(string gender) => new
    {
        numerator = new { element = "hbo-ingeschrevenen", filter = new Dictionary<string, string[]> { ["ONDERDEEL"] = ["techniek"], ["GESLACHT"] = [gender] } },
        denominator = new { element = "hbo-ingeschrevenen", filter = new Dictionary<string, string[]> { ["GESLACHT"] = [gender] } },
        multiplier = 100,
        description = $"Aandeel techniek onder {gender}en in het hbo.",
        // A new version says from when it holds and why; the first version needs neither.
        validFrom = "2023",
        reason = $"Nu voor {gender}en.",
    };

    [Fact]
    public async Task A_new_indicator_and_a_new_version_are_computed_by_their_own_definition_and_say_so()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var country = DuoReference.Regions()["NL"];
        double Expected(string gender)
        {
            var techniek = DuoReference.Sum(2023, country, c => c("ONDERDEEL") == "techniek" && c("GESLACHT") == gender).Sum;
            return 100.0 * techniek / DuoReference.Sum(2023, country, c => c("GESLACHT") == gender).Sum;
        }

        var created = await coordinator.PostAsJsonAsync("/api/v1/indicators", new
        {
            code = "hbo-aandeel-techniek-gender", name = "Aandeel techniek (naar geslacht)", nameEn = "Share of technology (by gender)", unit = "%",
            direction = "HigherIsBetter", definition = Share("vrouw"),
        });
        var first = await ValueAsync();
        var versioned = await coordinator.PostAsJsonAsync("/api/v1/indicators/hbo-aandeel-techniek-gender/versions", Share("man"));
        var second = await ValueAsync();
        var versions = await Anonymous(factory).GetFromJsonAsync<JsonElement>("/api/v1/indicators/hbo-aandeel-techniek-gender/versions");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(1, first.GetProperty("definitionVersion").GetInt32());
        Assert.Equal(Expected("vrouw"), first.GetProperty("value").GetDouble(), 3);
        Assert.Equal(HttpStatusCode.Created, versioned.StatusCode);
        Assert.Equal(2, second.GetProperty("definitionVersion").GetInt32());
        Assert.Equal(Expected("man"), second.GetProperty("value").GetDouble(), 3);
        Assert.Equal([2, 1], versions.EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));
        Assert.True(versions[0].GetProperty("current").GetBoolean());
        Assert.Contains("vrouw", versions[1].GetProperty("definition").GetString());
    }

    [Theory]
    [InlineData("cbs-geluk", "ONDERDEEL", "Numerator.Element", "Er is geen gegevenselement 'cbs-geluk'")]
    [InlineData("hbo-ingeschrevenen", "KLEUR", "Numerator.Filter", "heeft geen dimensie KLEUR")]
    public async Task A_definition_naming_what_does_not_exist_is_refused_and_changes_nothing(string element, string dimension, string field, string message)
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var before = await factory.InDbAsync(db => db.IndicatorVersions.CountAsync());

        var response = await coordinator.PostAsJsonAsync("/api/v1/indicators/hbo-ingeschrevenen/versions", new
        {
            numerator = new { element, filter = new Dictionary<string, string[]> { [dimension] = ["x"] } }, multiplier = 1, description = "Fout.",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(message, problem.GetProperty("errors").GetProperty(field)[0].GetString());
        Assert.Equal(before, await factory.InDbAsync(db => db.IndicatorVersions.CountAsync()));
    }

    [Fact]
    public async Task A_new_version_over_the_API_without_a_reason_or_without_a_change_is_refused_and_changes_nothing()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var current = (await Anonymous(factory).GetFromJsonAsync<JsonElement>("/api/v1/indicators/hbo-ingeschrevenen/versions"))[0];
        var before = await factory.InDbAsync(db => db.IndicatorVersions.CountAsync());
        var same = JsonSerializer.Deserialize<Dictionary<string, object?>>(current.GetProperty("definition").GetString()!)!;
        same["description"] = current.GetProperty("description").GetString();
        same["validFrom"] = "2024";
        same["reason"] = "Niets.";
        var changed = new Dictionary<string, object?>(same) { ["multiplier"] = 3, ["reason"] = null };

        var unchanged = await coordinator.PostAsJsonAsync("/api/v1/indicators/hbo-ingeschrevenen/versions", same);
        var noReason = await coordinator.PostAsJsonAsync("/api/v1/indicators/hbo-ingeschrevenen/versions", changed);

        Assert.Equal(HttpStatusCode.BadRequest, unchanged.StatusCode);
        Assert.Contains("Er is niets veranderd", await unchanged.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal("Geef de reden voor deze nieuwe versie.", (await noReason.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("Reason")[0].GetString());
        Assert.Equal(before, await factory.InDbAsync(db => db.IndicatorVersions.CountAsync()));
    }

    [Fact]
    public async Task A_share_of_a_national_figure_over_municipal_counts_is_refused_and_members_may_not_define()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var member = await SignInAsync(factory, "lid@pactwerk.demo");
        var mixed = new
        {
            numerator = new { element = "nieuwe_studenten_techniek", filter = new Dictionary<string, string[]>() },
            denominator = new { element = "hbo-ingeschrevenen", filter = new Dictionary<string, string[]>() },
            multiplier = 100, description = "Onzin.",
        };

        var refused = await coordinator.PostAsJsonAsync("/api/v1/indicators/hbo-ingeschrevenen/versions", mixed);
        var byMember = await member.PostAsJsonAsync("/api/v1/indicators/hbo-ingeschrevenen/versions", mixed);
        var unknown = await coordinator.PostAsJsonAsync("/api/v1/indicators/bestaat-niet/versions", mixed);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("tellen niet op dezelfde manier", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, byMember.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private async Task<JsonElement> ValueAsync() =>
        (await Anonymous(factory).GetFromJsonAsync<JsonElement>("/api/v1/monitor/values?indicator=hbo-aandeel-techniek-gender&region=NL&period=2023/2024"))[0];
}

public sealed class IndicatorVersionTestsSqlite(SqliteFactory factory) : IndicatorVersionTests<SqliteFactory>(factory);
public sealed class IndicatorVersionTestsPostgres(PostgresFactory factory) : IndicatorVersionTests<PostgresFactory>(factory);
