using System.Text.Json;
using Microsoft.Extensions.Localization;
using Pactwerk.Web.Features.Monitor.Pages;
using Pactwerk.Web.Features.ReferenceData;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Monitor.Editions;

/// <summary>
/// An edition indicator's figures for the monitor's charts (wwwroot/js/monitor-charts.js), in the shape of the
/// indicator page's data block: Nederland per period as the line, the chosen set's regions for one period as the map.
/// Only the published figures as this reader may see them: a hidden cell is null with its marker as label.
/// </summary>
public static class EditionChartData
{
    public static string Build(EditionIndicatorDto indicator, string setCode, string setName, string period, IStringLocalizer<SharedResource> T)
    {
        var country = indicator.Figures.Where(f => f.RegionSet == RegionSetCodes.Country).ToList();
        var data = new
        {
            unit = indicator.Unit,
            indicator = indicator.Name,
            series = new
            {
                periods = indicator.Periods,
                region = new { name = T["Nederland"].Value, values = indicator.Periods.Select(p => country.FirstOrDefault(f => f.Period == p)?.Value) },
                country = (object?)null,
                path = (object?)null,
            },
            map = new
            {
                set = setCode,
                setName,
                period,
                items = indicator.Figures.Where(f => f.RegionSet != RegionSetCodes.Country && f.Period == period)
                    .Select(f => new { code = f.Region.Code, name = f.Region.Name, value = f.Value, label = MonitorViews.Format(f.Value, indicator.Unit, f.Protected) }),
            },
            breakdown = new { dimension = (string?)null, items = Array.Empty<object>() },
            labels = new { noData = T["geen gegevens of verborgen"].Value, value = T["Waarde"].Value },
        };
        return JsonSerializer.Serialize(data, JsonSerializerOptions.Web);
    }
}
