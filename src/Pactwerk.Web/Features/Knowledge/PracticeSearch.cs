using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.ReferenceData;
using static Pactwerk.Web.Shared.Values;

namespace Pactwerk.Web.Features.Knowledge;

/// <summary>The search as it arrives from a query string, unchecked.</summary>
public sealed class PracticeQuery
{
    /// <summary>Words to find; Dutch word forms find each other (omscholen finds omscholing). At most 500 characters.</summary>
    public string? Q { get; set; }
    /// <summary>Code of a region of any set; includes every region that lies wholly inside it.</summary>
    public string? Region { get; set; }
    /// <summary>A sector code (technology, care, …).</summary>
    public string? Sector { get; set; }
    /// <summary>Pact code (techniekpact).</summary>
    public string? Pact { get; set; }
    /// <summary>The number of an objective within the pact; needs pact.</summary>
    public int? Objective { get; set; }
    public int? Page { get; set; }
}

public sealed record PracticeHit(int Id, string Pact, string Title, string Summary, string? Sector, IReadOnlyList<string> Landsdelen, double? Rank, string Snippet);
public sealed record FacetValue(string Value, string Label, int Count);
public sealed record PracticeFacets(IReadOnlyList<FacetValue> Region, IReadOnlyList<FacetValue> Sector, IReadOnlyList<FacetValue> Pact, IReadOnlyList<FacetValue> Objective);
public sealed record PracticeResults(string? Query, int Total, int Page, int PageSize, IReadOnlyList<PracticeHit> Results, PracticeFacets Facets);

/// <summary>
/// Full-text search over published practices with Dutch stemming, ranking, highlighted snippets
/// and facets. The words are matched in the database (FTS5 with bm25 on SQLite, the 'dutch' text
/// search configuration with ts_rank on PostgreSQL); filters and facet counts are worked out here
/// over the matched practices, the same on both.
/// </summary>
public sealed class PracticeSearch(PactwerkDb db)
{
    public const int PageSize = 20;
    public const int MaxQueryLength = 500;
    private const char MarkStart = '\uE000', MarkEnd = '\uE001';

    private sealed record Candidate(int Id, int PactId, string PactCode, string? Sector, List<int> ObjectiveIds, List<int> RegionIds);

    /// <summary>Searches; on a mistake in the query or a filter returns the errors per parameter, each naming the valid values.</summary>
    public async Task<(PracticeResults? Results, Dictionary<string, string[]> Errors)> SearchAsync(PracticeQuery query, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var q = Blank(query.Q);
        List<string> words = [];
        if (q is not null)
        {
            if (q.Length > MaxQueryLength)
                errors["q"] = [$"De zoekvraag is te lang ({q.Length} tekens); gebruik hoogstens {MaxQueryLength} tekens."];
            else if (!PracticeText.Words(q).Any())
                errors["q"] = ["De zoekvraag bevat geen woorden, alleen leestekens of zoekoperatoren. Zoek met een of meer woorden, zoals 'omscholing techniek'."];
            else if ((words = SearchWords(q)).Count == 0)
                errors["q"] = ["De zoekvraag bevat alleen veelvoorkomende woorden (zoals 'de', 'en', 'van'). Zoek met een woord dat iets zegt, zoals 'omscholing'."];
        }
        if (Blank(query.Sector) is { } sector && !Network.Sectors.IsKnown(sector))
            errors["sector"] = [$"Onbekende sector '{sector}'. Kies uit: {string.Join(", ", Network.Sectors.All)}."];
        Pacts.PactRef? pact = null;
        if (Blank(query.Pact) is { } pactCode && (pact = await Pacts.PactLookup.FindAsync(db, pactCode, ct)) is null)
            errors["pact"] = [$"Onbekend pact '{pactCode}'. Kies uit: {string.Join(", ", await db.Pacts.OrderBy(p => p.Code).Select(p => p.Code).ToListAsync(ct))}."];
        int? objectiveId = null;
        if (query.Objective is { } number)
        {
            if (pact is not null)
            {
                var objectives = await db.Objectives.Where(o => o.PactId == pact.Id).OrderBy(o => o.Number).Select(o => new { o.Id, o.Number }).ToListAsync(ct);
                objectiveId = objectives.FirstOrDefault(o => o.Number == number)?.Id;
                if (objectiveId is null)
                    errors["objective"] = [$"Het pact {pact.Code} heeft geen doel met nummer {number}. Kies uit: {string.Join(", ", objectives.Select(o => o.Number))}."];
            }
            else if (!errors.ContainsKey("pact"))
                errors["objective"] = ["Een doel is een nummer binnen een pact: geef ook het pact (bijvoorbeeld pact=techniekpact&objective=4)."];
        }
        (int Id, string Code)? region = null;
        if (Blank(query.Region) is { } regionCode)
        {
            var found = await db.Regions.Where(r => r.Code == regionCode.ToUpperInvariant() && r.ValidTo == null).Select(r => new { r.Id, r.Code }).SingleOrDefaultAsync(ct);
            if (found is null)
            {
                var codes = await db.Regions.Where(r => r.ValidTo == null && r.RegionSet.Kind != Regions.RegionSetKind.Municipalities)
                    .OrderBy(r => r.Code).Select(r => r.Code).ToListAsync(ct);
                errors["region"] = [$"Er is geen regio met code '{regionCode}'. Kies uit: {string.Join(", ", codes)}, of de code van een gemeente (zoals GM0363)."];
            }
            else
                region = (found.Id, found.Code);
        }
        if (query.Page is < 1 or > 10_000)
            errors["page"] = ["Een pagina is een nummer van 1 tot 10.000."];
        if (errors.Count > 0)
            return (null, errors);

        var ranks = q is null ? null : await MatchAsync(words, ct);
        var published = db.Set<Practice>().Where(p => p.Status == PracticeStatus.Published);
        if (ranks is not null)
        {
            var ids = ranks.Keys.ToList();
            published = published.Where(p => ids.Contains(p.Id));
        }
        var candidates = await published.Select(p => new Candidate(p.Id, p.PactId, db.Pacts.Where(x => x.Id == p.PactId).Select(x => x.Code).First(), p.Sector,
            p.Objectives.Select(o => o.ObjectiveId).ToList(), p.Regions.Select(r => r.RegionId).ToList())).ToListAsync(ct);

        var areas = await PracticeAreas.LoadAsync(db, candidates.SelectMany(c => c.RegionIds).Distinct().ToList(), ct);
        IReadOnlySet<int>? inside = region is { } r0
            ? await AccessScopeProvider.RegionsInsideAsync(db, r0.Id, candidates.SelectMany(c => c.RegionIds).Distinct().ToList(), ct)
            : null;
        var results = candidates.Where(c =>
            (inside is null || c.RegionIds.Any(inside.Contains))
            && (Blank(query.Sector) is not { } s || c.Sector == s)
            && (pact is null || c.PactId == pact.Id)
            && (objectiveId is null || c.ObjectiveIds.Contains(objectiveId.Value))).ToList();

        var titles = await db.Set<Practice>().Where(p => results.Select(c => c.Id).Contains(p.Id))
            .Select(p => new { p.Id, p.Title, p.PublishedAt }).ToDictionaryAsync(p => p.Id, ct);
        var ordered = ranks is not null
            ? results.OrderByDescending(c => ranks[c.Id]).ThenBy(c => titles[c.Id].Title, Dutch).ThenBy(c => c.Id).ToList()
            : results.OrderByDescending(c => titles[c.Id].PublishedAt).ThenBy(c => titles[c.Id].Title, Dutch).ThenBy(c => c.Id).ToList();
        var page = query.Page ?? 1;
        var shown = ordered.Skip((page - 1) * PageSize).Take(PageSize).ToList();
        var snippets = await SnippetsAsync(shown.Select(c => c.Id).ToList(), q is null ? null : words, ct);

        var hits = shown.Select(c => new PracticeHit(c.Id, c.PactCode, titles[c.Id].Title, snippets[c.Id].Summary, c.Sector,
            areas.LandsdelenOf(c.RegionIds).Select(l => l.Code).ToList(), ranks?[c.Id], snippets[c.Id].Snippet)).ToList();
        return (new PracticeResults(q, results.Count, page, PageSize, hits, await FacetsAsync(results, areas, ct)), errors);
    }

    /// <summary>
    /// The words of a query as both databases search them: stop words left out, and a word whose
    /// stem has a canonical synonym replaced by it (technische → techniek).
    /// </summary>
    public static List<string> SearchWords(string q) =>
        PracticeText.Words(q).Select(w => q.Substring(w.Start, w.Length).ToLower(CultureInfo.InvariantCulture))
            .Where(w => !PracticeText.IsStopWord(w))
            .Select(w => PracticeText.Synonyms.GetValueOrDefault(PracticeText.Stem(w)) ?? w)
            .Distinct().ToList();

    /// <summary>The published practices that hold every word, with their rank (higher is better).</summary>
    private async Task<Dictionary<int, double>> MatchAsync(List<string> words, CancellationToken ct)
    {
        if (db.Database.IsSqlite())
        {
            // Stems only hold letters and digits, so quoting each makes the MATCH a plain AND of terms, never FTS5 syntax.
            var match = string.Join(' ', words.Select(w => $"\"{PracticeText.Stem(w)}\""));
            var rows = await db.Database.SqlQuery<RankRow>(
                $"SELECT rowid AS Id, -bm25(PracticeSearch, 3.0, 1.0) AS Rank FROM PracticeSearch WHERE PracticeSearch MATCH {match}").ToListAsync(ct);
            return rows.ToDictionary(r => r.Id, r => r.Rank);
        }
        var text = string.Join(' ', words);
        var found = await db.Database.SqlQuery<RankRow>(
            $"""SELECT "Id", ts_rank("SearchVector", plainto_tsquery('dutch', {text}))::float8 AS "Rank" FROM "Practices" WHERE "Status" = 'Published' AND "SearchVector" @@ plainto_tsquery('dutch', {text})""")
            .ToListAsync(ct);
        return found.ToDictionary(r => r.Id, r => r.Rank);
    }

    private sealed class RankRow
    {
        public int Id { get; set; }
        public double Rank { get; set; }
    }

    private sealed class HeadlineRow
    {
        public int Id { get; set; }
        public string Headline { get; set; } = "";
    }

    /// <summary>The summary and a snippet per practice: the matched words in &lt;mark&gt;, everything else HTML-escaped.</summary>
    private async Task<Dictionary<int, (string Summary, string Snippet)>> SnippetsAsync(List<int> ids, List<string>? words, CancellationToken ct)
    {
        var practices = await db.Set<Practice>().Where(p => ids.Contains(p.Id)).ToListAsync(ct);
        if (words is null)
            return practices.ToDictionary(p => p.Id, p => (p.Summary, System.Net.WebUtility.HtmlEncode(p.Summary)));
        if (db.Database.IsSqlite())
        {
            var stems = words.Select(PracticeText.Stem).ToHashSet();
            return practices.ToDictionary(p => p.Id, p => (p.Summary, PracticeText.Snippet(p.Title + ". " + PracticeIndex.BodyText(p), stems)));
        }
        var text = string.Join(' ', words);
        var options = $"StartSel={MarkStart}, StopSel={MarkEnd}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=\" … \"";
        var headlines = await db.Database.SqlQuery<HeadlineRow>(
            $"""
            SELECT "Id", ts_headline('dutch', concat_ws(' ', "Title" || '.', "Summary", "Context", "Approach", "Results", "ResultsSource", "WhatWorked", "WhatDidNotWork", "TransferConditions"),
                plainto_tsquery('dutch', {text}), {options}) AS "Headline"
            FROM "Practices" WHERE "Id" = ANY({ids.ToArray()})
            """).ToListAsync(ct);
        // The headline is the author's text: escape all of it, then turn only our own markers into <mark>.
        return practices.ToDictionary(p => p.Id, p => (p.Summary, System.Net.WebUtility.HtmlEncode(headlines.Single(h => h.Id == p.Id).Headline)
            .Replace(MarkStart.ToString(), "<mark>").Replace(MarkEnd.ToString(), "</mark>")));
    }

    private async Task<PracticeFacets> FacetsAsync(List<Candidate> results, PracticeAreas areas, CancellationToken ct)
    {
        var pacts = await db.Pacts.ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var objectiveIds = results.SelectMany(r => r.ObjectiveIds).Distinct().ToList();
        var objectives = await db.Objectives.Where(o => objectiveIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);
        var pactCodes = results.Select(r => (r.PactId, r.PactCode)).Distinct().ToDictionary(p => p.PactId, p => p.PactCode);
        return new PracticeFacets(
            areas.Landsdelen.Select(l => new FacetValue(l.Code, l.Name, results.Count(r => areas.LandsdelenOf(r.RegionIds).Contains(l))))
                .Where(f => f.Count > 0).ToList(),
            results.Where(r => r.Sector is not null).GroupBy(r => r.Sector!).OrderByDescending(g => g.Count()).ThenBy(g => g.Key)
                .Select(g => new FacetValue(g.Key, g.Key, g.Count())).ToList(),
            results.GroupBy(r => r.PactId).OrderByDescending(g => g.Count()).ThenBy(g => pactCodes[g.Key])
                .Select(g => new FacetValue(pactCodes[g.Key], pacts[g.Key], g.Count())).ToList(),
            results.SelectMany(r => r.ObjectiveIds.Select(o => (Practice: r.Id, Objective: objectives[o]))).GroupBy(x => x.Objective.Id)
                .Select(g => (Objective: g.First().Objective, Count: g.Count()))
                .OrderBy(g => pactCodes[g.Objective.PactId]).ThenBy(g => g.Objective.Number)
                .Select(g => new FacetValue($"{pactCodes[g.Objective.PactId]}:{g.Objective.Number}", g.Objective.Title, g.Count)).ToList());
    }
}

/// <summary>
/// Which landsdelen (the Techniekpact's five) each region touches, decided on municipalities: the
/// region facet and "from another region" for related practices both use it.
/// </summary>
public sealed class PracticeAreas
{
    public sealed record Landsdeel(int Id, string Code, string Name);

    private readonly Dictionary<int, IReadOnlyList<Landsdeel>> _byRegion;

    private PracticeAreas(IReadOnlyList<Landsdeel> landsdelen, Dictionary<int, IReadOnlyList<Landsdeel>> byRegion) =>
        (Landsdelen, _byRegion) = (landsdelen, byRegion);

    public IReadOnlyList<Landsdeel> Landsdelen { get; }

    public IReadOnlyList<Landsdeel> LandsdelenOf(IEnumerable<int> regionIds) =>
        regionIds.SelectMany(r => _byRegion.GetValueOrDefault(r) ?? []).Distinct().OrderBy(l => l.Code, StringComparer.Ordinal).ToList();

    public static async Task<PracticeAreas> LoadAsync(PactwerkDb db, IReadOnlyCollection<int> regionIds, CancellationToken ct)
    {
        var landsdelen = await db.Regions.Where(r => r.RegionSet.Code == RegionSetCodes.TechniekpactLandsdelen && r.ValidTo == null)
            .OrderBy(r => r.Code).Select(r => new Landsdeel(r.Id, r.Code, r.Name)).ToListAsync(ct);
        var municipalities = await AccessScopeProvider.MunicipalitiesOfAsync(db, regionIds.Concat(landsdelen.Select(l => l.Id)).Distinct().ToList(), ct);
        return new PracticeAreas(landsdelen, regionIds.ToDictionary(r => r,
            r => (IReadOnlyList<Landsdeel>)landsdelen.Where(l => municipalities[l.Id].Overlaps(municipalities[r])).ToList()));
    }
}
