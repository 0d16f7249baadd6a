using Microsoft.EntityFrameworkCore;

namespace Pactwerk.Web.Data;

/// <summary>A save refused by a unique index, told apart from other failures on both providers.</summary>
public static class UniqueViolation
{
    public static bool Is(DbUpdateException e) => e.InnerException switch
    {
        // SQLITE_CONSTRAINT_UNIQUE, and SQLITE_CONSTRAINT_PRIMARYKEY for a key that is taken.
        Microsoft.Data.Sqlite.SqliteException s => s.SqliteExtendedErrorCode is 2067 or 1555,
        Npgsql.PostgresException p => p.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
