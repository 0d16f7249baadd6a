using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Data;

namespace Pactwerk.Tests.Platform;

/// <summary>
/// The migrations were squashed into one Initial per provider: a database made by an earlier build
/// names migrations this build lacks. Outside Production it is made anew; in Production the start
/// stops with a message and the database is left as it was.
/// </summary>
public sealed class SquashedMigrationsTests
{
    private const string OldMigration = "20261127120423_Initial";

    private sealed class OldDatabaseFactory(string file, string environment) : PactwerkFactory
    {
        public override string Provider => DatabaseSetup.Sqlite;
        protected override string ConnectionString => $"Data Source={file};Pooling=false";

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment(environment);
            // Production asks for the public address e-mailed links use.
            builder.UseSetting("Hosting:PublicBaseUrl", "https://pactwerk.example");
        }
    }

    private static string OldDatabase()
    {
        var file = Path.Combine(Path.GetTempPath(), "pactwerk-tests", $"old-{Guid.NewGuid():N}.db");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        using var connection = new SqliteConnection($"Data Source={file};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            CREATE TABLE "__EFMigrationsHistory" ("MigrationId" TEXT NOT NULL PRIMARY KEY, "ProductVersion" TEXT NOT NULL);
            INSERT INTO "__EFMigrationsHistory" VALUES ('{OldMigration}', '10.0.0');
            CREATE TABLE "Regions" ("Id" INTEGER NOT NULL PRIMARY KEY, "Code" TEXT NOT NULL);
            """;
        command.ExecuteNonQuery();
        return file;
    }

    private static List<string> History(string file)
    {
        using var connection = new SqliteConnection($"Data Source={file};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\" ORDER BY 1";
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
            ids.Add(reader.GetString(0));
        return ids;
    }

    [Fact]
    public async Task A_database_of_an_earlier_build_is_made_anew_outside_production()
    {
        var file = OldDatabase();
        try
        {
            List<string> known;
            await using (var factory = new OldDatabaseFactory(file, "Testing"))
            {
                var sets = await factory.CreateClient().GetFromJsonAsync<List<System.Text.Json.JsonElement>>("/api/v1/region-sets");
                Assert.NotNull(sets);
                Assert.NotEmpty(sets);
                using var scope = factory.Services.CreateScope();
                known = scope.ServiceProvider.GetRequiredService<PactwerkDb>().Database.GetMigrations().ToList();
            }
            // Made anew: the squashed Initial first, then every later migration of this build, and
            // nothing of the earlier build.
            var history = History(file);
            Assert.DoesNotContain(OldMigration, history);
            Assert.EndsWith("_Initial", history[0]);
            Assert.Equal(known.Order(StringComparer.Ordinal), history);
        }
        finally
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" })
                File.Delete(file + suffix);
        }
    }

    [Fact]
    public async Task In_production_a_database_of_an_earlier_build_stops_the_start_and_is_left_alone()
    {
        var file = OldDatabase();
        try
        {
            await using (var factory = new OldDatabaseFactory(file, "Production"))
            {
                var failure = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
                Assert.Contains("squashed", failure.ToString());
            }
            Assert.Equal([OldMigration], History(file));
        }
        finally
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" })
                File.Delete(file + suffix);
        }
    }
}
