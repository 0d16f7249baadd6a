using Pactwerk.Web.Features.Audit;

namespace Pactwerk.Web.Features.LearningPlaces;

/// <summary>The learning places' decisions in the audit trail; each is named in the audit log in Dutch and English.</summary>
public static class LearningPlaceAuditActions
{
    [AuditAction] public const string Placed = "learning-place-placement";
}
