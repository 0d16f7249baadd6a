using System.Net;
using MimeKit;

namespace Pactwerk.Web.Features.Newsletter;

/// <summary>One edition's mail to one subscriber: an HTML and a plain-text part, each with its own unsubscribe link.</summary>
public static class NewsletterMail
{
    public static MimeMessage Build(string from, NewsletterSubscriber subscriber, string messageId, string title, string html, string text,
        string pactCode, string pactName, string site)
    {
        var token = Uri.EscapeDataString(NewsletterSubscriptions.UnsubscribeToken(subscriber));
        var page = $"{site}/nieuwsbrief/afmelden?token={token}";
        var oneClick = $"{site}/api/v1/newsletter/unsubscribe?token={token}";
        var message = new MimeMessage { Subject = title, MessageId = messageId, Date = DateTimeOffset.UtcNow };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(subscriber.Email));
        // RFC 2369 and RFC 8058: the mail program offers "unsubscribe", and one POST to this address does it.
        message.Headers.Add("List-Unsubscribe", $"<{oneClick}>");
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        message.Headers.Add("List-Id", $"Nieuwsbrief {pactName} <{pactCode}.nieuwsbrief.pactwerk>");
        message.Body = new BodyBuilder
        {
            TextBody = text + $"\n--\nJe ontvangt deze nieuwsbrief omdat je je hebt aangemeld op {site}/pact/{pactCode}/nieuwsbrief.\nAfmelden: {page}\n",
            HtmlBody = Document(title, html, pactName, page, site, pactCode),
        }.ToMessageBody();
        return message;
    }

    /// <summary>The mail's HTML document: the sent body in a plain page with styles in the head (no scripts, nothing remote).</summary>
    public static string Document(string title, string body, string pactName, string? unsubscribe, string site, string pactCode)
    {
        var e = (string s) => WebUtility.HtmlEncode(s);
        var footer = unsubscribe is null ? "" :
            $"<p class=\"footer\">Je ontvangt deze nieuwsbrief omdat je je hebt aangemeld op <a href=\"{e($"{site}/pact/{pactCode}/nieuwsbrief")}\">{e(site)}</a>. " +
            $"<a href=\"{e(unsubscribe)}\">Afmelden</a></p>";
        return "<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\"><title>" + e(title) + "</title>" +
               "<style>body{font-family:Arial,sans-serif;max-width:40em;margin:1em auto;color:#1a1a1a;line-height:1.5}" +
               "a{color:#0b4f8a}.newsletter-meta{color:#555;font-size:.9em}.footer{border-top:1px solid #ccc;margin-top:2em;padding-top:1em;font-size:.85em;color:#555}</style>" +
               $"</head><body><p>Nieuwsbrief {e(pactName)}</p><h1>{e(title)}</h1>\n{body}{footer}</body></html>";
    }
}
