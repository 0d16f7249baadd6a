using System.Globalization;
using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Demo;
using Pactwerk.Web.Features.Matching;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Matching;

/// <summary>
/// The demo's matching: the ranking the coordinator sees on the candidates page of the demo's BBL workplace is the one
/// worked out here from the stored requirements and competences with exact fractions (not by calling the scorer): a met
/// requirement earns its weight, one below the minimum half the weight times level/minimum, a missing one nothing; whoever
/// meets every required competence ranks first, then the higher score, then the lower number. The demo's facts restated:
/// Fatima meets everything, Noor everything required, Jesse and Ruben miss a required one, and Lieke withdrew.
/// </summary>
public abstract class DemoMatchingTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private static readonly HtmlParser Parser = new();

    [Fact]
    public async Task The_demo_places_candidates_page_ranks_the_invented_candidates_as_worked_out_from_the_stored_competences()
    {
        factory.CreateClient();
        var place = await factory.InDbAsync(db => db.Set<Pactwerk.Web.Features.LearningPlaces.LearningPlace>().Where(p => p.Title == DemoMatching.Place).Select(p => p.Id).SingleAsync());
        var requirements = await factory.InDbAsync(db => db.Set<PlaceRequirement>().AsNoTracking().Where(r => r.LearningPlaceId == place).ToListAsync());
        Assert.NotEmpty(requirements);
        var asked = requirements.Select(r => r.CompetenceId).ToList();
        var candidates = await factory.InDbAsync(db => db.Set<Candidate>().AsNoTracking().Include(c => c.CandidateCompetences)
            .Where(c => c.CandidateCompetences.Any(x => asked.Contains(x.CompetenceId))).ToListAsync());

        // Worked out with decimals: each requirement's share of the total weight.
        var expected = candidates.Where(c => c.ConsentGivenAt is { } given && (c.ConsentWithdrawnAt is not { } w || w < given))
            .Select(c =>
            {
                decimal earned = 0;
                var meetsAll = true;
                foreach (var r in requirements)
                {
                    var level = c.CandidateCompetences.SingleOrDefault(x => x.CompetenceId == r.CompetenceId)?.Level ?? 0;
                    earned += level >= r.MinimumLevel ? r.Weight : r.Weight * 0.5m * level / r.MinimumLevel;
                    meetsAll &= !r.Required || level >= r.MinimumLevel;
                }
                return (c.Id, Score: 100m * earned / requirements.Sum(r => r.Weight), MeetsAll: meetsAll);
            })
            .OrderByDescending(x => x.MeetsAll).ThenByDescending(x => x.Score).ThenBy(x => x.Id).ToList();

        var coordinator = await SignInAsync(factory, "coordinator@zorgpact.demo");
        var response = await coordinator.GetAsync($"/leerplekken/{place}/kandidaten");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = Parser.ParseDocument(await response.Content.ReadAsStringAsync());
        var shown = document.QuerySelectorAll("main section[aria-labelledby^='kandidaat-']").Select(s =>
        {
            var id = int.Parse(s.GetAttribute("aria-labelledby")!["kandidaat-".Length..], CultureInfo.InvariantCulture);
            var score = System.Text.RegularExpressions.Regex.Match(s.QuerySelector("p")!.TextContent, @"Score ([\d.,]+) van 100").Groups[1].Value;
            return (Id: id, Score: decimal.Parse(score.Replace(',', '.'), CultureInfo.InvariantCulture));
        }).ToList();
        Assert.Equal(expected.Select(x => x.Id), shown.Select(x => x.Id));
        Assert.Equal(expected.Select(x => Math.Round(x.Score, 1, MidpointRounding.AwayFromZero)), shown.Select(x => x.Score));

        // The demo's facts: four invented candidates ranked in this order, the one who withdrew not at all.
        var names = await factory.InDbAsync(db => db.Set<CandidatePersonalDetails>().AsNoTracking().ToDictionaryAsync(d => d.CandidateId, d => d.Name));
        Assert.Equal(["Fatima Ouali (demo)", "Noor Verhoeven (demo)", "Jesse Dijkman (demo)", "Ruben Hoekstra (demo)"],
            shown.Select(s => names[s.Id]).Where(n => n.EndsWith("(demo)", StringComparison.Ordinal)));
        Assert.DoesNotContain("Lieke Brink (demo)", document.Body!.TextContent);

        // The demo candidate can sign in and sees her competences on her own page.
        var candidate = await SignInAsync(factory, DemoMatching.CandidateEmail);
        var mine = Parser.ParseDocument(await candidate.GetStringAsync("/mijn-competenties"));
        Assert.Equal(DemoMatching.CandidateName, mine.QuerySelector("#name")!.GetAttribute("value"));
    }
}

public sealed class DemoMatchingSqlite(SqliteFactory factory) : DemoMatchingTests<SqliteFactory>(factory);
public sealed class DemoMatchingPostgres(PostgresFactory factory) : DemoMatchingTests<PostgresFactory>(factory);
