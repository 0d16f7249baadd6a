using System.Globalization;

namespace Pactwerk.Web.Features.LearningPlaces;

/// <summary>How the learning places' pages write kinds and days; the kinds' Dutch names are the keys of their English ones.</summary>
public static class LearningPlacePageText
{
    public static readonly LearningPlaceKind[] Kinds = Enum.GetValues<LearningPlaceKind>();

    public static string Kind(LearningPlaceKind kind) => kind switch
    {
        LearningPlaceKind.BolPlacement => "BOL-stage",
        LearningPlaceKind.BblWorkplace => "BBL-werkplek",
        LearningPlaceKind.WorkBasedPlace => "Werkleerplek",
        _ => "Vakantieplek",
    };

    /// <summary>A day as the reader's language writes it: 1 jul 2027 / 1 Jul 2027.</summary>
    public static string Day(DateOnly day) => day.ToString("d MMM yyyy", CultureInfo.CurrentCulture);

    /// <summary>A day as a date field takes it (and the editor reads it).</summary>
    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// Free seats per place today: its seats less the learners placed on it today, or null when no period of the place
    /// covers today (it is not on offer now, so it has no free seats to speak of).
    /// </summary>
    public static async Task<Dictionary<int, int?>> FreeTodayAsync(Data.PactwerkDb db, IReadOnlyCollection<LearningPlaceDto> places, DateOnly today, CancellationToken ct)
    {
        var ids = places.Select(p => p.Id).ToList();
        var placed = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.Set<Placement>().Where(p => ids.Contains(p.LearningPlaceId) && p.From <= today && p.To >= today).Select(p => p.LearningPlaceId), ct);
        return places.ToDictionary(p => p.Id, p => p.Periods.Any(x => x.From <= today && today <= x.To)
            ? Math.Max(0, p.Seats - placed.Count(id => id == p.Id)) : (int?)null);
    }
}
