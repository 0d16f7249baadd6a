namespace Pactwerk.Web.Features.Newsletter;

public static class NewsletterLimits
{
    public const int IntroductionLength = 20_000;
    public const int TitleLength = 200;
    public const int MaxItems = 30;
}

/// <summary>The newsletter's settings (section "Newsletter").</summary>
public sealed class NewsletterOptions
{
    public const string Section = "Newsletter";
    public SmtpOptions Smtp { get; set; } = new();
    /// <summary>Deliveries the worker takes per batch; each is recorded before the next batch.</summary>
    public int BatchSize { get; set; } = 10;
    /// <summary>How often the worker looks for work when nothing woke it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);
    /// <summary>Attempts per delivery on temporary refusals (4xx, no connection) before it counts as failed.</summary>
    public int MaxAttempts { get; set; } = 5;
    /// <summary>The wait after the first temporary refusal; doubled after each next one.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>How long a confirmation link works.</summary>
    public TimeSpan ConfirmationLifetime { get; set; } = TimeSpan.FromDays(2);
    /// <summary>Subscription requests per client address per window.</summary>
    public int RequestsPerAddressWindow { get; set; } = 10;
    /// <summary>Subscription requests per e-mail address per window: no one is flooded with confirmation mails.</summary>
    public int RequestsPerEmailWindow { get; set; } = 3;
    public TimeSpan RequestWindow { get; set; } = TimeSpan.FromHours(1);
}

public enum SmtpSecurity
{
    /// <summary>STARTTLS when the server offers it (the default for port 587).</summary>
    StartTlsWhenAvailable,
    /// <summary>STARTTLS, refusing a server that does not offer it.</summary>
    StartTls,
    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,
    /// <summary>Plain SMTP: only for the loopback sink.</summary>
    None,
}

public sealed class SmtpOptions
{
    public string Host { get; set; } = "127.0.0.1";
    public int Port { get; set; } = 2525;
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTlsWhenAvailable;
    public string? User { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "Pactwerk <nieuwsbrief@pactwerk.local>";
    /// <summary>Development: run a local SMTP sink on Host:Port (loopback) that writes each message to <see cref="SinkFolder"/>.</summary>
    public bool Sink { get; set; }
    public string SinkFolder { get; set; } = "data/newsletter-mail";
}
