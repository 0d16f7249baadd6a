using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Knowledge;

public sealed record PracticeSection(string Key, string Markdown, string Html);
public sealed record PracticeRef(string Code, string Name);
public sealed record PracticeObjectiveDto(int Number, string Title);
public sealed record PracticeNamed(int Id, string Name);
public sealed record PracticeLinkDto(string Title, string Url);
public sealed record RelatedPractice(int Id, string Pact, string Title, string Summary, IReadOnlyList<string> Landsdelen, double Score,
    int SharedObjectives, bool SameSector, bool SameTargetGroup, double TextSimilarity);
public sealed record PracticeDetail(int Id, int Version, string Pact, string PactName, string Title, string Summary, PracticeStatus Status, string? ReviewNote,
    DateTime? PublishedAt, string? TargetGroup, string? Sector, PracticeNamed? Organisation, DateOnly? StartsOn, DateOnly? EndsOn,
    IReadOnlyList<PracticeSection> Sections, IReadOnlyList<PracticeRef> Regions, IReadOnlyList<string> Landsdelen, IReadOnlyList<PracticeObjectiveDto> Objectives,
    IReadOnlyList<PracticeNamed> Organisations, IReadOnlyList<PracticeNamed> Contacts, IReadOnlyList<PracticeNamed> Actions,
    IReadOnlyList<PracticeLinkDto> Links, IReadOnlyList<RelatedPractice> Related, bool MayEdit, bool MayReview);

/// <summary>One practice as the API and its page show it, with the most related practices from elsewhere.</summary>
public sealed class PracticeDetails(PactwerkDb db, PracticeEditor editor, PracticeAreaCache areaCache, PracticeRelated related)
{
    public const int RelatedCount = 3;

    /// <summary>The section keys in reading order; their titles are in the resources ("Practice.Section.context").</summary>
    public static readonly IReadOnlyList<string> SectionKeys = ["context", "approach", "results", "resultsSource", "whatWorked", "whatDidNotWork", "transferConditions"];

    public static string SectionText(Practice p, string key) => key switch
    {
        "context" => p.Context, "approach" => p.Approach, "results" => p.Results, "resultsSource" => p.ResultsSource,
        "whatWorked" => p.WhatWorked, "whatDidNotWork" => p.WhatDidNotWork, "transferConditions" => p.TransferConditions,
        _ => throw new ArgumentOutOfRangeException(nameof(key)),
    };

    /// <summary>The practice when the caller may see it; null when it does not exist or is a draft they may not see.</summary>
    public async Task<PracticeDetail?> FindAsync(int id, CancellationToken ct)
    {
        var p = await db.Set<Practice>().AsNoTracking()
            .Include(x => x.Regions).ThenInclude(r => r.Region)
            .Include(x => x.Objectives).ThenInclude(o => o.Objective)
            .Include(x => x.Organisations).ThenInclude(o => o.Organisation)
            .Include(x => x.Contacts).ThenInclude(c => c.Person)
            .Include(x => x.Actions).ThenInclude(a => a.Action)
            .Include(x => x.Links).AsSplitQuery()
            .SingleOrDefaultAsync(x => x.Id == id, ct);
        if (p is null || !await editor.MayViewAsync(p, ct))
            return null;
        var pact = await db.Pacts.Where(x => x.Id == p.PactId).Select(x => new { x.Code, x.Name }).SingleAsync(ct);
        var owner = p.OrganisationId is { } o ? await db.Organisations.Where(x => x.Id == o).Select(x => new PracticeNamed(x.Id, x.Name)).SingleAsync(ct) : null;
        var areas = await areaCache.GetAsync(db, ct);
        return new PracticeDetail(p.Id, p.Version, pact.Code, pact.Name, p.Title, p.Summary, p.Status, p.ReviewNote, p.PublishedAt, p.TargetGroup, p.Sector, owner,
            p.StartsOn, p.EndsOn,
            SectionKeys.Select(k => new PracticeSection(k, SectionText(p, k), PracticeText.ToSafeHtml(SectionText(p, k)))).ToList(),
            p.Regions.Select(r => new PracticeRef(r.Region.Code, r.Region.Name)).OrderBy(r => r.Code, StringComparer.Ordinal).ToList(),
            areas.LandsdelenOf(p.Regions.Select(r => r.RegionId)).Select(l => l.Code).ToList(),
            p.Objectives.Select(x => new PracticeObjectiveDto(x.Objective.Number, x.Objective.Title)).OrderBy(x => x.Number).ToList(),
            p.Organisations.Select(x => new PracticeNamed(x.OrganisationId, x.Organisation.Name)).OrderBy(x => x.Name, Web.Shared.Values.Dutch).ToList(),
            p.Contacts.Select(x => new PracticeNamed(x.PersonId, x.Person.Name)).OrderBy(x => x.Name, Web.Shared.Values.Dutch).ToList(),
            p.Actions.Select(x => new PracticeNamed(x.ActionId, x.Action.Title)).OrderBy(x => x.Name, Web.Shared.Values.Dutch).ToList(),
            p.Links.OrderBy(l => l.Id).Select(l => new PracticeLinkDto(l.Title, l.Url)).ToList(),
            await related.OfAsync(p, ct), await editor.MayEditAsync(p, ct), await editor.MayReviewAsync(p, ct));
    }
}

/// <summary>
/// The stemmed term vectors of published practices, unit length, kept per practice and version:
/// a practice changes its version whenever its text changes, so a vector is made again only then.
/// Terms are numbered once for the whole cache, so a vector is two small arrays.
/// </summary>
public sealed class PracticeVectorCache
{
    private int _nextTerm;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _terms = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, (int Version, TermVector Vector)> _vectors = new();

    public sealed class TermVector(int[] terms, double[] weights)
    {
        internal int[] Terms { get; } = terms;
        internal double[] Weights { get; } = weights;

        /// <summary>The cosine similarity of two unit vectors: the dot product over the terms they share (sorted arrays, merged).</summary>
        public double Cosine(TermVector other)
        {
            double dot = 0;
            int i = 0, j = 0;
            var a = Terms;
            var b = other.Terms;
            while (i < a.Length && j < b.Length)
            {
                if (a[i] == b[j])
                    dot += Weights[i++] * other.Weights[j++];
                else if (a[i] < b[j])
                    i++;
                else
                    j++;
            }
            return dot;
        }
    }

    /// <summary>The vectors of the given practices, making those that are missing or of an older version.</summary>
    public async Task<Dictionary<int, TermVector>> GetAsync(PactwerkDb db, IReadOnlyList<(int Id, int Version)> practices, CancellationToken ct)
    {
        var missing = practices.Where(p => !_vectors.TryGetValue(p.Id, out var v) || v.Version != p.Version).Select(p => p.Id).ToList();
        foreach (var chunk in missing.Chunk(500))
        {
            var texts = await db.Set<Practice>().AsNoTracking().Where(x => chunk.Contains(x.Id))
                .Select(x => new Practice
                {
                    Id = x.Id, Version = x.Version, Title = x.Title, Summary = x.Summary, Context = x.Context, Approach = x.Approach, Results = x.Results,
                    WhatWorked = x.WhatWorked, WhatDidNotWork = x.WhatDidNotWork, TransferConditions = x.TransferConditions,
                }).ToListAsync(ct);
            foreach (var t in texts)
                _vectors[t.Id] = (t.Version, Vector(t));
        }
        var result = new Dictionary<int, TermVector>(practices.Count);
        foreach (var (id, _) in practices)
            result[id] = _vectors[id].Vector;
        return result;
    }

    /// <summary>A practice's term vector; not cached (the practice being viewed may be a draft).</summary>
    public TermVector Vector(Practice p)
    {
        var counts = new Dictionary<int, int>();
        foreach (var text in new[] { p.Title, p.Summary, p.Context, p.Approach, p.Results, p.WhatWorked, p.WhatDidNotWork, p.TransferConditions })
            foreach (var stem in PracticeText.Stems(PracticeText.ToPlainText(text)))
            {
                var term = PracticeText.Synonyms.TryGetValue(stem, out var canonical) ? PracticeText.Stem(canonical) : stem;
                var id = _terms.GetOrAdd(term, _ => Interlocked.Increment(ref _nextTerm));
                counts[id] = counts.GetValueOrDefault(id) + 1;
            }
        var norm = Math.Sqrt(counts.Values.Sum(v => (double)v * v));
        var sorted = counts.OrderBy(c => c.Key).ToArray();
        return new TermVector(sorted.Select(c => c.Key).ToArray(), sorted.Select(c => norm == 0 ? 0 : c.Value / norm).ToArray());
    }
}
