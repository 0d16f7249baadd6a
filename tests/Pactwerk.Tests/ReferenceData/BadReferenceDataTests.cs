using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.ReferenceData;
using static Pactwerk.Tests.ReferenceData.ReferenceDataTestHelpers;

namespace Pactwerk.Tests.ReferenceData;

/// <summary>
/// Every kind of bad region file is refused with the file, the line and the problem, and leaves
/// the database exactly as it was.
/// </summary>
public abstract class BadReferenceDataTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private const string Gemeenten = "regions/gemeenten.csv";
    private const string Provincies = "regions/provincies.csv";

    public static TheoryData<string, string, int, string> BadFiles => new()
    {
        { "missing", "regions/corop.csv", 0, "Bestand niet gevonden" },
        { "empty", Provincies, 0, "Bestand is leeg" },
        { "header only", "regions/arbeidsmarktregios.csv", 0, "alleen een kopregel" },
        { "wrong header", Gemeenten, 1, "Onverwachte kopregel" },
        { "truncated rows", Provincies, 3, "Provincie PV91 telt volgens dit bestand 2 gemeenten, maar regions/gemeenten.csv bevat er 1" },
        { "truncated mid-row", Gemeenten, 6, "Verwacht 8 velden, gevonden 3" },
        { "unknown province", Gemeenten, 3, "onbekende provincie 'PV99'" },
        { "duplicate municipality", Gemeenten, 4, "Gemeentecode GM9001 komt twee keer voor" },
        { "duplicate province", Provincies, 3, "Code PV90 komt twee keer voor" },
        { "bad code", Gemeenten, 2, "'G9001' is geen gemeentecode" },
        { "corop in other province", Gemeenten, 4, "maar haar COROP-gebied CR90 in PV90" },
        { "count not a number", "regions/corop.csv", 2, "'twee' is geen geheel getal" },
        { "landsdeel unknown province", "regions/techniekpact-landsdelen.csv", 3, "onbekende provincie 'PV77'" },
        { "province in two landsdelen", "regions/techniekpact-landsdelen.csv", 4, "Provincie PV90 staat al in landsdeel Noord" },
    };

    private static RegionFixture Spoil(string kind) => kind switch
    {
        "missing" => new RegionFixture().Set("regions/corop.csv", null),
        "empty" => new RegionFixture().Set(Provincies, ""),
        "header only" => new RegionFixture().Set("regions/arbeidsmarktregios.csv", "arbeidsmarktregio_code,arbeidsmarktregio_naam,aantal_gemeenten"),
        "wrong header" => new RegionFixture().Replace(Gemeenten, "gemeente_code,gemeente_naam", "code,naam"),
        "truncated rows" => new RegionFixture().Replace(Gemeenten, "\nGM9005,Eext,PV91,Zuiderland,CR92,Zuiderland,AM91,Zuid", ""),
        "truncated mid-row" => new RegionFixture().Replace(Gemeenten, "GM9005,Eext,PV91,Zuiderland,CR92,Zuiderland,AM91,Zuid", "GM9005,Eext,PV9"),
        "unknown province" => new RegionFixture().Replace(Gemeenten, "GM9002,\"Beek, Boven en Beneden\",PV90", "GM9002,\"Beek, Boven en Beneden\",PV99"),
        "duplicate municipality" => new RegionFixture().Replace(Gemeenten, "GM9003,Cadier", "GM9001,Cadier"),
        "duplicate province" => new RegionFixture().Replace(Provincies, "PV91,Zuiderland,2", "PV90,Zuiderland,2"),
        "bad code" => new RegionFixture().Replace(Gemeenten, "GM9001,Aadorp", "G9001,Aadorp"),
        "corop in other province" => new RegionFixture().Replace(Gemeenten, "GM9003,Cadier,PV90,Noorderland,CR91,Noorderland-West", "GM9003,Cadier,PV91,Zuiderland,CR90,Noorderland-Oost"),
        "count not a number" => new RegionFixture().Replace("regions/corop.csv", "CR90,Noorderland-Oost,PV90,2", "CR90,Noorderland-Oost,PV90,twee"),
        "landsdeel unknown province" => new RegionFixture().Replace("regions/techniekpact-landsdelen.csv", "Zuid,PV91,Zuiderland", "Zuid,PV77,Zuiderland"),
        "province in two landsdelen" => new RegionFixture().Replace("regions/techniekpact-landsdelen.csv", "Zuid,PV91,Zuiderland", "Zuid,PV91,Zuiderland\nZuid,PV90,Noorderland"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_bad_file_is_refused_with_file_line_and_problem_and_changes_nothing(string kind, string file, int line, string problem)
    {
        factory.CreateClient();
        var before = await SnapshotAsync(factory);
        var folder = Spoil(kind).WriteToTempFolder();

        var error = await Assert.ThrowsAsync<ReferenceDataException>(() => LoadAsync(factory, new DirectoryReferenceDataSource(folder)));

        Assert.Contains(error.Errors, e => e.File == file && e.Line == line && e.Problem.Contains(problem));
        Assert.Equal(before, await SnapshotAsync(factory));
    }

    [Fact]
    public async Task The_fixture_itself_is_loaded_at_start_with_the_right_memberships()
    {
        factory.CreateClient();
        var memberships = await factory.InDbAsync(db => db.RegionMemberships.Where(m => m.ValidTo == null)
            .Select(m => m.Region.Code + ">" + m.Municipality.Code).ToListAsync());

        Assert.Equal(
            ["AM90>GM9001", "AM90>GM9002", "AM90>GM9004", "AM91>GM9003", "AM91>GM9005",
             "CR90>GM9001", "CR90>GM9002", "CR91>GM9003", "CR92>GM9004", "CR92>GM9005",
             "NL>GM9001", "NL>GM9002", "NL>GM9003", "NL>GM9004", "NL>GM9005",
             "PV90>GM9001", "PV90>GM9002", "PV90>GM9003", "PV91>GM9004", "PV91>GM9005",
             "TP-NOORD>GM9001", "TP-NOORD>GM9002", "TP-NOORD>GM9003", "TP-ZUID>GM9004", "TP-ZUID>GM9005"],
            memberships.Order(StringComparer.Ordinal));
    }
}

public sealed class BadReferenceDataTestsSqlite(FixtureSqliteFactory factory) : BadReferenceDataTests<FixtureSqliteFactory>(factory);
public sealed class BadReferenceDataTestsPostgres(FixturePostgresFactory factory) : BadReferenceDataTests<FixturePostgresFactory>(factory);
