using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.Matching.Scoring;

namespace Pactwerk.Web.Features.Matching;

public sealed record CandidateCompetenceInput(int CompetenceId, int Level, string? Evidence);

/// <summary>What a candidate sends about themself; <c>version</c> guards against a stale change.</summary>
public sealed record CandidateInput(string? Name, int? BirthYear, string? Gender, bool Consent, IReadOnlyList<CandidateCompetenceInput>? Competences, int? Version);

public sealed record CandidateCompetenceDto(int CompetenceId, string Code, string Name, int Level, string LevelMeaning, string? Evidence);

public sealed record CandidateProfileDto(int Id, int Version, string Email, string Name, int? BirthYear, string? Gender, bool Consent, DateTime? ConsentGivenAt,
    DateTime? ConsentWithdrawnAt, IReadOnlyList<CandidateCompetenceDto> Competences);

public abstract record CandidateOutcome
{
    public sealed record Saved(Candidate Candidate) : CandidateOutcome;
    public sealed record Unchanged(Candidate Candidate) : CandidateOutcome;
    public sealed record Forbidden(string Message) : CandidateOutcome;
    public sealed record Invalid(Dictionary<string, string[]> Errors) : CandidateOutcome;
    public sealed record Stale : CandidateOutcome;
    public sealed record NotFound : CandidateOutcome;
}

/// <summary>
/// A candidate's own profile: what is held about them (read, corrected, exported) and leaving (erasure). The signed-in
/// account is the candidate whose address it holds, confirmed. Every save refreshes the ranking index at once.
/// </summary>
public sealed class CandidateProfiles(PactwerkDb db, AccessScopeProvider scopes, TimeProvider clock, CandidateIndex index)
{
    private async Task<PactwerkUser?> UserAsync(CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        return scope.UserId is { } id ? await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, ct) : null;
    }

    /// <summary>The signed-in person's candidate record, or null (also when their address is not confirmed).</summary>
    public async Task<Candidate?> MineAsync(CancellationToken ct)
    {
        var user = await UserAsync(ct);
        if (user is not { EmailConfirmed: true, Email: { } email })
            return null;
        var normalised = LearningAccounts.LearningAccount.Normalise(email);
        return await db.Set<Candidate>().Include(c => c.CandidateCompetences).SingleOrDefaultAsync(c => c.Email == normalised, ct);
    }

    public async Task<CandidateProfileDto> DescribeAsync(Candidate candidate, CancellationToken ct)
    {
        var details = await db.Set<CandidatePersonalDetails>().AsNoTracking().SingleOrDefaultAsync(d => d.CandidateId == candidate.Id, ct);
        var ids = candidate.CandidateCompetences.Select(c => c.CompetenceId).ToList();
        var competences = await db.Competences.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        return new CandidateProfileDto(candidate.Id, candidate.Version, candidate.Email, details?.Name ?? "", details?.BirthYear, details?.Gender, candidate.Consents,
            candidate.ConsentGivenAt, candidate.ConsentWithdrawnAt,
            candidate.CandidateCompetences.OrderBy(c => competences[c.CompetenceId].Code, StringComparer.Ordinal)
                .Select(c => new CandidateCompetenceDto(c.CompetenceId, competences[c.CompetenceId].Code, competences[c.CompetenceId].NameNl, c.Level,
                    CompetenceLevels.Meaning(c.Level), c.Evidence)).ToList());
    }

    public async Task<CandidateOutcome> SaveMineAsync(CandidateInput input, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        var user = await UserAsync(ct);
        if (scope.ReadOnly || user is not { EmailConfirmed: true, Email: { } email })
            return new CandidateOutcome.Forbidden(MatchingMessages.EmailUnconfirmed);
        var errors = await ValidateAsync(input, ct);
        if (errors.Count > 0)
            return new CandidateOutcome.Invalid(errors);

        var now = clock.GetUtcNow().UtcDateTime;
        var candidate = await MineAsync(ct);
        CandidatePersonalDetails? details = null;
        if (candidate is null)
        {
            candidate = new Candidate { Email = LearningAccounts.LearningAccount.Normalise(email), CreatedAt = now };
            db.Add(candidate);
        }
        else
        {
            if (input.Version is { } version && version != candidate.Version)
                return new CandidateOutcome.Stale();
            details = await db.Set<CandidatePersonalDetails>().SingleOrDefaultAsync(d => d.CandidateId == candidate.Id, ct);
        }

        if (input.Consent && !candidate.Consents)
            candidate.ConsentGivenAt = now;
        else if (!input.Consent && candidate.Consents)
            candidate.ConsentWithdrawnAt = now;

        var wanted = (input.Competences ?? []).ToDictionary(c => c.CompetenceId);
        foreach (var held in candidate.CandidateCompetences.ToList())
        {
            if (!wanted.Remove(held.CompetenceId, out var change))
            {
                candidate.CandidateCompetences.Remove(held);
                db.Remove(held);
                continue;
            }
            held.Level = change.Level;
            held.Evidence = Clean(change.Evidence);
        }
        foreach (var added in wanted.Values)
            candidate.CandidateCompetences.Add(new CandidateCompetence { CompetenceId = added.CompetenceId, Level = added.Level, Evidence = Clean(added.Evidence) });

        var name = input.Name!.Trim();
        // Added once the candidate has its number: the details have no navigation for EF to fix the key up by.
        details ??= new CandidatePersonalDetails { Name = name };
        details.Name = name;
        details.BirthYear = input.BirthYear;
        details.Gender = Clean(input.Gender);

        // An unchanged save writes nothing: no new version, no audit line.
        if (candidate.Id != 0 && !db.ChangeTracker.Entries().Any(e => e.State is EntityState.Added or EntityState.Deleted or EntityState.Modified))
            return new CandidateOutcome.Unchanged(candidate);
        candidate.LastActiveAt = now;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        if (details.CandidateId == 0)
        {
            details.CandidateId = candidate.Id;
            db.Add(details);
            await db.SaveChangesAsync(ct);
        }
        await transaction.CommitAsync(ct);
        await index.RefreshCandidateAsync(db, candidate.Id, ct);
        return new CandidateOutcome.Saved(candidate);
    }

    /// <summary>Everything held about the signed-in candidate, for them to take away (AVG art. 15 and 20).</summary>
    public async Task<object?> ExportMineAsync(CancellationToken ct)
    {
        if (await MineAsync(ct) is not { } candidate)
            return null;
        var proposals = await db.Set<Proposal>().AsNoTracking().Where(p => p.CandidateId == candidate.Id).OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.LearningPlaceId, p.VacancyId, p.State, p.ProposedAt, p.DecidedAt, p.DeclineReason, p.AnsweredAt }).ToListAsync(ct);
        return new { candidate = await DescribeAsync(candidate, ct), candidate.CreatedAt, proposals };
    }

    /// <summary>Leaving: the candidate's competences, personal details, proposals and the record itself are erased (AVG art. 17).</summary>
    public async Task<bool> EraseMineAsync(CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        if (scope.ReadOnly || await MineAsync(ct) is not { } candidate)
            return false;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.RemoveRange(await db.Set<Proposal>().Where(p => p.CandidateId == candidate.Id).ToListAsync(ct));
        db.RemoveRange(await db.Set<CandidatePersonalDetails>().Where(d => d.CandidateId == candidate.Id).ToListAsync(ct));
        db.RemoveRange(candidate.CandidateCompetences);
        db.Remove(candidate);
        await db.SaveChangesAsync(ct);
        // The event names the number only: the person's data is gone, and the trail should not keep it.
        db.RecordEvent(clock.GetUtcNow().UtcDateTime, MatchingAuditActions.Erased, nameof(Candidate), candidate.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), new { });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await index.RefreshCandidateAsync(db, candidate.Id, ct);
        return true;
    }

    private async Task<Dictionary<string, string[]>> ValidateAsync(CandidateInput input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors[field] = errors.TryGetValue(field, out var m) ? [.. m, message] : [message];
        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Trim().Length > 200)
            Add("name", MatchingMessages.NameMissing);
        if (input.BirthYear is { } year && (year < 1900 || year > clock.GetUtcNow().Year))
            Add("birthYear", MatchingMessages.BirthYearInvalid);
        if (input.Gender is { } gender && gender.Trim().Length > 40)
            Add("gender", MatchingMessages.GenderTooLong);
        var competences = input.Competences ?? [];
        var ids = competences.Select(c => c.CompetenceId).Distinct().ToList();
        var known = (await db.Competences.Where(c => ids.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct)).ToHashSet();
        var seen = new HashSet<int>();
        foreach (var c in competences)
        {
            if (!known.Contains(c.CompetenceId))
                Add("competences", MatchingMessages.Format(MatchingMessages.CompetenceUnknown, c.CompetenceId));
            else if (!seen.Add(c.CompetenceId))
                Add("competences", MatchingMessages.Format(MatchingMessages.CompetenceTwice, c.CompetenceId));
            if (c.Level is < CompetenceLevels.Min or > CompetenceLevels.Max)
                Add("competences", MatchingMessages.Format(MatchingMessages.LevelInvalid, c.CompetenceId));
            if (c.Evidence is { } e && e.Trim().Length > 200)
                Add("competences", MatchingMessages.Format(MatchingMessages.EvidenceTooLong, c.CompetenceId));
        }
        return errors;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
