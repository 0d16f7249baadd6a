using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Monitor;

namespace Pactwerk.Web.Features.WorkshopDays;

/// <summary>One group of an event's classes: the school's municipality and the year of the class's day, with the classes and pupils the published schedule placed and those checked in at the door.</summary>
public sealed record WorkshopDayFeedCount(string Municipality, int Year, int ClassesPlaced, int PupilsPlaced, int ClassesPresent, int PupilsPresent);

/// <summary>
/// An event's attendance in the monitor, as a confidential source of its own (<see cref="MonitorFeeds"/>): pupils placed by
/// the published schedule, and classes and pupils checked in at the door, per municipality of the school and calendar
/// year of the day. Pupils are people and a school's class is a handful of them, so the small-cell rule applies: a
/// municipality that sent one small class shows no figure to readers without the right. Codes carry the event's id, not
/// its slug, so that renaming the event keeps its series; before publication nothing is counted (the schedule is a draft).
/// Classes of registrations made before the municipality code was asked are counted nowhere.
/// </summary>
public sealed class WorkshopDayMonitorFeed(PactwerkDb db, MonitorFeeds feeds)
{
    /// <summary>The one breakdown value: the feed counts no sector, the dimension is there because every fed element has one.</summary>
    public const string AllClasses = "alle";

    public static string SourceCode(int eventId) => $"workshopdagen-{eventId}";
    public static string PlacedElement(int eventId) => $"workshopdagen-{eventId}-leerlingen-ingedeeld";
    public static string PupilsPresentElement(int eventId) => $"workshopdagen-{eventId}-leerlingen-aanwezig";
    public static string ClassesPresentElement(int eventId) => $"workshopdagen-{eventId}-klassen-aanwezig";

    /// <summary>The counts, from the published schedule and the check-ins, in one pass over the event's placed classes.</summary>
    public async Task<IReadOnlyList<WorkshopDayFeedCount>> CountAsync(int eventId, CancellationToken ct)
    {
        if (!await db.WorkshopDayEvents.AnyAsync(e => e.Id == eventId && e.PublishedAt != null, ct))
            return [];
        var placed = await db.SchoolClasses.AsNoTracking()
            .Where(c => c.CancelledAt == null && db.ClassAssignments.Any(a => a.ClassId == c.Id))
            .Join(db.SchoolRegistrations.Where(r => r.EventId == eventId && r.MunicipalityCode != null), c => c.RegistrationId, r => r.Id, (c, r) => new { c.Id, c.Pupils, c.DayId, r.MunicipalityCode })
            .Join(db.EventDays, x => x.DayId, d => d.Id, (x, d) => new { x.Id, x.Pupils, x.MunicipalityCode, d.Date })
            .GroupJoin(db.ClassCheckIns, x => x.Id, i => i.ClassId, (x, i) => new { x, i })
            .SelectMany(g => g.i.DefaultIfEmpty(), (g, i) => new { g.x.Pupils, g.x.MunicipalityCode, g.x.Date, Present = i == null ? (int?)null : i.Present })
            .ToListAsync(ct);
        return placed.GroupBy(p => (p.MunicipalityCode!, p.Date.Year)).OrderBy(g => g.Key.Item1, StringComparer.Ordinal).ThenBy(g => g.Key.Year)
            .Select(g => new WorkshopDayFeedCount(g.Key.Item1, g.Key.Year, g.Count(), g.Sum(p => p.Pupils), g.Count(p => p.Present is not null), g.Sum(p => p.Present ?? 0)))
            .ToList();
    }

    /// <summary>Replaces the event's figures in the monitor with the counts of now; unchanged counts write nothing.</summary>
    public async Task<(FeedOutcome Outcome, IReadOnlyList<WorkshopDayFeedCount> Counts)> RefreshAsync(WorkshopDayEvent e, CancellationToken ct)
    {
        var counts = await CountAsync(e.Id, ct);
        FeedElement Element(string code, string what, string whatEn, string rule, string ruleEn) => new(code,
            Trim($"{e.Name}: {what}"), Trim($"{e.Name}: {whatEn}"), what.StartsWith("klassen", StringComparison.Ordinal) ? "klassen" : "leerlingen",
            $"Aantal {rule} van de workshopdagen {e.Name}, per gemeente van de school en kalenderjaar.",
            $"Number of {ruleEn} of the workshop days {e.Name}, per municipality of the school and calendar year.");
        FeedElement[] elements =
        [
            Element(PlacedElement(e.Id), "leerlingen ingedeeld", "pupils placed", "leerlingen in de klassen die het gepubliceerde rooster indeelt", "pupils in the classes the published schedule places"),
            Element(PupilsPresentElement(e.Id), "leerlingen aanwezig", "pupils present", "leerlingen die bij de deur aanwezig gemeld zijn", "pupils recorded as present at the door"),
            Element(ClassesPresentElement(e.Id), "klassen aanwezig", "classes present", "klassen die bij de deur aangemeld zijn", "classes checked in at the door"),
        ];
        var cells = counts.SelectMany(c => new[]
        {
            new FeedCell(elements[0].Code, c.Municipality, c.Year, AllClasses, c.PupilsPlaced),
            new FeedCell(elements[1].Code, c.Municipality, c.Year, AllClasses, c.PupilsPresent),
            new FeedCell(elements[2].Code, c.Municipality, c.Year, AllClasses, c.ClassesPresent),
        }).ToList();
        return (await feeds.ReplaceAsync(new FeedSource(SourceCode(e.Id), Trim($"Workshopdagen {e.Name}"), SourceCode(e.Id)), elements, cells, ct), counts);
    }

    private static string Trim(string text) => text.Length > 200 ? text[..199] + "…" : text;
}
