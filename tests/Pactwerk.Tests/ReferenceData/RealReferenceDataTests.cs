using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.ReferenceData;
using static Pactwerk.Tests.ReferenceData.ReferenceDataTestHelpers;

namespace Pactwerk.Tests.ReferenceData;

/// <summary>The real files in the repository's data/nl, loaded at start by the default configuration.</summary>
public abstract class RealReferenceDataTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    [Fact]
    public async Task Start_up_loads_every_municipality_and_membership_of_the_files()
    {
        factory.CreateClient();
        var municipalities = SharedData.Municipalities();
        var landsdeel = SharedData.LandsdeelOfProvince();

        var actual = await factory.InDbAsync(db => db.RegionMemberships.Where(m => m.ValidTo == null)
            .Select(m => m.Region.Code + ">" + m.Municipality.Code).ToListAsync());

        // Each municipality belongs to the country and to exactly one province, COROP area, labour-market region and landsdeel.
        var expected = municipalities.SelectMany(m => new[]
        {
            "NL>" + m.Code, m.Province + ">" + m.Code, m.Corop + ">" + m.Code, m.LabourMarketRegion + ">" + m.Code,
            "TP-" + landsdeel[m.Province].ToUpperInvariant() + ">" + m.Code,
        });
        Assert.Equal(342, municipalities.Select(m => m.Code).Distinct().Count());
        Assert.Equal(expected.Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Loading_the_same_files_again_changes_nothing()
    {
        factory.CreateClient();
        var before = await SnapshotAsync(factory);

        var result = await LoadAsync(factory, new DirectoryReferenceDataSource(SharedData.Root));

        Assert.False(result.Changed);
        Assert.Equal(before, await SnapshotAsync(factory));
    }

    [Fact]
    public async Task The_load_is_recorded_with_its_source_and_a_UTC_time()
    {
        factory.CreateClient();
        var load = await factory.InDbAsync(db => db.ReferenceDataLoads.SingleAsync());

        Assert.Equal(SharedData.Root, load.Source);
        Assert.Equal(DateTimeKind.Utc, load.LoadedAt.Kind);
        Assert.InRange(load.LoadedAt, DateTime.UtcNow.AddMinutes(-10), DateTime.UtcNow.AddMinutes(1));
        Assert.Equal(1 + 342 + 12 + 40 + 35 + 5, load.RegionsAdded);
        Assert.Equal(342 * 5, load.MembershipsOpened);
    }
}

// Their own first start: the load tested is the one this app made, at this time.
public sealed class RealReferenceDataTestsSqlite(FreshSqliteFactory factory) : RealReferenceDataTests<FreshSqliteFactory>(factory);
public sealed class RealReferenceDataTestsPostgres(FreshPostgresFactory factory) : RealReferenceDataTests<FreshPostgresFactory>(factory);
