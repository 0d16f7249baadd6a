using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.ReferenceData;
using static Pactwerk.Tests.ReferenceData.ReferenceDataTestHelpers;

namespace Pactwerk.Tests.ReferenceData;

/// <summary>Start-up without or with bad reference data, a later merger, HTTP sources and the command line.</summary>
public abstract class ReferenceDataLifecycleTests
{
    protected abstract PactwerkFactory NewFactory();

    [Fact]
    public async Task Without_a_source_the_app_starts_and_the_home_page_says_how_to_load_it()
    {
        await using var factory = NewFactory().With("ReferenceData:Path", Path.Combine(Path.GetTempPath(), "pactwerk-tests", "does-not-exist"));
        var client = factory.CreateClient();

        var home = await client.GetStringAsync("/");
        var sets = await client.GetStringAsync("/api/v1/region-sets");
        var health = await client.GetAsync("/health");

        Assert.Contains("Referentiegegevens ontbreken", home);
        Assert.Contains("reference-data load", home);
        Assert.Equal("[]", sets);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task With_a_bad_source_the_app_starts_shows_the_problem_and_loads_nothing()
    {
        var folder = new RegionFixture().Replace("regions/gemeenten.csv", "GM9003,Cadier,PV90", "GM9003,Cadier,PV99").WriteToTempFolder();
        await using var factory = NewFactory().With("ReferenceData:Path", folder).With("Demo:Enabled", "false");
        var client = factory.CreateClient();

        var home = await client.GetStringAsync("/");

        Assert.Contains("Referentiegegevens afgekeurd", home);
        Assert.Contains("regions/gemeenten.csv, regel 4: Gemeente GM9003 ligt in onbekende provincie &#x27;PV99&#x27;", home);
        Assert.Equal(0, await CountAsync(factory, db => db.Regions.CountAsync()));
    }

    [Fact]
    public async Task A_merger_closes_old_memberships_and_keeps_them_readable()
    {
        await using var factory = NewFactory().With("ReferenceData:Path", new RegionFixture().WriteToTempFolder()).With("Demo:Enabled", "false");
        factory.CreateClient();
        // In 2026 Eext merges into Dalen: the files lose a row and the counts drop by one.
        var merged = new RegionFixture()
            .Replace("regions/gemeenten.csv", "\nGM9005,Eext,PV91,Zuiderland,CR92,Zuiderland,AM91,Zuid", "")
            .Replace("regions/provincies.csv", "PV91,Zuiderland,2", "PV91,Zuiderland,1")
            .Replace("regions/corop.csv", "CR92,Zuiderland,PV91,2", "CR92,Zuiderland,PV91,1")
            .Replace("regions/arbeidsmarktregios.csv", "AM91,Zuid,2", "AM91,Zuid,1");
        var mergerDay = new DateOnly(2026, 1, 1);

        var result = await LoadAsync(factory, new DirectoryReferenceDataSource(merged.WriteToTempFolder()), mergerDay);

        Assert.Equal((0, 1, 0, 5), (result.RegionsAdded, result.RegionsUpdated, result.MembershipsOpened, result.MembershipsClosed));
        var eext = await factory.InDbAsync(db => db.Regions.SingleAsync(r => r.Code == "GM9005"));
        Assert.Equal(mergerDay, eext.ValidTo);
        var history = await factory.InDbAsync(db => db.RegionMemberships.Where(m => m.Municipality.Code == "GM9005")
            .Select(m => new { m.Region.Code, m.ValidFrom, m.ValidTo }).ToListAsync());
        Assert.Equal(5, history.Count);
        Assert.All(history, h => Assert.Equal((new DateOnly(2025, 1, 1), (DateOnly?)mergerDay), (h.ValidFrom, h.ValidTo)));
        Assert.Equal(2, await CountAsync(factory, db => db.ReferenceDataLoads.CountAsync()));
    }

    [Fact]
    public async Task The_same_loader_reads_the_files_from_an_http_address()
    {
        var folder = new RegionFixture().WriteToTempFolder();
        await using var server = await ServeFolderAsync(folder);
        var address = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/open-data/nl";
        await using var factory = NewFactory().With("ReferenceData:Path", address).With("Demo:Enabled", "false");
        var client = factory.CreateClient();

        var oostLike = await client.GetStringAsync("/api/v1/regions/AM90");
        var load = await factory.InDbAsync(db => db.ReferenceDataLoads.SingleAsync());

        Assert.Contains("\"municipalityCount\":3", oostLike);
        Assert.Equal(address + "/", load.Source);
    }

    [Fact]
    public async Task The_command_line_load_refuses_bad_files_with_exit_code_1_and_reloads_good_files_as_no_change()
    {
        await using var factory = NewFactory().With("ReferenceData:Path", new RegionFixture().WriteToTempFolder()).With("Demo:Enabled", "false");
        factory.CreateClient();
        var before = await SnapshotAsync(factory);
        var bad = new RegionFixture().Set("regions/provincies.csv", "").WriteToTempFolder();
        var good = new RegionFixture().WriteToTempFolder();
        // Writers of its own: the console is shared with the tests running beside this one.
        var (output, errors) = (new StringWriter(), new StringWriter());
        Assert.Equal(1, await ReferenceDataCommand.RunAsync(factory.Services, ["reference-data", "load", "--path", bad], output, errors));
        Assert.Equal(0, await ReferenceDataCommand.RunAsync(factory.Services, ["reference-data", "load", "--path", good], output, errors));
        Assert.Equal(2, await ReferenceDataCommand.RunAsync(factory.Services, ["reference-data", "laad"], output, errors));
        Assert.Contains("regions/provincies.csv: Bestand is leeg.", errors.ToString());
        Assert.Contains("De database is niet gewijzigd.", errors.ToString());
        Assert.Contains("Niets veranderd", output.ToString());
        Assert.Equal(before, await SnapshotAsync(factory));
    }

    /// <summary>A plain static-file server on loopback, standing in for an open-data endpoint.</summary>
    private static async Task<WebApplication> ServeFolderAsync(string folder)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(folder), RequestPath = "/open-data/nl" });
        await app.StartAsync();
        return app;
    }
}

public sealed class ReferenceDataLifecycleTestsSqlite : ReferenceDataLifecycleTests
{
    protected override PactwerkFactory NewFactory() => new SqliteFactory();
}

public sealed class ReferenceDataLifecycleTestsPostgres : ReferenceDataLifecycleTests
{
    protected override PactwerkFactory NewFactory() => new PostgresFactory();
}
