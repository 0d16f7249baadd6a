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
/// search configuration with ts_rank on PostgreSQL) and joined to the filters in SQL; facets are
/// counted here over the matched rows and the traits kept per practice version, and snippets are
/// made here from the plain text, the same on both.
/// </summary>
public sealed class PracticeSearch(PactwerkDb db, PracticeAreaCache areaCache, PracticePlainTextCache plainTexts, PracticeTraitsCache traits)
{
    public const int PageSize = 20;
    public const int MaxQueryLength = 500;

    /// <summary>Searches; on a mistake in the query or a filter returns the errors per parameter, each naming the valid values.</summary>
    public async Task<(PracticeResults? Results, Dictionary<string, string[]> Errors)> SearchAsync(PracticeQuery query, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var q = Blank(query.Q);
        List<string> words = [];
        if (q is not null)
        {
            if (q.Length > MaxQueryLength)
                errors["q"] = [KnowledgeMessages.Format(KnowledgeMessages.QueryTooLong, q.Length, MaxQueryLength)];
            else if (!PracticeText.Words(q).Any())
                errors["q"] = ["De zoekvraag bevat geen woorden, alleen leestekens of zoekoperatoren. Zoek met een of meer woorden, zoals 'omscholing techniek'."];
            else if ((words = SearchWords(q)).Count == 0)
                errors["q"] = ["De zoekvraag bevat alleen veelvoorkomende woorden (zoals 'de', 'en', 'van'). Zoek met een woord dat iets zegt, zoals 'omscholing'."];
        }
        if (Blank(query.Sector) is { } sector && !Network.Sectors.IsKnown(sector))
            errors["sector"] = [KnowledgeMessages.Format(KnowledgeMessages.UnknownSector, sector, string.Join(", ", Network.Sectors.All))];
        Pacts.PactRef? pact = null;
        if (Blank(query.Pact) is { } pactCode && (pact = await Pacts.PactLookup.FindAsync(db, pactCode, ct)) is null)
            errors["pact"] = [KnowledgeMessages.Format(KnowledgeMessages.UnknownPactChoose, pactCode, string.Join(", ", await db.Pacts.OrderBy(p => p.Code).Select(p => p.Code).ToListAsync(ct)))];
        int? objectiveId = null;
        if (query.Objective is { } number)
        {
            if (pact is not null)
            {
                var objectives = await db.Objectives.Where(o => o.PactId == pact.Id).OrderBy(o => o.Number).Select(o => new { o.Id, o.Number }).ToListAsync(ct);
                objectiveId = objectives.FirstOrDefault(o => o.Number == number)?.Id;
                if (objectiveId is null)
                    errors["objective"] = [KnowledgeMessages.Format(KnowledgeMessages.NoObjectiveInPact, pact.Code, number, string.Join(", ", objectives.Select(o => o.Number)))];
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
                errors["region"] = [KnowledgeMessages.Format(KnowledgeMessages.UnknownSearchRegion, regionCode, string.Join(", ", codes))];
            }
            else
                region = (found.Id, found.Code);
        }
        if (query.Page is < 1 or > 10_000)
            errors["page"] = ["Een pagina is een nummer van 1 tot 10.000."];
        if (errors.Count > 0)
            return (null, errors);

        var areas = await areaCache.GetAsync(db, ct);
        // Every filter is applied in SQL, and the full-text match is joined in the same statement:
        // the matched ids never travel to the app and back as a parameter.
        var filtered = SearchRows().Where(p => p.Status == PracticeStatus.Published);
        if (region is { } r0)
        {
            var inside = areas.RegionsInside(r0.Id).ToArray();
            filtered = filtered.Where(p => p.Regions.Any(x => EF.Parameter(inside).Contains(x.RegionId)));
        }
        if (Blank(query.Sector) is { } s)
            filtered = filtered.Where(p => p.Sector == s);
        if (pact is not null)
            filtered = filtered.Where(p => p.PactId == pact.Id);
        if (objectiveId is { } o)
            filtered = filtered.Where(p => p.Objectives.Any(x => x.ObjectiveId == o));

        var rows = q is null
            ? await filtered.Select(p => new FacetRow(p.Id, p.Version, p.Title, p.PublishedAt, p.PactId, p.Sector, null)).ToListAsync(ct)
            : await MatchedAsync(filtered.Join(Match(words), p => p.Id, m => m.Id, (p, m) => new FacetRow(p.Id, p.Version, p.Title, p.PublishedAt, p.PactId, p.Sector, m.Rank)), ct);
        Comparison<FacetRow> order = q is not null
            ? (a, b) => Comparer<double?>.Default.Compare(b.Rank, a.Rank) is var c and not 0 ? c : Dutch.Compare(a.Title, b.Title) is var t and not 0 ? t : a.Id.CompareTo(b.Id)
            : (a, b) => Comparer<DateTime?>.Default.Compare(b.PublishedAt, a.PublishedAt) is var c and not 0 ? c : Dutch.Compare(a.Title, b.Title) is var t and not 0 ? t : a.Id.CompareTo(b.Id);
        var page = query.Page ?? 1;
        var shownRows = First(rows, page * PageSize, order).Skip((page - 1) * PageSize).ToList();
        var shown = shownRows.Select(c => c.Id).ToList();
        // One read for everything the page of hits shows; the long texts only when a snippet needs them and they are not kept yet.
        var details = await db.Set<Practice>().Where(p => shown.Contains(p.Id))
            .Select(p => new ShownRow(p.Id, p.Version, p.Title, p.Summary, db.Pacts.Where(x => x.Id == p.PactId).Select(x => x.Code).First(), p.Sector,
                p.Regions.Select(x => x.RegionId).ToList()))
            .ToDictionaryAsync(p => p.Id, ct);
        var snippets = await SnippetsAsync(details.Values.ToList(), q is null ? null : words, ct);

        var hits = shownRows.Select(c => new PracticeHit(c.Id, details[c.Id].Pact, details[c.Id].Title, details[c.Id].Summary, details[c.Id].Sector,
            areas.LandsdelenOf(details[c.Id].Regions).Select(l => l.Code).ToList(), c.Rank, snippets[c.Id])).ToList();
        var facets = await FacetsAsync(rows, areas, ct);
        return (new PracticeResults(q, rows.Count, page, PageSize, hits, facets), errors);
    }

    /// <summary>
    /// The first <paramref name="count"/> rows in the given order, best first: what sorting all rows and taking the first
    /// would give (the order is total, it ends on the id), without putting every row in order. Matched practices often
    /// share their rank, and a full sort then compares thousands of titles the Dutch way, which costs far more than the
    /// match itself (10⁴ practices, one word: 2,512 rows, some 28,000 culture comparisons per search;
    /// bench/results/2026-12-07-practices.md). A heap of the best so far turns a row away with one comparison to its worst.
    /// </summary>
    private static List<T> First<T>(List<T> rows, int count, Comparison<T> order)
    {
        var best = new PriorityQueue<T, T>(Math.Min(count, rows.Count), Comparer<T>.Create((a, b) => order(b, a)));
        foreach (var row in rows)
        {
            if (best.Count < count)
                best.Enqueue(row, row);
            else
                best.EnqueueDequeue(row, row);
        }
        var first = new List<T>(best.Count);
        while (best.TryDequeue(out var row, out _))
            first.Add(row); // the worst of them first
        first.Reverse();
        return first;
    }

    /// <summary>
    /// The practices as the search reads them. SQLite's planner looks a matched id up in the table (its rowid), not in
    /// the covering index, and the table's row has the status, sector and publication date after the long texts, on
    /// overflow pages: naming the index makes it read the index alone (the subquery is flattened; 10⁴ practices: the
    /// row read 6× faster, bench/results/2026-12-05-practices.md). PostgreSQL picks its plans itself.
    /// </summary>
    private IQueryable<Practice> SearchRows() => db.Database.IsSqlite()
        ? db.Set<Practice>().FromSqlRaw($"SELECT * FROM \"Practices\" INDEXED BY \"{PracticeConfiguration.SearchRowIndex}\"")
        : db.Set<Practice>();

    /// <summary>
    /// The words of a query as both databases search them: stop words left out, and a word whose
    /// stem has a canonical synonym replaced by it (technische → techniek).
    /// </summary>
    public static List<string> SearchWords(string q) =>
        PracticeText.Words(q).Select(w => q.Substring(w.Start, w.Length).ToLower(CultureInfo.InvariantCulture))
            .Where(w => !PracticeText.IsStopWord(w))
            .Select(w => PracticeText.Synonyms.GetValueOrDefault(PracticeText.Stem(w)) ?? w)
            .Distinct().ToList();

    /// <summary>
    /// The published practices that hold every word, with their rank (higher is better), as a query
    /// the caller composes with its filters, so the database does the match and the join in one go.
    /// </summary>
    private IQueryable<RankRow> Match(List<string> words)
    {
        if (db.Database.IsSqlite())
        {
            // Stems only hold letters and digits, so quoting each makes the MATCH a plain AND of terms, never FTS5 syntax.
            var match = string.Join(' ', words.Select(w => $"\"{PracticeText.Stem(w)}\""));
            return db.Database.SqlQuery<RankRow>(
                $"SELECT rowid AS Id, -bm25(PracticeSearch, 3.0, 1.0) AS Rank FROM PracticeSearch WHERE PracticeSearch MATCH {match}");
        }
        // Only the match here: the caller's filters hold the status, and with a condition on "Status"
        // beside it the planner takes the status index and tests every row's tsvector (see MatchedAsync).
        var text = string.Join(' ', words);
        return db.Database.SqlQuery<RankRow>(
            $"""SELECT "Id", ts_rank("SearchVector", plainto_tsquery('dutch', {text}))::float8 AS "Rank" FROM "Practices" WHERE "SearchVector" @@ plainto_tsquery('dutch', {text})""");
    }

    /// <summary>
    /// Reads the matched rows. On PostgreSQL the planner costs testing a row's tsvector as nearly
    /// free, so a word in a quarter of the practices gets a sequential scan that detoasts and tests
    /// every one of them (206–282 ms at 10⁴ practices, against 47 ms through the GIN index; see
    /// bench/results/2026-12-05-practices.md); sequential scans are turned off for this one
    /// statement's transaction so that the GIN index is used whatever the word's frequency.
    /// </summary>
    private async Task<List<FacetRow>> MatchedAsync(IQueryable<FacetRow> matched, CancellationToken ct)
    {
        if (db.Database.IsSqlite() || db.Database.CurrentTransaction is not null)
            return await matched.ToListAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync("SET LOCAL enable_seqscan = off", ct);
        var rows = await matched.ToListAsync(ct);
        await tx.CommitAsync(ct);
        return rows;
    }

    private sealed class RankRow
    {
        public int Id { get; set; }
        public double Rank { get; set; }
    }

    private sealed record ShownRow(int Id, int Version, string Title, string Summary, string Pact, string? Sector, List<int> Regions);

    /// <summary>
    /// A snippet per practice: the matched words in &lt;mark&gt;, everything else HTML-escaped. The
    /// snippet comes from the plain text (the Markdown rendered and stripped of markup, kept per
    /// practice version), on both databases by the same code and the same stems and synonyms as
    /// the search, so both show the same words highlighted.
    /// </summary>
    private async Task<Dictionary<int, string>> SnippetsAsync(List<ShownRow> shown, List<string>? words, CancellationToken ct)
    {
        if (words is null)
            return shown.ToDictionary(p => p.Id, p => System.Net.WebUtility.HtmlEncode(p.Summary));
        var texts = await plainTexts.GetAsync(db, shown.Select(p => (p.Id, p.Version)).ToList(), ct);
        var stems = words.Select(PracticeText.Stem).ToHashSet();
        return shown.ToDictionary(p => p.Id, p => PracticeText.Snippet(p.Title + ". " + texts[p.Id], stems));
    }

    private sealed record FacetRow(int Id, int Version, string Title, DateTime? PublishedAt, int PactId, string? Sector, double? Rank);

    /// <summary>
    /// Facet counts over the filtered practices. Sector and pact come with the rows the search reads
    /// anyway (one row per practice, so a count per value). Regions and objectives come from the
    /// traits kept per practice version (the same that related practices are scored on): reading
    /// them for thousands of matched ids on every search cost more than the match itself, and a
    /// practice's version rises with every change of its lists, so a kept trait is never stale.
    /// </summary>
    private async Task<PracticeFacets> FacetsAsync(List<FacetRow> rows, PracticeAreas areas, CancellationToken ct)
    {
        var kept = await traits.GetAsync(db, rows.Select(r => (r.Id, r.Version)).ToList(), ct);
        var sectors = rows.Where(r => r.Sector is not null).CountBy(r => r.Sector!).Select(g => new { g.Key, Count = g.Value }).ToList();
        var names = await db.Pacts.Select(p => new { p.Id, p.Code, p.Name }).ToDictionaryAsync(p => p.Id, ct);
        var pacts = rows.CountBy(r => r.PactId).Select(g => new { names[g.Key].Code, names[g.Key].Name, Count = g.Value }).ToList();
        var perObjective = kept.Values.SelectMany(t => t.Objectives).CountBy(o => o).ToDictionary(g => g.Key, g => g.Value);
        var objectiveIds = perObjective.Keys.ToArray();
        var objectives = (await db.Objectives.Where(o => EF.Parameter(objectiveIds).Contains(o.Id))
                .Join(db.Pacts, o => o.PactId, p => p.Id, (o, p) => new { o.Id, Pact = p.Code, o.Number, o.Title }).ToListAsync(ct))
            .Select(o => new { o.Pact, o.Number, o.Title, Count = perObjective[o.Id] }).ToList();
        // A practice counts once per landsdeel it touches, however many of its regions lie there.
        var perLandsdeel = new Dictionary<int, int>();
        var touched = new HashSet<int>();
        foreach (var practice in kept.Values.Where(t => t.Regions.Length > 0))
        {
            touched.Clear();
            foreach (var region in practice.Regions)
                foreach (var l in areas.LandsdelenOfRegion(region))
                    touched.Add(l.Id);
            foreach (var l in touched)
                perLandsdeel[l] = perLandsdeel.GetValueOrDefault(l) + 1;
        }
        return new PracticeFacets(
            areas.Landsdelen.Where(l => perLandsdeel.ContainsKey(l.Id)).Select(l => new FacetValue(l.Code, l.Name, perLandsdeel[l.Id])).ToList(),
            sectors.OrderByDescending(g => g.Count).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => new FacetValue(g.Key, g.Key, g.Count)).ToList(),
            pacts.OrderByDescending(g => g.Count).ThenBy(g => g.Code, StringComparer.Ordinal).Select(g => new FacetValue(g.Code, g.Name, g.Count)).ToList(),
            objectives.OrderBy(g => g.Pact, StringComparer.Ordinal).ThenBy(g => g.Number)
                .Select(g => new FacetValue($"{g.Pact}:{g.Number}", g.Title, g.Count)).ToList());
    }
}
