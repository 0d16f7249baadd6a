using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.LearningPlaces;
using Pactwerk.Web.Features.Matching;

namespace Pactwerk.Web.Features.Demo;

/// <summary>
/// Matching on competences instead of CVs, on the Zorgpact's demo places: two of Vogellanden's places state what they ask
/// from the demo zorg framework, and five invented candidates (each marked "(demo)") hold competences at a level with
/// evidence in their own words. Four consented to being matched; one withdrew, so she is never ranked. The ranking for the
/// BBL workplace shows what the rule does: a candidate who meets every required competence ranks above one with a higher
/// score who misses one. <see cref="CandidateEmail"/> is an account (see <see cref="DemoAccounts"/>), so the demo can walk
/// through a proposal to the candidate's own answer; the others have no account. Their birth years and genders are there
/// only to show that they never count and stay hidden in blind mode.
/// </summary>
public static class DemoMatching
{
    /// <summary>The invented candidate who has an account and can answer a proposal.</summary>
    public const string CandidateEmail = "kandidaat@zorgpact.demo";
    public const string CandidateName = "Noor Verhoeven (demo)";
    /// <summary>The place whose candidates the demo shows first.</summary>
    public const string Place = "BBL-werkplek verzorgende IG (demo)";
    public const string HolidayPlace = "Vakantieplek zorgassistent (demo)";

    /// <summary>The zorg framework's competences the demo uses, by the last part of their ESCO-shaped address.</summary>
    private const string Care = "persoonlijke-verzorging", Medication = "medicatie-toedienen", Observing = "observeren-en-rapporteren",
        Dementia = "omgaan-met-dementie", Hygiene = "hygienisch-werken", Team = "samenwerken-in-een-team";

    private sealed record DemoCandidate(string Email, string Name, int BirthYear, string Gender, bool Withdrew, (string Competence, int Level, string? Evidence)[] Competences);

    private static readonly DemoCandidate[] Candidates =
    [
        new(CandidateEmail, CandidateName, 2001, "vrouw", false,
            [(Care, 3, "diploma helpende zorg en welzijn (mbo 2)"), (Medication, 2, "aftekenlijst van de stage"), (Observing, 3, "werkervaring thuiszorg, 2 jaar"),
                (Dementia, 1, "mantelzorg voor haar oma")]),
        new("fatima.ouali@kandidaten.demo", "Fatima Ouali (demo)", 1979, "vrouw", false,
            [(Care, 3, "portfolio BBL-opleiding"), (Medication, 3, "diploma verzorgende IG"), (Observing, 2, "stagebeoordeling"), (Dementia, 2, "e-learning dementie"),
                (Hygiene, 3, null), (Team, 3, "werkervaring in een team van 12")]),
        new("jesse.dijkman@kandidaten.demo", "Jesse Dijkman (demo)", 1995, "man", false,
            [(Care, 4, "werkervaring verpleeghuis, 5 jaar"), (Medication, 1, "cursus medicatie, niet afgerond"), (Observing, 2, null), (Dementia, 3, "werkervaring psychogeriatrie")]),
        new("ruben.hoekstra@kandidaten.demo", "Ruben Hoekstra (demo)", 2006, "man", false,
            [(Care, 2, "vrijwilligerswerk in een woonzorgcentrum"), (Hygiene, 2, null), (Team, 3, "aanvoerder van zijn voetbalteam")]),
        new("lieke.brink@kandidaten.demo", "Lieke Brink (demo)", 1988, "vrouw", true,
            [(Care, 4, "diploma verzorgende IG"), (Medication, 4, "diploma verzorgende IG")]),
    ];

    /// <summary>What the two places ask: (competence, required, weight 1–5, minimum level 1–4).</summary>
    private static readonly (string Place, (string Competence, bool Required, int Weight, int MinimumLevel)[] Asks)[] Requirements =
    [
        (Place, [(Care, true, 5, 3), (Medication, true, 4, 2), (Observing, false, 3, 2), (Dementia, false, 2, 2)]),
        (HolidayPlace, [(Care, true, 4, 2), (Hygiene, true, 3, 2), (Team, false, 2, 1)]),
    ];

    /// <summary>Seeds only when there are no candidates yet, and only once the demo places and the zorg framework are in.</summary>
    public static async Task<bool> SeedAsync(PactwerkDb db, TimeProvider clock, CancellationToken ct)
    {
        if (await db.Set<Candidate>().AnyAsync(ct))
            return false;
        var pact = await db.Pacts.Where(p => p.Code == "zorgpact").Select(p => (int?)p.Id).SingleOrDefaultAsync(ct);
        var competences = pact is null ? [] : await db.Competences.Where(c => c.PactId == pact && c.EscoUri != null)
            .Select(c => new { c.Id, c.EscoUri }).ToListAsync(ct);
        var byName = competences.ToDictionary(c => c.EscoUri![(c.EscoUri!.LastIndexOf('/') + 1)..], c => c.Id);
        var places = await db.Set<LearningPlace>().Where(p => p.Title == Place || p.Title == HolidayPlace).ToDictionaryAsync(p => p.Title, p => p.Id, ct);
        string[] used = [Care, Medication, Observing, Dementia, Hygiene, Team];
        if (places.Count < 2 || used.Any(c => !byName.ContainsKey(c)))
            return false;

        foreach (var (place, asks) in Requirements)
            db.AddRange(asks.Select(a => new PlaceRequirement
            {
                LearningPlaceId = places[place], CompetenceId = byName[a.Competence], Required = a.Required, Weight = a.Weight, MinimumLevel = a.MinimumLevel,
            }));
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var c in Candidates)
        {
            var candidate = new Candidate
            {
                Email = c.Email, CreatedAt = now.AddDays(-30), ConsentGivenAt = now.AddDays(-30), ConsentWithdrawnAt = c.Withdrew ? now.AddDays(-3) : null,
                CandidateCompetences = [.. c.Competences.Select(x => new CandidateCompetence { CompetenceId = byName[x.Competence], Level = x.Level, Evidence = x.Evidence })],
            };
            db.Add(candidate);
            await db.SaveChangesAsync(ct);
            // The details have no navigation: added once the candidate has its number, as the candidate's own save does.
            db.Add(new CandidatePersonalDetails { CandidateId = candidate.Id, Name = c.Name, BirthYear = c.BirthYear, Gender = c.Gender });
        }
        await db.SaveChangesAsync(ct);
        return true;
    }
}
