using Npgsql;

/// <summary>The PostgreSQL runs of the benches: a database of their own on the server PACTWERK_BENCH_POSTGRES names, dropped afterwards.</summary>
internal static class BenchPostgres
{
    /// <summary>A server where a bench may create (and afterwards drops) its own database.</summary>
    public const string Variable = "PACTWERK_BENCH_POSTGRES";

    /// <summary>Runs <paramref name="run"/> with the connection string of a fresh database; 2 when no server is named.</summary>
    public static async Task<int> InFreshDatabaseAsync(string prefix, Func<string, Task<int>> run)
    {
        var server = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(server))
        {
            Console.Error.WriteLine($"{Variable} is not set: give a connection string to a PostgreSQL server where the bench may create a database (see the README's bench section).");
            return 2;
        }
        var database = $"{prefix}_{Guid.NewGuid():N}";
        try
        {
            return await run(new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
