using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Pactwerk.Web.Features.Matching.Scoring;

/// <summary>
/// Matching on competences at scale: the inverted index (<see cref="MatchingIndex"/>) ranks candidates for one place and
/// places for one candidate, against a brute-force scoring of every pair in the same run, over synthetic people and places
/// drawn from the demo frameworks' occupations (data/nl/competenties): a candidate mostly holds the competences of one
/// occupation, a place asks those of one. The brute force's top ranks must equal the index's, or the run fails.
/// </summary>
internal static class MatchingBench
{
    public static int Run(string[] args, string repository)
    {
        int candidates = 0, places = 0, queries = 200, seed = 2015;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var ok = int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0;
            switch (args[i])
            {
                case "--candidates" when ok: candidates = n; break;
                case "--places" when ok: places = n; break;
                case "--queries" when ok: queries = n; break;
                case "--seed" when ok: seed = n; break;
                default: candidates = 0; i = args.Length; break;
            }
        }
        if (candidates < 10 || places < 10 || args.Length % 2 != 0)
        {
            Console.Error.WriteLine("matching --candidates N (≥ 10) --places P (≥ 10) [--queries 200] [--seed 2015]");
            return 2;
        }
        var occupations = Occupations(repository);
        var competenceCount = occupations.SelectMany(o => o.Value).Distinct().Count();
        var random = new Random(seed);
        var allCompetences = occupations.SelectMany(o => o.Value).Distinct().ToArray();
        var jobs = occupations.Values.ToArray();

        var before = GC.GetTotalMemory(forceFullCollection: true);
        var index = new MatchingIndex();
        var people = new List<CompetenceProfile>(candidates);
        for (var id = 1; id <= candidates; id++)
        {
            var job = jobs[random.Next(jobs.Length)];
            var holds = job.OrderBy(_ => random.Next()).Take(random.Next(3, Math.Min(9, job.Length + 1)))
                .Concat(Enumerable.Range(0, random.Next(0, 3)).Select(_ => allCompetences[random.Next(allCompetences.Length)])).Distinct();
            var profile = new CompetenceProfile(id, holds.ToDictionary(c => c, _ => random.Next(1, 5)));
            people.Add(profile);
            index.PutCandidate(profile);
        }
        var offers = new List<PlaceProfile>(places);
        for (var id = 1; id <= places; id++)
        {
            var job = jobs[random.Next(jobs.Length)];
            var asked = job.OrderBy(_ => random.Next()).Take(random.Next(3, Math.Min(7, job.Length + 1)))
                .Select(c => new Requirement(c, random.Next(3) > 0, random.Next(1, 6), random.Next(1, 5))).ToList();
            var place = new PlaceProfile(id, asked);
            offers.Add(place);
            index.PutPlace(place);
        }
        var held = GC.GetTotalMemory(forceFullCollection: true) - before;
        GC.KeepAlive(index);

        Console.WriteLine($"Instance: {candidates} candidates, {places} places, {competenceCount} competences over {occupations.Count} demo occupations, {Environment.ProcessorCount} cores, {queries} queries each");
        const int limit = 50;
        var forPlace = Measure(queries, random, q => index.RankCandidates(offers[q % offers.Count], limit).Count);
        var forPlaceBrute = Measure(queries, random, q => BruteCandidates(people, offers[q % offers.Count], limit).Count);
        var forCandidate = Measure(queries, random, q => index.RankPlaces(people[q % people.Count], limit).Count);
        var forCandidateBrute = Measure(queries, random, q => BrutePlaces(offers, people[q % people.Count], limit).Count);

        // The index and every pair scored must agree on the top ranks, on a sample of both queries.
        var mismatches = 0;
        for (var q = 0; q < 50; q++)
        {
            var place = offers[random.Next(offers.Count)];
            if (!index.RankCandidates(place, limit).Select(m => m.CandidateId).SequenceEqual(BruteCandidates(people, place, limit).Select(m => m.CandidateId)))
                mismatches++;
            var person = people[random.Next(people.Count)];
            if (!index.RankPlaces(person, limit).Select(m => m.PlaceId).SequenceEqual(BrutePlaces(offers, person, limit).Select(m => m.PlaceId)))
                mismatches++;
        }

        Console.WriteLine($"{"query",-34} {"median ms",10} {"p95 ms",10} {"brute p95 ms",13} {"ratio",7}");
        Console.WriteLine($"{"candidates for one place",-34} {forPlace.Median,10:F2} {forPlace.P95,10:F2} {forPlaceBrute.P95,13:F2} {forPlaceBrute.P95 / forPlace.P95,7:F1}");
        Console.WriteLine($"{"places for one candidate",-34} {forCandidate.Median,10:F2} {forCandidate.P95,10:F2} {forCandidateBrute.P95,13:F2} {forCandidateBrute.P95 / forCandidate.P95,7:F1}");
        Console.WriteLine($"Memory held by the index and its profiles: {held / 1024.0 / 1024.0:F1} MB; rankings differing from brute force: {mismatches} of 100");

        var results = Path.Combine(repository, "bench", "results");
        Directory.CreateDirectory(results);
        File.WriteAllText(Path.Combine(results, $"matching-{candidates}-{places}.json"), JsonSerializer.Serialize(new
        {
            candidates, places, competences = competenceCount, queries, cores = Environment.ProcessorCount, heldBytes = held, mismatches,
            forPlace, forPlaceBrute, forCandidate, forCandidateBrute,
        }, new JsonSerializerOptions { WriteIndented = true }));
        var met = forPlace.P95 < 50 && forCandidate.P95 < 50 && mismatches == 0;
        Console.WriteLine($"matching: p95 place {forPlace.P95:F2} ms (brute ×{forPlaceBrute.P95 / forPlace.P95:F1}), p95 candidate {forCandidate.P95:F2} ms (brute ×{forCandidateBrute.P95 / forCandidate.P95:F1}), " +
                          $"{held / 1024.0 / 1024.0:F1} MB held, goal p95 < 50 ms → {(met ? "met" : "NOT met")}");
        return mismatches == 0 ? 0 : 1;
    }

    private sealed record Timing(double Median, double P95);

    private static Timing Measure(int queries, Random random, Func<int, int> query)
    {
        for (var q = 0; q < 10; q++)
            query(q);
        var times = new double[queries];
        var offset = random.Next(1_000_000);
        for (var q = 0; q < queries; q++)
        {
            var clock = Stopwatch.StartNew();
            query(offset + q);
            times[q] = clock.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        return new Timing(times[queries / 2], times[(int)Math.Ceiling(queries * 0.95) - 1]);
    }

    /// <summary>Every candidate scored against the place, as if there were no index.</summary>
    private static List<Match> BruteCandidates(List<CompetenceProfile> people, PlaceProfile place, int limit)
    {
        var all = people.Select(p => Scorer.Score(p, place)).Where(m => m.Points > 0).ToList();
        all.Sort(Scorer.Compare);
        return all.Take(limit).ToList();
    }

    private static List<Match> BrutePlaces(List<PlaceProfile> offers, CompetenceProfile person, int limit)
    {
        var all = offers.Select(p => Scorer.Score(person, p)).Where(m => m.Points > 0).ToList();
        all.Sort(Scorer.Compare);
        return all.Take(limit).ToList();
    }

    /// <summary>The demo frameworks' occupations with their competences, numbered across both frameworks.</summary>
    private static Dictionary<string, int[]> Occupations(string repository)
    {
        var numbers = new Dictionary<string, int>();
        var occupations = new Dictionary<string, List<int>>();
        foreach (var framework in new[] { "techniek", "zorg" })
            foreach (var line in File.ReadLines(Path.Combine(repository, "data", "nl", "competenties", framework, "occupationSkillRelations_nl.csv")).Skip(1))
            {
                var fields = line.Split(',');
                if (fields.Length < 4)
                    continue;
                if (!numbers.TryGetValue(fields[3], out var number))
                    numbers[fields[3]] = number = numbers.Count + 1;
                if (!occupations.TryGetValue(fields[0], out var list))
                    occupations[fields[0]] = list = [];
                list.Add(number);
            }
        return occupations.ToDictionary(o => o.Key, o => o.Value.Distinct().ToArray());
    }
}
