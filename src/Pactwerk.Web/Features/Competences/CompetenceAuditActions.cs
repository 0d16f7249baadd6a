using Pactwerk.Web.Features.Audit;

namespace Pactwerk.Web.Features.Competences;

/// <summary>The framework's business events in the audit trail; each is named in the audit log in Dutch and English.</summary>
public static class CompetenceAuditActions
{
    /// <summary>An ESCO-shaped file changed the framework; the competences and occupations it changed are audited one by one beside it.</summary>
    [AuditAction] public const string Imported = "competences-imported";
}
