using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Competences;

public sealed record CompetenceSummary(string Pact, string Code, string NameNl, string? NameEn, string? Group, string? EscoUri);
public sealed record CompetencePage(int Total, int Page, int PageSize, IReadOnlyList<CompetenceSummary> Items);
public sealed record OccupationLink(string Code, string NameNl, string? NameEn, string Relation);
public sealed record CompetenceDetail(int Id, int Version, string Pact, string Code, string NameNl, string? NameEn, string? Description, string? Group,
    IReadOnlyList<string> AltLabelsNl, IReadOnlyList<string> AltLabelsEn, string? EscoUri, IReadOnlyList<OccupationLink> Occupations);
public sealed record CompetenceLink(string Code, string NameNl, string? NameEn, string Relation);
public sealed record OccupationDetail(string Pact, string Code, string NameNl, string? NameEn, string? Description, string? EscoUri, IReadOnlyList<CompetenceLink> Competences);

/// <summary>The framework as it is read: search by name or alternative label in either language, a competence with its occupations, an occupation with its competences. The pages and the API both ask here.</summary>
public sealed class CompetenceQueries(PactwerkDb db)
{
    public const int MaxPageSize = 100;

    /// <summary>Competences whose names or alternative labels (Dutch or English) contain every word of <paramref name="q"/>, by Dutch name; in one pact or in all.</summary>
    public async Task<CompetencePage> SearchAsync(int? pactId, string? q, int page, int pageSize, CancellationToken ct)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        page = Math.Max(page, 1);
        var query = db.Competences.AsNoTracking();
        if (pactId is not null)
            query = query.Where(c => c.PactId == pactId);
        foreach (var word in Words(q))
            query = query.Where(c => c.SearchText.Contains(word));
        var total = await query.CountAsync(ct);
        var items = await query.Join(db.Pacts, c => c.PactId, p => p.Id, (c, p) => new { c, Pact = p.Code })
            .OrderBy(x => x.c.NameNl).ThenBy(x => x.Pact).ThenBy(x => x.c.Code)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(x => new CompetenceSummary(x.Pact, x.c.Code, x.c.NameNl, x.c.NameEn, x.c.Group, x.c.EscoUri)).ToListAsync(ct);
        return new CompetencePage(total, page, pageSize, items);
    }

    /// <summary>The words of a search, in lower case as <see cref="Competence.SearchText"/> keeps the labels; at most ten, each at most 100 characters.</summary>
    public static IReadOnlyList<string> Words(string? q) =>
        (q ?? "").ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(w => w.Length > 100 ? w[..100] : w).Distinct().Take(10).ToList();

    public async Task<CompetenceDetail?> CompetenceAsync(int pactId, string code, CancellationToken ct)
    {
        var found = await db.Competences.AsNoTracking().Where(c => c.PactId == pactId && c.Code == code.Trim()).SingleOrDefaultAsync(ct);
        if (found is null)
            return null;
        var pact = await db.Pacts.Where(p => p.Id == pactId).Select(p => p.Code).SingleAsync(ct);
        var occupations = await db.OccupationCompetences.Where(r => r.CompetenceId == found.Id)
            .Join(db.Occupations, r => r.OccupationId, o => o.Id, (r, o) => new { o.Code, o.NameNl, o.NameEn, r.Relation }).ToListAsync(ct);
        return new CompetenceDetail(found.Id, found.Version, pact, found.Code, found.NameNl, found.NameEn, found.Description, found.Group,
            found.AltLabels(false), found.AltLabels(true), found.EscoUri,
            occupations.OrderBy(o => o.Relation).ThenBy(o => o.NameNl, StringComparer.Ordinal)
                .Select(o => new OccupationLink(o.Code, o.NameNl, o.NameEn, RelationName(o.Relation))).ToList());
    }

    public async Task<OccupationDetail?> OccupationAsync(int pactId, string code, CancellationToken ct)
    {
        var found = await db.Occupations.AsNoTracking().Where(o => o.PactId == pactId && o.Code == code.Trim()).SingleOrDefaultAsync(ct);
        if (found is null)
            return null;
        var pact = await db.Pacts.Where(p => p.Id == pactId).Select(p => p.Code).SingleAsync(ct);
        var competences = await db.OccupationCompetences.Where(r => r.OccupationId == found.Id)
            .Join(db.Competences, r => r.CompetenceId, c => c.Id, (r, c) => new { c.Code, c.NameNl, c.NameEn, r.Relation }).ToListAsync(ct);
        return new OccupationDetail(pact, found.Code, found.NameNl, found.NameEn, found.Description, found.EscoUri,
            competences.OrderBy(c => c.Relation).ThenBy(c => c.NameNl, StringComparer.Ordinal)
                .Select(c => new CompetenceLink(c.Code, c.NameNl, c.NameEn, RelationName(c.Relation))).ToList());
    }

    /// <summary>The pacts whose framework holds a competence with this code (a code is unique within a pact, not across pacts).</summary>
    public async Task<List<int>> PactsWithAsync(string code, CancellationToken ct) =>
        await db.Competences.Where(c => c.Code == code.Trim()).Select(c => c.PactId).ToListAsync(ct);

    /// <summary>ESCO's word for the relation, as the API gives it.</summary>
    public static string RelationName(CompetenceRelation relation) => relation == CompetenceRelation.Essential ? "essential" : "optional";
}
