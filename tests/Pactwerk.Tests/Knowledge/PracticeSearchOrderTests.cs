using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Knowledge;
using Pactwerk.Web.Features.Pacts;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Knowledge;

/// <summary>The order of the search's pages where ranks tie, checked against an order written out by hand.</summary>
public abstract class PracticeSearchOrderTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    /// <summary>A word no other practice holds, letters only so that it is one term.</summary>
    private static string Word(string stem) => stem + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(8).ToArray()) + "zak";

    /// <summary>
    /// Practices that the search ranks the same are shown by title in Dutch order (case and accents aside), the id
    /// last, on every page: the search picks a page without sorting all matched rows, and must pick the same rows.
    /// 22 practices with the same body and one-word titles; the titles below are in that order by hand.
    /// </summary>
    [Fact]
    public async Task Practices_of_equal_rank_are_paged_by_title_in_Dutch_order()
    {
        string[] titles = ["appel", "Beer", "citroen", "Dadel", "Éénhoorn", "framboos", "Granaatappel", "hazelnoot", "Inktvis", "jasmijn", "Kiwi",
            "limoen", "Mango", "nectarine", "Olijf", "peer", "Quinoa", "rozijn", "Sinaasappel", "tomaat", "Ui", "vijg"];
        var word = Word("gelijk");
        var code = $"gelijk-{Guid.NewGuid():N}"[..15];
        var publishedAt = new DateTime(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);
        await factory.InDbAsync(async db =>
        {
            var pact = new Pact { Code = code, Name = "Gelijkpact (test)", Summary = "Voor de test van de volgorde.", SignedOn = new DateOnly(2020, 1, 1) };
            db.Pacts.Add(pact);
            await db.SaveChangesAsync();
            var region = await db.Regions.Where(r => r.Code == "TP-NOORD" && r.ValidTo == null).Select(r => r.Id).SingleAsync();
            var index = new PracticeIndex(db);
            // Not in title order, so that the ids do not give the order away.
            foreach (var i in Enumerable.Range(0, titles.Length).Select(i => i * 7 % titles.Length))
            {
                var practice = new Practice
                {
                    PactId = pact.Id, Title = titles[i], Summary = $"Een praktijk over {word}.", Sector = "technology", TargetGroup = "workers",
                    Regions = [new PracticeRegion { RegionId = region }],
                };
                practice.MoveTo(PracticeStatus.Published, publishedAt);
                practice.SearchSynonyms = PracticeText.SynonymsOf(practice.Title + "\n" + PracticeIndex.BodyText(practice));
                db.Set<Practice>().Add(practice);
                await db.SaveChangesAsync();
                await index.RefreshAsync(practice, default);
            }
            return 0;
        });
        async Task<(int Total, List<string> Titles)> PageAsync(string search)
        {
            var json = await Anonymous(factory).GetFromJsonAsync<JsonElement>($"/api/v1/practices?{search}");
            return (json.GetProperty("total").GetInt32(), json.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("title").GetString()!).ToList());
        }

        foreach (var search in new[] { $"q={word}", $"pact={code}" }) // equal rank; equal publication time
        {
            var first = await PageAsync(search + "&page=1");
            var second = await PageAsync(search + "&page=2");
            Assert.Equal(titles.Length, first.Total);
            Assert.Equal(titles[..PracticeSearch.PageSize], first.Titles);
            Assert.Equal(titles[PracticeSearch.PageSize..], second.Titles);
            Assert.Empty((await PageAsync(search + "&page=3")).Titles);
        }
    }
}

public sealed class PracticeSearchOrderTestsSqlite(SqliteFactory factory) : PracticeSearchOrderTests<SqliteFactory>(factory);
public sealed class PracticeSearchOrderTestsPostgres(PostgresFactory factory) : PracticeSearchOrderTests<PostgresFactory>(factory);
