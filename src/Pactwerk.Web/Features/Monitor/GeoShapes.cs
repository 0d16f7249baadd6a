using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.ReferenceData;
using Pactwerk.Web.Features.Regions;

namespace Pactwerk.Web.Features.Monitor;

public sealed class GeoOptions
{
    public const string Section = "Monitor:Geo";

    /// <summary>
    /// A folder or an http(s) base address serving {file}.topojson (e.g. a mirror of the CBS/PDOK
    /// cartographic boundaries). Empty: the reference-data location's geo/ folder.
    /// </summary>
    public string? Path { get; set; }

    /// <summary>
    /// The TopoJSON file (without extension) of each region set that has its own; other sets are
    /// merged from municipalities. {year} is the year of the regional structure loaded last, so an
    /// update to a new year's structure is drawn with that year's boundaries.
    /// </summary>
    public Dictionary<string, string> Files { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        [RegionSetCodes.Municipalities] = "gemeente_{year}",
        [RegionSetCodes.Provinces] = "provincie_{year}",
        [RegionSetCodes.LabourMarketRegions] = "arbeidsmarktregio_{year}",
        [RegionSetCodes.Corop] = "coropgebied_{year}",
    };

    public static string FileFor(string template, int year) => template.Replace("{year}", year.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The year of the structure in the database: that of the last load's valid-from day.</summary>
    public static async Task<int?> StructureYearAsync(PactwerkDb db, CancellationToken ct) =>
        (await db.ReferenceDataLoads.OrderByDescending(l => l.ValidFrom).Select(l => (DateOnly?)l.ValidFrom).FirstOrDefaultAsync(ct))?.Year;
}

/// <summary>
/// Map geometry per region set as GeoJSON (features named by region code: GM0363, PV27, AM14, …),
/// converted from TopoJSON once and kept in memory. A set without a file of its own (a pact's
/// landsdelen) is built by merging its municipalities: arcs that two members share are inner
/// borders and are dropped; the remaining arcs are stitched into the outline.
/// </summary>
public sealed class GeoShapes(IOptions<GeoOptions> options, IOptions<ReferenceDataOptions> referenceData, IHostEnvironment environment,
    IHttpClientFactory httpClients, IServiceScopeFactory scopes, ILogger<GeoShapes> logger)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<byte[]?>>> _sets = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Lazy<Task<Topology?>>> _files = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Drops the built sets (names and memberships come from the regions); the parsed files stay.</summary>
    public void Clear() => _sets.Clear();

    /// <summary>GeoJSON bytes of a set, or null when the set is unknown or its geometry cannot be read.</summary>
    public async Task<byte[]?> GeoJsonAsync(string set, CancellationToken ct)
    {
        var result = await _sets.GetOrAdd(set, s => new Lazy<Task<byte[]?>>(() => BuildAsync(s))).Value;
        if (result is null)
            _sets.TryRemove(set, out _); // a missing file may be put in place later
        return result;
    }

    private IReferenceDataSource? Source()
    {
        var path = options.Value.Path;
        if (string.IsNullOrWhiteSpace(path))
        {
            var root = referenceData.Value.Resolve(environment.ContentRootPath, httpClients);
            return root is null ? null : new SubfolderSource(root, "geo/");
        }
        return new ReferenceDataOptions { Path = path }.Resolve(environment.ContentRootPath, httpClients);
    }

    private sealed class SubfolderSource(IReferenceDataSource inner, string prefix) : IReferenceDataSource
    {
        public string Location => inner.Location + "/" + prefix;
        public Task<byte[]?> ReadBytesAsync(string relativePath, CancellationToken ct) => inner.ReadBytesAsync(prefix + relativePath, ct);
    }

    private Task<Topology?> FileAsync(string name) => _files.GetOrAdd(name, n => new Lazy<Task<Topology?>>(async () =>
    {
        try
        {
            var bytes = Source() is { } source ? await source.ReadBytesAsync(n + ".topojson", CancellationToken.None) : null;
            if (bytes is null)
            {
                logger.LogWarning("Map geometry {File}.topojson was not found; the monitor shows tables without that map.", n);
                return null;
            }
            return Topology.Parse(bytes, n);
        }
        catch (Exception e) when (e is IOException or HttpRequestException or JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            logger.LogError("Map geometry {File}.topojson could not be read: {Problem}", n, e.Message);
            return null;
        }
    })).Value;

    private async Task<byte[]?> BuildAsync(string set)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PactwerkDb>();
        var regions = await db.Regions.AsNoTracking().Where(r => r.RegionSet.Code == set && r.ValidTo == null)
            .Select(r => new { r.Id, r.Code, r.Name }).ToListAsync();
        if (regions.Count == 0)
            return null;
        var features = new JsonArray();
        var year = await GeoOptions.StructureYearAsync(db, CancellationToken.None) ?? referenceData.Value.ValidFrom.Year;
        if (options.Value.Files.TryGetValue(set, out var template))
        {
            var topology = await FileAsync(GeoOptions.FileFor(template, year));
            if (topology is null)
                return null;
            var known = regions.ToDictionary(r => r.Code, StringComparer.OrdinalIgnoreCase);
            foreach (var shape in topology.Shapes.Where(s => known.ContainsKey(s.Code)))
                features.Add(Feature(shape.Code, known[shape.Code].Name, topology.Polygons(shape.Rings)));
        }
        else
        {
            var topology = await FileAsync(GeoOptions.FileFor(options.Value.Files[RegionSetCodes.Municipalities], year));
            if (topology is null)
                return null;
            var ids = regions.Select(r => r.Id).ToList();
            var members = (await db.RegionMemberships.AsNoTracking().Where(m => ids.Contains(m.RegionId) && m.ValidTo == null)
                .Select(m => new { m.RegionId, m.Municipality.Code }).ToListAsync()).ToLookup(m => m.RegionId, m => m.Code);
            var shapes = topology.Shapes.ToDictionary(s => s.Code, StringComparer.OrdinalIgnoreCase);
            foreach (var region in regions)
            {
                var rings = members[region.Id].Where(shapes.ContainsKey).SelectMany(c => shapes[c].Rings).ToList();
                if (rings.Count > 0)
                    features.Add(Feature(region.Code, region.Name, topology.Merge(rings)));
            }
        }
        var collection = new JsonObject { ["type"] = "FeatureCollection", ["features"] = features };
        return JsonSerializer.SerializeToUtf8Bytes(collection);
    }

    private static JsonObject Feature(string code, string name, List<List<double[]>> rings) => new()
    {
        ["type"] = "Feature",
        ["properties"] = new JsonObject { ["code"] = code, ["name"] = name },
        // Each ring as a polygon of its own: ECharts draws them all, and holes are rare in these boundaries.
        ["geometry"] = new JsonObject
        {
            ["type"] = "MultiPolygon",
            ["coordinates"] = new JsonArray(rings.Select(ring => (JsonNode)new JsonArray(
                new JsonArray(ring.Select(p => (JsonNode)new JsonArray(Math.Round(p[0], 5), Math.Round(p[1], 5))).ToArray()))).ToArray()),
        },
    };

    /// <summary>A TopoJSON topology: quantised, delta-encoded arcs shared by the shapes.</summary>
    internal sealed class Topology
    {
        public required List<double[][]> Arcs { get; init; }
        /// <summary>Each shape by its statcode, as rings of arc references (~i is arc i reversed).</summary>
        public required List<(string Code, List<int[]> Rings)> Shapes { get; init; }

        public static Topology Parse(byte[] bytes, string objectName)
        {
            var root = JsonNode.Parse(bytes) ?? throw new FormatException("empty file");
            var transform = root["transform"];
            double sx = 1, sy = 1, tx = 0, ty = 0;
            if (transform is not null)
            {
                sx = transform["scale"]![0]!.GetValue<double>();
                sy = transform["scale"]![1]!.GetValue<double>();
                tx = transform["translate"]![0]!.GetValue<double>();
                ty = transform["translate"]![1]!.GetValue<double>();
            }
            var arcs = new List<double[][]>();
            foreach (var arc in root["arcs"]!.AsArray())
            {
                double x = 0, y = 0;
                var points = new List<double[]>();
                foreach (var p in arc!.AsArray())
                {
                    // Quantised arcs store each position as the difference from the previous one.
                    if (transform is not null)
                    {
                        x += p![0]!.GetValue<double>();
                        y += p[1]!.GetValue<double>();
                        points.Add([x * sx + tx, y * sy + ty]);
                    }
                    else
                        points.Add([p![0]!.GetValue<double>(), p[1]!.GetValue<double>()]);
                }
                arcs.Add([.. points]);
            }
            var shapes = new List<(string, List<int[]>)>();
            foreach (var geometry in root["objects"]![objectName]!["geometries"]!.AsArray())
            {
                var code = geometry!["properties"]!["statcode"]!.GetValue<string>();
                var rings = new List<int[]>();
                var arcsNode = geometry["arcs"];
                switch (geometry["type"]!.GetValue<string>())
                {
                    case "Polygon":
                        rings.AddRange(arcsNode!.AsArray().Select(Ring));
                        break;
                    case "MultiPolygon":
                        foreach (var polygon in arcsNode!.AsArray())
                            rings.AddRange(polygon!.AsArray().Select(Ring));
                        break;
                }
                shapes.Add((code, rings));
            }
            return new Topology { Arcs = arcs, Shapes = shapes };

            static int[] Ring(JsonNode? ring) => ring!.AsArray().Select(i => i!.GetValue<int>()).ToArray();
        }

        private double[][] Arc(int reference) => reference >= 0 ? Arcs[reference] : Arcs[~reference].Reverse().ToArray();

        /// <summary>Rings as coordinates: consecutive arcs share their end and start point, which is written once.</summary>
        public List<List<double[]>> Polygons(IEnumerable<int[]> rings) => rings.Select(ring =>
        {
            var points = new List<double[]>();
            foreach (var reference in ring)
            {
                var arc = Arc(reference);
                points.AddRange(points.Count == 0 ? arc : arc.Skip(1));
            }
            return points;
        }).ToList();

        /// <summary>
        /// The outline of a union of shapes: an arc used by two of the rings is an inner border and
        /// is dropped; the others are chained end to start into closed rings.
        /// </summary>
        public List<List<double[]>> Merge(List<int[]> rings)
        {
            var uses = rings.SelectMany(r => r).GroupBy(a => a < 0 ? ~a : a).ToDictionary(g => g.Key, g => g.Count());
            var outer = rings.SelectMany(r => r).Where(a => uses[a < 0 ? ~a : a] == 1).Select(Arc).ToList();
            static string Key(double[] p) => $"{p[0]:R},{p[1]:R}";
            var byStart = outer.Select((arc, i) => (arc, i)).ToLookup(x => Key(x.arc[0]), x => x.i);
            var used = new bool[outer.Count];
            var result = new List<List<double[]>>();
            for (var first = 0; first < outer.Count; first++)
            {
                if (used[first])
                    continue;
                var ring = new List<double[]>(outer[first]);
                used[first] = true;
                var start = Key(ring[0]);
                while (Key(ring[^1]) != start)
                {
                    var next = byStart[Key(ring[^1])].FirstOrDefault(i => !used[i], -1);
                    if (next < 0)
                        break; // an open chain cannot happen in a valid topology; draw what there is
                    used[next] = true;
                    ring.AddRange(outer[next].Skip(1));
                }
                result.Add(ring);
            }
            return result;
        }
    }
}
