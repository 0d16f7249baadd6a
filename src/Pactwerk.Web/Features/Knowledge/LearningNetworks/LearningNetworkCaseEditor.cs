using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Audit;
using Pactwerk.Web.Shared;
using Outcome = Pactwerk.Web.Shared.EditOutcome<Pactwerk.Web.Features.Knowledge.LearningNetworkCase>;

namespace Pactwerk.Web.Features.Knowledge;

public sealed class LearningNetworkCaseInput
{
    public string? Title { get; set; }
    public string? Question { get; set; }
    public string? DiscussionNotes { get; set; }
    public int? SessionId { get; set; }
    public int Version { get; set; }
}

/// <summary>
/// Members bring in cases and edit their own; any member adds to the notes of the discussion.
/// Anyone else gets <see cref="Outcome.NotFound"/>, logged by <see cref="LearningNetworkAccess"/>.
/// Changes are logged as business events that name the case but never copy its text.
/// </summary>
public sealed class LearningNetworkCaseEditor(PactwerkDb db, LearningNetworkAccess access, TimeProvider clock)
{
    public async Task<Outcome> CreateAsync(int networkId, LearningNetworkCaseInput input, CancellationToken ct)
    {
        if (!await access.MayUseCasesAsync(networkId, ct))
            return new Outcome.NotFound();
        var scope = await access.ScopeAsync(ct);
        if (scope.ReadOnly)
            return new Outcome.Forbidden("Dit API-token mag alleen lezen.");
        if (await CheckAsync(networkId, input, ct) is { } errors)
            return new Outcome.Invalid(errors);
        var c = new LearningNetworkCase
        {
            NetworkId = networkId, BroughtInByUserId = scope.UserId!, Title = input.Title!.Trim(), Question = input.Question!.Trim(),
            DiscussionNotes = Clean(input.DiscussionNotes), SessionId = input.SessionId, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.LearningNetworkCases.Add(c);
        await db.SaveChangesAsync(ct);
        await LogAsync(LearningNetworkAuditActions.CaseAdded, c, ct);
        return new Outcome.Saved(c);
    }

    public async Task<Outcome> UpdateAsync(int networkId, int caseId, LearningNetworkCaseInput input, CancellationToken ct)
    {
        if (await access.ReadCaseAsync(networkId, caseId, ct) is null)
            return new Outcome.NotFound();
        var scope = await access.ScopeAsync(ct);
        if (scope.ReadOnly)
            return new Outcome.Forbidden("Dit API-token mag alleen lezen.");
        var c = await db.LearningNetworkCases.SingleAsync(x => x.Id == caseId, ct);
        if (await CheckAsync(networkId, input, ct) is { } errors)
            return new Outcome.Invalid(errors);
        var own = c.BroughtInByUserId == scope.UserId;
        if (!own && (input.Title!.Trim() != c.Title || input.Question!.Trim() != c.Question || input.SessionId != c.SessionId))
            return new Outcome.Forbidden("Alleen wie de casus inbracht wijzigt de beschrijving, de vraag en de bijeenkomst; andere leden vullen de gespreksnotities aan.");
        c.Title = input.Title!.Trim();
        c.Question = input.Question!.Trim();
        c.SessionId = input.SessionId;
        c.DiscussionNotes = Clean(input.DiscussionNotes);
        // Sending back what was read changes nothing and is no business event.
        var changed = db.ChangeTracker.HasChanges();
        var outcome = await EditSupport.SaveVersionedAsync(db, c, caseId, input.Version,
            () => db.LearningNetworkCases.AsNoTracking().SingleAsync(x => x.Id == caseId, ct), ct);
        if (outcome is Outcome.Saved && changed)
            await LogAsync(LearningNetworkAuditActions.CaseUpdated, c, ct);
        return outcome;
    }

    private async Task<Dictionary<string, string[]>?> CheckAsync(int networkId, LearningNetworkCaseInput input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var title = input.Title?.Trim() ?? "";
        var question = input.Question?.Trim() ?? "";
        if (title.Length == 0)
            errors[nameof(input.Title)] = ["Beschrijf de casus kort."];
        else if (title.Length > 300)
            errors[nameof(input.Title)] = ["De korte beschrijving is langer dan 300 tekens."];
        if (question.Length == 0)
            errors[nameof(input.Question)] = ["Geef de vraag aan de groep."];
        else if (question.Length > 4000)
            errors[nameof(input.Question)] = ["De vraag is langer dan 4.000 tekens."];
        if (input.DiscussionNotes?.Trim().Length > 20000)
            errors[nameof(input.DiscussionNotes)] = ["De gespreksnotities zijn langer dan 20.000 tekens."];
        if (input.SessionId is { } session && !await db.LearningNetworkSessions.AnyAsync(s => s.Id == session && s.NetworkId == networkId, ct))
            errors[nameof(input.SessionId)] = ["Kies een bijeenkomst van dit netwerk."];
        return errors.Count > 0 ? errors : null;
    }

    /// <summary>Who changed which case, for administrators and the member themself; no text, no pact.</summary>
    private async Task LogAsync(string action, LearningNetworkCase c, CancellationToken ct)
    {
        db.RecordEvent(clock.GetUtcNow().UtcDateTime, action, nameof(LearningNetworkCase),
            c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), new { network = c.NetworkId, version = c.Version });
        await db.SaveChangesAsync(ct);
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
