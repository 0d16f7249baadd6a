using System.Text.Json;
using Microsoft.Extensions.Localization;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Monitor.Pages;

/// <summary>
/// The figures the charts draw, as JSON in the page (a data block, not a script, so the CSP keeps
/// scripts to files). Hidden cells are null with their marker as label: a chart never shows more
/// than the table beside it.
/// </summary>
public static class ChartData
{
    public static string Build(IndicatorView v, IStringLocalizer<SharedResource> T)
    {
        // Periods of one kind written as text ("2023/2024" or "2023") sort as the periods do.
        var periods = v.Series.Concat(v.Country).Select(r => r.Period.ToString()).Concat(v.TargetPath.Select(p => p.Period))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        double? At(List<ValueRow> rows, string period) => rows.FirstOrDefault(r => r.Period.ToString() == period)?.Value;
        var data = new
        {
            unit = v.Indicator.Unit,
            indicator = v.Indicator.Name,
            series = new
            {
                periods,
                region = new { name = v.Region.Name, values = periods.Select(p => At(v.Series, p)) },
                country = v.Country.Count == 0 ? null : new { name = T["Nederland"].Value, values = periods.Select(p => At(v.Country, p)) },
                path = v.TargetPath.Count == 0 ? null : new { name = T["Streefpad van nulmeting naar streefwaarde"].Value, values = periods.Select(p => v.TargetPath.FirstOrDefault(t => t.Period == p)?.Expected) },
            },
            map = new
            {
                set = v.Set.Code,
                setName = v.Set.Name,
                period = v.Period,
                selected = v.Region.Code,
                // Regions with a figure first (in the order of the table), the empty ones after: the bars are not lost among gaps.
                items = v.SetRows.OrderBy(r => r.Value is null).Select(r => new { code = r.Region.Code, name = r.Region.Name, value = r.Value, label = MonitorViews.Format(r.Value, v.Indicator.Unit, r.Protected) }),
                empty = v.SetRows.Count(r => r.Value is null),
            },
            breakdown = new
            {
                dimension = v.Breakdown,
                items = v.BreakdownRows.Select(r => new { name = r.Breakdown, value = r.Value, label = MonitorViews.Format(r.Value, v.Indicator.Unit, r.Protected) }),
            },
            labels = new
            {
                noData = T["geen gegevens of verborgen"].Value,
                value = T["Waarde"].Value,
            },
        };
        return JsonSerializer.Serialize(data, JsonSerializerOptions.Web);
    }
}
