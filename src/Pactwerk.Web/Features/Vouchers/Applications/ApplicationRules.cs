using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Vouchers;

/// <summary>What the rules look at of a course.</summary>
public sealed record CourseFacts(int Id, decimal Price, string Sector, string Level, string TargetOccupation, List<DateOnly> StartDates, int SchemeId, bool Vetted);

/// <summary>
/// A scheme's rules checked against one complete application, each failed rule named, so the
/// applicant sees everything at once. One function, used twice: on the request, for the answer the
/// applicant gets at once, and again under the scheme's lock on what the database holds at that
/// moment, which is what decides (<see cref="SchemeDecisions"/>).
/// </summary>
public static class ApplicationRules
{
    /// <param name="municipalityKnown">Whether the municipality is one of today's (reference data).</param>
    /// <param name="municipalityShown">The municipality as the applicant typed it, for the message.</param>
    public static Dictionary<string, string[]> Check(VoucherScheme scheme, CourseFacts? course, int courseId, bool municipalityKnown, string municipalityShown,
        string targetGroup, DateOnly birth, DateOnly start, DateTime submittedAt)
    {
        var errors = new Dictionary<string, string[]>();
        var today = DateOnly.FromDateTime(submittedAt);
        if (!municipalityKnown)
            errors[nameof(VoucherApplicationInput.Municipality)] = [VoucherMessages.Format(VoucherMessages.MunicipalityUnknown, Short(municipalityShown.Trim()))];
        if (submittedAt < scheme.OpensAt || submittedAt >= scheme.ClosesAt)
            errors["window"] = [VoucherMessages.Format(VoucherMessages.OutsideWindow, Local(scheme.OpensAt), Local(scheme.ClosesAt))];
        if (!scheme.TargetGroups.Contains(targetGroup))
            errors[nameof(VoucherApplicationInput.TargetGroup)] = [VoucherMessages.Format(VoucherMessages.TargetGroupNotInScheme, string.Join(", ", scheme.TargetGroups))];
        if (AgeOn(birth, today) < scheme.MinimumAge)
            errors["age"] = [VoucherMessages.Format(VoucherMessages.TooYoung, scheme.MinimumAge)];
        if (course is null || course.SchemeId != scheme.Id || !course.Vetted)
            errors[nameof(VoucherApplicationInput.Course)] = [VoucherMessages.Format(VoucherMessages.CourseNotInScheme, courseId)];
        else
        {
            if (scheme.Sectors.Count > 0 && !scheme.Sectors.Contains(course.Sector))
                errors["sector"] = [VoucherMessages.Format(VoucherMessages.SectorNotEligible, course.Sector)];
            if (scheme.Levels.Count > 0 && !scheme.Levels.Contains(course.Level))
                errors["level"] = [VoucherMessages.Format(VoucherMessages.LevelNotEligible, course.Level)];
            if (scheme.Occupations.Count > 0 && !scheme.Occupations.Contains(course.TargetOccupation))
                errors["occupation"] = [VoucherMessages.Format(VoucherMessages.OccupationNotEligible, course.TargetOccupation)];
            if (!course.StartDates.Contains(start))
                errors[nameof(VoucherApplicationInput.CourseStart)] = [VoucherMessages.Format(VoucherMessages.StartNotOffered, Day(start))];
            else if (today > start.AddDays(scheme.ApplyWithinDaysAfterStart))
                errors["deadline"] = [VoucherMessages.Format(VoucherMessages.TooLate, scheme.ApplyWithinDaysAfterStart, Day(start))];
        }
        return errors;
    }

    /// <summary>The courses with the given ids, as the rules see them.</summary>
    internal static Task<List<CourseFacts>> CoursesAsync(IQueryable<VoucherCourse> courses, CancellationToken ct) =>
        courses.AsNoTracking()
            .Select(c => new CourseFacts(c.Id, c.Price, c.Sector, c.Level, c.TargetOccupation, c.StartDates, c.Provider.SchemeId, c.Provider.Vetted))
            .ToListAsync(ct);

    /// <summary>Which of these codes are municipalities today (the reference data loaded from data/nl).</summary>
    internal static async Task<HashSet<string>> KnownMunicipalitiesAsync(PactwerkDb db, IReadOnlyCollection<string>? codes, CancellationToken ct)
    {
        var today = db.Regions.Where(r => r.ValidTo == null && r.RegionSet.Kind == Regions.RegionSetKind.Municipalities);
        if (codes is not null)
            today = today.Where(r => codes.Contains(r.Code));
        return (await today.Select(r => r.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
    }

    private static string Short(string text) => text.Length > 40 ? text[..40] + "…" : text;

    private static int AgeOn(DateOnly birth, DateOnly day) => day.Year - birth.Year - (day < birth.AddYears(day.Year - birth.Year) ? 1 : 0);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Local(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}

/// <summary>
/// A scheme's rules, its courses and today's municipalities as read at most a second ago, so that
/// during an opening rush the request that checks an application does not read them again for
/// every applicant. Only a pass is taken from it: an application it would refuse is checked again
/// on what the database holds now, and every application it passes is checked again under the
/// scheme's lock before it is decided, so an answer never rests on a stale copy.
/// </summary>
public sealed class SchemeSnapshots(TimeProvider clock)
{
    private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(1);

    public sealed record Snapshot(VoucherScheme Scheme, IReadOnlyDictionary<int, CourseFacts> Courses, HashSet<string> Municipalities, DateTimeOffset ReadAt);

    private readonly ConcurrentDictionary<string, Snapshot> _byCode = new(StringComparer.Ordinal);

    /// <summary>The copy of at most a second ago, or a new one; null when there is no such scheme.</summary>
    public async Task<Snapshot?> GetAsync(PactwerkDb db, string code, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_byCode.TryGetValue(code, out var held) && now - held.ReadAt < Fresh)
            return held;
        var scheme = await db.VoucherSchemes.AsNoTracking().SingleOrDefaultAsync(s => s.Code == code, ct);
        if (scheme is null)
        {
            _byCode.TryRemove(code, out _);
            return null;
        }
        var courses = await ApplicationRules.CoursesAsync(db.VoucherCourses.Where(c => c.Provider.SchemeId == scheme.Id), ct);
        var municipalities = await ApplicationRules.KnownMunicipalitiesAsync(db, null, ct);
        var snapshot = new Snapshot(scheme, courses.ToDictionary(c => c.Id), municipalities, now);
        _byCode[code] = snapshot;
        return snapshot;
    }
}
