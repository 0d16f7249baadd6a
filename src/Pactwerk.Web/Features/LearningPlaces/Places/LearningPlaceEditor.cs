using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.LearningPlaces;

public sealed record PeriodInput(string? From, string? To);

/// <summary>
/// A place as its organisation describes it. Municipality: a CBS code or a name. Supervisors: the ids of the organisation's
/// supervisors; left out (null) on a change, the links stay as they are.
/// </summary>
public sealed record LearningPlaceInput(int? OrganisationId, string? Title, string? Kind, string? Sector, string? Municipality, int? Seats,
    string? SbbNumber, string? Description, List<PeriodInput>? Periods, List<int>? Supervisors = null, int? Version = null);

public abstract record PlaceEditOutcome
{
    public sealed record Saved(LearningPlace Place) : PlaceEditOutcome;
    public sealed record NotFound : PlaceEditOutcome;
    public sealed record Forbidden(string Message) : PlaceEditOutcome;
    public sealed record Invalid(Dictionary<string, string[]> Errors) : PlaceEditOutcome;
    public sealed record Stale : PlaceEditOutcome;
}

/// <summary>
/// Adds and changes learning places for their organisation. Every field is checked before anything is written, and every
/// problem is named at its field; periods and supervisors are replaced only when they differ, so an unchanged save writes
/// nothing (no new version, no audit line).
/// </summary>
public sealed class LearningPlaceEditor(PactwerkDb db, AccessScopeProvider scopes)
{
    /// <summary>The longest period a place is offered in one go: two years, as long as a BBL programme's workplace.</summary>
    private const int MaxPeriodDays = 2 * 366;

    public async Task<PlaceEditOutcome> SaveAsync(int? placeId, LearningPlaceInput input, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        LearningPlace? place = null;
        if (placeId is { } id)
        {
            place = await db.Set<LearningPlace>().Include(p => p.Periods).Include(p => p.Supervisors).SingleOrDefaultAsync(p => p.Id == id, ct);
            if (place is null)
                return new PlaceEditOutcome.NotFound();
            if (!LearningPlaceAccess.ActsFor(scope, place.OrganisationId, forChange: true))
                return new PlaceEditOutcome.Forbidden(LearningPlaceMessages.NotStaff);
            if (input.Version is { } version && version != place.Version)
                return new PlaceEditOutcome.Stale();
        }
        var mine = LearningPlaceAccess.OrganisationsOf(scope);
        var organisationId = place?.OrganisationId ?? input.OrganisationId ?? (mine.Count == 1 ? mine[0] : null);
        if (organisationId is null)
            return new PlaceEditOutcome.Invalid(new() { ["organisationId"] = [LearningPlaceMessages.OrganisationMissing] });
        if (!await db.Organisations.AnyAsync(o => o.Id == organisationId, ct))
            return new PlaceEditOutcome.Invalid(new() { ["organisationId"] = [LearningPlaceMessages.Format(LearningPlaceMessages.NoOrganisation, organisationId)] });
        if (!LearningPlaceAccess.ActsFor(scope, organisationId.Value, forChange: true))
            return new PlaceEditOutcome.Forbidden(LearningPlaceMessages.NotStaff);

        var errors = new Dictionary<string, string[]>();
        var title = input.Title?.Trim() ?? "";
        if (title.Length is 0 or > 200)
            errors["title"] = [LearningPlaceMessages.TitleMissing];
        LearningPlaceKind kind = default;
        if (!Enum.TryParse(input.Kind, ignoreCase: true, out kind) || !Enum.IsDefined(kind) || int.TryParse(input.Kind, out _))
            errors["kind"] = [LearningPlaceMessages.KindUnknown];
        var sector = input.Sector?.Trim().ToLowerInvariant() ?? "";
        if (!Network.Sectors.All.Contains(sector))
            errors["sector"] = [LearningPlaceMessages.SectorUnknown];
        if (input.Seats is not (>= 1 and <= 100))
            errors["seats"] = [LearningPlaceMessages.SeatsInvalid];
        var sbb = string.IsNullOrWhiteSpace(input.SbbNumber) ? null : input.SbbNumber.Trim();
        if (sbb is not null && (sbb.Length is < 6 or > 9 || !sbb.All(char.IsAsciiDigit)))
            errors["sbbNumber"] = [LearningPlaceMessages.SbbInvalid];
        else if (sbb is null && kind is LearningPlaceKind.BolPlacement or LearningPlaceKind.BblWorkplace && !errors.ContainsKey("kind"))
            errors["sbbNumber"] = [LearningPlaceMessages.SbbMissing];
        var description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim();
        if (description?.Length > 2000)
            errors["description"] = [LearningPlaceMessages.DescriptionTooLong];
        var municipalityId = await MunicipalityAsync(input.Municipality, errors, ct);

        var periods = new List<(DateOnly From, DateOnly To)>();
        foreach (var (p, i) in (input.Periods ?? []).Select((p, i) => (p, i + 1)))
        {
            if (!TryParseTypedDay(p.From, out var from) || !TryParseTypedDay(p.To, out var to) || to < from || to.DayNumber - from.DayNumber > MaxPeriodDays)
                errors["periods"] = [LearningPlaceMessages.Format(LearningPlaceMessages.PeriodInvalid, i)];
            else
                periods.Add((from, to));
        }
        if (periods.Count == 0 && !errors.ContainsKey("periods"))
            errors["periods"] = [LearningPlaceMessages.PeriodsMissing];

        List<int>? supervisors = input.Supervisors?.Distinct().Order().ToList();
        if (supervisors is not null || place is null)
        {
            supervisors ??= [];
            var known = await db.Set<Supervisor>().Where(s => s.OrganisationId == organisationId && supervisors.Contains(s.Id)).Select(s => s.Id).ToListAsync(ct);
            var unknown = supervisors.Except(known).ToList();
            if (unknown.Count > 0)
                errors["supervisors"] = [LearningPlaceMessages.Format(LearningPlaceMessages.NoSupervisor, unknown[0])];
            else if (supervisors.Count == 0)
                errors["supervisors"] = [LearningPlaceMessages.SupervisorsMissing];
        }
        if (errors.Count > 0)
            return new PlaceEditOutcome.Invalid(errors);

        if (place is null)
        {
            place = new LearningPlace { OrganisationId = organisationId.Value, Title = title, Sector = sector };
            db.Add(place);
        }
        place.Title = title;
        place.Kind = kind;
        place.Sector = sector;
        place.MunicipalityId = municipalityId!.Value;
        place.Seats = input.Seats!.Value;
        place.SbbNumber = sbb;
        place.Description = description;
        // Replaced only when different, so an unchanged save leaves the rows (and the audit trail) alone.
        var sorted = periods.Distinct().Order().ToList();
        var childrenChanged = false;
        if (!place.Periods.OrderBy(p => p.From).ThenBy(p => p.To).Select(p => (p.From, p.To)).SequenceEqual(sorted))
        {
            db.RemoveRange(place.Periods);
            place.Periods = sorted.Select(p => new LearningPlacePeriod { From = p.From, To = p.To }).ToList();
            childrenChanged = true;
        }
        if (supervisors is not null && !place.Supervisors.Select(s => s.SupervisorId).Order().SequenceEqual(supervisors))
        {
            db.RemoveRange(place.Supervisors);
            place.Supervisors = supervisors.Select(s => new LearningPlaceSupervisor { SupervisorId = s }).ToList();
            childrenChanged = true;
        }
        // New periods or supervisors change the place as a whole: its version goes up, so a change made on the old ones is stale.
        if (childrenChanged && db.Entry(place).State == EntityState.Unchanged)
            db.Entry(place).Property(p => p.Version).IsModified = true;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new PlaceEditOutcome.Stale();
        }
        return new PlaceEditOutcome.Saved(place);
    }

    /// <summary>The municipality typed as a CBS code or a name, checked against the reference data's municipalities.</summary>
    private async Task<int?> MunicipalityAsync(string? typed, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            errors["municipality"] = [LearningPlaceMessages.MunicipalityMissing];
            return null;
        }
        var text = typed.Trim();
        var shown = text.Length > 40 ? text[..40] : text;
        if (text.Length > 100)
        {
            errors["municipality"] = [LearningPlaceMessages.Format(LearningPlaceMessages.MunicipalityUnknown, shown)];
            return null;
        }
        switch (await Regions.MunicipalityResolver.ResolveAsync(db, text, ct))
        {
            case Regions.MunicipalityMatch.Found found:
                return await db.Regions.Where(r => r.Code == found.Code && r.RegionSet.Kind == Regions.RegionSetKind.Municipalities).Select(r => (int?)r.Id).FirstOrDefaultAsync(ct);
            case Regions.MunicipalityMatch.Ambiguous ambiguous:
                errors["municipality"] = [LearningPlaceMessages.Format(LearningPlaceMessages.MunicipalityAmbiguous, shown, ambiguous.Candidates)];
                return null;
            default:
                errors["municipality"] = [LearningPlaceMessages.Format(LearningPlaceMessages.MunicipalityUnknown, shown)];
                return null;
        }
    }

    /// <summary>A day in ISO form (2027-07-06), as the API and a browser's date field send it.</summary>
    public static bool TryParseDay(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    /// <summary>
    /// A day as people type it where a browser shows the date field as plain text: ISO, or day-month-year the Dutch way
    /// (6-7-2027, 06-07-2027). Never month-day: 6-7 is 6 July, as every Dutch reader means it. Two-digit years are refused
    /// rather than guessed.
    /// </summary>
    public static bool TryParseTypedDay(string? text, out DateOnly day) =>
        TryParseDay(text, out day)
        || DateOnly.TryParseExact(text?.Trim(), ["d-M-yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
}
