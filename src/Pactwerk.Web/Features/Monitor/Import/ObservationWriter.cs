using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Monitor.Import;

/// <summary>
/// Writes many observations inside the import's transaction, past the change tracker: binary COPY
/// on PostgreSQL, one prepared, parameterised INSERT on SQLite.
/// </summary>
public static class ObservationWriter
{
    public static async Task WriteAsync(PactwerkDb db, int elementId, int releaseId, IEnumerable<ParsedCell> cells, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Observations are written inside the import's transaction.");
        if (connection is NpgsqlConnection npgsql)
        {
            await using var copy = await npgsql.BeginBinaryImportAsync(
                "COPY \"Observations\" (\"DataElementId\", \"ReleaseId\", \"RegionId\", \"PeriodStart\", \"DimensionKey\", \"Value\", \"IsCurrent\") FROM STDIN (FORMAT BINARY)", ct);
            foreach (var cell in cells)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(elementId, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(releaseId, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(cell.RegionId, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(cell.PeriodStart, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(cell.DimensionKey, NpgsqlDbType.Text, ct);
                if (cell.Value is { } v) await copy.WriteAsync(v, NpgsqlDbType.Double, ct);
                else await copy.WriteNullAsync(ct);
                await copy.WriteAsync(true, NpgsqlDbType.Boolean, ct);
            }
            await copy.CompleteAsync(ct);
            return;
        }

        // Many rows per statement: SQLite's per-statement cost, not its writing, is what limits an import.
        await using var batch = Insert(connection, transaction, BatchRows, elementId, releaseId);
        await using var single = Insert(connection, transaction, 1, elementId, releaseId);
        var pending = new List<ParsedCell>(BatchRows);
        foreach (var cell in cells)
        {
            pending.Add(cell);
            if (pending.Count == BatchRows)
            {
                await ExecuteAsync(batch, pending, ct);
                pending.Clear();
            }
        }
        foreach (var cell in pending)
            await ExecuteAsync(single, [cell], ct);
    }

    private const int BatchRows = 200;

    private static DbCommand Insert(DbConnection connection, DbTransaction transaction, int rows, int elementId, int releaseId)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        Parameter(command, "$e", elementId);
        Parameter(command, "$r", releaseId);
        var values = new List<string>(rows);
        for (var i = 0; i < rows; i++)
        {
            values.Add($"($e, $r, $g{i}, $p{i}, $d{i}, $v{i}, 1)");
            Parameter(command, $"$g{i}", 0);
            Parameter(command, $"$p{i}", 0);
            Parameter(command, $"$d{i}", "");
            Parameter(command, $"$v{i}", DBNull.Value);
        }
        command.CommandText = "INSERT INTO Observations (DataElementId, ReleaseId, RegionId, PeriodStart, DimensionKey, Value, IsCurrent) VALUES " + string.Join(", ", values);
        return command;
    }

    private static async Task ExecuteAsync(DbCommand command, List<ParsedCell> cells, CancellationToken ct)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            var p = 2 + i * 4;
            command.Parameters[p].Value = cells[i].RegionId;
            command.Parameters[p + 1].Value = cells[i].PeriodStart;
            command.Parameters[p + 2].Value = cells[i].DimensionKey;
            command.Parameters[p + 3].Value = cells[i].Value is { } v ? v : DBNull.Value;
        }
        await command.ExecuteNonQueryAsync(ct);
    }

    private static DbParameter Parameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
