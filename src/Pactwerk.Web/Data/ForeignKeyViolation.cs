using Microsoft.EntityFrameworkCore;

namespace Pactwerk.Web.Data;

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
