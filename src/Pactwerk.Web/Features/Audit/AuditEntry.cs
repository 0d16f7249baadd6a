namespace Pactwerk.Web.Features.Audit;

/// <summary>Marks pact data whose every create, update and delete is written to the audit trail.</summary>
public interface IAudited;

/// <summary>
/// One line of the append-only audit trail: a change to pact data (with the values before and
/// after) or a business event (published, invited, role granted, token created, import committed).
/// </summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    /// <summary>Account id, or null for the system (start-up, command line).</summary>
    public string? UserId { get; set; }
    /// <summary>The actor's name at the time; pseudonymised when a person is erased.</summary>
    public required string Actor { get; set; }
    /// <summary>Created, Updated, Deleted, or the name of a business event.</summary>
    public required string Action { get; set; }
    public required string EntityType { get; set; }
    /// <summary>The pact the change belongs to, when it belongs to one: coordinators read their pacts' lines.</summary>
    public int? PactId { get; set; }
    public string? EntityId { get; set; }
    /// <summary>JSON object of the values before the change (null for a create).</summary>
    public string? Before { get; set; }
    /// <summary>JSON object of the values after the change (null for a delete).</summary>
    public string? After { get; set; }

    /// <summary>
    /// Plain UTF-8 in the stored JSON (no \u escapes), so a value can be found and pseudonymised
    /// as written. The trail is never served as HTML without encoding.
    /// </summary>
    public static readonly System.Text.Json.JsonSerializerOptions Json = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>A business event with its details; written only through <see cref="Data.PactwerkDb.RecordEvent"/>.</summary>
    internal static AuditEntry Event(IAuditActor actor, DateTime at, string action, string entityType, string? entityId, object details, int? pactId = null) => new()
    {
        At = at, UserId = actor.UserId, Actor = actor.Name, Action = AuditKinds.Checked(action), EntityType = entityType, EntityId = entityId, PactId = pactId,
        After = System.Text.Json.JsonSerializer.Serialize(details, Json),
    };
}

/// <summary>The kinds every feature may write; a feature's own kinds are declared beside it, marked the same way.</summary>
public static class AuditActions
{
    [AuditAction] public const string Created = "Created";
    [AuditAction] public const string Updated = "Updated";
    [AuditAction] public const string Deleted = "Deleted";
    [AuditAction] public const string Invited = "Invited";
    [AuditAction] public const string RoleGranted = "RoleGranted";
    [AuditAction] public const string TokenCreated = "TokenCreated";
    [AuditAction] public const string TokenRevoked = "TokenRevoked";
    [AuditAction] public const string ImportCommitted = "ImportCommitted";
    [AuditAction] public const string PersonErased = "PersonErased";
    [AuditAction] public const string PersonExported = "PersonExported";
}
