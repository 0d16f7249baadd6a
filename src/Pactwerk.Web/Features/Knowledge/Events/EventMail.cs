using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.Newsletter;

namespace Pactwerk.Web.Features.Knowledge;

/// <summary>
/// The mails to a registrant: the confirmation (with the event as an .ics attachment and the
/// cancellation link), the waiting-list notice, and the mail that a place came free for them.
/// Each is in the language the registrant signed up in (<see cref="EventRegistration.Language"/>),
/// also when it is sent later on someone else's request (a place freed by a cancellation).
/// Sent through the app's one mail path (<see cref="IEmailSender"/>). A mail that cannot be sent
/// does not undo the registration: it is logged, and the page tells the registrant where they stand.
/// </summary>
public sealed class EventMail(PactwerkDb db, IEmailSender sender, NewsletterLinks links, TimeProvider clock, ILogger<EventMail> logger,
    Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> localiser)
{
    /// <summary>"en" for a visitor who chose English, "nl" for anyone else (Dutch is the site's language).</summary>
    public static string LanguageOf(CultureInfo culture) => culture.TwoLetterISOLanguageName == "en" ? "en" : "nl";

    /// <summary>The culture a mail in this language is written in: its dates as well as its words.</summary>
    private static CultureInfo CultureOf(string language) => CultureInfo.GetCultureInfo(language == "en" ? "en-GB" : "nl-NL");

    /// <summary>A text of the resources in the registrant's language, whatever language the current request has.</summary>
    private string Text(string language, string key, params object[] arguments)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureOf(language);
        try
        {
            return localiser[key, arguments].Value;
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    public async Task SendRegisteredAsync(EventRegistration registration, string cancelToken, CancellationToken ct)
    {
        var e = await db.Events.AsNoTracking().SingleAsync(x => x.Id == registration.EventId, ct);
        var site = links.Site();
        var cancel = $"{site}/evenementen/afmelden?token={Uri.EscapeDataString(cancelToken)}";
        var language = registration.Language;
        if (registration.IsWaiting)
        {
            var position = await WaitingPositionAsync(registration, ct);
            await SendAsync(registration, Text(language, "Wachtlijst: {0}", e.Title),
                [Text(language, "Beste {0},", registration.Name),
                 Text(language, "{0} is vol. Je staat op de wachtlijst, als nummer {1}. Komt er een plaats vrij, dan krijg je die vanzelf en hoor je het per mail.", e.Title, position),
                 When(e, language)], cancel, null, ct);
            return;
        }
        await SendAsync(registration, Text(language, "Aangemeld: {0}", e.Title),
            [Text(language, "Beste {0},", registration.Name), Text(language, "Je bent aangemeld voor {0}. In de bijlage staat het evenement voor je agenda.", e.Title), When(e, language)],
            cancel, Calendar(e, site), ct);
    }

    /// <summary>To who moved up from the waiting list. Their link from the first mail still cancels.</summary>
    public async Task SendPlaceAsync(EventRegistration registration, CancellationToken ct)
    {
        var e = await db.Events.AsNoTracking().SingleAsync(x => x.Id == registration.EventId, ct);
        var site = links.Site();
        var language = registration.Language;
        await SendAsync(registration, Text(language, "Er is een plaats voor je: {0}", e.Title),
            [Text(language, "Beste {0},", registration.Name),
             Text(language, "Er is een plaats vrijgekomen bij {0}, en die is voor jou: je bent nu aangemeld. In de bijlage staat het evenement voor je agenda.", e.Title),
             When(e, language), Text(language, "Kun je toch niet? Gebruik de afmeldlink uit de mail over de wachtlijst, dan gaat je plaats naar de volgende.")],
            null, Calendar(e, site), ct);
    }

    /// <summary>One event as an iCalendar file, with the same UID as in the pact's calendar feed so a calendar keeps it once.</summary>
    public string Calendar(Event e, string site) =>
        CalendarFeed.Write($"Pactwerk – {e.Title}", [new CalendarFeed.Item(e.Id, e.Title, e.StartsAt, e.EndsAt, e.Place, e.Programme, $"{site}/evenementen/{e.Id}", e.Version)],
            clock.GetUtcNow().UtcDateTime);

    private async Task<int> WaitingPositionAsync(EventRegistration r, CancellationToken ct) =>
        await db.EventRegistrations.CountAsync(x => x.EventId == r.EventId && x.PlaceNumber == null
            && (x.RegisteredAt < r.RegisteredAt || (x.RegisteredAt == r.RegisteredAt && x.Id <= r.Id)), ct);

    private string When(Event e, string language)
    {
        var culture = CultureOf(language);
        var text = Text(language, "Wanneer: {0} – {1} (Nederlandse tijd)",
            EventTimes.ToLocal(e.StartsAt).ToString("dddd d MMMM yyyy HH:mm", culture), EventTimes.ToLocal(e.EndsAt).ToString("HH:mm", culture));
        return e.Place is null ? text : text + "\n" + Text(language, "Waar: {0}", e.Place);
    }

    private async Task SendAsync(EventRegistration to, string subject, IReadOnlyList<string> paragraphs, string? cancelLink, string? calendar, CancellationToken ct)
    {
        var text = new StringBuilder(string.Join("\n\n", paragraphs));
        var html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"").Append(to.Language).Append("\"><head><meta charset=\"utf-8\"><title>").Append(WebUtility.HtmlEncode(subject)).Append("</title></head><body>");
        foreach (var p in paragraphs)
            html.Append("<p>").Append(WebUtility.HtmlEncode(p).Replace("\n", "<br>")).Append("</p>");
        if (cancelLink is not null)
        {
            text.Append("\n\n").Append(Text(to.Language, "Kun je niet? Meld je af via {0} (je hebt daar geen account voor nodig).", cancelLink)).Append('\n');
            html.Append("<p>").Append(WebUtility.HtmlEncode(Text(to.Language, "Kun je niet?"))).Append(" <a href=\"").Append(WebUtility.HtmlEncode(cancelLink)).Append("\">")
                .Append(WebUtility.HtmlEncode(Text(to.Language, "Meld je af"))).Append("</a> ").Append(WebUtility.HtmlEncode(Text(to.Language, "(je hebt daar geen account voor nodig)."))).Append("</p>");
        }
        html.Append("</body></html>");

        var body = new BodyBuilder { TextBody = text.ToString(), HtmlBody = html.ToString() };
        if (calendar is not null)
        {
            var attachment = body.Attachments.Add(to.Language == "en" ? "event.ics" : "evenement.ics", Encoding.UTF8.GetBytes(calendar), ContentType.Parse("text/calendar; charset=utf-8; method=PUBLISH"));
            // Base64 keeps the file's CRLF line endings (RFC 5545) as written, whatever the mail path does with text.
            ((MimePart)attachment).ContentTransferEncoding = ContentEncoding.Base64;
        }
        var message = new MimeMessage { Subject = subject };
        message.To.Add(new MailboxAddress(to.Name, to.Email));
        message.Body = body.ToMessageBody();
        try
        {
            await sender.SendAsync(message);
        }
        catch (Exception failure) when (failure is IOException or MailKit.ProtocolException or MailKit.CommandException or System.Net.Sockets.SocketException or UnauthorizedAccessException)
        {
            logger.LogError(failure, "Event mail '{Subject}' to registration {Id} could not be sent", subject, to.Id);
        }
        ct.ThrowIfCancellationRequested();
    }
}
