using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Matching.Scoring;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Matching;

/// <summary>How long a candidate's data is kept once they stop being matched ("Matching" in the configuration).</summary>
public sealed class MatchingOptions
{
    /// <summary>
    /// Months after a candidate withdrew consent, or was last active (their own save, their consent, a step of a proposal
    /// for them), before their name, birth year, gender, address and competences are erased. A year lets a programme that
    /// runs a year find its candidates again; set it lower where the pact's privacy statement says so.
    /// </summary>
    public int RetentionMonths { get; set; } = 12;
}

/// <summary>
/// The retention rule for candidates, in one place. A candidate is due when they withdrew consent, or were last active,
/// longer ago than <see cref="MatchingOptions.RetentionMonths"/>. Erasure removes the personal details and competences,
/// and the proposals the organisation never accepted (proposed, declined with a reason about the person). Proposals the
/// organisation accepted stay, as counts of what matching achieved: the candidate's row is then kept without anything
/// that identifies them (its address becomes a pseudonym under a reserved domain, RFC 2606); without such proposals the
/// row goes too. Idempotent: an erased candidate is not touched again.
/// </summary>
public sealed class MatchingRetention(PactwerkDb db, TimeProvider clock, IOptions<MatchingOptions> options, CandidateIndex index)
{
    public const string ErasedDomain = "gewist.invalid";

    public static bool IsErased(string email) => email.EndsWith("@" + ErasedDomain, StringComparison.Ordinal);

    /// <summary>The last moment the candidate did something, or something was done about them.</summary>
    private static DateTime LastActive(Candidate c, IEnumerable<Proposal> proposals) =>
        new[] { c.LastActiveAt ?? c.CreatedAt, c.CreatedAt, c.ConsentGivenAt ?? DateTime.MinValue, c.ConsentWithdrawnAt ?? DateTime.MinValue }
            .Concat(proposals.SelectMany(p => new[] { p.ProposedAt, p.DecidedAt ?? DateTime.MinValue, p.AnsweredAt ?? DateTime.MinValue }))
            .Max();

    public async Task<int> ApplyAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var cutoff = now.AddMonths(-options.Value.RetentionMonths);
        var suffix = "@" + ErasedDomain;
        var candidates = await db.Set<Candidate>().AsNoTracking().Where(c => !c.Email.EndsWith(suffix)).ToListAsync(ct);
        var ids = candidates.Select(c => c.Id).ToList();
        var proposals = (await db.Set<Proposal>().AsNoTracking().Where(p => ids.Contains(p.CandidateId)).ToListAsync(ct)).ToLookup(p => p.CandidateId);
        var due = candidates.Where(c => (!c.Consents && c.ConsentWithdrawnAt is { } withdrawn && withdrawn <= cutoff) || LastActive(c, proposals[c.Id]) <= cutoff)
            .Select(c => c.Id).ToList();
        foreach (var id in due)
            await EraseAsync(id, now, ct);
        return due.Count;
    }

    private async Task EraseAsync(int id, DateTime now, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var candidate = await db.Set<Candidate>().Include(c => c.CandidateCompetences).SingleAsync(c => c.Id == id, ct);
        var proposals = await db.Set<Proposal>().Where(p => p.CandidateId == id).ToListAsync(ct);
        var kept = proposals.Where(p => p.Unblinded).ToList();
        db.RemoveRange(proposals.Except(kept));
        db.RemoveRange(await db.Set<CandidatePersonalDetails>().Where(d => d.CandidateId == id).ToListAsync(ct));
        db.RemoveRange(candidate.CandidateCompetences);
        if (kept.Count == 0)
            db.Remove(candidate);
        else
        {
            candidate.Email = $"gewist-{id}{"@" + ErasedDomain}";
            candidate.ConsentWithdrawnAt = candidate.Consents ? now : candidate.ConsentWithdrawnAt;
        }
        await db.SaveChangesAsync(ct);
        // The event names the number only, as the candidate's own leaving does.
        db.RecordEvent(now, MatchingAuditActions.Erased, nameof(Candidate), id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new { reason = "retention", acceptedProposalsKept = kept.Count });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        await index.RefreshCandidateAsync(db, id, ct);
    }
}

/// <summary>Applies the candidates' retention rule once a day (and shortly after start), once across instances.</summary>
public sealed class MatchingRetentionWorker(IServiceScopeFactory scopes, TimeProvider clock, ILogger<MatchingRetentionWorker> log) : ClusterJob(scopes, clock, log)
{
    public override string Name => "matching-retention";
    protected override TimeSpan Period => TimeSpan.FromDays(1);

    protected override async Task<string?> RunAsync(IServiceProvider services, DateTime now, CancellationToken ct) =>
        await services.GetRequiredService<MatchingRetention>().ApplyAsync(ct) is > 0 and var erased ? $"erased {erased} candidates past their retention period" : null;
}
