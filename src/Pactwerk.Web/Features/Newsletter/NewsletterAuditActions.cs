using Pactwerk.Web.Features.Audit;

namespace Pactwerk.Web.Features.Newsletter;

/// <summary>The newsletter's business events in the audit trail.</summary>
public static class NewsletterAuditActions
{
    [AuditAction] public const string Subscribed = "NewsletterSubscribed";
    [AuditAction] public const string Unsubscribed = "NewsletterUnsubscribed";
    [AuditAction] public const string Sent = "NewsletterSent";
}
