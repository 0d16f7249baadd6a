using System.Reflection;

namespace Pactwerk.Web.Features.Audit;

/// <summary>
/// Marks a constant as a kind of audit line (the <see cref="AuditEntry.Action"/> written). Every kind
/// carries this mark wherever it is declared, so the audit log can name each one in Dutch and English
/// (resource "AuditAction.{kind}") and a test can walk them all.
/// </summary>
[AttributeUsage(AttributeTargets.Field)]
public sealed class AuditActionAttribute : Attribute;

/// <summary>The kinds of audit line the code can write: every constant marked <see cref="AuditActionAttribute"/>.</summary>
public static class AuditKinds
{
    private static readonly Lazy<IReadOnlySet<string>> Kinds = new(() => typeof(AuditKinds).Assembly.GetTypes()
        .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
        .Where(f => f.IsLiteral && f.FieldType == typeof(string) && f.IsDefined(typeof(AuditActionAttribute)))
        .Select(f => (string)f.GetRawConstantValue()!).ToHashSet(StringComparer.Ordinal));

    public static IReadOnlySet<string> All => Kinds.Value;

    /// <summary>Refuses a kind that is not declared, so no line is ever written that the log cannot name.</summary>
    public static string Checked(string action) => All.Contains(action)
        ? action
        : throw new ArgumentException($"'{action}' is not a declared audit kind: declare it as a constant marked [AuditAction] and name it in the resources (AuditAction.{action}).", nameof(action));
}
