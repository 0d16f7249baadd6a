namespace Pactwerk.Web.Features.Rooms;

/// <summary>
/// The database's own guarantee that a room is never booked twice, as SQL for each provider's migration.
/// Only pending and approved bookings hold a slot; a declined one frees it.
/// </summary>
public static class RoomBookingConstraints
{
    public const string PostgresName = "EX_RoomBookings_NoOverlap";

    /// <summary>
    /// An exclusion constraint over the time range: two rows with the same room whose ranges overlap
    /// (<c>&amp;&amp;</c>, half-open so back-to-back slots are fine) cannot both hold. <c>btree_gist</c> lets the
    /// GiST index compare the room's integer with <c>=</c>; it is a trusted extension, so the database's
    /// owner may create it.
    /// </summary>
    public const string Postgres = $"""
        CREATE EXTENSION IF NOT EXISTS btree_gist;
        ALTER TABLE "RoomBookings" ADD CONSTRAINT "{PostgresName}" EXCLUDE USING gist (
            "RoomId" WITH =, tstzrange("StartsAt", "EndsAt", '[)') WITH &&
        ) WHERE ("Status" IN ('Pending', 'Approved'));
        """;

    public const string PostgresDown = $"""ALTER TABLE "RoomBookings" DROP CONSTRAINT IF EXISTS "{PostgresName}";""";

    /// <summary>The message of the SQLite triggers, so a refused write can be told apart from other failures.</summary>
    public const string SqliteMessage = "room booking overlaps a holding booking";

    /// <summary>
    /// Triggers that abort a write making two holding bookings of one room overlap. SQLite takes one
    /// writer at a time, so the check and the write cannot interleave with another's. Times are stored
    /// as ISO text of one fixed format, so comparing the text compares the moments.
    /// </summary>
    public const string Sqlite = $"""
        CREATE TRIGGER "TR_RoomBookings_NoOverlap_Insert" BEFORE INSERT ON "RoomBookings"
        WHEN NEW."Status" IN ('Pending', 'Approved') AND EXISTS (
            SELECT 1 FROM "RoomBookings" b WHERE b."RoomId" = NEW."RoomId" AND b."Status" IN ('Pending', 'Approved')
              AND b."StartsAt" < NEW."EndsAt" AND NEW."StartsAt" < b."EndsAt")
        BEGIN SELECT RAISE(ABORT, '{SqliteMessage}'); END;
        CREATE TRIGGER "TR_RoomBookings_NoOverlap_Update" BEFORE UPDATE OF "RoomId", "StartsAt", "EndsAt", "Status" ON "RoomBookings"
        WHEN NEW."Status" IN ('Pending', 'Approved') AND EXISTS (
            SELECT 1 FROM "RoomBookings" b WHERE b."Id" <> NEW."Id" AND b."RoomId" = NEW."RoomId" AND b."Status" IN ('Pending', 'Approved')
              AND b."StartsAt" < NEW."EndsAt" AND NEW."StartsAt" < b."EndsAt")
        BEGIN SELECT RAISE(ABORT, '{SqliteMessage}'); END;
        """;

    public const string SqliteDown = """
        DROP TRIGGER IF EXISTS "TR_RoomBookings_NoOverlap_Insert";
        DROP TRIGGER IF EXISTS "TR_RoomBookings_NoOverlap_Update";
        """;

    /// <summary>A save refused by these constraints, on either provider.</summary>
    public static bool IsOverlap(Exception? e) => e switch
    {
        Microsoft.EntityFrameworkCore.DbUpdateException u => IsOverlap(u.InnerException),
        Npgsql.PostgresException p => p.SqlState == Npgsql.PostgresErrorCodes.ExclusionViolation,
        Microsoft.Data.Sqlite.SqliteException s => s.Message.Contains(SqliteMessage, StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>Whether PostgreSQL ended the transaction as one side of a deadlock, bare or wrapped (by EF's DbUpdateException, for one).</summary>
    public static bool IsDeadlock(Exception? e) => e switch
    {
        null => false,
        Npgsql.PostgresException p => p.SqlState == Npgsql.PostgresErrorCodes.DeadlockDetected,
        _ => IsDeadlock(e.InnerException),
    };
}
