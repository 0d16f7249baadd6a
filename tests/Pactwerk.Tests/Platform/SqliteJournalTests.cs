using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;

namespace Pactwerk.Tests.Platform;

/// <summary>SQLite runs in write-ahead-log mode, so a long import never blocks the pages that read.</summary>
public sealed class SqliteJournalTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    [Fact]
    public async Task The_SQLite_database_uses_the_write_ahead_log()
    {
        factory.CreateClient();

        var mode = await factory.InDbAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode";
            return (string?)await command.ExecuteScalarAsync();
        });

        Assert.Equal("wal", mode);
    }
}
