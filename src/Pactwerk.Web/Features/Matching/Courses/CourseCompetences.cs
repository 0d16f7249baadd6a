using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.Matching.Scoring;

namespace Pactwerk.Web.Features.Matching;

public sealed record CourseCompetenceInput(int CompetenceId, int Level);

public sealed record CourseCompetenceDto(int CompetenceId, string Code, string Name, int Level);

/// <summary>
/// Which competences a voucher course teaches and up to what level, kept by the officers of the course's scheme (who keep
/// its catalogue) and administrators; the rankings' explanations read it to name the courses that close a gap.
/// </summary>
public sealed class CourseCompetences(PactwerkDb db, AccessScopeProvider scopes)
{
    public static async Task<List<CourseCompetenceDto>> DescribeAsync(PactwerkDb db, int courseId, CancellationToken ct) =>
        (await db.Set<CourseCompetence>().AsNoTracking().Where(l => l.CourseId == courseId)
            .Join(db.Competences, l => l.CompetenceId, c => c.Id, (l, c) => new CourseCompetenceDto(l.CompetenceId, c.Code, c.NameNl, l.Level)).ToListAsync(ct))
        .OrderBy(l => l.Code, StringComparer.Ordinal).ToList();

    /// <summary>Replaces the course's competences as a whole; a refused change writes nothing, an unchanged one writes nothing either.</summary>
    public async Task<MatchingOutcome> ReplaceAsync(int courseId, IReadOnlyList<CourseCompetenceInput> input, CancellationToken ct)
    {
        var scheme = await db.VoucherCourses.AsNoTracking().Where(c => c.Id == courseId)
            .Join(db.VoucherProviders, c => c.ProviderId, p => p.Id, (c, p) => p.SchemeId)
            .Join(db.VoucherSchemes, id => id, s => s.Id, (_, s) => s).SingleOrDefaultAsync(ct);
        if (scheme is null)
            return new MatchingOutcome.NotFound(MatchingMessages.Format(MatchingMessages.NoCourse, courseId));
        var scope = await scopes.GetAsync(ct);
        if (!MatchingAccess.KeepsCourseCompetences(scope, scheme))
            return new MatchingOutcome.Forbidden(MatchingMessages.NotCourseOfficer);
        var ids = input.Select(r => r.CompetenceId).Distinct().ToList();
        var known = (await db.Competences.Where(c => ids.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct)).ToHashSet();
        var errors = new List<string>();
        var seen = new HashSet<int>();
        foreach (var r in input)
        {
            if (!known.Contains(r.CompetenceId))
                errors.Add(MatchingMessages.Format(MatchingMessages.CompetenceUnknown, r.CompetenceId));
            else if (!seen.Add(r.CompetenceId))
                errors.Add(MatchingMessages.Format(MatchingMessages.CompetenceTwice, r.CompetenceId));
            if (r.Level is < CompetenceLevels.Min or > CompetenceLevels.Max)
                errors.Add(MatchingMessages.Format(MatchingMessages.LevelInvalid, r.CompetenceId));
        }
        if (errors.Count > 0)
            return new MatchingOutcome.Invalid(new() { ["competences"] = [.. errors] });
        var current = await db.Set<CourseCompetence>().Where(l => l.CourseId == courseId).ToListAsync(ct);
        var wanted = input.ToDictionary(r => r.CompetenceId);
        foreach (var held in current)
        {
            if (!wanted.Remove(held.CompetenceId, out var change))
                db.Remove(held);
            else
                held.Level = change.Level;
        }
        foreach (var added in wanted.Values)
            db.Add(new CourseCompetence { CourseId = courseId, CompetenceId = added.CompetenceId, Level = added.Level });
        await db.SaveChangesAsync(ct);
        return new MatchingOutcome.Saved();
    }
}
