using Pactwerk.Web.Features.Audit;

namespace Pactwerk.Web.Features.Programmes;

/// <summary>The programmes' decisions in the audit trail; each is named in the audit log in Dutch and English.</summary>
public static class ProgrammeAuditActions
{
    [AuditAction] public const string Applied = "programme-application";
    [AuditAction] public const string StepDecided = "programme-intake-decision";
    [AuditAction] public const string ModuleCompleted = "programme-module-completed";
    [AuditAction] public const string OutcomeRecorded = "programme-outcome-recorded";
    /// <summary>A candidate's personal fields erased: on their request, or after the retention period (<see cref="ProgrammePrivacy"/>).</summary>
    [AuditAction] public const string Erased = "programme-candidate-erased";
    /// <summary>An applicant corrected what they told when applying; the entry names the fields, never their values.</summary>
    [AuditAction] public const string Corrected = "programme-application-corrected";
}
