using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.Matching.Scoring;

namespace Pactwerk.Web.Features.Matching;

/// <summary>
/// A vacancy as its organisation describes it. Municipality: a CBS code or a name. OpenUntil: the last day, as
/// <c>yyyy-mm-dd</c> or day-month-year. Requirements: what it asks, in the shape a learning place asks it.
/// </summary>
public sealed record VacancyInput(int? OrganisationId, string? Title, string? Sector, string? Municipality, decimal? HoursPerWeek, string? OpenUntil,
    List<RequirementInput>? Requirements, int? Version = null);

public abstract record VacancyOutcome
{
    public sealed record Saved(Vacancy Vacancy) : VacancyOutcome;
    public sealed record NotFound(string Message) : VacancyOutcome;
    public sealed record Forbidden(string Message) : VacancyOutcome;
    public sealed record Invalid(Dictionary<string, string[]> Errors) : VacancyOutcome;
    public sealed record Stale : VacancyOutcome;
}

/// <summary>
/// Publishes and changes vacancies for their organisation, for the API and the pages alike. Every field is checked before
/// anything is written and each problem is named at its field; requirements follow <see cref="RequirementSet"/>'s rules, as
/// a place's do. An unchanged save writes nothing (no new version, no audit line). The index follows at once.
/// </summary>
public sealed class VacancyEditor(PactwerkDb db, AccessScopeProvider scopes, CandidateIndex index, TimeProvider clock)
{
    public const decimal MaxHours = 40m;

    public async Task<VacancyOutcome> SaveAsync(int? vacancyId, VacancyInput input, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        Vacancy? vacancy = null;
        if (vacancyId is { } id)
        {
            vacancy = await db.Set<Vacancy>().Include(v => v.Requirements).SingleOrDefaultAsync(v => v.Id == id, ct);
            if (vacancy is null)
                return new VacancyOutcome.NotFound(MatchingMessages.Format(MatchingMessages.NoVacancy, id));
            if (!MatchingAccess.PublishesVacanciesFor(scope, vacancy.OrganisationId))
                return new VacancyOutcome.Forbidden(MatchingMessages.NotVacancyStaff);
            if (input.Version is { } version && version != vacancy.Version)
                return new VacancyOutcome.Stale();
        }
        var mine = LearningPlaces.LearningPlaceAccess.OrganisationsOf(scope);
        var organisationId = vacancy?.OrganisationId ?? input.OrganisationId ?? (mine.Count == 1 ? mine[0] : null);
        if (organisationId is null)
            return new VacancyOutcome.Invalid(new() { ["organisationId"] = [MatchingMessages.VacancyOrganisationMissing] });
        if (!await db.Organisations.AnyAsync(o => o.Id == organisationId, ct))
            return new VacancyOutcome.Invalid(new() { ["organisationId"] = [MatchingMessages.Format(MatchingMessages.VacancyNoOrganisation, organisationId)] });
        if (!MatchingAccess.PublishesVacanciesFor(scope, organisationId.Value))
            return new VacancyOutcome.Forbidden(MatchingMessages.NotVacancyStaff);

        var errors = new Dictionary<string, string[]>();
        var title = input.Title?.Trim() ?? "";
        if (title.Length is 0 or > 200)
            errors["title"] = [MatchingMessages.VacancyTitleMissing];
        var sector = input.Sector?.Trim().ToLowerInvariant() ?? "";
        if (!Network.Sectors.IsKnown(sector))
            errors["sector"] = [MatchingMessages.VacancySectorUnknown];
        if (input.HoursPerWeek is not { } hours || hours <= 0 || hours > MaxHours || decimal.Round(hours, 2) != hours)
            errors["hoursPerWeek"] = [MatchingMessages.HoursInvalid];
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (!LearningPlaces.LearningPlaceEditor.TryParseTypedDay(input.OpenUntil, out var openUntil) || openUntil < today)
            errors["openUntil"] = [MatchingMessages.OpenUntilInvalid];
        var municipalityId = await MunicipalityAsync(input.Municipality, errors, ct);
        var requirements = input.Requirements ?? [];
        if (requirements.Count == 0)
            errors["requirements"] = [MatchingMessages.RequirementsMissing];
        else if (await RequirementSet.CheckAsync(db, requirements, ct) is { Count: > 0 } problems)
            errors["requirements"] = [.. problems];
        if (errors.Count > 0)
            return new VacancyOutcome.Invalid(errors);

        if (vacancy is null)
        {
            vacancy = new Vacancy { OrganisationId = organisationId.Value, Title = title, Sector = sector };
            db.Add(vacancy);
        }
        vacancy.Title = title;
        vacancy.Sector = sector;
        vacancy.MunicipalityId = municipalityId!.Value;
        vacancy.HoursPerWeek = input.HoursPerWeek!.Value;
        vacancy.OpenUntil = openUntil;
        var held = vacancy;
        // A new row hangs on the vacancy itself, which a new vacancy needs (it has no id yet).
        var requirementsChanged = RequirementSet.Apply(db, [.. vacancy.Requirements], requirements, () =>
        {
            var row = new VacancyRequirement();
            held.Requirements.Add(row);
            return row;
        });
        // Changed requirements change the vacancy as a whole: its version goes up, so a change made on the old ones is stale.
        if (requirementsChanged && db.Entry(vacancy).State == EntityState.Unchanged)
            db.Entry(vacancy).Property(v => v.Version).IsModified = true;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new VacancyOutcome.Stale();
        }
        await index.RefreshOpeningAsync(db, Opening.Vacancy(vacancy.Id), ct);
        return new VacancyOutcome.Saved(vacancy);
    }

    /// <summary>The municipality typed as a CBS code or a name, checked against the reference data's municipalities.</summary>
    private async Task<int?> MunicipalityAsync(string? typed, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            errors["municipality"] = [MatchingMessages.VacancyMunicipalityMissing];
            return null;
        }
        var text = typed.Trim();
        if (text.Length <= 100 && await Regions.MunicipalityResolver.ResolveAsync(db, text, ct) is Regions.MunicipalityMatch.Found found
            && await db.Regions.Where(r => r.Code == found.Code && r.RegionSet.Kind == Regions.RegionSetKind.Municipalities).Select(r => (int?)r.Id).FirstOrDefaultAsync(ct) is { } id)
            return id;
        errors["municipality"] = [MatchingMessages.Format(MatchingMessages.VacancyMunicipalityUnknown, text.Length > 40 ? text[..40] : text)];
        return null;
    }
}
