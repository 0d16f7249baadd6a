using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Tests.LearningPlaces;
using Pactwerk.Web.Features.Matching;
using static Pactwerk.Tests.Infrastructure.Session;
using static Pactwerk.Tests.Matching.MatchingTestData;

namespace Pactwerk.Tests.Matching;

/// <summary>
/// Matching through HTTP: rankings with scores counted by hand, consent, the fairness of the ranking to name, age and
/// gender, blind proposals that people decide, and the candidate's export and erasure.
/// </summary>
public abstract class MatchingApiTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private async Task<(int Place, int A, int B)> PlaceAskingAsync()
    {
        var (_, _, place) = await LearningPlacesTestData.DbPlaceAsync(factory, "Vogellanden");
        var competences = await CompetencesAsync(factory, 3);
        var (a, b) = (competences[0], competences[1]);
        var staff = await LearningPlacesTestData.StaffAsync(factory, LearningPlacesTestData.Vogellanden);
        var put = await staff.PutAsJsonAsync($"/api/v1/learning-places/{place}/requirements", new[]
        {
            new { competenceId = a, required = true, weight = 4, minimumLevel = 3 },
            new { competenceId = b, required = false, weight = 2, minimumLevel = 4 },
        });
        Assert.True(put.StatusCode == HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        return (place, a, b);
    }

    private static async Task<int> IdAsync(HttpClient candidate) => (await candidate.GetFromJsonAsync<JsonElement>("/api/v1/candidates/me")).GetProperty("id").GetInt32();

    [Fact]
    public async Task Candidates_are_ranked_for_a_place_with_scores_counted_by_hand_and_a_candidate_without_consent_is_not_ranked()
    {
        var (place, a, b) = await PlaceAskingAsync();
        var (full, _) = await PersonAsync(factory);
        var (part, _) = await PersonAsync(factory);
        var (low, _) = await PersonAsync(factory);
        var (silent, _) = await PersonAsync(factory);
        await PutProfileAsync(full, "Anna Volledig", true, [(a, 4, "diploma"), (b, 4, "portfolio")]);
        await PutProfileAsync(part, "Bram Deels", true, [(a, 3, "werkervaring 3 jaar"), (b, 2, null)]);
        await PutProfileAsync(low, "Cem Laag", true, [(a, 2, null)]);
        await PutProfileAsync(silent, "Dana Zonder", false, [(a, 4, "diploma"), (b, 4, null)]);
        var ids = new[] { await IdAsync(full), await IdAsync(part), await IdAsync(low), await IdAsync(silent) };

        var coordinator = await SignInAsync(factory, Coordinator);
        var ranking = (await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/learning-places/{place}/candidates")).EnumerateArray()
            .Where(r => ids.Contains(r.GetProperty("candidateId").GetInt32())).ToList();

        // By hand: Anna 6 of 6 = 100; Bram 4 + 2·½·2/4 = 4.5 of 6 = 75; Cem 4·½·2/3 = 1.33 of 6 = 22.2 and misses a required one.
        Assert.Equal([ids[0], ids[1], ids[2]], ranking.Select(r => r.GetProperty("candidateId").GetInt32()));
        Assert.Equal([100.0, 75.0, 22.2], ranking.Select(r => r.GetProperty("score").GetDouble()));
        Assert.Equal([true, true, false], ranking.Select(r => r.GetProperty("meetsAllRequired").GetBoolean()));
        Assert.Equal("Bram Deels", ranking[1].GetProperty("name").GetString());
        var bram = ranking[1].GetProperty("explanation").EnumerateArray().ToList();
        Assert.Equal(["Met", "BelowLevel"], bram.Select(e => e.GetProperty("fit").GetString()));
        Assert.Equal("werkervaring 3 jaar", bram[0].GetProperty("evidence").GetString());

        // The place's own staff see the same ranking, blind.
        var staff = await LearningPlacesTestData.StaffAsync(factory, LearningPlacesTestData.Vogellanden);
        var blind = await staff.GetStringAsync($"/api/v1/learning-places/{place}/candidates");
        Assert.DoesNotContain("Bram Deels", blind);
        Assert.DoesNotContain("Anna Volledig", blind);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await LearningPlacesTestData.StaffAsync(factory, LearningPlacesTestData.Siza))
            .GetAsync($"/api/v1/learning-places/{place}/candidates")).StatusCode);

        // Anna withdraws: she is gone from the ranking at once, and cannot be proposed.
        await PutProfileAsync(full, "Anna Volledig", false, [(a, 4, "diploma"), (b, 4, "portfolio")]);
        var after = await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/learning-places/{place}/candidates");
        Assert.DoesNotContain(after.EnumerateArray(), r => r.GetProperty("candidateId").GetInt32() == ids[0]);
        var proposals = await factory.InDbAsync(db => db.Set<Proposal>().CountAsync());
        var refused = await coordinator.PostAsJsonAsync("/api/v1/candidate-proposals", new { candidateId = ids[0], learningPlaceId = place });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal($"Kandidaat {ids[0]} heeft geen toestemming (meer) gegeven om gematcht te worden; er is niets voorgesteld.",
            (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(proposals, await factory.InDbAsync(db => db.Set<Proposal>().CountAsync()));
    }

    [Fact]
    public async Task The_ranking_is_the_same_when_only_names_birth_years_and_genders_change()
    {
        var (place, a, b) = await PlaceAskingAsync();
        var levels = new[] { (4, 1), (3, 3), (2, 4), (3, 2), (1, 4), (4, 4) };
        var people = new List<HttpClient>();
        var ids = new List<int>();
        for (var i = 0; i < levels.Length; i++)
        {
            var (client, _) = await PersonAsync(factory);
            await PutProfileAsync(client, $"Persoon {i}", true, [(a, levels[i].Item1, null), (b, levels[i].Item2, null)], 1960 + i, i % 2 == 0 ? "vrouw" : "man");
            people.Add(client);
            ids.Add(await IdAsync(client));
        }
        var coordinator = await SignInAsync(factory, Coordinator);
        async Task<List<(int, double)>> RankingAsync() => (await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/learning-places/{place}/candidates"))
            .EnumerateArray().Where(r => ids.Contains(r.GetProperty("candidateId").GetInt32()))
            .Select(r => (r.GetProperty("candidateId").GetInt32(), r.GetProperty("score").GetDouble())).ToList();
        var before = await RankingAsync();

        for (var i = 0; i < people.Count; i++)
            await PutProfileAsync(people[i], $"Ander {people.Count - i} El Amrani", true, [(a, levels[i].Item1, null), (b, levels[i].Item2, null)], 2005 - 7 * i,
                i % 3 == 0 ? null : i % 2 == 0 ? "man" : "non-binair");

        Assert.Equal(levels.Length, before.Count);
        Assert.Equal(before, await RankingAsync());
    }

    [Fact]
    public async Task A_blind_proposal_shows_the_name_only_after_the_organisation_accepts_and_each_party_decides_once()
    {
        var (place, a, b) = await PlaceAskingAsync();
        var (candidate, _) = await PersonAsync(factory);
        await PutProfileAsync(candidate, "Eva Blind", true, [(a, 3, "diploma mbo 4")], 1990, "vrouw");
        var id = await IdAsync(candidate);
        var coordinator = await SignInAsync(factory, Coordinator);
        var staff = await LearningPlacesTestData.StaffAsync(factory, LearningPlacesTestData.Vogellanden);
        var other = await LearningPlacesTestData.StaffAsync(factory, LearningPlacesTestData.Siza);

        // The candidate cannot agree before the organisation has accepted.
        var proposed = await coordinator.PostAsJsonAsync("/api/v1/candidate-proposals", new { candidateId = id, learningPlaceId = place });
        Assert.Equal(HttpStatusCode.Created, proposed.StatusCode);
        var proposal = (await proposed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.Conflict, (await candidate.PostAsync($"/api/v1/candidate-proposals/{proposal}/agree", null)).StatusCode);

        var blind = await staff.GetStringAsync($"/api/v1/candidate-proposals/{proposal}");
        Assert.DoesNotContain("Eva Blind", blind);
        Assert.DoesNotContain("1990", blind);
        Assert.DoesNotContain("vrouw", blind);
        Assert.Contains("diploma mbo 4", blind);

        var foreign = await other.PostAsync($"/api/v1/candidate-proposals/{proposal}/accept", null);
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal("Alleen de organisatie van de leerplek beslist over dit voorstel; er is niets gewijzigd.",
            (await foreign.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal("Proposed", await factory.InDbAsync(db => db.Set<Proposal>().Where(p => p.Id == proposal).Select(p => p.State.ToString()).SingleAsync()));

        var accepted = await staff.PostAsync($"/api/v1/candidate-proposals/{proposal}/accept", null);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("Eva Blind", (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("candidateName").GetString());

        // A second decision, in English: refused, nothing changed.
        Assert.Equal(HttpStatusCode.Redirect, (await staff.GetAsync("/taal?culture=en&returnUrl=%2F")).StatusCode);
        var twice = await staff.PostAsJsonAsync($"/api/v1/candidate-proposals/{proposal}/decline", new { reason = "Toch niet" });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal("This proposal has already been decided; nothing was changed.", (await twice.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal("Accepted", await factory.InDbAsync(db => db.Set<Proposal>().Where(p => p.Id == proposal).Select(p => p.State.ToString()).SingleAsync()));

        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsync($"/api/v1/candidate-proposals/{proposal}/agree", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await candidate.PostAsync($"/api/v1/candidate-proposals/{proposal}/agree", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await candidate.PostAsync($"/api/v1/candidate-proposals/{proposal}/refuse", null)).StatusCode);

        var trail = await factory.InDbAsync(db => db.AuditEntries.Where(e => e.EntityType == nameof(Proposal) && e.EntityId == proposal.ToString())
            .Select(e => e.Action).ToListAsync());
        Assert.Contains(MatchingAuditActions.Proposed, trail);
        Assert.Contains(MatchingAuditActions.Accepted, trail);
        Assert.Contains(MatchingAuditActions.Agreed, trail);
    }

    [Fact]
    public async Task A_decline_needs_a_reason_and_bad_profile_input_is_refused_with_the_field_and_writes_nothing()
    {
        var (place, a, _) = await PlaceAskingAsync();
        var (candidate, email) = await PersonAsync(factory);
        await PutProfileAsync(candidate, "Frits Fout", true, [(a, 2, null)]);
        var id = await IdAsync(candidate);
        var coordinator = await SignInAsync(factory, Coordinator);
        var proposal = (await (await coordinator.PostAsJsonAsync("/api/v1/candidate-proposals", new { candidateId = id, learningPlaceId = place }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var staff = await LearningPlacesTestData.StaffAsync(factory, LearningPlacesTestData.Vogellanden);
        var noReason = await staff.PostAsJsonAsync($"/api/v1/candidate-proposals/{proposal}/decline", new { reason = "  " });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal("Vul de reden in waarom u afwijst (hoogstens 1000 tekens).",
            (await noReason.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("reason")[0].GetString());
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/v1/candidate-proposals/{proposal}/decline", new { reason = "Geen plek meer in juli" })).StatusCode);

        var version = await factory.InDbAsync(db => db.Set<Candidate>().Where(c => c.Id == id).Select(c => c.Version).SingleAsync());
        var bad = await candidate.PutAsJsonAsync("/api/v1/candidates/me", new
        {
            name = "", birthYear = 1800, consent = true, competences = new[] { new { competenceId = a, level = 5, evidence = (string?)null }, new { competenceId = -1, level = 2, evidence = (string?)null } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("Vul uw naam in (hoogstens 200 tekens).", errors.GetProperty("name")[0].GetString());
        Assert.Equal("Vul een geboortejaar in van 1900 tot en met dit jaar, of laat het leeg.", errors.GetProperty("birthYear")[0].GetString());
        Assert.Contains($"Het niveau van competentie {a} is 1, 2, 3 of 4.", errors.GetProperty("competences").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("Competentie -1 bestaat niet.", errors.GetProperty("competences").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(version, await factory.InDbAsync(db => db.Set<Candidate>().Where(c => c.Id == id).Select(c => c.Version).SingleAsync()));
        Assert.Equal(2, await factory.InDbAsync(db => db.Set<CandidateCompetence>().Where(c => c.CandidateId == id).Select(c => c.Level).SingleAsync()));

        // An unchanged save writes nothing.
        var audit = await factory.InDbAsync(db => db.AuditEntries.CountAsync());
        await PutProfileAsync(candidate, "Frits Fout", true, [(a, 2, null)]);
        Assert.Equal(audit, await factory.InDbAsync(db => db.AuditEntries.CountAsync()));
        Assert.NotNull(email);
    }

    [Fact]
    public async Task A_candidate_exports_what_is_held_and_leaves_and_then_nothing_of_them_is_held_or_ranked()
    {
        var (place, a, _) = await PlaceAskingAsync();
        var (candidate, email) = await PersonAsync(factory);
        await PutProfileAsync(candidate, "Gijs Vertrek", true, [(a, 4, "portfolio")], 1984, "man");
        var id = await IdAsync(candidate);
        var places = await candidate.GetFromJsonAsync<JsonElement>($"/api/v1/candidates/{id}/places");
        Assert.Contains(places.EnumerateArray(), p => p.GetProperty("learningPlaceId").GetInt32() == place);
        var (stranger, _) = await PersonAsync(factory);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"/api/v1/candidates/{id}/places")).StatusCode);

        var export = await candidate.GetFromJsonAsync<JsonElement>("/api/v1/candidates/me/export");
        Assert.Equal("Gijs Vertrek", export.GetProperty("candidate").GetProperty("name").GetString());
        Assert.Equal(1984, export.GetProperty("candidate").GetProperty("birthYear").GetInt32());
        Assert.Equal("portfolio", export.GetProperty("candidate").GetProperty("competences")[0].GetProperty("evidence").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await candidate.DeleteAsync("/api/v1/candidates/me")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await candidate.GetAsync("/api/v1/candidates/me")).StatusCode);
        Assert.False(await factory.InDbAsync(db => db.Set<Candidate>().AnyAsync(c => c.Email == email)));
        Assert.False(await factory.InDbAsync(db => db.Set<CandidatePersonalDetails>().AnyAsync(d => d.CandidateId == id)));
        Assert.False(await factory.InDbAsync(db => db.Set<CandidateCompetence>().AnyAsync(d => d.CandidateId == id)));
        var coordinator = await SignInAsync(factory, Coordinator);
        var ranking = await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/learning-places/{place}/candidates");
        Assert.DoesNotContain(ranking.EnumerateArray(), r => r.GetProperty("candidateId").GetInt32() == id);
    }
}

public sealed class MatchingApiSqlite(SqliteFactory factory) : MatchingApiTests<SqliteFactory>(factory);
public sealed class MatchingApiPostgres(PostgresFactory factory) : MatchingApiTests<PostgresFactory>(factory);
