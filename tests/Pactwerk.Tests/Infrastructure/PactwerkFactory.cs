using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
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

    // A factory on the default settings starts on a copy of a database that one such factory per provider
    // prepared once (migrated, reference data and demo content in): the suite runs about two hundred and fifty
    // factories, and each one built its database from scratch. Any With(…) or FreshDatabase() opts out, since
    // then the database's content may depend on the settings.
    private bool _fromTemplate = true;
    private bool _prepared;

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
        _fromTemplate = false;
        return this;
    }

    /// <summary>Starts on a database made by this app's own first start, for tests of that start.</summary>
    public PactwerkFactory FreshDatabase()
    {
        _fromTemplate = false;
        return this;
    }

    /// <summary>Makes this factory's database a copy of the template (an empty database becomes the template's equal).</summary>
    protected virtual Task CopyTemplateAsync() => Task.CompletedTask;

    // The first step of starting the app, on the test's own thread: ConfigureWebHost would be too late, since it
    // runs inside the app's start, and the template's own start nested in there mixed up the two apps' settings.
    protected override IHostBuilder? CreateHostBuilder()
    {
        // Once per factory: WithWebHostBuilder starts again on the same database, which is in use by then.
        if (_fromTemplate && !_prepared)
            Task.Run(CopyTemplateAsync).GetAwaiter().GetResult();
        _prepared = true;
        return base.CreateHostBuilder();
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
    private static readonly Lazy<Task<string>> Template = new(() => DatabaseTemplate.BuildAsync(new SqliteFactory(template: true), f => f._file));
    private readonly string _file = Path.Combine(Path.GetTempPath(), "pactwerk-tests", $"{Guid.NewGuid():N}.db");
    private readonly bool _template;

    public SqliteFactory() { }

    private SqliteFactory(bool template)
    {
        _template = template;
        FreshDatabase();
    }

    public override string Provider => DatabaseSetup.Sqlite;
    protected override string ConnectionString => $"Data Source={_file};Pooling=false";

    protected override async Task CopyTemplateAsync() => File.Copy(await Template.Value, _file);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_template)
        {
            // Every connection is closed (no pooling), so the write-ahead log is folded into the file; the copies take the file alone.
            await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_file};Pooling=false");
            await connection.OpenAsync();
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            await checkpoint.ExecuteNonQueryAsync();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Delete();
        }
        else
        {
            Delete();
        }
        GC.SuppressFinalize(this);
    }

    private void Delete()
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(_file + suffix);
    }
}

/// <summary>
/// PostgreSQL from PACTWERK_TEST_POSTGRES (test.sh starts a server and sets it). Without it these
/// tests fail rather than skip: a PostgreSQL run that silently did not happen is a defect.
/// </summary>
public class PostgresFactory : PactwerkFactory
{
    public const string EnvironmentVariable = "PACTWERK_TEST_POSTGRES";
    private static readonly Lazy<Task<string>> Template = new(() => DatabaseTemplate.BuildAsync(new PostgresFactory(template: true), f => f._database));
    private readonly string _database = $"pactwerk_test_{Guid.NewGuid():N}";
    private readonly bool _template;

    public PostgresFactory() { }

    private PostgresFactory(bool template)
    {
        _template = template;
        FreshDatabase();
    }

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

    // PostgreSQL copies a template database file by file, far faster than migrating and seeding; the template
    // lives until test.sh stops the server, and takes no connections so that a copy never finds it in use.
    protected override async Task CopyTemplateAsync()
    {
        var template = await Template.Value;
        await ExecuteOnServerAsync($"CREATE DATABASE \"{_database}\" TEMPLATE \"{template}\"");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await ExecuteOnServerAsync(_template
            ? $"ALTER DATABASE \"{_database}\" WITH ALLOW_CONNECTIONS false"
            : $"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)");
        GC.SuppressFinalize(this);
    }

    private static async Task ExecuteOnServerAsync(string sql)
    {
        var server = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable(EnvironmentVariable)) { Database = "postgres" };
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>Builds a provider's template database once per test run: the app's own first start on the default settings, then stopped.</summary>
internal static class DatabaseTemplate
{
    public static async Task<string> BuildAsync<TFactory>(TFactory factory, Func<TFactory, string> name) where TFactory : PactwerkFactory
    {
        factory.StartServer();
        await factory.DisposeAsync();
        return name(factory);
    }
}

/// <summary>A database made by the app's own first start, for tests of what that start records.</summary>
public sealed class FreshSqliteFactory : SqliteFactory
{
    public FreshSqliteFactory() => FreshDatabase();
}

public sealed class FreshPostgresFactory : PostgresFactory
{
    public FreshPostgresFactory() => FreshDatabase();
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
