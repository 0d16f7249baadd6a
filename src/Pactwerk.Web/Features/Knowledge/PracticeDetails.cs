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
public sealed class PracticeDetails(PactwerkDb db, PracticeEditor editor)
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
        var areas = await PracticeAreas.LoadAsync(db, p.Regions.Select(r => r.RegionId).ToList(), ct);
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
            await RelatedAsync(p, ct), await editor.MayEditAsync(p, ct), await editor.MayReviewAsync(p, ct));
    }

    private sealed record Other(int Id, int PactId, string Title, string Summary, string? Sector, string? TargetGroup, List<int> Objectives, List<int> Regions,
        string Context, string Approach, string Results, string WhatWorked, string WhatDidNotWork, string TransferConditions);

    /// <summary>
    /// The published practices most like this one that took place in other landsdelen (of any pact):
    /// a lead in Noord learns what worked in Zuidoost, not what their neighbour did. The score adds
    /// shared objectives (as a share of both), the same sector, the same target group and the
    /// cosine similarity of the stemmed texts.
    /// </summary>
    public async Task<IReadOnlyList<RelatedPractice>> RelatedAsync(Practice p, CancellationToken ct)
    {
        var others = await db.Set<Practice>().AsNoTracking().Where(x => x.Status == PracticeStatus.Published && x.Id != p.Id)
            .Select(x => new Other(x.Id, x.PactId, x.Title, x.Summary, x.Sector, x.TargetGroup, x.Objectives.Select(o => o.ObjectiveId).ToList(),
                x.Regions.Select(r => r.RegionId).ToList(), x.Context, x.Approach, x.Results, x.WhatWorked, x.WhatDidNotWork, x.TransferConditions))
            .ToListAsync(ct);
        var areas = await PracticeAreas.LoadAsync(db, others.SelectMany(o => o.Regions).Concat(p.Regions.Select(r => r.RegionId)).Distinct().ToList(), ct);
        var own = areas.LandsdelenOf(p.Regions.Select(r => r.RegionId)).ToHashSet();
        var ownRegions = p.Regions.Select(r => r.RegionId).ToHashSet();
        var ownObjectives = p.Objectives.Select(o => o.ObjectiveId).ToHashSet();
        var ownVector = TermVector.Of(p.Title, p.Summary, p.Context, p.Approach, p.Results, p.WhatWorked, p.WhatDidNotWork, p.TransferConditions);
        var pacts = await db.Pacts.ToDictionaryAsync(x => x.Id, x => x.Code, ct);

        return others
            .Where(o => !o.Regions.Any(ownRegions.Contains) && !areas.LandsdelenOf(o.Regions).Any(own.Contains))
            .Select(o =>
            {
                var shared = o.Objectives.Count(ownObjectives.Contains);
                var union = ownObjectives.Union(o.Objectives).Count();
                var text = TermVector.Cosine(ownVector, TermVector.Of(o.Title, o.Summary, o.Context, o.Approach, o.Results, o.WhatWorked, o.WhatDidNotWork, o.TransferConditions));
                var sameSector = o.Sector is not null && o.Sector == p.Sector;
                var sameGroup = o.TargetGroup is not null && o.TargetGroup == p.TargetGroup;
                var score = 2.0 * (union == 0 ? 0 : (double)shared / union) + (sameSector ? 1 : 0) + (sameGroup ? 1 : 0) + 3.0 * text;
                return new RelatedPractice(o.Id, pacts[o.PactId], o.Title, o.Summary, areas.LandsdelenOf(o.Regions).Select(l => l.Code).ToList(),
                    Math.Round(score, 4), shared, sameSector, sameGroup, Math.Round(text, 4));
            })
            .Where(r => r.Score > 0).OrderByDescending(r => r.Score).ThenBy(r => r.Id).Take(RelatedCount).ToList();
    }
}

/// <summary>Term frequencies of stemmed text, for the cosine similarity of two practices.</summary>
public static class TermVector
{
    public static Dictionary<string, int> Of(params string[] texts)
    {
        var vector = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var stem in texts.SelectMany(t => PracticeText.Stems(PracticeText.ToPlainText(t))))
        {
            var term = PracticeText.Synonyms.TryGetValue(stem, out var canonical) ? PracticeText.Stem(canonical) : stem;
            vector[term] = vector.GetValueOrDefault(term) + 1;
        }
        return vector;
    }

    public static double Cosine(Dictionary<string, int> a, Dictionary<string, int> b)
    {
        if (a.Count == 0 || b.Count == 0)
            return 0;
        double dot = 0;
        foreach (var (term, count) in a)
            if (b.TryGetValue(term, out var other))
                dot += (double)count * other;
        return dot / (Math.Sqrt(a.Values.Sum(v => (double)v * v)) * Math.Sqrt(b.Values.Sum(v => (double)v * v)));
    }
}
