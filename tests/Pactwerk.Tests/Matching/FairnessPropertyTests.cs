using FsCheck;
using FsCheck.Fluent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Tests.LearningPlaces;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Matching;
using Pactwerk.Web.Features.Matching.Scoring;

namespace Pactwerk.Tests.Matching;

/// <summary>
/// Protected characteristics never enter the ranking: for candidates and requirements that FsCheck makes, the ranking a
/// place gets through the real path (database, index, <see cref="Rankings"/>) is the same after only the names (of every
/// origin), birth years and genders change, reassigned at random, as before. The same holds for an employer vacancy asking
/// the same requirements, whose ranking is moreover the place's own.
/// </summary>
public abstract class FairnessPropertyTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private static readonly string[] Names =
        ["Jan de Vries", "Mohammed El Amrani", "Priya Ramdin", "Ewa Kowalska", "Sanne Bakker", "Kwame Mensah", "Nguyen Thi Lan", "Fatma Yılmaz", "Pieter Jansen", "Aisha Bouzid"];
    private static readonly string?[] Genders = ["vrouw", "man", "non-binair", null];

    public sealed record Person(string Name, int? BirthYear, string? Gender);
    public sealed record Ask(bool Asked, bool Required, int Weight, int MinimumLevel);
    public sealed record Scenario(Ask[] Asks, int[][] Levels, Person[] Before, Person[] After);

    private static Gen<Person> People =>
        from name in Gen.Elements(Names)
        from year in Gen.Choose(0, 58)
        from gender in Gen.Elements(Genders)
        select new Person(name, year == 0 ? null : 1950 + year, gender);

    /// <summary>Four competences, each asked or not (at least one asked); two to seven candidates with levels 0 (not held) to 4.</summary>
    private static Gen<Scenario> Scenarios =>
        from asks in (from asked in Gen.Choose(0, 2) from required in Gen.Elements(true, false) from weight in Gen.Choose(1, 5) from minimum in Gen.Choose(1, 4)
                      select new Ask(asked > 0, required, weight, minimum)).ArrayOf(4).Where(a => a.Any(x => x.Asked))
        from count in Gen.Choose(2, 7)
        from levels in Gen.Choose(0, 4).ArrayOf(4).ArrayOf(count)
        from before in People.ArrayOf(count)
        from after in People.ArrayOf(count)
        select new Scenario(asks, levels, before, after);

    [Fact]
    public async Task The_ranking_is_the_same_when_only_name_age_and_gender_change_for_generated_candidates_and_requirements()
    {
        var competences = await MatchingTestData.CompetencesAsync(factory, 4);
        var scenarios = Scenarios.Sample(12);
        var compared = 0;
        foreach (var scenario in scenarios)
        {
            var (organisation, _, place) = await LearningPlacesTestData.DbPlaceAsync(factory, "Vogellanden");
            var vacancy = await factory.InDbAsync(async db =>
            {
                var v = new Vacancy
                {
                    OrganisationId = organisation, Title = "Vacature " + Guid.NewGuid().ToString("N")[..6], Sector = "care", HoursPerWeek = 24m,
                    OpenUntil = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30),
                    MunicipalityId = await db.Regions.Where(r => r.Code == "GM0363").Select(r => r.Id).FirstAsync(),
                    Requirements = [.. Enumerable.Range(0, 4).Where(i => scenario.Asks[i].Asked).Select(i => new VacancyRequirement
                        { CompetenceId = competences[i], Required = scenario.Asks[i].Required, Weight = scenario.Asks[i].Weight, MinimumLevel = scenario.Asks[i].MinimumLevel })],
                };
                db.Add(v);
                await db.SaveChangesAsync();
                return v.Id;
            });
            var ids = await factory.InDbAsync(async db =>
            {
                for (var i = 0; i < 4; i++)
                    if (scenario.Asks[i] is { Asked: true } ask)
                        db.Add(new PlaceRequirement { LearningPlaceId = place, CompetenceId = competences[i], Required = ask.Required, Weight = ask.Weight, MinimumLevel = ask.MinimumLevel });
                var candidates = scenario.Levels.Select(levels => new Candidate
                {
                    Email = $"eerlijk-{Guid.NewGuid():N}@matching.test", CreatedAt = DateTime.UtcNow, ConsentGivenAt = DateTime.UtcNow,
                    CandidateCompetences = [.. levels.Select((level, i) => (level, i)).Where(x => x.level > 0).Select(x => new CandidateCompetence { CompetenceId = competences[x.i], Level = x.level })],
                }).ToList();
                db.AddRange(candidates);
                await db.SaveChangesAsync();
                for (var i = 0; i < candidates.Count; i++)
                    db.Add(new CandidatePersonalDetails { CandidateId = candidates[i].Id, Name = scenario.Before[i].Name, BirthYear = scenario.Before[i].BirthYear, Gender = scenario.Before[i].Gender });
                await db.SaveChangesAsync();
                return candidates.Select(c => c.Id).ToList();
            });
            await RefreshAsync(place, vacancy, ids);
            var before = await RankingAsync(Opening.Place(place), ids);
            var vacancyBefore = await RankingAsync(Opening.Vacancy(vacancy), ids);

            // Only the protected characteristics change, each person's to another generated one; the index is refreshed as
            // the profile writer refreshes it after a save.
            await factory.InDbAsync(async db =>
            {
                var details = await db.Set<CandidatePersonalDetails>().Where(d => ids.Contains(d.CandidateId)).ToListAsync();
                foreach (var d in details)
                {
                    var after = scenario.After[ids.IndexOf(d.CandidateId)];
                    (d.Name, d.BirthYear, d.Gender) = (after.Name, after.BirthYear, after.Gender);
                }
                return await db.SaveChangesAsync();
            });
            await RefreshAsync(place, vacancy, ids);
            var afterRanking = await RankingAsync(Opening.Place(place), ids);

            Assert.Equal(before, afterRanking);
            Assert.Equal(vacancyBefore, await RankingAsync(Opening.Vacancy(vacancy), ids));
            // One path: the vacancy asking what the place asks ranks the candidates exactly as the place does.
            Assert.Equal(before, vacancyBefore);
            // Every candidate who holds an asked competence is ranked: the comparison is not of two empty lists.
            var holders = ids.Where((_, i) => Enumerable.Range(0, 4).Any(c => scenario.Asks[c].Asked && scenario.Levels[i][c] > 0)).ToHashSet();
            Assert.True(holders.SetEquals(before.Select(b => b.Candidate).Where(holders.Contains)), "a holder of an asked competence was not ranked");
            compared += before.Count;

            // Gone again, so the next scenario's place ranks only its own candidates within the limit.
            await factory.InDbAsync(async db =>
            {
                await db.Set<CandidatePersonalDetails>().Where(d => ids.Contains(d.CandidateId)).ExecuteDeleteAsync();
                await db.Set<CandidateCompetence>().Where(c => ids.Contains(c.CandidateId)).ExecuteDeleteAsync();
                return await db.Set<Candidate>().Where(c => ids.Contains(c.Id)).ExecuteDeleteAsync();
            });
            await RefreshAsync(place, vacancy, ids);
        }
        Assert.True(compared > scenarios.Count(), $"only {compared} rankings compared");
    }

    private Task RefreshAsync(int place, int vacancy, List<int> ids) => factory.InScopeAsync(async services =>
    {
        var db = services.GetRequiredService<PactwerkDb>();
        var index = services.GetRequiredService<CandidateIndex>();
        await index.RefreshPlaceAsync(db, place, CancellationToken.None);
        await index.RefreshOpeningAsync(db, Opening.Vacancy(vacancy), CancellationToken.None);
        foreach (var id in ids)
            await index.RefreshCandidateAsync(db, id, CancellationToken.None);
    });

    private async Task<List<(int Candidate, double Score, bool MeetsAll, int Rank)>> RankingAsync(Opening opening, List<int> ids)
    {
        List<(int, double, bool, int)> ranking = [];
        await factory.InScopeAsync(async services =>
        {
            var rankings = services.GetRequiredService<Rankings>();
            ranking = (await rankings.CandidatesForAsync(opening, withNames: false, CancellationToken.None))
                .Where(m => ids.Contains(m.CandidateId)).Select(m => (m.CandidateId, m.Score, m.MeetsAllRequired, m.Rank)).ToList();
        });
        return ranking;
    }
}

public sealed class FairnessPropertySqlite(SqliteFactory factory) : FairnessPropertyTests<SqliteFactory>(factory);
public sealed class FairnessPropertyPostgres(PostgresFactory factory) : FairnessPropertyTests<PostgresFactory>(factory);
