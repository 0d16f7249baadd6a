using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pactwerk.Monitoring;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Monitor.Import;

namespace Pactwerk.Tests.Monitor;

/// <summary>
/// The Techniekpact's published national figures as a second source: one element per indicator,
/// at country level, each with the kind of period its rows state. Checked against the file as the
/// BCL's own CSV parser reads it.
/// </summary>
public abstract class PublishedFiguresTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private const string Profile = "techniekpact-gepubliceerde-cijfers";
    private const string Header = "indicator,onderwijssoort,periode,waarde,eenheid,bron_url,opmerking";

    private sealed record Row(string Indicator, string Type, string Period, double Value, string Unit);

    private static List<Row> FileRows() => SharedData.Rows("techniekpact/published-national-figures.csv")
        .Select(f => new Row(f[0], f[1], f[2], double.Parse(f[3], CultureInfo.InvariantCulture), f[4])).ToList();

    private async Task<ImportReport> ImportAsync(string content)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MonitorImportService>().ImportAsync(Profile, "cijfers.csv", Encoding.UTF8.GetBytes(content), default);
    }

    private Task<int> ObservationCountAsync() => factory.InDbAsync(db => db.Observations.CountAsync());

    [Fact]
    public async Task Demo_mode_loads_every_published_figure_for_the_country_with_its_own_unit_and_kind_of_period()
    {
        factory.CreateClient();
        var rows = FileRows();

        var elements = await factory.InDbAsync(db => db.DataElements.Where(e => db.DataSources.Any(s => s.Id == e.DataSourceId && s.Code == "techniekpact-monitor"))
            .Select(e => new { e.Code, e.Unit, e.PeriodKind, e.Level }).ToListAsync());
        var stored = await factory.InDbAsync(db => db.Observations
            .Where(o => o.IsCurrent && db.DataElements.Any(e => e.Id == o.DataElementId && db.DataSources.Any(s => s.Id == e.DataSourceId && s.Code == "techniekpact-monitor")))
            .Select(o => new { Element = db.DataElements.Where(e => e.Id == o.DataElementId).Select(e => e.Code).First(), Region = db.Regions.Where(r => r.Id == o.RegionId).Select(r => r.Code).First(), o.PeriodStart, o.DimensionKey, o.Value })
            .ToListAsync());

        Assert.Equal(rows.Select(r => r.Indicator).Distinct().Order(), elements.Select(e => e.Code).Order());
        foreach (var element in elements)
        {
            var mine = rows.Where(r => r.Indicator == element.Code).ToList();
            Assert.Equal(mine[0].Unit, element.Unit);
            // A school year is written 2013-2014 in the file; "2020" and "eind 2017" are calendar years.
            Assert.Equal(mine[0].Period.Contains('-') ? PeriodKind.SchoolYear : PeriodKind.CalendarYear, element.PeriodKind);
            Assert.Equal(ElementLevel.Region, element.Level);
        }
        Assert.Equal(rows.Count, stored.Count);
        Assert.All(stored, s => Assert.Equal("NL", s.Region));
        foreach (var row in rows)
        {
            var start = int.Parse(row.Period.Replace("eind ", "")[..4], CultureInfo.InvariantCulture);
            Assert.Equal(row.Value, stored.Single(s => s.Element == row.Indicator && s.DimensionKey == row.Type && s.PeriodStart == start).Value);
        }
    }

    [Fact]
    public async Task The_national_indicator_reads_the_published_figure_and_gives_no_value_for_a_province()
    {
        var client = factory.CreateClient();
        var expected = FileRows().Single(r => r.Indicator == "nieuwe_studenten_techniek" && r.Type == "hbo" && r.Period == "2017-2018").Value;

        var country = (await client.GetFromJsonAsync<List<ValueJson>>("/api/v1/monitor/values?indicator=hbo-nieuwe-studenten-techniek&region=NL&period=2017/2018"))!.Single();
        var province = (await client.GetFromJsonAsync<List<ValueJson>>("/api/v1/monitor/values?indicator=hbo-nieuwe-studenten-techniek&region=PV23&period=2017/2018"))!.Single();

        Assert.Equal(expected, country.Value);
        Assert.Null(province.Value);
    }

    [Fact]
    public async Task Importing_the_same_file_again_changes_nothing()
    {
        factory.CreateClient();
        var before = await ObservationCountAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        var bytes = await File.ReadAllBytesAsync(Path.Combine(SharedData.Root, "techniekpact", "published-national-figures.csv"));

        var report = await scope.ServiceProvider.GetRequiredService<MonitorImportService>().ImportAsync(Profile, "again.csv", bytes, default);

        Assert.Equal(ImportStatus.NoChange, report.Status);
        Assert.Equal(before, await ObservationCountAsync());
    }

    [Theory]
    [InlineData("x_aantal,wo,2013-2014,10,aantal,,\nx_aantal,wo,2015,12,aantal,,", 3, "periode '2015' is een kalenderjaar, maar regel 2 maakt van x_aantal een reeks in schooljaren")]
    [InlineData("x_aantal,wo,voorjaar 2020,10,aantal,,", 2, "onleesbare periode 'voorjaar 2020'")]
    [InlineData("Nieuwe Studenten!,wo,2020,10,aantal,,", 2, "is geen code van een gegevenselement")]
    [InlineData("x_aantal,wo,2020,10,,,", 2, "geen eenheid in kolom eenheid")]
    [InlineData("x_aantal,wo,2020,10,aantal,,\nx_aantal,wo,2020,11,aantal,,", 3, "dubbele regel: x_aantal, periode 2020 en indeling als regel 2")]
    [InlineData("x_aantal,wo,2020,10,aantal,,\nx_aantal,hbo,2021,11,procent,,", 3, "eenheid 'procent' voor x_aantal, maar regel 2 geeft 'aantal'")]
    [InlineData("x_aantal,wo,2020,tien,aantal,,", 2, "'tien' in kolom waarde is geen getal")]
    public async Task A_bad_row_is_named_with_its_line_and_nothing_is_written(string rows, int line, string reason)
    {
        factory.CreateClient();
        var before = await ObservationCountAsync();

        var report = await ImportAsync(Header + "\n" + rows + "\n");

        Assert.Equal(ImportStatus.Rejected, report.Status);
        Assert.Contains(report.Rejected, r => r.Line == line && r.Reason.Contains(reason, StringComparison.Ordinal));
        Assert.Equal(before, await ObservationCountAsync());
        Assert.Equal(0, await factory.InDbAsync(db => db.DataElements.CountAsync(e => e.Code == "x_aantal")));
    }

    [Fact]
    public async Task A_header_without_the_element_column_is_refused()
    {
        factory.CreateClient();

        var report = await ImportAsync(Header.Replace("indicator,", "kengetal,") + "\nx,wo,2020,1,aantal,,\n");

        Assert.Equal(ImportStatus.Rejected, report.Status);
        Assert.Contains("kolom(men) indicator ontbreken", report.Message + string.Join(" ", report.Rejected.Select(r => r.Reason)));
    }
}

public sealed class PublishedFiguresTestsSqlite(SqliteFactory factory) : PublishedFiguresTests<SqliteFactory>(factory);
public sealed class PublishedFiguresTestsPostgres(PostgresFactory factory) : PublishedFiguresTests<PostgresFactory>(factory);
