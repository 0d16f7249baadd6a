using System.Buffers;
using System.Data.Common;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.LearningAccounts;

/// <summary>
/// Writes a deposit file's accounts, deposits, postings and lines inside its transaction, past the change
/// tracker: binary COPY on PostgreSQL, one INSERT per chunk and table from a JSON parameter on SQLite.
/// Opening it keeps other writers of these tables out until the transaction ends, so the ids it hands out
/// from <see cref="FirstAccountId"/> on are free; <see cref="FinishAsync"/> moves the tables' id sequences past them.
/// </summary>
public abstract class DepositFileWriter : IAsyncDisposable
{
    protected DepositFileWriter(PactwerkDb db) =>
        (Connection, Transaction) = (db.Database.GetDbConnection(),
            db.Database.CurrentTransaction?.GetDbTransaction() ?? throw new InvalidOperationException("A deposit file is written inside its transaction."));

    protected DbConnection Connection { get; }
    protected DbTransaction Transaction { get; }
    public long FirstAccountId { get; protected set; }
    public long FirstDepositId { get; protected set; }
    public long FirstPostingId { get; protected set; }

    public static async Task<DepositFileWriter> OpenAsync(PactwerkDb db, CancellationToken ct)
    {
        DepositFileWriter writer = db.Database.GetDbConnection() is NpgsqlConnection ? new Postgres(db) : new Sqlite(db);
        await writer.StartAsync(ct);
        return writer;
    }

    protected abstract Task StartAsync(CancellationToken ct);
    public abstract Task WriteAsync(IReadOnlyList<LearningAccount> accounts, IEnumerable<Deposit> deposits, IReadOnlyList<LedgerPosting> postings, CancellationToken ct);

    /// <summary>
    /// Fills in the facts of existing accounts that have none, one statement for the chunk: a funder never
    /// overwrites a municipality or birth year already there (the holder may have corrected it).
    /// </summary>
    public abstract Task FillFactsAsync(IReadOnlyList<(long Account, string? Municipality, int? BirthYear)> facts, CancellationToken ct);

    /// <summary>
    /// Moves the id sequences past the last ids used, and raises each account's posting count by the postings written. An
    /// account the file opened already holds the count of its opening chunk (<see cref="LearningAccount.Postings"/> as
    /// written) and is set to the true count only where a later chunk added to it: updating every opened account again
    /// rewrote each new row with both its index entries (3 of a 100,000-row file's 19 s on PostgreSQL).
    /// </summary>
    public virtual async Task FinishAsync(long lastAccount, long lastDeposit, long lastPosting, CancellationToken ct)
    {
        if (lastPosting >= FirstPostingId)
            // The file's postings counted per account once and joined in (UPDATE … FROM, on both databases): a count
            // per account row was a correlated subquery that took PostgreSQL over 30 s at 10⁶ accounts.
            await ExecuteAsync($"""
                UPDATE "LearningAccounts"
                SET "Postings" = CASE WHEN "LearningAccounts"."Id" >= {FirstAccountId} THEN c.n ELSE "LearningAccounts"."Postings" + c.n END
                FROM (SELECT "AccountId", COUNT(*) AS n FROM "LedgerPostings" WHERE "Id" >= {FirstPostingId} GROUP BY "AccountId") AS c
                WHERE "LearningAccounts"."Id" = c."AccountId" AND ("LearningAccounts"."Id" < {FirstAccountId} OR "LearningAccounts"."Postings" <> c.n)
                """, ct);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>
    /// A statement over a whole file may take longer than the connection's 30 s default on a loaded machine; the
    /// request's cancellation still ends it.
    /// </summary>
    private const int StatementSeconds = 600;

    protected async Task ExecuteAsync(string sql, CancellationToken ct)
    {
        await using var command = Connection.CreateCommand();
        command.Transaction = Transaction;
        command.CommandText = sql;
        command.CommandTimeout = StatementSeconds;
        await command.ExecuteNonQueryAsync(ct);
    }

    protected async Task<long> ScalarAsync(string sql, CancellationToken ct)
    {
        await using var command = Connection.CreateCommand();
        command.Transaction = Transaction;
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static readonly string[] Tables = ["LearningAccounts", "LearningDeposits", "LedgerPostings"];

    private sealed class Postgres(PactwerkDb db) : DepositFileWriter(db)
    {
        private NpgsqlConnection Npgsql => (NpgsqlConnection)Connection;

        protected override async Task StartAsync(CancellationToken ct)
        {
            // Readers go on; single deposits and bookings wait until the file is in (their inserts and the
            // account's row update conflict with this mode), so nobody else takes an id from these sequences.
            await ExecuteAsync("LOCK TABLE \"LearningAccounts\", \"LearningDeposits\", \"LedgerPostings\" IN SHARE ROW EXCLUSIVE MODE", ct);
            var first = new long[3];
            for (var i = 0; i < Tables.Length; i++)
                first[i] = await ScalarAsync($"SELECT nextval(pg_get_serial_sequence('\"{Tables[i]}\"', 'Id'))", ct);
            (FirstAccountId, FirstDepositId, FirstPostingId) = (first[0], first[1], first[2]);
        }

        public override async Task FinishAsync(long lastAccount, long lastDeposit, long lastPosting, CancellationToken ct)
        {
            foreach (var (table, last) in new[] { (Tables[0], lastAccount), (Tables[1], lastDeposit), (Tables[2], lastPosting) })
                await ExecuteAsync($"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'Id'), GREATEST({last}, (SELECT last_value FROM pg_sequences WHERE schemaname = current_schema() AND sequencename = '{table}_Id_seq') ), true)", ct);
            await base.FinishAsync(lastAccount, lastDeposit, lastPosting, ct);
            // A large file changes these tables faster than autovacuum notices: until it does, the planner reads an
            // account's ledger as if the tables were as small as before the file and hashes every ledger line (a balance
            // took 34 ms instead of under 1 ms after 100,000 rows). ANALYZE in the transaction samples the new rows and
            // commits with them. Only the two tables whose estimates decide those plans: a balance, a statement and a
            // reservation find an account's deposits by account and their lines by deposit. Accounts and postings are
            // read only by unique keys (id, holder's address, the partial unique keys), planned alike whatever their
            // statistics say (checked with EXPLAIN with neither analysed), and autovacuum analyses them after the commit.
            // A file that adds less than a tenth of the deposits there were (autovacuum's own threshold) leaves the
            // estimates about right, and would sample a large table for nothing.
            var deposits = lastDeposit - FirstDepositId + 1;
            if (deposits >= AnalyseFrom && deposits * 10 >= await ScalarAsync("SELECT GREATEST(reltuples, 0)::bigint FROM pg_class WHERE oid = '\"LearningDeposits\"'::regclass", ct))
                await ExecuteAsync("ANALYZE \"LearningDeposits\", \"LedgerLines\"", ct);
        }

        public override async Task FillFactsAsync(IReadOnlyList<(long Account, string? Municipality, int? BirthYear)> facts, CancellationToken ct)
        {
            await using var command = new NpgsqlCommand("""
                UPDATE "LearningAccounts" a SET "MunicipalityCode" = COALESCE(a."MunicipalityCode", v.code), "BirthYear" = COALESCE(a."BirthYear", v.year)
                FROM unnest(@ids, @codes, @years) AS v(id, code, year)
                WHERE a."Id" = v.id AND ((a."MunicipalityCode" IS NULL AND v.code IS NOT NULL) OR (a."BirthYear" IS NULL AND v.year IS NOT NULL))
                """, Npgsql, (NpgsqlTransaction)Transaction);
            command.Parameters.Add(new NpgsqlParameter<long[]>("ids", [.. facts.Select(f => f.Account)]));
            command.Parameters.Add(new NpgsqlParameter<string?[]>("codes", [.. facts.Select(f => f.Municipality)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Varchar });
            command.Parameters.Add(new NpgsqlParameter<int?[]>("years", [.. facts.Select(f => f.BirthYear)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
            await command.ExecuteNonQueryAsync(ct);
        }

        /// <summary>Deposits in one file from which the tables' statistics may be taken again at once (about 0.1–0.2 s of sampling).</summary>
        private const long AnalyseFrom = 10_000;

        public override async Task WriteAsync(IReadOnlyList<LearningAccount> accounts, IEnumerable<Deposit> deposits, IReadOnlyList<LedgerPosting> postings, CancellationToken ct)
        {
            if (accounts.Count > 0)
            {
                await using var copy = await Npgsql.BeginBinaryImportAsync("COPY \"LearningAccounts\" (\"Id\", \"HolderEmail\", \"OpenedAt\", \"Postings\", \"MunicipalityCode\", \"BirthYear\") FROM STDIN (FORMAT BINARY)", ct);
                foreach (var a in accounts)
                {
                    await copy.StartRowAsync(ct);
                    await copy.WriteAsync(a.Id, NpgsqlDbType.Bigint, ct);
                    await copy.WriteAsync(a.HolderEmail, NpgsqlDbType.Varchar, ct);
                    await copy.WriteAsync(a.OpenedAt, NpgsqlDbType.TimestampTz, ct);
                    await copy.WriteAsync(a.Postings, NpgsqlDbType.Bigint, ct);
                    if (a.MunicipalityCode is { } code) await copy.WriteAsync(code, NpgsqlDbType.Varchar, ct);
                    else await copy.WriteNullAsync(ct);
                    if (a.BirthYear is { } year) await copy.WriteAsync(year, NpgsqlDbType.Integer, ct);
                    else await copy.WriteNullAsync(ct);
                }
                await copy.CompleteAsync(ct);
            }
            await using (var copy = await Npgsql.BeginBinaryImportAsync("""
                COPY "LearningDeposits" ("Id", "AccountId", "FunderId", "Amount", "ValidFrom", "ValidUntil", "Sectors", "Levels", "Occupations", "FollowsPerson", "Reference", "DepositedAt") FROM STDIN (FORMAT BINARY)
                """, ct))
            {
                foreach (var d in deposits)
                {
                    await copy.StartRowAsync(ct);
                    await copy.WriteAsync(d.Id, NpgsqlDbType.Bigint, ct);
                    await copy.WriteAsync(d.AccountId, NpgsqlDbType.Bigint, ct);
                    await copy.WriteAsync(d.FunderId, NpgsqlDbType.Integer, ct);
                    await copy.WriteAsync(d.Amount, NpgsqlDbType.Bigint, ct);
                    await copy.WriteAsync(d.ValidFrom, NpgsqlDbType.Date, ct);
                    await copy.WriteAsync(d.ValidUntil, NpgsqlDbType.Date, ct);
                    await copy.WriteAsync(d.Sectors, NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
                    await copy.WriteAsync(d.Levels, NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
                    await copy.WriteAsync(d.Occupations, NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
                    await copy.WriteAsync(d.FollowsPerson, NpgsqlDbType.Boolean, ct);
                    await copy.WriteAsync(d.Reference, NpgsqlDbType.Varchar, ct);
                    await copy.WriteAsync(d.DepositedAt, NpgsqlDbType.TimestampTz, ct);
                }
                await copy.CompleteAsync(ct);
            }
            await using (var copy = await Npgsql.BeginBinaryImportAsync("COPY \"LedgerPostings\" (\"Id\", \"AccountId\", \"Kind\", \"At\", \"By\") FROM STDIN (FORMAT BINARY)", ct))
            {
                foreach (var p in postings)
                {
                    await copy.StartRowAsync(ct);
                    await copy.WriteAsync(p.Id, NpgsqlDbType.Bigint, ct);
                    await copy.WriteAsync(p.AccountId, NpgsqlDbType.Bigint, ct);
                    await copy.WriteAsync(p.Kind.ToString(), NpgsqlDbType.Varchar, ct);
                    await copy.WriteAsync(p.At, NpgsqlDbType.TimestampTz, ct);
                    if (p.By is { } by) await copy.WriteAsync(by, NpgsqlDbType.Varchar, ct);
                    else await copy.WriteNullAsync(ct);
                }
                await copy.CompleteAsync(ct);
            }
            await using (var copy = await Npgsql.BeginBinaryImportAsync("COPY \"LedgerLines\" (\"PostingId\", \"DepositId\", \"Bucket\", \"Amount\") FROM STDIN (FORMAT BINARY)", ct))
            {
                foreach (var p in postings)
                    foreach (var l in p.Lines)
                    {
                        await copy.StartRowAsync(ct);
                        await copy.WriteAsync(p.Id, NpgsqlDbType.Bigint, ct);
                        await copy.WriteAsync(l.DepositId, NpgsqlDbType.Bigint, ct);
                        await copy.WriteAsync(l.Bucket.ToString(), NpgsqlDbType.Varchar, ct);
                        await copy.WriteAsync(l.Amount, NpgsqlDbType.Bigint, ct);
                    }
                await copy.CompleteAsync(ct);
            }
        }
    }

    private sealed class Sqlite(PactwerkDb db) : DepositFileWriter(db)
    {
        private DbCommand? _account, _deposit, _posting, _line;
        private readonly ArrayBufferWriter<byte> _json = new(1 << 20);

        protected override async Task StartAsync(CancellationToken ct)
        {
            // The transaction began IMMEDIATE: it holds the file's write lock, so the next ids are free.
            // SQLite's default 2 MB page cache spills the indexes to disk after a few hundred thousand rows.
            await ExecuteAsync("PRAGMA cache_size = -262144", ct);
            FirstAccountId = await NextIdAsync(Tables[0], ct);
            FirstDepositId = await NextIdAsync(Tables[1], ct);
            FirstPostingId = await NextIdAsync(Tables[2], ct);
            _account = await PrepareAsync("LearningAccounts (Id, HolderEmail, OpenedAt, Postings, MunicipalityCode, BirthYear)", 6, ct);
            _deposit = await PrepareAsync("LearningDeposits (Id, AccountId, FunderId, Amount, ValidFrom, ValidUntil, Sectors, Levels, Occupations, FollowsPerson, Reference, DepositedAt)", 12, ct);
            _posting = await PrepareAsync("LedgerPostings (Id, AccountId, Kind, At, By)", 5, ct);
            _line = await PrepareAsync("LedgerLines (PostingId, DepositId, Bucket, Amount)", 4, ct);
        }

        // AUTOINCREMENT never hands out an id again, even one whose row is gone: start past both.
        private Task<long> NextIdAsync(string table, CancellationToken ct) =>
            ScalarAsync($"SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = '{table}'), 0), COALESCE((SELECT MAX(Id) FROM {table}), 0)) + 1", ct);

        /// <summary>
        /// An INSERT of a chunk's rows from one parameter: a JSON array of rows, each an array of the columns' values, read
        /// back by json_each in SQLite's own code. One prepared INSERT per row spent most of a large file's time in
        /// Microsoft.Data.Sqlite's toll per statement (binding by name, a step, a reset, a reader); a multi-row INSERT
        /// with a parameter per value was no better (SQLite finds each parameter by name, a search that grows with their number).
        /// </summary>
        private async Task<DbCommand> PrepareAsync(string into, int columns, CancellationToken ct)
        {
            var command = Connection.CreateCommand();
            command.Transaction = Transaction;
            command.CommandText = $"INSERT INTO {into} SELECT {string.Join(", ", Enumerable.Range(0, columns).Select(c => $"value ->> {c}"))} FROM json_each($rows) ORDER BY key";
            var p = command.CreateParameter();
            p.ParameterName = "$rows";
            p.Value = "[]";
            command.Parameters.Add(p);
            await command.PrepareAsync(ct);
            return command;
        }

        private void Insert<T>(DbCommand command, IEnumerable<T> rows, Action<Utf8JsonWriter, T> write)
        {
            _json.ResetWrittenCount();
            var any = false;
            using (var json = new Utf8JsonWriter(_json))
            {
                json.WriteStartArray();
                foreach (var row in rows)
                {
                    json.WriteStartArray();
                    write(json, row);
                    json.WriteEndArray();
                    any = true;
                }
                json.WriteEndArray();
            }
            if (!any)
                return;
            command.Parameters[0].Value = System.Text.Encoding.UTF8.GetString(_json.WrittenSpan);
            // SQLite runs in this process: the asynchronous call would only add a task.
            command.ExecuteNonQuery();
        }

        private static void StringOrNull(Utf8JsonWriter json, string? value)
        {
            if (value is null) json.WriteNullValue();
            else json.WriteStringValue(value);
        }

        // As EF Core writes them on SQLite: DateTime as "yyyy-MM-dd HH:mm:ss.FFFFFFF", DateOnly as "yyyy-MM-dd", lists as JSON, enums by name.
        private static string When(DateTime at) => at.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture);
        private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        public override async Task FillFactsAsync(IReadOnlyList<(long Account, string? Municipality, int? BirthYear)> facts, CancellationToken ct)
        {
            // The chunk's facts as one JSON parameter, read back as rows with json_each: one statement, whatever the chunk's size.
            await using var command = Connection.CreateCommand();
            command.Transaction = Transaction;
            command.CommandText = """
                UPDATE LearningAccounts SET MunicipalityCode = COALESCE(MunicipalityCode, v.code), BirthYear = COALESCE(BirthYear, v.year)
                FROM (SELECT json_extract(value, '$[0]') AS id, json_extract(value, '$[1]') AS code, json_extract(value, '$[2]') AS year FROM json_each($1)) AS v
                WHERE LearningAccounts.Id = v.id AND ((MunicipalityCode IS NULL AND v.code IS NOT NULL) OR (BirthYear IS NULL AND v.year IS NOT NULL))
                """;
            var p = command.CreateParameter();
            p.ParameterName = "$1";
            p.Value = JsonSerializer.Serialize(facts.Select(f => new object?[] { f.Account, f.Municipality, f.BirthYear }));
            command.Parameters.Add(p);
            await command.ExecuteNonQueryAsync(ct);
        }

        public override Task WriteAsync(IReadOnlyList<LearningAccount> accounts, IEnumerable<Deposit> deposits, IReadOnlyList<LedgerPosting> postings, CancellationToken ct)
        {
            Insert(_account!, accounts, (json, a) =>
            {
                json.WriteNumberValue(a.Id);
                json.WriteStringValue(a.HolderEmail);
                json.WriteStringValue(When(a.OpenedAt));
                json.WriteNumberValue(a.Postings);
                StringOrNull(json, a.MunicipalityCode);
                if (a.BirthYear is { } year) json.WriteNumberValue(year);
                else json.WriteNullValue();
            });
            Insert(_deposit!, deposits, (json, d) =>
            {
                json.WriteNumberValue(d.Id);
                json.WriteNumberValue(d.AccountId);
                json.WriteNumberValue(d.FunderId);
                json.WriteNumberValue(d.Amount);
                json.WriteStringValue(Day(d.ValidFrom));
                json.WriteStringValue(Day(d.ValidUntil));
                json.WriteStringValue(JsonSerializer.Serialize(d.Sectors));
                json.WriteStringValue(JsonSerializer.Serialize(d.Levels));
                json.WriteStringValue(JsonSerializer.Serialize(d.Occupations));
                json.WriteNumberValue(d.FollowsPerson ? 1 : 0);
                json.WriteStringValue(d.Reference);
                json.WriteStringValue(When(d.DepositedAt));
            });
            Insert(_posting!, postings, (json, p) =>
            {
                json.WriteNumberValue(p.Id);
                json.WriteNumberValue(p.AccountId);
                json.WriteStringValue(p.Kind.ToString());
                json.WriteStringValue(When(p.At));
                StringOrNull(json, p.By);
            });
            Insert(_line!, postings.SelectMany(p => p.Lines.Select(l => (Posting: p.Id, Line: l))), (json, x) =>
            {
                json.WriteNumberValue(x.Posting);
                json.WriteNumberValue(x.Line.DepositId);
                json.WriteStringValue(x.Line.Bucket.ToString());
                json.WriteNumberValue(x.Line.Amount);
            });
            ct.ThrowIfCancellationRequested();
            return Task.CompletedTask;
        }
    }
}
