using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Pactwerk.Web.Data;

namespace Pactwerk.Tests.Infrastructure;

/// <summary>
/// The real app on a database of its own. Subclasses choose the provider; every test class that
/// touches data runs once per provider (see the *Sqlite / *Postgres subclasses of each test).
/// </summary>
public abstract class PactwerkFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    protected PactwerkFactory()
    {
        MailFolder = Path.Combine(Path.GetTempPath(), "pactwerk-tests", "mail-" + Guid.NewGuid().ToString("N"));
        _settings = new()
        {
            ["Demo:Enabled"] = "true",
            ["Email:PickupDirectory"] = MailFolder,
            // Tests sign in often from one address; the limit itself has its own test.
            ["RateLimits:AuthPerMinute"] = "1000",
            // Monitor tests import far-future years to stay clear of the demo's real figures; the window itself has its own test.
            ["Monitor:LastPlausibleYear"] = "2098",
            // The voucher figures are refreshed by the tests themselves (the officer's refresh), never by a timer in between.
            ["Vouchers:MonitorFeed:IntervalMinutes"] = "0",
            // The same for the funders' learning-account figures.
            ["LearningAccounts:MonitorFeed:IntervalMinutes"] = "0",
            // Tests sign in as coordinators they invent, hundreds of times; the requirement itself has its own tests
            // (CoordinatorTwoFactorTests), and voucher officers meet theirs in every test as before.
            ["TwoFactor:RequiredForCoordinators"] = "false",
        };
    }

    /// <summary>The local mail sink: every message the app sends lands here as an .eml file.</summary>
    public string MailFolder { get; }

    public abstract string Provider { get; }
    protected abstract string ConnectionString { get; }

    /// <summary>Overrides a configuration key before the app starts (e.g. ReferenceData:Path).</summary>
    public PactwerkFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Provider);
        builder.UseSetting("Database:ConnectionString", ConnectionString);
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
    }

    /// <summary>Runs work against the app's own database in a fresh scope.</summary>
    public async Task<T> InDbAsync<T>(Func<PactwerkDb, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<PactwerkDb>());
    }

    public async Task InScopeAsync(Func<IServiceProvider, Task> work)
    {
        await using var scope = Services.CreateAsyncScope();
        await work(scope.ServiceProvider);
    }
}

public class SqliteFactory : PactwerkFactory
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), "pactwerk-tests", $"{Guid.NewGuid():N}.db");

    public override string Provider => DatabaseSetup.Sqlite;
    protected override string ConnectionString => $"Data Source={_file};Pooling=false";

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(_file + suffix);
        GC.SuppressFinalize(this);
    }
}

/// <summary>
/// PostgreSQL from PACTWERK_TEST_POSTGRES (test.sh starts a server and sets it). Without it these
/// tests fail rather than skip: a PostgreSQL run that silently did not happen is a defect.
/// </summary>
public class PostgresFactory : PactwerkFactory
{
    public const string EnvironmentVariable = "PACTWERK_TEST_POSTGRES";
    private readonly string _database = $"pactwerk_test_{Guid.NewGuid():N}";

    public override string Provider => DatabaseSetup.Postgres;

    protected override string ConnectionString
    {
        get
        {
            var server = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (string.IsNullOrWhiteSpace(server))
                throw new InvalidOperationException($"{EnvironmentVariable} is not set: run the tests with ./test.sh, which starts PostgreSQL.");
            return new NpgsqlConnectionStringBuilder(server) { Database = _database }.ConnectionString;
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        var server = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable(EnvironmentVariable)) { Database = "postgres" };
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>Starts on the small synthetic region files of <see cref="RegionFixture"/>, without demo content.</summary>
public sealed class FixtureSqliteFactory : SqliteFactory
{
    public FixtureSqliteFactory() => With("ReferenceData:Path", new RegionFixture().WriteToTempFolder()).With("Demo:Enabled", "false");
}

public sealed class FixturePostgresFactory : PostgresFactory
{
    public FixturePostgresFactory() => With("ReferenceData:Path", new RegionFixture().WriteToTempFolder()).With("Demo:Enabled", "false");
}

/// <summary>
/// The app on a database the test names (a restored backup, or another instance's), without demo content of its own:
/// what it shows came from that database. The given drop removes the database when the app is disposed.
/// </summary>
public sealed class TargetFactory : PactwerkFactory
{
    private readonly string _connection;
    private readonly Func<Task> _drop;

    public TargetFactory(string provider, string connection, Func<Task> drop)
    {
        Provider = provider;
        _connection = connection;
        _drop = drop;
        With("Demo:Enabled", "false");
    }

    /// <summary>A second instance on the database of a running one; the first owns (and drops) the database.</summary>
    public static async Task<TargetFactory> SecondInstanceOfAsync(PactwerkFactory first) =>
        new(first.Provider, await first.InDbAsync(db => Task.FromResult(db.Database.GetConnectionString()!)), () => Task.CompletedTask);

    public override string Provider { get; }
    protected override string ConnectionString => _connection;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _drop();
        GC.SuppressFinalize(this);
    }
}
