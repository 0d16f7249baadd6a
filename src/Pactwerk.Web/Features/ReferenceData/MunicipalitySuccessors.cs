using Topology = Pactwerk.Web.Features.Monitor.GeoShapes.Topology;

namespace Pactwerk.Web.Features.ReferenceData;

/// <summary>
/// Finds where an ended municipality went: the new municipality that covers most of its old area.
/// CBS's area table lists only the municipalities of its year, so the merger itself is read from
/// the boundaries: the old shape is sampled on a grid and each sample is looked up in the new
/// shapes. A merger (Weesp into Amsterdam) gives one answer; a municipality split between several
/// goes to the one that took the largest part.
/// </summary>
internal static class MunicipalitySuccessors
{
    private const int Grid = 24;

    public static Dictionary<string, string> Find(Topology before, Topology after, IEnumerable<string> ended)
    {
        var oldShapes = before.Shapes.ToDictionary(s => s.Code, s => before.Polygons(s.Rings));
        var newShapes = after.Shapes.Select(s => (s.Code, Rings: after.Polygons(s.Rings))).Select(s => (s.Code, s.Rings, Box: Box(s.Rings))).ToList();
        var result = new Dictionary<string, string>();
        foreach (var code in ended)
        {
            if (!oldShapes.TryGetValue(code, out var rings) || rings.Count == 0)
                continue;
            var (minX, minY, maxX, maxY) = Box(rings);
            var votes = new Dictionary<string, int>();
            for (var i = 0; i < Grid; i++)
                for (var j = 0; j < Grid; j++)
                {
                    var x = minX + (maxX - minX) * (i + 0.5) / Grid;
                    var y = minY + (maxY - minY) * (j + 0.5) / Grid;
                    if (!Inside(rings, x, y))
                        continue;
                    var hit = newShapes.FirstOrDefault(s => x >= s.Box.MinX && x <= s.Box.MaxX && y >= s.Box.MinY && y <= s.Box.MaxY && Inside(s.Rings, x, y)).Code;
                    if (hit is not null)
                        votes[hit] = votes.GetValueOrDefault(hit) + 1;
                }
            if (votes.Count > 0)
                result[code] = votes.OrderByDescending(v => v.Value).ThenBy(v => v.Key, StringComparer.Ordinal).First().Key;
        }
        return result;
    }

    private static (double MinX, double MinY, double MaxX, double MaxY) Box(List<List<double[]>> rings)
    {
        var points = rings.SelectMany(r => r).ToList();
        return points.Count == 0 ? (0, 0, 0, 0) : (points.Min(p => p[0]), points.Min(p => p[1]), points.Max(p => p[0]), points.Max(p => p[1]));
    }

    /// <summary>Even-odd rule over all rings, so holes count as outside.</summary>
    private static bool Inside(List<List<double[]>> rings, double x, double y)
    {
        var inside = false;
        foreach (var ring in rings)
            for (int a = 0, b = ring.Count - 1; a < ring.Count; b = a++)
            {
                var (xa, ya, xb, yb) = (ring[a][0], ring[a][1], ring[b][0], ring[b][1]);
                if ((ya > y) != (yb > y) && x < (xb - xa) * (y - ya) / (yb - ya) + xa)
                    inside = !inside;
            }
        return inside;
    }
}
