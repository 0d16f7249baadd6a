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

/// <summary>A save refused because a row it names is gone, or because rows still name the one it removes.</summary>
public static class ForeignKeyViolation
{
    public static bool Is(DbUpdateException e) => e.InnerException switch
    {
        // SQLITE_CONSTRAINT_FOREIGNKEY.
        Microsoft.Data.Sqlite.SqliteException s => s.SqliteExtendedErrorCode == 787,
        Npgsql.PostgresException p => p.SqlState == Npgsql.PostgresErrorCodes.ForeignKeyViolation,
        _ => false,
    };
}
