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

        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO Observations (DataElementId, ReleaseId, RegionId, PeriodStart, DimensionKey, Value, IsCurrent) VALUES ($e, $r, $g, $p, $d, $v, 1)";
        Parameter(insert, "$e", elementId);
        Parameter(insert, "$r", releaseId);
        var region = Parameter(insert, "$g", 0);
        var period = Parameter(insert, "$p", 0);
        var key = Parameter(insert, "$d", "");
        var value = Parameter(insert, "$v", DBNull.Value);
        await insert.PrepareAsync(ct);
        foreach (var cell in cells)
        {
            region.Value = cell.RegionId;
            period.Value = cell.PeriodStart;
            key.Value = cell.DimensionKey;
            value.Value = cell.Value is { } v ? v : DBNull.Value;
            await insert.ExecuteNonQueryAsync(ct);
        }
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
