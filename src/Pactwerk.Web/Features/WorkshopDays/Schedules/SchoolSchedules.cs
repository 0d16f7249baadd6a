using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.Knowledge;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.WorkshopDays;

/// <summary>One school's published schedule, as its printable page and its calendar show it.</summary>
/// <param name="CheckInCodes">Per class: the code it shows at the door. Only on the school's own page: the open schedule does not show them.</param>
public sealed record SchoolScheduleView(int EventId, string EventSlug, string EventName, string Venue, bool Invented, string School, IReadOnlyList<ScheduleRow> Rows,
    IReadOnlyDictionary<int, string> CheckInCodes);

/// <summary>
/// After publication every school with placed classes gets its schedule by mail, with a secret link to its printable page
/// and calendar; no account is needed. The mail goes once: a registration is claimed for mailing by one conditional
/// update (its time set only where no mail was claimed yet), so a repeated publication, a retry or a second instance
/// finds nothing left to claim; a send that fails gives the claim back, so the next round (publication, a class moving
/// up, the upkeep timer) mails it. The link's key is the registration's number protected by ASP.NET Core data protection
/// (as the confirmation links are): nothing secret is stored, and every mail a school gets — a later one after a class
/// moved up from the waiting list too — holds a link that keeps working.
/// </summary>
public sealed class SchoolSchedules(PactwerkDb db, TimeProvider clock, IEmailSender mail, IOptions<HostingOptions> hosting,
    IStringLocalizer<SharedResource> t, WorkshopAllocations allocations, CheckInCodes codes, IDataProtectionProvider protection, ILogger<SchoolSchedules> log)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Pactwerk.WorkshopDays.Schedule.v1");

    public string KeyFor(int registrationId) => _protector.ProtectId(registrationId);

    private int? RegistrationOf(string? key) => _protector.UnprotectInt32Id(key, maxLength: 400);

    public static string PageUrl(string key) => $"/workshopdagen/mijn-rooster?sleutel={Uri.EscapeDataString(key)}";
    public static string CalendarUrl(string key) => $"/workshopdagen/mijn-rooster.ics?sleutel={Uri.EscapeDataString(key)}";

    /// <summary>The day's times are Dutch wall-clock times; the calendar writes them in UTC, as the app's other calendars do.</summary>
    private const string UidDomain = "workshopdays.pactwerk";

    /// <summary>Publishes the allocation and mails the schools their schedules.</summary>
    public async Task<(Refusal? Refusal, bool Forbidden)> PublishAsync(int eventId, CancellationToken ct)
    {
        var result = await allocations.PublishAsync(eventId, ct);
        if (result is { Refusal: null, Forbidden: false })
        {
            await codes.EnsureAsync(eventId, ct);
            await MailPublishedAsync(eventId, ct);
        }
        return result;
    }

    /// <summary>Mails every school of a published event that has placed classes and was not mailed yet; returns how many were mailed here.</summary>
    public async Task<int> MailPublishedAsync(int eventId, CancellationToken ct)
    {
        var e = await db.WorkshopDayEvents.AsNoTracking().SingleOrDefaultAsync(x => x.Id == eventId && x.PublishedAt != null, ct);
        if (e is null)
            return 0;
        var rows = await allocations.ScheduleAsync(eventId, null, ct);
        var placedClasses = rows.Select(r => r.ClassId).ToHashSet();
        var waiting = await db.SchoolRegistrations.AsNoTracking()
            .Where(r => r.EventId == eventId && r.EmailConfirmedAt != null && r.ScheduleMailedAt == null)
            .Select(r => new { r.Id, r.School, r.Teacher, r.Email, Classes = r.Classes.Select(c => c.Id).ToList() })
            .ToListAsync(ct);
        var mailed = 0;
        foreach (var r in waiting.Where(r => r.Classes.Any(placedClasses.Contains)))
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var claimed = await db.SchoolRegistrations.Where(x => x.Id == r.Id && x.ScheduleMailedAt == null)
                .ExecuteUpdateAsync(x => x.SetProperty(y => y.ScheduleMailedAt, now), ct);
            if (claimed != 1)
                continue;
            var classes = r.Classes.ToHashSet();
            try
            {
                await MailAsync(e, r.School, r.Email, KeyFor(r.Id), rows.Where(x => classes.Contains(x.ClassId)).ToList());
                mailed++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The mail server refused or was away: give the claim back (only our own), so the next round sends it;
                // the other schools still get theirs now.
                log.LogWarning(ex, "Schedule mail for registration {Registration} failed; it is sent again in the next round", r.Id);
                await db.SchoolRegistrations.Where(x => x.Id == r.Id && x.ScheduleMailedAt == now)
                    .ExecuteUpdateAsync(x => x.SetProperty(y => y.ScheduleMailedAt, (DateTime?)null), CancellationToken.None);
            }
        }
        return mailed;
    }

    public async Task<SchoolScheduleView?> FindAsync(string? key, CancellationToken ct)
    {
        if (RegistrationOf(key) is not { } id)
            return null;
        var r = await db.SchoolRegistrations.AsNoTracking().Where(x => x.Id == id)
            .Select(x => new { x.EventId, x.School, Classes = x.Classes.Select(c => c.Id).ToList() }).SingleOrDefaultAsync(ct);
        if (r is null)
            return null;
        var e = await db.WorkshopDayEvents.AsNoTracking().SingleAsync(x => x.Id == r.EventId, ct);
        if (e.PublishedAt is null)
            return null;
        var classes = r.Classes.ToHashSet();
        var rows = (await allocations.ScheduleAsync(e.Id, null, ct)).Where(x => classes.Contains(x.ClassId)).ToList();
        // A class placed after publication (from the waiting list) gets its code here, the first time the page is shown.
        if (await db.SchoolClasses.AnyAsync(c => classes.Contains(c.Id) && c.CheckInCode == null && db.ClassAssignments.Any(a => a.ClassId == c.Id), ct))
            await codes.EnsureAsync(e.Id, ct);
        var checkInCodes = await db.SchoolClasses.AsNoTracking().Where(c => classes.Contains(c.Id) && c.CheckInCode != null)
            .ToDictionaryAsync(c => c.Id, c => c.CheckInCode!, ct);
        return new SchoolScheduleView(e.Id, e.Slug, e.Name, e.Venue, e.Invented, r.School, rows, checkInCodes);
    }

    /// <summary>
    /// The school's calendar: one VEVENT per workshop of a class, its UID made of the class and the workshop (a class has a
    /// workshop at most once), so a calendar that imports it again updates the events instead of doubling them.
    /// </summary>
    public string Calendar(SchoolScheduleView view, string? pageUrl) => CalendarFeed.Write($"{view.EventName} – {view.School}",
        view.Rows.Select(r => new CalendarFeed.Item(r.ClassId, $"{r.Workshop} ({r.Class})", Utc(r.Date, r.StartsAt), Utc(r.Date, r.EndsAt), view.Venue,
            t["{0}, {1}; aanbieder: {2}", view.School, r.Class, r.Provider].Value, pageUrl, 0, $"class-{r.ClassId}-workshop-{r.WorkshopId}@{UidDomain}")),
        clock.GetUtcNow().UtcDateTime);

    public static DateTime Utc(DateOnly date, TimeOnly time) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(date.ToDateTime(time), DateTimeKind.Unspecified), WorkshopDayEditor.Dutch);

    private async Task MailAsync(WorkshopDayEvent e, string school, string email, string key, IReadOnlyList<ScheduleRow> rows)
    {
        // Schools are Dutch; the coordinator's own language at publication says nothing about theirs.
        var (before, beforeUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("nl-NL");
        try
        {
            var site = hosting.Value.SiteUrl;
            var body = new StringBuilder();
            body.Append($"<p>{H(t["Het rooster van {0} voor {1} is bekend.", school, e.Name].Value)}</p><table><thead><tr><th>{H(t["Klas"].Value)}</th><th>{H(t["Dag"].Value)}</th><th>{H(t["Tijd"].Value)}</th><th>{H(t["Workshop"].Value)}</th></tr></thead><tbody>");
            foreach (var r in rows)
                body.Append($"<tr><td>{H(r.Class)}</td><td>{H(WorkshopDayFormat.Day(r.Date))}</td><td>{H(WorkshopDayFormat.Time(r.StartsAt))}–{H(WorkshopDayFormat.Time(r.EndsAt))}</td><td>{H(r.Workshop)}</td></tr>");
            body.Append("</tbody></table>");
            var page = site + PageUrl(key);
            body.Append($"<p>{H(t["Het rooster om te printen, met een agenda-bestand:"].Value)} <a href=\"{H(page)}\">{H(page)}</a></p>");
            await mail.SendEmailAsync(email, t["Rooster {0}", e.Name].Value, body.ToString());
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (before, beforeUi);
        }
    }

    private static string H(string text) => WebUtility.HtmlEncode(text);
}
