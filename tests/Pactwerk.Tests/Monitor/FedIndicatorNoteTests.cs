using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Monitor;

namespace Pactwerk.Tests.Monitor;

/// <summary>
/// Every indicator a feed of records about people makes tells its reader, in Dutch and English and once, that small
/// numbers are not shown: the demo's feeds (vouchers, rooms, workshop days, learning accounts, learning places,
/// programmes) each made theirs at the start, and the sentence is added by <see cref="MonitorFeeds"/> for all of them.
/// </summary>
public abstract class FedIndicatorNoteTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    [Fact]
    public async Task Every_fed_indicator_says_once_that_small_numbers_are_not_shown()
    {
        var fed = await factory.InDbAsync(async db =>
        {
            var sources = await db.DataSources.Where(s => s.Disclosure == Disclosure.Confidential).Select(s => s.Name).ToListAsync();
            return await db.Set<IndicatorVersion>().Where(v => v.Source != null && sources.Contains(v.Source))
                .Select(v => new { v.Source, v.Description, v.DescriptionEn }).ToListAsync();
        });
        // Six areas feed the demo's monitor; a feed that made no indicator would leave this test nothing to check.
        Assert.True(fed.Select(v => v.Source).Distinct().Count() >= 6, string.Join(", ", fed.Select(v => v.Source).Distinct()));
        Assert.All(fed, v =>
        {
            Assert.EndsWith(" Vertrouwelijk: kleine aantallen worden niet getoond.", v.Description);
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(v.Description, "Vertrouwelijk"));
            Assert.EndsWith(" Confidential: small numbers are not shown.", v.DescriptionEn);
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(v.DescriptionEn!, "Confidential"));
        });
    }
}

public sealed class FedIndicatorNoteSqlite(SqliteFactory factory) : FedIndicatorNoteTests<SqliteFactory>(factory);
public sealed class FedIndicatorNotePostgres(PostgresFactory factory) : FedIndicatorNoteTests<PostgresFactory>(factory);
