using System.Globalization;
using System.Net;
using System.Text;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Monitor.Editions;

/// <summary>
/// The edition's charts as inline SVG drawn on the server, for the printed document: a line of Nederland per period and bars of
/// the regions of a set. Drawn here rather than by the page's script so the document is self-contained and the same every
/// time; each chart is an image (role img) whose text alternative says what it shows, and the table beneath holds every figure.
/// </summary>
public static class EditionCharts
{
    private const int Width = 640;
    private static readonly CultureInfo Svg = CultureInfo.InvariantCulture;

    /// <summary>A point of a chart: its label and its value (null when missing or hidden).</summary>
    public sealed record Point(string Label, double? Value);

    public static string Line(string id, string alternative, IReadOnlyList<Point> points, string unit)
    {
        const int height = 240, left = 70, right = 20, top = 20, bottom = 40;
        var values = points.Select(p => p.Value).OfType<double>().ToList();
        var (min, max) = Scale(values);
        var plotWidth = Width - left - right;
        var plotHeight = height - top - bottom;
        double X(int i) => left + (points.Count == 1 ? plotWidth / 2.0 : plotWidth * i / (double)(points.Count - 1));
        double Y(double v) => top + plotHeight * (1 - (v - min) / (max - min));
        var svg = Open(id, alternative, height);
        foreach (var tick in Ticks(min, max))
            svg.Append(Invariant($"<line x1=\"{left}\" x2=\"{Width - right}\" y1=\"{Y(tick):0.#}\" y2=\"{Y(tick):0.#}\" stroke=\"#d0d0d0\"/>"))
               .Append(Invariant($"<text x=\"{left - 6}\" y=\"{Y(tick) + 4:0.#}\" text-anchor=\"end\">{Encode(NumberFormat.Value(tick, unit))}</text>"));
        for (var i = 0; i < points.Count; i++)
            svg.Append(Invariant($"<text x=\"{X(i):0.#}\" y=\"{height - bottom + 18}\" text-anchor=\"middle\">{Encode(points[i].Label)}</text>"));
        // The line breaks where a figure is missing or hidden, rather than bridging it as if it were known.
        var run = new List<string>();
        void Flush()
        {
            if (run.Count > 1)
                svg.Append($"<polyline points=\"{string.Join(' ', run)}\" fill=\"none\" stroke=\"#1f4e9c\" stroke-width=\"2.5\"/>");
            run.Clear();
        }
        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].Value is not { } v)
            {
                Flush();
                continue;
            }
            run.Add(Invariant($"{X(i):0.#},{Y(v):0.#}"));
            svg.Append(Invariant($"<circle cx=\"{X(i):0.#}\" cy=\"{Y(v):0.#}\" r=\"3.5\" fill=\"#1f4e9c\"/>"));
        }
        Flush();
        return svg.Append("</svg>").ToString();
    }

    /// <summary>Horizontal bars, largest first; a region without a figure keeps its row with its marker instead of a bar.</summary>
    public static string Bars(string id, string alternative, IReadOnlyList<Point> points, string unit, IReadOnlyDictionary<string, string> markers)
    {
        const int left = 190, right = 80, row = 18, top = 10;
        var ordered = points.OrderByDescending(p => p.Value.HasValue).ThenByDescending(p => p.Value).ThenBy(p => p.Label, StringComparer.CurrentCulture).ToList();
        var height = top * 2 + row * ordered.Count;
        var max = Math.Max(ordered.Select(p => p.Value ?? 0).DefaultIfEmpty(0).Max(), 0);
        var plotWidth = Width - left - right;
        var svg = Open(id, alternative, height);
        for (var i = 0; i < ordered.Count; i++)
        {
            var y = top + i * row;
            svg.Append(Invariant($"<text x=\"{left - 6}\" y=\"{y + 13}\" text-anchor=\"end\">{Encode(ordered[i].Label)}</text>"));
            if (ordered[i].Value is { } v)
            {
                var w = max <= 0 ? 0 : plotWidth * Math.Max(v, 0) / max;
                svg.Append(Invariant($"<rect x=\"{left}\" y=\"{y + 3}\" width=\"{w:0.#}\" height=\"{row - 6}\" fill=\"#1f4e9c\"/>"))
                   .Append(Invariant($"<text x=\"{left + w + 4:0.#}\" y=\"{y + 13}\">{Encode(NumberFormat.Value(v, unit))}</text>"));
            }
            else
                svg.Append(Invariant($"<text x=\"{left + 4}\" y=\"{y + 13}\" fill=\"#555\">{Encode(markers.GetValueOrDefault(ordered[i].Label, NumberFormat.Missing))}</text>"));
        }
        return svg.Append("</svg>").ToString();
    }

    /// <summary>The sequential classes of a map, light to dark; dark blue and white text meet 4.5:1 where a label sits on a class.</summary>
    private static readonly string[] Classes = ["#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c"];
    private const string NoFigure = "#d9d9d9";

    /// <summary>
    /// A map of the set's regions (GeoJSON in longitude/latitude, features named by region code), each filled by the class of
    /// its figure: up to five classes of about equal size, so every class holds regions whatever the spread. Grey where there
    /// is no figure or the figure is hidden. Projected with the cosine of the Netherlands' middle latitude, enough at this
    /// scale to keep the country's shape; the legend beneath gives every class's bounds.
    /// </summary>
    public static string Map(string id, string alternative, System.Text.Json.JsonElement geo, IReadOnlyDictionary<string, double?> values, string unit, string missing)
    {
        var shapes = new List<(string Code, List<List<(double X, double Y)>> Rings)>();
        foreach (var feature in geo.GetProperty("features").EnumerateArray())
        {
            var code = feature.GetProperty("properties").GetProperty("code").GetString() ?? "";
            var geometry = feature.GetProperty("geometry");
            var polygons = geometry.GetProperty("type").GetString() switch
            {
                "Polygon" => [geometry.GetProperty("coordinates")],
                "MultiPolygon" => geometry.GetProperty("coordinates").EnumerateArray().ToList(),
                _ => new List<System.Text.Json.JsonElement>(),
            };
            var rings = polygons.SelectMany(p => p.EnumerateArray())
                .Select(ring => ring.EnumerateArray().Select(c => (c[0].GetDouble() * Math.Cos(52.2 * Math.PI / 180), -c[1].GetDouble())).ToList()).ToList();
            shapes.Add((code, rings));
        }
        var points = shapes.SelectMany(s => s.Rings).SelectMany(r => r).ToList();
        if (points.Count == 0)
            return "";
        var (minX, maxX, minY, maxY) = (points.Min(p => p.X), points.Max(p => p.X), points.Min(p => p.Y), points.Max(p => p.Y));
        const int mapWidth = 420, legendRow = 18;
        var scale = mapWidth / Math.Max(maxX - minX, 1e-9);
        var mapHeight = (int)Math.Ceiling((maxY - minY) * scale);

        var shown = values.Values.OfType<double>().Order().ToList();
        var bounds = new List<(double Low, double High)>();
        var count = Math.Min(Classes.Length, shown.Distinct().Count());
        for (var k = 0; k < count; k++)
        {
            var low = shown[k * shown.Count / count];
            var high = shown[Math.Max((k + 1) * shown.Count / count - 1, k * shown.Count / count)];
            if (bounds.Count > 0 && low <= bounds[^1].High)
                low = shown.FirstOrDefault(v => v > bounds[^1].High, bounds[^1].High);
            if (high < low)
                continue;
            bounds.Add((low, high));
        }
        string Fill(string code) => values.GetValueOrDefault(code) is { } v
            ? Classes[Math.Max(0, bounds.FindLastIndex(b => v >= b.Low)) * (Classes.Length - 1) / Math.Max(bounds.Count - 1, 1)]
            : NoFigure;
        string ClassColour(int index) => Classes[index * (Classes.Length - 1) / Math.Max(bounds.Count - 1, 1)];

        var height = mapHeight + 12 + legendRow * (bounds.Count + 1);
        var svg = Open(id, alternative, height).Append(Invariant($"<g transform=\"translate({(Width - mapWidth) / 2},0)\">"));
        foreach (var (code, rings) in shapes)
        {
            var path = new StringBuilder();
            foreach (var ring in rings)
            {
                for (var i = 0; i < ring.Count; i++)
                    path.Append(Invariant($"{(i == 0 ? "M" : "L")}{(ring[i].X - minX) * scale:0.#},{(ring[i].Y - minY) * scale:0.#}"));
                path.Append('Z');
            }
            svg.Append(Invariant($"<path d=\"{path}\" fill=\"{Fill(code)}\" fill-rule=\"evenodd\" stroke=\"#ffffff\" stroke-width=\"0.6\"/>"));
        }
        svg.Append("</g>");
        var y = mapHeight + 12;
        for (var k = 0; k < bounds.Count; k++, y += legendRow)
            svg.Append(Invariant($"<rect x=\"0\" y=\"{y}\" width=\"14\" height=\"12\" fill=\"{ClassColour(k)}\" stroke=\"#555\" stroke-width=\"0.5\"/>"))
               .Append(Invariant($"<text x=\"20\" y=\"{y + 10}\">{Encode(bounds[k].Low == bounds[k].High ? NumberFormat.Value(bounds[k].Low, unit) : NumberFormat.Value(bounds[k].Low, unit) + " – " + NumberFormat.Value(bounds[k].High, unit))}</text>"));
        svg.Append(Invariant($"<rect x=\"0\" y=\"{y}\" width=\"14\" height=\"12\" fill=\"{NoFigure}\" stroke=\"#555\" stroke-width=\"0.5\"/>"))
           .Append(Invariant($"<text x=\"20\" y=\"{y + 10}\">{Encode(missing)}</text>"));
        return svg.Append("</svg>").ToString();
    }

    private static StringBuilder Open(string id, string alternative, int height) => new StringBuilder()
        .Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"{id}\" viewBox=\"0 0 {Width} {height}\" width=\"100%\" class=\"chart\">"))
        .Append($"<title id=\"{id}\">{Encode(alternative)}</title>");

    /// <summary>From zero for counts and shares that are all positive, so a bar's length and a line's height read truthfully.</summary>
    private static (double Min, double Max) Scale(List<double> values)
    {
        if (values.Count == 0)
            return (0, 1);
        var min = Math.Min(0, values.Min());
        var max = values.Max();
        if (max <= min)
            max = min + 1;
        var step = Step(min, max);
        return (Math.Floor(min / step) * step, Math.Ceiling(max / step) * step);
    }

    private static double Step(double min, double max)
    {
        var raw = (max - min) / 4;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        return new[] { 1, 2, 2.5, 5, 10 }.Select(f => f * magnitude).First(s => s >= raw);
    }

    private static IEnumerable<double> Ticks(double min, double max)
    {
        var step = Step(min, max);
        for (var t = min; t <= max + step / 1000; t += step)
            yield return Math.Round(t, 6);
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
    private static string Invariant(FormattableString text) => text.ToString(Svg);
}
