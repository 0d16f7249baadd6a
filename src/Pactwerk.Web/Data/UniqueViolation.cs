using Microsoft.EntityFrameworkCore;

namespace Pactwerk.Web.Data;

/// <summary>A save refused by a unique index, told apart from other failures on both providers.</summary>
public static class UniqueViolation
{
    public static bool Is(DbUpdateException e) => IsProviderError(e.InnerException);

    /// <summary>The same, for a statement that reports the database's own exception (ExecuteUpdate, raw SQL).</summary>
    public static bool IsProviderError(Exception? e) => e switch
    {
        // SQLITE_CONSTRAINT_UNIQUE, and SQLITE_CONSTRAINT_PRIMARYKEY for a key that is taken.
        Microsoft.Data.Sqlite.SqliteException s => s.SqliteExtendedErrorCode is 2067 or 1555,
        Npgsql.PostgresException p => p.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
