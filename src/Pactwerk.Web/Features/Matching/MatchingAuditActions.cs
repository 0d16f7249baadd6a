using Pactwerk.Web.Features.Audit;

namespace Pactwerk.Web.Features.Matching;

/// <summary>Matching's decisions in the audit trail, beside each row's own change line.</summary>
public static class MatchingAuditActions
{
    [AuditAction] public const string Proposed = "matching-proposed";
    [AuditAction] public const string Accepted = "matching-accepted";
    [AuditAction] public const string Declined = "matching-declined";
    [AuditAction] public const string Agreed = "matching-agreed";
    [AuditAction] public const string Refused = "matching-refused";
    [AuditAction] public const string Erased = "matching-candidate-erased";
}
