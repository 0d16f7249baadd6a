using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Agenda;
using Pactwerk.Web.Features.Knowledge;
using Pactwerk.Web.Features.Pacts;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Knowledge;

/// <summary>
/// The related practices kept at a publish and at a change are the ones worked out from the
/// fixture itself: here, by a second, plain implementation of the documented score (shared
/// objectives as a share of both ×2, same sector +1, same target group +1, cosine of the word
/// counts ×3, only practices of another landsdeel), checked once more against figures computed
/// by hand. The fixture lives in a pact of its own and its words occur nowhere else, so no practice
/// outside it can score more than 2 (no shared objective, no shared word), and every list holds
/// three fixture practices scoring above that.
/// </summary>
public abstract class PracticeRelatedKeptTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private sealed record Spec(string Key, string Landsdeel, string Sector, string TargetGroup, int[] Objectives, string[] Words);

    /// <summary>A word that occurs in no other practice, letters only so that it is one term.</summary>
    private static string Word(string stem) => stem + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(8).ToArray()) + "zak";

    private static readonly Dictionary<char, string> W = "abcdefg".ToDictionary(c => c, c => Word("kern" + c));
    private static string[] Words(string letters) => letters.Select(c => W[c]).ToArray();

    private static readonly string Pact = $"verwant-{Guid.NewGuid():N}"[..15];

    /// <summary>
    /// The title and summary of each practice are words of its own; the shared words are in the
    /// context. F is A again in A's landsdeel: never related to A, and related to the same others.
    /// </summary>
    private static readonly Spec[] Fixture =
    [
        new("A", "TP-NOORD", "technology", "jobseekers", [1], Words("aabc")),
        new("B", "TP-OOST", "technology", "jobseekers", [1], Words("abd")),
        new("C", "TP-ZUIDWEST", "care", "jobseekers", [1], Words("aee")),
        new("D", "TP-NOORDWEST", "technology", "parents", [1, 2], Words("bcf")),
        new("E", "TP-ZUIDOOST", "care", "workers", [1], Words("cg")),
        new("F", "TP-NOORD", "technology", "jobseekers", [1], Words("aabc")),
    ];

    private static readonly Dictionary<string, (string Title, string Summary)> Own =
        Fixture.ToDictionary(s => s.Key, s => (Word("titel" + s.Key.ToLowerInvariant()), Word("samen" + s.Key.ToLowerInvariant())));

    private static object Input(Spec s, int version) => new
    {
        pact = Pact, version, title = Own[s.Key].Title, summary = Own[s.Key].Summary, context = string.Join(' ', s.Words), approach = "",
        sector = s.Sector, targetGroup = s.TargetGroup, regions = new[] { s.Landsdeel }, objectives = s.Objectives,
    };

    /// <summary>The documented score, written out plainly over the fixture's own fields.</summary>
    private static double Score(Spec a, Spec b)
    {
        var shared = a.Objectives.Intersect(b.Objectives).Count();
        var union = a.Objectives.Union(b.Objectives).Count();
        Dictionary<string, int> Counts(Spec s) => new[] { Own[s.Key].Title, Own[s.Key].Summary }.Concat(s.Words).CountBy(w => w).ToDictionary(g => g.Key, g => g.Value);
        var (x, y) = (Counts(a), Counts(b));
        var dot = x.Sum(t => t.Value * y.GetValueOrDefault(t.Key));
        var cosine = dot / (Math.Sqrt(x.Values.Sum(v => v * v)) * Math.Sqrt(y.Values.Sum(v => v * v)));
        return Math.Round(2.0 * shared / union + (a.Sector == b.Sector ? 1 : 0) + (a.TargetGroup == b.TargetGroup ? 1 : 0) + 3 * cosine, 4);
    }

    /// <summary>The three best of another landsdeel, the lower id first on equal scores; each must beat anything outside the fixture.</summary>
    private static Dictionary<string, List<string>> Expected(Spec[] fixture, Dictionary<string, int> ids) => fixture.ToDictionary(s => s.Key, s =>
    {
        var best = fixture.Where(o => o.Landsdeel != s.Landsdeel).Select(o => (o.Key, Score: Score(s, o)))
            .OrderByDescending(o => o.Score).ThenBy(o => ids[o.Key]).Take(PracticeDetails.RelatedCount).ToList();
        Assert.All(best, b => Assert.True(b.Score > 2, $"{s.Key}–{b.Key} scores {b.Score}: a practice outside the fixture could tie"));
        return best.Select(b => b.Key).ToList();
    });

    [Fact]
    public async Task The_lists_kept_at_publish_and_after_a_change_are_the_related_practices_worked_out_from_the_fixture()
    {
        await factory.InDbAsync(async db =>
        {
            var pact = new Pact { Code = Pact, Name = "Verwantschapspact (test)", Summary = "Voor de tests van verwante praktijken.", SignedOn = new DateOnly(2020, 1, 1) };
            db.Pacts.Add(pact);
            await db.SaveChangesAsync();
            db.Objectives.AddRange(new[] { 1, 2 }.Select(n => new Objective { PactId = pact.Id, Number = n, Title = $"Doel {n}", Description = "Test." }));
            return await db.SaveChangesAsync();
        });
        var administrator = await SignInAsync(factory, "beheerder@pactwerk.demo");
        var ids = new Dictionary<string, int>();
        var versions = new Dictionary<string, int>();
        foreach (var s in Fixture)
        {
            var created = await administrator.PostAsJsonAsync("/api/v1/practices", Input(s, 0));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var json = await created.ReadAsync<JsonElement>();
            ids[s.Key] = json.GetProperty("id").GetInt32();
            var published = await administrator.PostAsJsonAsync($"/api/v1/practices/{ids[s.Key]}/publish", new { version = json.GetProperty("version").GetInt32() });
            Assert.Equal(HttpStatusCode.OK, published.StatusCode);
            versions[s.Key] = (await published.ReadAsync<JsonElement>()).GetProperty("version").GetInt32();
        }
        var key = ids.ToDictionary(x => x.Value, x => x.Key);
        List<string> Kept(string k) => factory.Services.GetRequiredService<PracticeRelatedCache>().Current!.Lists[(ids[k], versions[k])].Select(s => key[s.Id]).ToList();
        async Task<List<string>> Shown(string k) => (await Anonymous(factory).GetFromJsonAsync<JsonElement>($"/api/v1/practices/{ids[k]}"))
            .GetProperty("related").EnumerateArray().Select(r => key[r.GetProperty("id").GetInt32()]).ToList();

        // By hand (scores in the comments): A: B 5.423, C 3.802, D 2.949, E 2.530. D shares objective 1 of its
        // two (×2 = 1) and sector technology with A, B and F: A and F 2.949 (the lower id first), B 2.600.
        var expected = Expected(Fixture, ids);
        Assert.Equal(["B", "C", "D"], expected["A"]);
        Assert.Equal(["B", "C", "D"], expected["F"]);
        Assert.Equal(["A", "F", "B"], expected["D"]);
        Assert.Equal(["C", "A", "F"], expected["E"]);
        // Every list was made when its practice was published and carried over at each later publish; none of them was read by a view.
        foreach (var s in Fixture)
            Assert.Equal(expected[s.Key], Kept(s.Key));

        // E becomes A's twin (A's words, sector and target group, in Zuidoost): the lists of the others change at the save.
        var changedE = Fixture[4] with { Sector = "technology", TargetGroup = "jobseekers", Words = Fixture[0].Words };
        var changed = await administrator.PutAsJsonAsync($"/api/v1/practices/{ids["E"]}", Input(changedE, versions["E"]));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        versions["E"] = (await changed.ReadAsync<JsonElement>()).GetProperty("version").GetInt32();
        var after = Fixture.Select(s => s.Key == "E" ? changedE : s).ToArray();
        var expectedAfter = Expected(after, ids);
        // By hand: A–E now 2 + 1 + 1 + 3 × 6/8 = 6.25, above B's 5.423.
        Assert.Equal(["E", "B", "C"], expectedAfter["A"]);
        Assert.NotEqual(expected["B"], expectedAfter["B"]);
        foreach (var s in after)
            Assert.Equal(expectedAfter[s.Key], Kept(s.Key));
        // And what a reader sees is the kept list.
        foreach (var s in after)
            Assert.Equal(expectedAfter[s.Key], await Shown(s.Key));
    }
}

public sealed class PracticeRelatedKeptTestsSqlite(SqliteFactory factory) : PracticeRelatedKeptTests<SqliteFactory>(factory);
public sealed class PracticeRelatedKeptTestsPostgres(PostgresFactory factory) : PracticeRelatedKeptTests<PostgresFactory>(factory);
