using Pactwerk.Web.Features.Audit;

namespace Pactwerk.Web.Features.Accounts.TwoFactor;

/// <summary>Two-factor sign-in in the audit trail; each is named in the audit log in Dutch and English.</summary>
public static class TwoFactorAuditActions
{
    [AuditAction] public const string Enabled = "two-factor-enabled";
    [AuditAction] public const string Disabled = "two-factor-disabled";
    [AuditAction] public const string SignedIn = "two-factor-signed-in";
    [AuditAction] public const string Failed = "two-factor-failed";
    [AuditAction] public const string Locked = "two-factor-locked";
}
