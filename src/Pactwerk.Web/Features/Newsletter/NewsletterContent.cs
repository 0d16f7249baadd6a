using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Agenda;
using Pactwerk.Web.Features.Knowledge;

namespace Pactwerk.Web.Features.Newsletter;

/// <summary>One item as the newsletter shows it: public content only, resolved from its reference.</summary>
public sealed record NewsletterEntry(NewsletterItemKind Kind, int Id, string Title, string Meta, string Summary, string? Path);

/// <summary>
/// What may go into a pact's newsletter, and how an edition looks. Only public content qualifies:
/// published practices and actions of the pact, its public events, and the monitor's releases.
/// Learning-network cases have no kind at all; internal meetings and unpublished practices are
/// never found by <see cref="ResolveAsync"/>, whatever id a request names.
/// </summary>
public static class NewsletterContent
{
    private static readonly CultureInfo Dutch = new("nl-NL");

    /// <summary>Recent public content of the pact to pick from, newest first per kind.</summary>
    public static async Task<List<NewsletterEntry>> CandidatesAsync(PactwerkDb db, int pactId, DateTime now, CancellationToken ct)
    {
        var practices = await PublicPractices(db, pactId).OrderByDescending(p => p.PublishedAt).Take(20).Select(p => p.Id).ToListAsync(ct);
        var actions = await db.PactActions.Where(a => a.PactId == pactId).OrderByDescending(a => a.StartsOn).ThenByDescending(a => a.Id).Take(20).Select(a => a.Id).ToListAsync(ct);
        var events = await PublicEvents(db, pactId).Where(e => e.EndsAt >= now).OrderBy(e => e.StartsAt).Take(20).Select(e => e.Id).ToListAsync(ct);
        var releases = await db.DataReleases.Where(r => r.WithdrawnAt == null).OrderByDescending(r => r.ImportedAt).Take(10).Select(r => r.Id).ToListAsync(ct);
        var wanted = practices.Select(id => (NewsletterItemKind.Practice, id)).Concat(actions.Select(id => (NewsletterItemKind.Action, id)))
            .Concat(events.Select(id => (NewsletterItemKind.Event, id))).Concat(releases.Select(id => (NewsletterItemKind.MonitorRelease, id))).ToList();
        var resolved = await ResolveAsync(db, pactId, wanted, ct);
        return wanted.Select(w => resolved.GetValueOrDefault(w)).OfType<NewsletterEntry>().ToList();
    }

    private static IQueryable<Practice> PublicPractices(PactwerkDb db, int pactId) =>
        db.Set<Practice>().Where(p => p.PactId == pactId && p.Status == PracticeStatus.Published);

    private static IQueryable<Event> PublicEvents(PactwerkDb db, int pactId) => db.Events.Where(e => e.PactId == pactId && e.IsPublic);

    /// <summary>
    /// The public entries among the references; a reference that is missing, not public, or of
    /// another pact is simply absent from the answer (the caller refuses it).
    /// </summary>
    public static async Task<Dictionary<(NewsletterItemKind, int), NewsletterEntry>> ResolveAsync(PactwerkDb db, int pactId,
        IReadOnlyCollection<(NewsletterItemKind Kind, int Id)> references, CancellationToken ct)
    {
        List<int> Ids(NewsletterItemKind kind) => references.Where(r => r.Kind == kind).Select(r => r.Id).Distinct().ToList();
        var found = new Dictionary<(NewsletterItemKind, int), NewsletterEntry>();

        var practiceIds = Ids(NewsletterItemKind.Practice);
        foreach (var p in await PublicPractices(db, pactId).Where(p => practiceIds.Contains(p.Id))
                     .Select(p => new { p.Id, p.Title, p.Summary, p.PublishedAt }).ToListAsync(ct))
            found[(NewsletterItemKind.Practice, p.Id)] = new(NewsletterItemKind.Practice, p.Id, p.Title,
                "Goede praktijk" + (p.PublishedAt is { } at ? ", gepubliceerd " + at.ToString("d MMMM yyyy", Dutch) : ""), p.Summary, $"/praktijken/{p.Id}");

        var actionIds = Ids(NewsletterItemKind.Action);
        foreach (var a in await db.PactActions.Where(a => a.PactId == pactId && actionIds.Contains(a.Id))
                     .Select(a => new { a.Id, a.Title, a.Summary, a.StartsOn, a.EndsOn }).ToListAsync(ct))
            found[(NewsletterItemKind.Action, a.Id)] = new(NewsletterItemKind.Action, a.Id, a.Title,
                "Initiatief" + Period(a.StartsOn, a.EndsOn), a.Summary, $"/initiatieven/{a.Id}");

        var eventIds = Ids(NewsletterItemKind.Event);
        foreach (var e in await PublicEvents(db, pactId).Where(e => eventIds.Contains(e.Id))
                     .Select(e => new { e.Id, e.Title, e.StartsAt, e.Place, e.Programme }).ToListAsync(ct))
            found[(NewsletterItemKind.Event, e.Id)] = new(NewsletterItemKind.Event, e.Id, e.Title,
                "Evenement, " + EventTimes.ToLocal(e.StartsAt).ToString("dddd d MMMM yyyy, HH:mm", Dutch) + (e.Place is { Length: > 0 } place ? ", " + place : ""),
                Shorten(e.Programme ?? "", 400), $"/evenementen/{e.Id}");

        var releaseIds = Ids(NewsletterItemKind.MonitorRelease);
        // A withdrawn release's figures are no longer on the monitor: not offered, not sent.
        foreach (var r in await db.DataReleases.Where(r => r.WithdrawnAt == null && releaseIds.Contains(r.Id))
                     .Select(r => new { r.Id, Source = r.DataSource.Name, r.Dataset, r.Periods, r.ObservationsWritten, r.PublishedOn, r.ImportedAt }).ToListAsync(ct))
            found[(NewsletterItemKind.MonitorRelease, r.Id)] = new(NewsletterItemKind.MonitorRelease, r.Id, $"Nieuwe cijfers in de monitor: {r.Source}",
                "Monitor, " + (r.PublishedOn is { } on ? "gepubliceerd " + on.ToString("d MMMM yyyy", Dutch) : "ingelezen " + r.ImportedAt.ToString("d MMMM yyyy", Dutch)),
                $"{r.ObservationsWritten.ToString("N0", Dutch)} waarden over {r.Periods} ({r.Dataset}).", null);
        return found;
    }

    private static string Period(DateOnly? from, DateOnly? to) => (from, to) switch
    {
        ({ } f, { } t) => $", {f.Year}–{t.Year}",
        ({ } f, null) => $", sinds {f.Year}",
        _ => "",
    };

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..max].TrimEnd() + " …";

    /// <summary>The body of an edition as safe HTML (no per-recipient footer); links are absolute on <paramref name="site"/>.</summary>
    public static string Html(string introduction, IEnumerable<NewsletterEntry> entries, string site)
    {
        var html = new StringBuilder();
        var intro = PracticeText.ToSafeHtml(introduction);
        if (intro.Length > 0)
            html.Append("<div class=\"newsletter-intro\">").Append(intro).Append("</div>\n");
        foreach (var e in entries)
        {
            html.Append("<article class=\"newsletter-item\">\n<h2>");
            var title = WebUtility.HtmlEncode(e.Title);
            html.Append(e.Path is null ? title : $"<a href=\"{WebUtility.HtmlEncode(site + e.Path)}\">{title}</a>");
            html.Append("</h2>\n<p class=\"newsletter-meta\">").Append(WebUtility.HtmlEncode(e.Meta)).Append("</p>\n");
            if (e.Summary.Length > 0)
                html.Append("<p>").Append(WebUtility.HtmlEncode(e.Summary).ReplaceLineEndings("<br>")).Append("</p>\n");
            html.Append("</article>\n");
        }
        return html.ToString();
    }

    /// <summary>The same body as plain text, for the text/plain part.</summary>
    public static string Text(string title, string introduction, IEnumerable<NewsletterEntry> entries, string site)
    {
        var text = new StringBuilder();
        text.Append(title).Append('\n').Append(new string('=', Math.Min(title.Length, 72))).Append("\n\n");
        var intro = PracticeText.ToPlainText(introduction);
        if (intro.Length > 0)
            text.Append(intro).Append("\n\n");
        foreach (var e in entries)
        {
            text.Append(e.Title).Append('\n').Append(new string('-', Math.Min(e.Title.Length, 72))).Append('\n').Append(e.Meta).Append('\n');
            if (e.Summary.Length > 0)
                text.Append(e.Summary).Append('\n');
            if (e.Path is not null)
                text.Append(site).Append(e.Path).Append('\n');
            text.Append('\n');
        }
        return text.ToString();
    }
}
