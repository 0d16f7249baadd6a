using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Monitoring;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.ReferenceData;

namespace Pactwerk.Web.Features.Monitor.Catalog;

/// <summary>
/// The monitor as an open-data catalogue (DCAT-AP-NL, as JSON-LD) that data.overheid.nl and the
/// European data portal harvest: the installation is the catalogue, each pact a publisher, each
/// indicator of a published source a dataset with its downloads. Every address in it is built from
/// codes (indicator, pact, region set, year), never from a database id, so it stays the same across
/// installations and years. Which indicators may appear is decided by the monitor's one disclosure
/// rule (<see cref="MonitorFigures.DisclosureOf"/>): a confidential source never appears.
/// </summary>
public sealed class OpenDataCatalog(PactwerkDb db, MonitorEngineHost host, MonitorFigures figures, IPlanGoals planGoals)
{
    public const string MediaType = "application/ld+json";
    /// <summary>data.overheid.nl's value for a source that states no licence: a portal then knows it is unknown, not open.</summary>
    public const string UnknownLicense = "http://standaarden.overheid.nl/owms/terms/licentieonbekend";
    private const string Theme = "http://publications.europa.eu/resource/authority/data-theme/EDUC";
    private const string Languages = "http://publications.europa.eu/resource/authority/language/";
    private const string MediaTypes = "http://www.iana.org/assignments/media-types/";
    private const string FileTypes = "http://publications.europa.eu/resource/authority/file-type/";

    private static readonly JsonObject Context = new()
    {
        ["dcat"] = "http://www.w3.org/ns/dcat#",
        ["dct"] = "http://purl.org/dc/terms/",
        ["foaf"] = "http://xmlns.com/foaf/0.1/",
        ["vcard"] = "http://www.w3.org/2006/vcard/ns#",
        ["skos"] = "http://www.w3.org/2004/02/skos/core#",
        ["xsd"] = "http://www.w3.org/2001/XMLSchema#",
        ["overheid"] = "http://standaarden.overheid.nl/owms/terms/",
        ["sdmx-attribute"] = "http://purl.org/linked-data/sdmx/2009/attribute#",
        ["spdx"] = "http://spdx.org/rdf/terms#",
    };

    private sealed record PactAgent(int Id, string Code, string Name, string? Website);
    private sealed record EditionRef(string Pact, int Year, string Title, DateTime PublishedAt, string[] Indicators);
    private sealed record SourceRef(string Element, ElementLevel Level, string Code, string Name, string? Url, string? License);
    private sealed record SetRef(string Code, string Name, string NameEn);

    public sealed record DatasetTitle(string Code, string Name, string NameEn);

    /// <summary>An indicator the catalogue lists (its sources are published), by code; null for an unknown or confidential one.</summary>
    public async Task<DatasetTitle?> TitleAsync(string code, CancellationToken ct)
    {
        var normalised = code.Trim().ToLowerInvariant();
        var indicator = await db.Indicators.AsNoTracking().Include(i => i.Versions).SingleOrDefaultAsync(i => i.Code == normalised, ct);
        if (indicator is null)
            return null;
        var definition = IndicatorDefinitions.Parse(indicator.Code, indicator.Versions.Single(v => v.Version == indicator.CurrentVersion).Definition);
        return figures.DisclosureOf(definition) == Disclosure.Published ? new DatasetTitle(indicator.Code, indicator.Name, indicator.NameEn) : null;
    }

    /// <param name="site">The site's public address without a trailing slash.</param>
    public async Task<JsonObject> BuildAsync(string site, CancellationToken ct)
    {
        var pacts = (await db.Pacts.AsNoTracking().OrderBy(p => p.Code).Select(p => new { p.Id, p.Code, p.Name, p.Website }).ToListAsync(ct))
            .Select(p => new PactAgent(p.Id, p.Code, p.Name, p.Website)).ToList();
        var keyOf = new Dictionary<string, List<PactAgent>>(StringComparer.OrdinalIgnoreCase);
        foreach (var pact in pacts)
            foreach (var code in await planGoals.KeyIndicatorsAsync(pact.Id, ct))
                (keyOf.TryGetValue(code, out var list) ? list : keyOf[code] = []).Add(pact);
        var editions = (await db.Set<Editions.MonitorEdition>().AsNoTracking()
                .Join(db.Pacts, e => e.PactId, p => p.Id, (e, p) => new { Pact = p.Code, e.Year, e.Title, e.PublishedAt, e.IndicatorCodes })
                .ToListAsync(ct))
            .OrderBy(e => e.Pact, StringComparer.Ordinal).ThenBy(e => e.Year)
            .Select(e => new EditionRef(e.Pact, e.Year, e.Title, DateTime.SpecifyKind(e.PublishedAt, DateTimeKind.Utc), e.IndicatorCodes.Split('|'))).ToList();
        var sources = (await db.DataElements.AsNoTracking().Join(db.DataSources, e => e.DataSourceId, s => s.Id,
                (e, s) => new { Element = e.Code, e.Level, s.Code, s.Name, s.Url, s.License }).ToListAsync(ct))
            .Select(s => new SourceRef(s.Element, s.Level, s.Code, s.Name, s.Url, s.License)).ToList();
        // The PDFs already made (on their first download): their checksum is known and never changes.
        var pdfs = (await Editions.EditionDocuments.ListAsync(db, ct)).ToDictionary(d => (d.Pact, d.Year, d.Language));
        var sets = (await db.RegionSets.AsNoTracking().OrderBy(s => s.SortOrder).Select(s => new { s.Code, s.Name, s.NameEn }).ToListAsync(ct))
            .Select(s => new SetRef(s.Code, s.Name, s.NameEn)).ToList();
        var indicators = await db.Indicators.AsNoTracking().Include(i => i.Versions).OrderBy(i => i.Code).ToListAsync(ct);

        var installation = new JsonObject { ["@id"] = site + "/", ["@type"] = "foaf:Agent", ["foaf:name"] = "Pactwerk" };
        var datasets = new JsonArray();
        var modified = DateTime.MinValue;
        foreach (var indicator in indicators)
        {
            var version = indicator.Versions.Single(v => v.Version == indicator.CurrentVersion);
            var definition = IndicatorDefinitions.Parse(indicator.Code, version.Definition);
            if (figures.DisclosureOf(definition) != Disclosure.Published)
                continue;
            var elements = new[] { definition.Numerator.Element, definition.Denominator?.Element }.OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            // An indicator without figures yet has nothing to harvest: it joins the catalogue with its first import.
            if (!elements.Any(e => host.Engine.Element(e)?.Periods.Count > 0))
                continue;
            var dataset = Dataset(site, indicator, version, definition, elements, sources.Where(s => elements.Contains(s.Element, StringComparer.OrdinalIgnoreCase)).ToList(),
                keyOf.GetValueOrDefault(indicator.Code) ?? [], pacts, editions, pdfs, sets, installation, out var datasetModified);
            modified = datasetModified > modified ? datasetModified : modified;
            datasets.Add(dataset);
        }
        foreach (var edition in editions)
            modified = edition.PublishedAt > modified ? edition.PublishedAt : modified;

        var catalog = new JsonObject
        {
            ["@context"] = Context.DeepClone(),
            ["@id"] = site + "/api/v1/catalog",
            ["@type"] = "dcat:Catalog",
            ["dct:title"] = Texts("Pactwerk: open data van de pactmonitors", "Pactwerk: open data of the pact monitors"),
            ["dct:description"] = Texts(
                $"De indicatoren van de monitor van {string.Join(" en ", pacts.Select(p => p.Name))}, uit gepubliceerde open data, per regio en periode; met de cijfers van elke gepubliceerde editie.",
                $"The indicators of the monitor of {string.Join(" and ", pacts.Select(p => p.Name))}, from published open data, per region and period; with the figures of every published edition."),
            ["dct:publisher"] = installation.DeepClone(),
            ["foaf:homepage"] = Id(site + "/"),
            ["dct:language"] = new JsonArray(Id(Languages + "NLD"), Id(Languages + "ENG")),
            ["dcat:themeTaxonomy"] = Id("http://publications.europa.eu/resource/authority/data-theme"),
            ["dcat:dataset"] = datasets,
        };
        if (modified > DateTime.MinValue)
            catalog["dct:modified"] = DateTimeValue(modified);
        return catalog;
    }

    private JsonObject Dataset(string site, Indicator indicator, IndicatorVersion version, IndicatorDefinition definition, List<string> elements,
        List<SourceRef> sources, List<PactAgent> keyPacts, List<PactAgent> pacts, List<EditionRef> editions,
        Dictionary<(string Pact, int Year, string Language), Editions.StoredDocument> pdfs, List<SetRef> sets, JsonObject installation,
        out DateTime modified)
    {
        var page = $"{site}/monitor/indicatoren/{Uri.EscapeDataString(indicator.Code)}";
        var inEditions = editions.Where(e => e.Indicators.Contains(indicator.Code, StringComparer.OrdinalIgnoreCase)).ToList();
        // The pact whose objectives the indicator measures publishes it; else the first pact that published it in an edition; else the installation.
        var publisher = keyPacts.FirstOrDefault() ?? inEditions.Select(e => pacts.FirstOrDefault(p => p.Code == e.Pact)).OfType<PactAgent>().FirstOrDefault();
        var agent = publisher is null ? installation.DeepClone()
            : new JsonObject { ["@id"] = $"{site}/pact/{publisher.Code}/monitor", ["@type"] = "foaf:Agent", ["foaf:name"] = publisher.Name };
        var contact = new JsonObject
        {
            ["@type"] = "vcard:Organization",
            ["vcard:fn"] = publisher is null ? "Pactwerk" : $"Monitor {publisher.Name}",
            ["vcard:hasURL"] = Id(publisher?.Website is { Length: > 0 } website ? website : publisher is null ? site + "/" : $"{site}/pact/{publisher.Code}/monitor"),
        };
        var license = sources.Select(s => s.License).Distinct().ToList() is [{ } single] ? single : UnknownLicense;

        var periods = elements.Select(e => host.Engine.Element(e)).OfType<ElementData>().SelectMany(e => e.Periods).Distinct().Order().ToList();
        modified = DateTime.SpecifyKind(version.CreatedAt, DateTimeKind.Utc);
        foreach (var element in elements)
            foreach (var period in periods)
                if (host.ReleaseOf(element, period) is { } release && DateTime.SpecifyKind(release.ImportedAt, DateTimeKind.Utc) > modified)
                    modified = DateTime.SpecifyKind(release.ImportedAt, DateTimeKind.Utc);
        var at = modified;
        // Figures published for a region as a whole (national figures) exist only there; municipal figures add up to every region set.
        var covered = sources.All(s => s.Level == ElementLevel.Municipality) ? sets : sets.Where(s => s.Code == RegionSetCodes.Country).ToList();

        var sourceNames = string.Join(", ", sources.Select(s => s.Name).Distinct());
        var distributions = new JsonArray
        {
            Csv(site, indicator.Code, "reeks", null, license, at,
                $"{indicator.Name}: Nederland, alle perioden (CSV)", $"{indicator.NameEn}: the Netherlands, every period (CSV)"),
            Json(site, $"{page}/reeks.json", page, license, at,
                $"{indicator.Name}: Nederland, alle perioden (JSON)", $"{indicator.NameEn}: the Netherlands, every period (JSON)"),
        };
        foreach (var set in covered.Where(s => s.Code != RegionSetCodes.Country))
            distributions.Add(Csv(site, indicator.Code, "regios", set.Code, license, at,
                $"{indicator.Name}: {set.Name}, laatste periode (CSV)", $"{indicator.NameEn}: {set.NameEn}, latest period (CSV)"));
        foreach (var edition in inEditions)
            distributions.Add(Json(site, $"{site}/api/v1/pacts/{edition.Pact}/editions/{edition.Year}", $"{site}/pact/{edition.Pact}/monitor/edities/{edition.Year}",
                license, edition.PublishedAt,
                $"{edition.Title}: de cijfers zoals gepubliceerd (JSON, alle indicatoren van de editie)",
                $"{edition.Title}: the figures as published (JSON, every indicator of the edition)"));
        foreach (var edition in inEditions)
            foreach (var language in Editions.EditionDocuments.Languages)
                distributions.Add(Pdf(site, edition, language, pdfs.GetValueOrDefault((edition.Pact, edition.Year, language)), license));

        var dataset = new JsonObject
        {
            ["@id"] = page,
            ["@type"] = "dcat:Dataset",
            ["dct:identifier"] = page,
            ["dct:title"] = Texts(indicator.Name, indicator.NameEn),
            ["dct:description"] = Texts(version.Description,
                $"{indicator.NameEn}, in {indicator.Unit}, per region and period, computed from {sourceNames}. The definition (in Dutch) and its versions are at /api/v1/indicators/{indicator.Code}/versions."),
            ["skos:definition"] = new JsonArray(Text(version.Description, "nl")),
            ["sdmx-attribute:unitMeasure"] = new JsonArray(Text(indicator.Unit, "nl")),
            ["dct:relation"] = Id($"{site}/api/v1/indicators/{Uri.EscapeDataString(indicator.Code)}/versions"),
            ["dct:source"] = new JsonArray(sources.DistinctBy(s => s.Code).Select(s => (JsonNode)new JsonObject
            {
                ["@id"] = s.Url is { Length: > 0 } url ? url : $"{site}/api/v1/catalog#bron-{s.Code}",
                ["foaf:name"] = s.Name,
            }).ToArray()),
            ["dct:language"] = new JsonArray(Id(Languages + "NLD"), Id(Languages + "ENG")),
            ["dct:publisher"] = agent,
            ["overheid:authority"] = agent.DeepClone(),
            ["dcat:contactPoint"] = contact,
            ["dct:modified"] = DateTimeValue(modified),
            ["dct:accessRights"] = Id("http://publications.europa.eu/resource/authority/access-right/PUBLIC"),
            ["dcat:theme"] = Id(Theme),
            ["dcat:keyword"] = new JsonArray(new[] { Text("monitor", "nl"), Text("monitor", "en"), Text(indicator.Unit, "nl") }
                .Concat(keyPacts.Concat(pacts.Where(p => inEditions.Any(e => e.Pact == p.Code))).DistinctBy(p => p.Code).Select(p => Text(p.Name, "nl"))).ToArray()),
            ["dcat:landingPage"] = Id(page),
            ["dct:spatial"] = new JsonArray(covered.Select(s => (JsonNode)new JsonObject
            {
                ["@id"] = $"{site}/api/v1/catalog#regio-indeling-{s.Code}",
                ["@type"] = "dct:Location",
                ["skos:prefLabel"] = Texts(s.Name, s.NameEn),
            }).ToArray()),
            ["dct:temporal"] = new JsonObject
            {
                ["@type"] = "dct:PeriodOfTime",
                ["dcat:startDate"] = DateValue(Start(periods[0])),
                ["dcat:endDate"] = DateValue(Start(periods[^1] with { StartYear = periods[^1].StartYear + 1 }).AddDays(-1)),
            },
            ["dcat:distribution"] = distributions,
        };
        return dataset;
    }

    /// <summary>A school year runs from 1 August, a calendar year from 1 January.</summary>
    private static DateOnly Start(Period period) => period.Kind == PeriodKind.SchoolYear ? new DateOnly(period.StartYear, 8, 1) : new DateOnly(period.StartYear, 1, 1);

    private static JsonObject Csv(string site, string code, string table, string? set, string license, DateTime modified, string titleNl, string titleEn)
    {
        var query = set is null ? "" : $"?indeling={Uri.EscapeDataString(set)}";
        var url = $"{site}/monitor/indicatoren/{Uri.EscapeDataString(code)}/{table}.csv{query}";
        var distribution = Distribution(url, $"{site}/monitor/indicatoren/{Uri.EscapeDataString(code)}{query}", "text/csv", "CSV", license, modified, titleNl, titleEn);
        distribution["dct:conformsTo"] = Id(CsvwUrl(site, code, table, set));
        return distribution;
    }

    /// <summary>Where the CSVW description of a download lives: beside it, by the same codes.</summary>
    public static string CsvwUrl(string site, string code, string table, string? set) =>
        $"{site}/monitor/indicatoren/{Uri.EscapeDataString(code)}/csvw/{table}{(set is null ? "" : $"?indeling={Uri.EscapeDataString(set)}")}";

    /// <summary>
    /// An edition as a PDF in one language. Its checksum (SPDX, as DCAT-AP 2.1 has it) is given once the document is made, on
    /// its first download: a document that is not made yet has no bytes to sum.
    /// </summary>
    private static JsonObject Pdf(string site, EditionRef edition, string language, Editions.StoredDocument? stored, string license)
    {
        var distribution = Distribution(site + Editions.EditionDocuments.Address(edition.Pact, edition.Year, language),
            $"{site}/pact/{edition.Pact}/monitor/edities/{edition.Year}", Editions.EditionDocuments.MediaType, "PDF", license, edition.PublishedAt,
            $"{edition.Title}: de editie als toegankelijke PDF ({(language == "nl" ? "Nederlands" : "Engels")})",
            $"{edition.Title}: the edition as an accessible PDF ({(language == "nl" ? "Dutch" : "English")})");
        distribution["dct:language"] = Id(Languages + (language == "nl" ? "NLD" : "ENG"));
        if (stored is not null)
        {
            distribution["spdx:checksum"] = new JsonObject
            {
                ["@type"] = "spdx:Checksum",
                ["spdx:algorithm"] = Id("http://spdx.org/rdf/terms#checksumAlgorithm_sha256"),
                ["spdx:checksumValue"] = stored.Sha256,
            };
            distribution["dcat:byteSize"] = new JsonObject { ["@value"] = stored.Size.ToString(CultureInfo.InvariantCulture), ["@type"] = "xsd:nonNegativeInteger" };
        }
        return distribution;
    }

    private static JsonObject Json(string site, string url, string page, string license, DateTime modified, string titleNl, string titleEn) =>
        Distribution(url, page, "application/json", "JSON", license, modified, titleNl, titleEn);

    private static JsonObject Distribution(string download, string access, string mediaType, string fileType, string license, DateTime modified, string titleNl, string titleEn) => new()
    {
        ["@id"] = download,
        ["@type"] = "dcat:Distribution",
        ["dct:title"] = Texts(titleNl, titleEn),
        ["dcat:accessURL"] = Id(access),
        ["dcat:downloadURL"] = Id(download),
        ["dcat:mediaType"] = Id(MediaTypes + mediaType),
        ["dct:format"] = Id(FileTypes + fileType),
        ["dct:license"] = Id(license),
        ["dct:modified"] = DateTimeValue(modified),
    };

    private static JsonObject Id(string id) => new() { ["@id"] = id };
    private static JsonObject Text(string value, string language) => new() { ["@value"] = value, ["@language"] = language };
    private static JsonArray Texts(string dutch, string english) => new(Text(dutch, "nl"), Text(english, "en"));
    private static JsonObject DateTimeValue(DateTime utc) => new() { ["@value"] = utc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), ["@type"] = "xsd:dateTime" };
    private static JsonObject DateValue(DateOnly day) => new() { ["@value"] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["@type"] = "xsd:date" };
}
