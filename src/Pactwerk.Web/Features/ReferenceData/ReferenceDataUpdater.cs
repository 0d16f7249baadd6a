using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Monitor;
using Pactwerk.Web.Features.Monitor.Import;
using Pactwerk.Web.Features.Regions;

namespace Pactwerk.Web.Features.ReferenceData;

public sealed record ReferenceDataUpdateReport(IReadOnlyList<string> Changes, ReferenceDataLoadResult Load, ImportReport? Duo, IReadOnlyList<string> FilesWritten);

/// <summary>
/// `reference-data update`: fetches a new year's regional structure from CBS, its boundaries and
/// (optionally) DUO's newest enrolment file, checks all of it before anything changes, then loads
/// the structure as a new effective-dated version through the one loader, imports the DUO file into
/// the monitor and replaces the files in the reference-data folder.
/// </summary>
public sealed partial class ReferenceDataUpdater(PactwerkDb db, ReferenceDataImporter importer, IHttpClientFactory httpClients,
    IOptions<ReferenceDataUpdateOptions> update, IOptions<GeoOptions> geo, IOptions<ReferenceDataOptions> referenceData,
    MonitorEngineHost engine, MonitorImportService imports)
{
    private const int MaxPages = 100;

    /// <param name="folder">The reference-data folder whose files are replaced (data/nl by default).</param>
    public async Task<ReferenceDataUpdateReport> UpdateAsync(string folder, DateOnly validFrom, string? duoAddress, CancellationToken ct)
    {
        var http = httpClients.CreateClient(nameof(HttpReferenceDataSource));
        var errors = new List<ReferenceDataError>();

        var lastLoad = await db.ReferenceDataLoads.OrderByDescending(l => l.ValidFrom).Select(l => (DateOnly?)l.ValidFrom).FirstOrDefaultAsync(ct);
        if (lastLoad is { } last && validFrom <= last)
            throw new ReferenceDataException([new("--valid-from", 0, $"De nieuwe indeling moet ingaan na die van de laatste lading ({last:yyyy-MM-dd}); gevraagd: {validFrom:yyyy-MM-dd}.")]);

        // The regional structure, through the same parser and cross-checks as a load from files.
        var regionsAddress = update.Value.Regions.TrimEnd('/');
        var properties = await GetTextAsync(http, regionsAddress + "/DataProperties", ct);
        var pages = new List<string>();
        for (string? next = regionsAddress + "/TypedDataSet"; next is not null; next = CbsAreaTable.NextLink(pages[^1]))
        {
            if (pages.Count == MaxPages)
                throw new ReferenceDataException([new("TypedDataSet", 0, $"Meer dan {MaxPages} pagina's: het antwoord houdt niet op.")]);
            pages.Add(await GetTextAsync(http, next, ct));
        }
        var files = CbsAreaTable.ToRegionFiles(properties, pages);
        var landsdelen = Path.Combine(folder, RegionFileParser.LandsdelenFile);
        // The landsdelen are the pact's own grouping of provinces, kept from the folder.
        files[RegionFileParser.LandsdelenFile] = File.Exists(landsdelen) ? await File.ReadAllTextAsync(landsdelen, ct) : "";
        var dataset = RegionFileParser.Parse(files.ToDictionary(f => f.Key, f => (string?)f.Value));

        // The boundaries: every region of every set has a shape, and no shape is left over.
        var year = validFrom.Year;
        var expected = new Dictionary<string, IEnumerable<string>>(StringComparer.OrdinalIgnoreCase)
        {
            [RegionSetCodes.Municipalities] = dataset.Municipalities.Select(m => m.Code),
            [RegionSetCodes.Provinces] = dataset.Provinces.Select(p => p.Code),
            [RegionSetCodes.Corop] = dataset.CoropAreas.Select(c => c.Code),
            [RegionSetCodes.LabourMarketRegions] = dataset.LabourMarketRegions.Select(a => a.Code),
        };
        var geometry = new Dictionary<string, byte[]>();
        GeoShapes.Topology? newMunicipalities = null;
        foreach (var (set, template) in geo.Value.Files.Where(f => expected.ContainsKey(f.Key)))
        {
            var name = GeoOptions.FileFor(template, year);
            var path = $"geo/{name}.topojson";
            var bytes = await GetBytesAsync(http, update.Value.Geometry.Replace("{file}", name), ct);
            GeoShapes.Topology topology;
            try
            {
                topology = GeoShapes.Topology.Parse(bytes, name);
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or FormatException or KeyNotFoundException or InvalidOperationException or NullReferenceException)
            {
                errors.Add(new(path, 0, $"Geen leesbare TopoJSON met object '{name}': {e.Message}"));
                continue;
            }
            var shapes = topology.Shapes.Select(s => s.Code).ToHashSet();
            var codes = expected[set].ToHashSet();
            if (codes.Except(shapes).Order().ToList() is { Count: > 0 } missing)
                errors.Add(new(path, 0, $"{missing.Count} regio('s) zonder vorm: {Some(missing)}."));
            if (shapes.Except(codes).Order().ToList() is { Count: > 0 } extra)
                errors.Add(new(path, 0, $"{extra.Count} vorm(en) van onbekende regio's: {Some(extra)}."));
            geometry[path] = bytes;
            if (set == RegionSetCodes.Municipalities)
                newMunicipalities = topology;
        }

        // What changes for the municipalities, and where the ended ones went.
        var current = await db.Regions.Where(r => r.ValidTo == null && r.RegionSet.Kind == RegionSetKind.Municipalities)
            .ToDictionaryAsync(r => r.Code, r => r.Name, ct);
        var incoming = dataset.Municipalities.ToDictionary(m => m.Code, m => m.Name);
        var ended = current.Keys.Except(incoming.Keys).Order(StringComparer.Ordinal).ToList();
        var added = incoming.Keys.Except(current.Keys).Order(StringComparer.Ordinal).ToList();
        var successors = new Dictionary<string, string>();
        if (ended.Count > 0 && newMunicipalities is not null)
        {
            var oldName = GeoOptions.FileFor(geo.Value.Files[RegionSetCodes.Municipalities], lastLoad?.Year ?? referenceData.Value.ValidFrom.Year);
            var oldPath = Path.Combine(folder, "geo", oldName + ".topojson");
            if (!File.Exists(oldPath))
                errors.Add(new($"geo/{oldName}.topojson", 0, $"De kaart van de huidige indeling ontbreekt, dus is niet te bepalen waar {Some(ended)} in opgaan."));
            else
            {
                successors = MunicipalitySuccessors.Find(GeoShapes.Topology.Parse(await File.ReadAllBytesAsync(oldPath, ct), oldName), newMunicipalities, ended);
                if (ended.Where(e => !successors.ContainsKey(e)).ToList() is { Count: > 0 } lost)
                    errors.Add(new($"geo/{oldName}.topojson", 0, $"Geen opvolger gevonden voor {Some(lost)}: hun gebied ligt in geen enkele nieuwe gemeente."));
            }
        }

        // DUO's newest enrolments, read as the monitor's import will read them, against the new municipalities.
        byte[]? duo = null;
        string? duoPath = null;
        if (!string.IsNullOrWhiteSpace(duoAddress))
        {
            duo = await GetBytesAsync(http, duoAddress, ct);
            var codes = dataset.Municipalities.Select((m, i) => (m.Code, i)).ToDictionary(m => m.Code, m => m.i);
            var parsed = DelimitedFileReader.Read(ImportProfiles.DuoHboIngeschrevenen, duo, codes);
            foreach (var rejected in parsed.Rejected.Take(20))
                errors.Add(new("DUO", rejected.Line, rejected.Reason));
            var years = YearColumn().Matches(Encoding.UTF8.GetString(duo, 0, Math.Min(duo.Length, 4096)).Split('\n')[0]).Select(m => m.Value).Order().ToList();
            if (parsed.Rejected.Count == 0 && years.Count == 0)
                errors.Add(new("DUO", 1, "Geen jaarkolommen in de kopregel."));
            duoPath = years.Count > 0 ? $"duo/ingeschrevenen-hbo-{years[0]}-{years[^1]}.csv" : null;
        }

        if (errors.Count > 0)
            throw new ReferenceDataException(errors);

        // Everything is checked: stage the files, so a disk problem stops the update before the database changes.
        var staging = Directory.CreateDirectory(Path.Combine(folder, ".update-" + Guid.NewGuid().ToString("N")));
        var written = new List<string>();
        try
        {
            var outputs = files.Where(f => f.Key != RegionFileParser.LandsdelenFile).Select(f => (f.Key, Encoding.UTF8.GetBytes(f.Value)))
                .Concat(geometry.Select(g => (g.Key, g.Value)));
            if (duo is not null)
                outputs = outputs.Append((duoPath!, duo));
            foreach (var (path, bytes) in outputs)
            {
                var target = Path.Combine(staging.FullName, path);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                await File.WriteAllBytesAsync(target, bytes, ct);
                written.Add(path);
            }

            var source = new MemoryReferenceDataSource(regionsAddress, files);
            var load = await importer.LoadAsync(source, validFrom, ct, successors);
            // The engine of this process learns the new structure (and the successors) before the DUO import lands in it.
            await engine.LoadAllAsync(db, ct);
            var duoReport = duo is null ? null : await imports.ImportAsync(ImportProfiles.DuoHboIngeschrevenen.Code, duoPath!, duo, ct);
            foreach (var path in written)
            {
                var target = Path.Combine(folder, path);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Move(Path.Combine(staging.FullName, path), target, overwrite: true);
            }

            var changes = new List<string>();
            changes.AddRange(ended.Select(e => $"{current[e]} ({e}) → {incoming[successors[e]]} ({successors[e]}) vanaf {validFrom:yyyy-MM-dd}"));
            if (added.Count > 0)
                changes.Add($"{added.Count} {(added.Count == 1 ? "nieuwe code" : "nieuwe codes")}: {string.Join(", ", added.Select(a => $"{a} {incoming[a]}"))}");
            changes.AddRange(incoming.Keys.Intersect(current.Keys).Where(c => current[c] != incoming[c]).Order(StringComparer.Ordinal)
                .Select(c => $"{current[c]} ({c}) heet nu {incoming[c]}"));
            return new ReferenceDataUpdateReport(changes, load, duoReport, written);
        }
        finally
        {
            staging.Delete(recursive: true);
        }
    }

    private static string Some(IReadOnlyCollection<string> codes) =>
        string.Join(", ", codes.Take(10)) + (codes.Count > 10 ? $" en {codes.Count - 10} meer" : "");

    private static async Task<string> GetTextAsync(HttpClient http, string address, CancellationToken ct) =>
        new UTF8Encoding(false).GetString(await GetBytesAsync(http, address, ct)).TrimStart('\uFEFF');

    /// <summary>An answer other than 200 or an unreachable server stops the update with the address named.</summary>
    private static async Task<byte[]> GetBytesAsync(HttpClient http, string address, CancellationToken ct)
    {
        try
        {
            using var response = await http.GetAsync(address, ct);
            if (!response.IsSuccessStatusCode)
                throw new ReferenceDataException([new(address, 0, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}.")]);
            return await response.Content.ReadAsByteArrayAsync(ct);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            throw new ReferenceDataException([new(address, 0, $"Niet bereikbaar: {e.Message}")]);
        }
    }

    [GeneratedRegex(@"(?<=;)(19|20)[0-9]{2}(?=;|\r|$)")]
    private static partial Regex YearColumn();

    private sealed class MemoryReferenceDataSource(string location, IReadOnlyDictionary<string, string> files) : IReferenceDataSource
    {
        public string Location => location;

        public Task<byte[]?> ReadBytesAsync(string relativePath, CancellationToken ct) =>
            Task.FromResult(files.TryGetValue(relativePath, out var text) ? Encoding.UTF8.GetBytes(text) : null);
    }
}
