using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Pactwerk.Web.Features.Accounts;

public sealed class EmailOptions
{
    public const string Section = "Email";
    public string From { get; set; } = "Pactwerk <noreply@pactwerk.local>";
    /// <summary>SMTP server; when empty, mail goes to <see cref="PickupDirectory"/> instead.</summary>
    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 587;
    public string? SmtpUser { get; set; }
    public string? SmtpPassword { get; set; }
    /// <summary>The local sink for development and tests: one .eml file per message.</summary>
    public string PickupDirectory { get; set; } = "data/mail";
}

/// <summary>Sends the app's mail (invitations, password resets, event confirmations).</summary>
public interface IEmailSender
{
    Task SendEmailAsync(string email, string subject, string htmlMessage);
    /// <summary>A message built by the caller (several parts, attachments); the sender is set here when it has none.</summary>
    Task SendAsync(MimeMessage message);
}

/// <summary>Sends mail with MailKit over SMTP, or drops it as .eml files in the pickup folder.</summary>
public sealed class MailKitEmailSender(Microsoft.Extensions.Options.IOptions<EmailOptions> options, IHostEnvironment env, ILogger<MailKitEmailSender> logger) : IEmailSender
{
    public async Task SendEmailAsync(string email, string subject, string htmlMessage)
    {
        var message = new MimeMessage();
        message.To.Add(MailboxAddress.Parse(email));
        message.Subject = subject;
        message.Body = new TextPart("html") { Text = htmlMessage };
        await SendAsync(message);
    }

    public async Task SendAsync(MimeMessage message)
    {
        var o = options.Value;
        if (message.From.Count == 0)
            message.From.Add(MailboxAddress.Parse(o.From));
        var email = string.Join(", ", message.To.Mailboxes.Select(m => m.Address));
        var subject = message.Subject;

        if (string.IsNullOrWhiteSpace(o.SmtpHost))
        {
            var folder = Path.GetFullPath(o.PickupDirectory, env.ContentRootPath);
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, $"{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}.eml");
            // Written under another name and then renamed, so whoever reads the folder never sees half a message.
            await message.WriteToAsync(file + ".tmp");
            File.Move(file + ".tmp", file);
            // Debug, not Information: an opening writes hundreds a second, and the address is personal data that production logs do not keep.
            logger.LogDebug("Mail to {To} ({Subject}) written to {File}", email, subject, file);
            return;
        }

        using var smtp = new SmtpClient();
        await smtp.ConnectAsync(o.SmtpHost, o.SmtpPort, SecureSocketOptions.StartTlsWhenAvailable);
        if (!string.IsNullOrEmpty(o.SmtpUser))
            await smtp.AuthenticateAsync(o.SmtpUser, o.SmtpPassword ?? "");
        await smtp.SendAsync(message);
        await smtp.DisconnectAsync(true);
    }
}
