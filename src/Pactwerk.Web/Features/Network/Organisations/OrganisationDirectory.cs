using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.Regions;
using static Pactwerk.Web.Shared.Values;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Network;

/// <summary>The directory's filters as they arrive from a query string, unchecked.</summary>
public sealed class DirectoryQuery
{
    public string? Q { get; set; }
    public string? Helix { get; set; }
    public string? Kind { get; set; }
    public string? Sector { get; set; }
    public string? Pact { get; set; }
    public string? Region { get; set; }
    public string? Sort { get; set; }
    public int? Page { get; set; }
    public int? PageSize { get; set; }
}

public enum DirectorySort
{
    Name,
    NameDescending,
    Municipality,
    Helix,
}

/// <summary>Checked filters: every code resolved, the region turned into its municipalities.</summary>
public sealed record DirectoryFilter(
    string? Text,
    Helix? Helix,
    OrganisationKind? Kind,
    string? Sector,
    (int Id, string Code, string Name)? Pact,
    (string Code, string Name, IReadOnlySet<int> Municipalities)? Region,
    DirectorySort Sort,
    int Page,
    int PageSize);

public sealed record MunicipalityDto(string Code, string Name);
public sealed record OrganisationSummary(int Id, string Name, Helix Helix, OrganisationKind Kind, IReadOnlyList<string> Sectors,
    MunicipalityDto? Municipality, IReadOnlyList<string> Pacts);
public sealed record DirectoryPage(IReadOnlyList<OrganisationSummary> Items, int Total, int Page, int PageSize);

/// <summary>Everything the export holds per organisation; also the columns of the CSV import.</summary>
public sealed record OrganisationRecord(int Id, string Name, Helix Helix, OrganisationKind Kind, IReadOnlyList<string> Sectors,
    string? MunicipalityCode, string? MunicipalityName, string? KvkNumber, string? DuoCode, string? Website, string? Description,
    IReadOnlyList<string> Pacts);

/// <summary>
/// The organisation directory for the API, the pages and the export alike: one place that reads
/// the filters, so the page, the API and a download with the same filters show the same organisations.
/// </summary>
public sealed class OrganisationDirectory(PactwerkDb db, TimeProvider clock)
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 200;
    /// <summary>Far beyond any real directory; keeps the offset arithmetic away from overflow.</summary>
    public const int MaxPage = 100_000;

    private static readonly Dictionary<DirectorySort, string> Codes = new()
    {
        [DirectorySort.Name] = "name", [DirectorySort.NameDescending] = "-name",
        [DirectorySort.Municipality] = "municipality", [DirectorySort.Helix] = "helix",
    };

    /// <summary>The sort as the query string spells it.</summary>
    public static string SortCode(DirectorySort sort) => Codes[sort];

    private static readonly Dictionary<string, DirectorySort> SortCodes = Enum.GetValues<DirectorySort>().ToDictionary(SortCode, s => s, StringComparer.OrdinalIgnoreCase);

    /// <summary>Checks the filters; on a mistake returns the errors per parameter, each naming the valid values.</summary>
    public async Task<(DirectoryFilter? Filter, Dictionary<string, string[]> Errors)> ParseAsync(DirectoryQuery query, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var helix = ParseEnum<Helix>(query.Helix, "helix", "Onbekende helix", errors);
        var kind = ParseEnum<OrganisationKind>(query.Kind, "kind", "Onbekende soort organisatie", errors);

        var sector = Blank(query.Sector)?.ToLowerInvariant();
        if (sector is not null && !Sectors.IsKnown(sector))
            errors["sector"] = [$"Onbekende sector '{query.Sector}'. Kies uit: {string.Join(", ", Sectors.All)}."];

        (int, string, string)? pact = null;
        if (Blank(query.Pact) is { } pactCode)
        {
            var found = await Pacts.PactLookup.FindAsync(db, pactCode, ct);
            if (found is null)
                errors["pact"] = [$"Onbekend pact '{pactCode}'. Kies uit: {string.Join(", ", await db.Pacts.OrderBy(p => p.Code).Select(p => p.Code).ToListAsync(ct))}."];
            else
                pact = (found.Id, found.Code, found.Name);
        }

        (string, string, IReadOnlySet<int>)? region = null;
        if (Blank(query.Region) is { } regionCode)
        {
            var found = await db.Regions.Where(r => r.Code == regionCode.ToUpperInvariant() && r.ValidTo == null)
                .Select(r => new { r.Id, r.Code, r.Name }).SingleOrDefaultAsync(ct);
            if (found is null)
            {
                // Every code but the 342 municipalities, which follow one pattern and are named as such.
                var codes = await db.Regions.Where(r => r.ValidTo == null && r.RegionSet.Kind != RegionSetKind.Municipalities)
                    .OrderBy(r => r.Code).Select(r => r.Code).ToListAsync(ct);
                errors["region"] = [$"Er is geen regio met code '{regionCode}'. Kies uit: {string.Join(", ", codes)}, of de code van een gemeente (GM gevolgd door vier cijfers, zoals GM0363)."];
            }
            else
                region = (found.Code, found.Name, (await AccessScopeProvider.MunicipalitiesOfAsync(db, [found.Id], ct))[found.Id]);
        }

        var sort = DirectorySort.Name;
        if (Blank(query.Sort) is { } sortCode && !SortCodes.TryGetValue(sortCode, out sort))
            errors["sort"] = [$"Onbekende sortering '{sortCode}'. Kies uit: {string.Join(", ", SortCodes.Keys)}."];
        if (query.Page is < 1 or > MaxPage)
            errors["page"] = [$"Een paginanummer ligt tussen 1 en {MaxPage}."];
        if (query.PageSize is < 1 or > MaxPageSize)
            errors["pageSize"] = [$"Een pagina telt 1 tot {MaxPageSize} organisaties."];

        if (errors.Count > 0)
            return (null, errors);
        return (new DirectoryFilter(Blank(query.Q), helix, kind, sector, pact, region, sort, query.Page ?? 1, query.PageSize ?? DefaultPageSize), errors);
    }

    /// <summary>One page of the organisations that match, with the total.</summary>
    public async Task<DirectoryPage> PageAsync(DirectoryFilter filter, CancellationToken ct)
    {
        var matching = Apply(filter);
        var total = await matching.CountAsync(ct);
        var page = Sorted(matching, filter.Sort).Skip((filter.Page - 1) * filter.PageSize).Take(filter.PageSize);
        var rows = await page
            .Select(o => new { o.Id, o.Name, o.Helix, o.Kind, o.Sectors, Code = o.Municipality == null ? null : o.Municipality.Code, Municipality = o.Municipality == null ? null : o.Municipality.Name })
            .ToListAsync(ct);
        var pacts = await PactsOfAsync(page, ct);
        return new DirectoryPage(rows.Select(r => new OrganisationSummary(r.Id, r.Name, r.Helix, r.Kind, r.Sectors,
                r.Code is null ? null : new MunicipalityDto(r.Code, r.Municipality!), pacts.GetValueOrDefault(r.Id, []))).ToList(),
            total, filter.Page, filter.PageSize);
    }

    /// <summary>Every matching organisation with all its fields, for the export; no paging.</summary>
    public async Task<List<OrganisationRecord>> AllAsync(DirectoryFilter filter, CancellationToken ct)
    {
        var matching = Apply(filter);
        var rows = await Sorted(matching, filter.Sort)
            .Select(o => new { o.Id, o.Name, o.Helix, o.Kind, o.Sectors, Code = o.Municipality == null ? null : o.Municipality.Code,
                Municipality = o.Municipality == null ? null : o.Municipality.Name, o.KvkNumber, o.DuoCode, o.Website, o.Description })
            .ToListAsync(ct);
        var pacts = await PactsOfAsync(matching, ct);
        return rows.Select(r => new OrganisationRecord(r.Id, r.Name, r.Helix, r.Kind, r.Sectors, r.Code, r.Municipality,
            r.KvkNumber, r.DuoCode, r.Website, r.Description, pacts.GetValueOrDefault(r.Id, []))).ToList();
    }

    /// <summary>The filters as a query string, to link a page of results to its download or the next page.</summary>
    public static string QueryString(DirectoryFilter filter, int? page = null)
    {
        var pairs = new List<KeyValuePair<string, string?>>
        {
            new("q", filter.Text), new("helix", filter.Helix?.ToString()), new("kind", filter.Kind?.ToString()),
            new("sector", filter.Sector), new("pact", filter.Pact?.Code), new("region", filter.Region?.Code),
            new("sort", filter.Sort == DirectorySort.Name ? null : SortCode(filter.Sort)),
            new("page", page is null or 1 ? null : page.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("pageSize", page is null || filter.PageSize == DefaultPageSize ? null : filter.PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        return Microsoft.AspNetCore.Http.QueryString.Create(pairs.Where(p => p.Value is not null)).ToString();
    }

    private IQueryable<Organisation> Apply(DirectoryFilter filter)
    {
        IQueryable<Organisation> organisations = db.Organisations.AsNoTracking();
        if (filter.Text is { } text)
        {
            // lower() on both sides: SQLite's LIKE and PostgreSQL's differ in case sensitivity.
            var lowered = text.ToLowerInvariant();
            organisations = organisations.Where(o => o.Name.ToLower().Contains(lowered));
        }
        if (filter.Helix is { } helix)
            organisations = organisations.Where(o => o.Helix == helix);
        if (filter.Kind is { } kind)
            organisations = organisations.Where(o => o.Kind == kind);
        if (filter.Sector is { } sector)
            organisations = organisations.Where(o => o.Sectors.Contains(sector));
        if (filter.Pact is { } pact)
        {
            var active = db.PactSignatories.Where(PactSignatory.ActiveOn(clock.Today()));
            organisations = organisations.Where(o => active.Any(s => s.OrganisationId == o.Id && s.PactId == pact.Id));
        }
        if (filter.Region is { } region)
        {
            // "In a region" means located in one of its municipalities: sets need not nest.
            var municipalities = region.Municipalities.ToList();
            organisations = organisations.Where(o => o.MunicipalityId != null && municipalities.Contains(o.MunicipalityId.Value));
        }
        return organisations;
    }

    private static IQueryable<Organisation> Sorted(IQueryable<Organisation> organisations, DirectorySort sort) => sort switch
    {
        DirectorySort.NameDescending => organisations.OrderByDescending(o => o.Name).ThenByDescending(o => o.Id),
        DirectorySort.Municipality => organisations.OrderBy(o => o.Municipality == null).ThenBy(o => o.Municipality!.Name).ThenBy(o => o.Name).ThenBy(o => o.Id),
        // In the helix's own order (government, education, business, civil society), not by its stored name.
        DirectorySort.Helix => organisations.OrderBy(o => o.Helix == Helix.Government ? 0 : o.Helix == Helix.Education ? 1 : o.Helix == Helix.Business ? 2 : 3)
            .ThenBy(o => o.Name).ThenBy(o => o.Id),
        _ => organisations.OrderBy(o => o.Name).ThenBy(o => o.Id),
    };

    /// <summary>
    /// The pacts each of the organisations has signed and not withdrawn from, by code. Joined on the
    /// organisations' own query rather than a list of ids, which SQLite caps at some 32,000 parameters.
    /// </summary>
    private async Task<Dictionary<int, IReadOnlyList<string>>> PactsOfAsync(IQueryable<Organisation> organisations, CancellationToken ct)
    {
        var signatures = await db.PactSignatories.Where(PactSignatory.ActiveOn(clock.Today()))
            .Where(s => organisations.Any(o => o.Id == s.OrganisationId))
            .Select(s => new { s.OrganisationId, Code = db.Pacts.Where(p => p.Id == s.PactId).Select(p => p.Code).First() })
            .ToListAsync(ct);
        return signatures.GroupBy(s => s.OrganisationId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(s => s.Code).Distinct().Order(StringComparer.Ordinal).ToList());
    }

    /// <summary>An enum value by its name (case-insensitive); otherwise an error that lists the names.</summary>
    public static T? ParseEnum<T>(string? value, string parameter, string message, Dictionary<string, string[]> errors) where T : struct, Enum
    {
        if (Blank(value) is not { } text)
            return null;
        if (TryParseName<T>(text, out var parsed))
            return parsed;
        errors[parameter] = [$"{message} '{text}'. Kies uit: {string.Join(", ", Enum.GetNames<T>())}."];
        return null;
    }
}
