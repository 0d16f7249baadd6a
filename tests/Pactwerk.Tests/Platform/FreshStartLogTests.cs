using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Pactwerk.Tests.Infrastructure;

namespace Pactwerk.Tests.Platform;

public sealed class LoggedSqliteFactory : SqliteFactory, IHasLog
{
    public LoggedSqliteFactory() => FreshDatabase();
    public CapturedLog Log { get; } = new();
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(l => l.AddProvider(Log));
    }
}

public sealed class LoggedPostgresFactory : PostgresFactory, IHasLog
{
    public LoggedPostgresFactory() => FreshDatabase();
    public CapturedLog Log { get; } = new();
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(l => l.AddProvider(Log));
    }
}

/// <summary>
/// A first start on a database that does not exist yet (a new SQLite file, a new PostgreSQL database, as
/// `./cluster.sh` and every new installation make) logs no error: an operator chases every error line,
/// so a normal start must not write one.
/// </summary>
public abstract class FreshStartLogTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory, IHasLog
{
    [Fact]
    public async Task A_first_start_on_a_new_database_logs_no_error()
    {
        var response = await factory.CreateClient().GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var errors = factory.Log.Where(e => e.Level >= LogLevel.Error);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Category}: {e.Message}")));
        // The capture did see the start, so an empty list means no error rather than no logging.
        Assert.Contains(factory.Log.ToList(), e => e.Message.StartsWith("Reference data loaded", StringComparison.Ordinal));
    }
}

public sealed class FreshStartLogSqliteTests(LoggedSqliteFactory factory) : FreshStartLogTests<LoggedSqliteFactory>(factory);
public sealed class FreshStartLogPostgresTests(LoggedPostgresFactory factory) : FreshStartLogTests<LoggedPostgresFactory>(factory);
