using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Demo;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.LearningAccounts;

/// <summary>
/// The demo's learning accounts: three funders pay into the account of a holder who left her employer, whose
/// money that did not follow her expired; the figures are the story's own sums, not the ledger's answer read back.
/// </summary>
public abstract class LearningAccountsDemoTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    [Fact]
    public async Task The_demo_holder_sees_three_funders_and_the_money_that_did_not_follow_her_expired()
    {
        var holder = await SignInAsync(factory, DemoLearningAccounts.HolderEmail);
        var mine = await holder.GetFromJsonAsync<JsonElement>("/api/v1/learning-accounts/me");
        // FN Kempen 1.500 (career budget, follows) + 1.000 (welding, stopped when she left) + TechniekTalent.nu 2.000 + Gelderland 1.000.
        Assert.Equal(5_500m, mine.GetProperty("deposited").GetDecimal());
        Assert.Equal(1_000m, mine.GetProperty("expired").GetDecimal());
        Assert.Equal(4_500m, mine.GetProperty("available").GetDecimal());
        Assert.Equal(["fn-kempen", "techniektalent", "gelderland"], mine.GetProperty("funders").EnumerateArray().Select(f => f.GetProperty("code").GetString()!));
        var stopped = mine.GetProperty("deposits").EnumerateArray().Single(d => !d.GetProperty("followsPerson").GetBoolean());
        Assert.Equal("fn-kempen", stopped.GetProperty("funder").GetString());
        Assert.True(DateOnly.Parse(stopped.GetProperty("validUntil").GetString()!) < Pactwerk.Web.Features.LearningAccounts.LearningDay.Today(TimeProvider.System));
        Assert.Equal(1_000m, stopped.GetProperty("expired").GetDecimal());

        // The sector fund's officer sees only what the fund paid into her account.
        var account = mine.GetProperty("id").GetInt64();
        var fund = await SignInAsync(factory, DemoLearningAccounts.SectorFundOfficerEmail);
        var seen = await fund.GetFromJsonAsync<JsonElement>($"/api/v1/learning-accounts/{account}/statement");
        Assert.Equal(2_000m, seen.GetProperty("deposited").GetDecimal());
        Assert.Equal(["techniektalent"], seen.GetProperty("funders").EnumerateArray().Select(f => f.GetProperty("code").GetString()!));

        // Across the demo, every funder's deposits equal what their lines hold, summed here straight from the ledger's lines.
        var byFunder = await factory.InDbAsync(db => db.LedgerLines
            .Join(db.LearningDeposits, l => l.DepositId, d => d.Id, (l, d) => new { d.FunderId, l.Amount })
            .GroupBy(x => x.FunderId).Select(g => new { g.Key, Sum = g.Sum(x => x.Amount) }).ToListAsync());
        Assert.All(byFunder, f => Assert.Equal(0, f.Sum));
        var deposited = await factory.InDbAsync(db => db.LearningDeposits.SumAsync(d => d.Amount));
        Assert.Equal((1_500 + 1_000 + 2_000 + 1_000 + 1_000 + 1_500 + 1_000 + 750 + 1_250) * 100L, deposited);
        Assert.Equal(HttpStatusCode.NotFound, (await (await SignInAsync(factory, "lid@pactwerk.demo")).GetAsync("/api/v1/learning-accounts/me")).StatusCode);
    }

    [Fact]
    public async Task The_demo_holders_live_somewhere_so_the_monitor_counts_the_province_s_holders()
    {
        var facts = await factory.InDbAsync(db => db.LearningAccounts.OrderBy(a => a.HolderEmail)
            .Select(a => new { a.HolderEmail, a.MunicipalityCode, a.BirthYear }).ToListAsync());
        Assert.All(facts, f => Assert.Matches("^GM[0-9]{4}$", f.MunicipalityCode));
        Assert.All(facts, f => Assert.InRange(f.BirthYear!.Value, 1900, DateTime.UtcNow.Year - 14));

        // The story's own count: the province paid into the accounts of the holder (Arnhem), J. Bakker (Apeldoorn) and
        // A. Yilmaz (Nijmegen) this year, so Gelderland has three holders of its money; the coordinator may see a cell of three.
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var year = DateTime.UtcNow.Year;
        var response = await coordinator.GetAsync($"/api/v1/monitor/values?indicator=leerrekening-gelderland-houders&region=PV25&period={year}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Single();
        Assert.Equal(3d, row.GetProperty("value").GetDouble());
    }
}

public sealed class LearningAccountsDemoSqlite(SqliteFactory factory) : LearningAccountsDemoTests<SqliteFactory>(factory);
public sealed class LearningAccountsDemoPostgres(PostgresFactory factory) : LearningAccountsDemoTests<PostgresFactory>(factory);
