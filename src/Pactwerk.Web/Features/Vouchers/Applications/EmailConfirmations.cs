using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Shared;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Vouchers;

public enum EmailConfirmationOutcome
{
    Confirmed,
    /// <summary>Confirmed before (a second click, or a mail scanner that followed the form): nothing changed.</summary>
    AlreadyConfirmed,
    /// <summary>The application was closed (withdrawn, refused, expired): there is nothing to confirm any more.</summary>
    Closed,
    /// <summary>A link that is not ours, or of an application that no longer exists.</summary>
    NotFound,
}

public enum ResendOutcome
{
    Sent,
    /// <summary>Asked again within <see cref="EmailConfirmations.ResendInterval"/>: the mail just sent is on its way.</summary>
    TooSoon,
    /// <summary>The address is confirmed already, or the application is closed.</summary>
    NotNeeded,
    NotFound,
}

/// <summary>What the confirmation page shows before the applicant confirms.</summary>
public sealed record EmailConfirmationInfo(string Number, string SchemeName, string SchemeNameEn, VoucherStatus Status, DateTime? ConfirmedAt, DateOnly ConfirmBy);

/// <summary>
/// Proof that the applicant reads the address they gave. Every mail to an unconfirmed address carries
/// a link with a token only that mail holds (the status link, which the application's answer also
/// gives, cannot serve: whoever applied has it, whether or not the address is theirs). The token is
/// the application's id protected by ASP.NET Core data protection, so nothing is stored and it works on
/// every instance (the key ring is in the database). Confirming takes a click on a form, so a mail
/// scanner that opens links confirms nothing.
/// </summary>
public sealed class EmailConfirmations(PactwerkDb db, TimeProvider clock, IDataProtectionProvider protection)
{
    /// <summary>Another confirmation mail is sent at most this often per application.</summary>
    public static readonly TimeSpan ResendInterval = TimeSpan.FromMinutes(10);

    private readonly IDataProtector _protector = protection.CreateProtector("Pactwerk.Vouchers.EmailConfirmation.v1");

    /// <summary>The states in which an application still waits for its address to be confirmed.</summary>
    public static bool AwaitsConfirmation(VoucherStatus status, DateTime? confirmedAt) =>
        confirmedAt is null && VoucherApplication.IsOpen(status);

    /// <summary>The last day on which the address can be confirmed; the application expires after it.</summary>
    public static DateOnly Deadline(DateTime submittedAt, int days) => DateOnly.FromDateTime(submittedAt.AddDays(days));

    public static string Url(string token) => $"/regelingen/e-mailadres?code={Uri.EscapeDataString(token)}";

    public string TokenFor(long applicationId) => _protector.ProtectId(applicationId);

    private long? IdOf(string? token) => _protector.UnprotectId(token);

    public async Task<EmailConfirmationInfo?> InfoAsync(string? token, CancellationToken ct)
    {
        if (IdOf(token) is not { } id)
            return null;
        var x = await db.VoucherApplications.AsNoTracking().Where(a => a.Id == id)
            .Join(db.VoucherSchemes, a => a.SchemeId, s => s.Id, (a, s) => new { a.Arrival, a.Status, a.EmailConfirmedAt, a.SubmittedAt, s.Code, s.Name, s.NameEn, s.ConfirmEmailWithinDays })
            .SingleOrDefaultAsync(ct);
        return x is null ? null
            : new EmailConfirmationInfo(VoucherApplication.NumberOf(x.Code, x.Arrival), x.Name, x.NameEn, x.Status, x.EmailConfirmedAt, Deadline(x.SubmittedAt, x.ConfirmEmailWithinDays));
    }

    /// <summary>Confirms the address behind the token: one conditional update, so two clicks confirm (and audit) once.</summary>
    public async Task<EmailConfirmationOutcome> ConfirmAsync(string? token, CancellationToken ct)
    {
        if (IdOf(token) is not { } id)
            return EmailConfirmationOutcome.NotFound;
        var x = await db.VoucherApplications.AsNoTracking().Where(a => a.Id == id)
            .Join(db.VoucherSchemes, a => a.SchemeId, s => s.Id, (a, s) => new { a.Arrival, s.Code, s.PactId }).SingleOrDefaultAsync(ct);
        if (x is null)
            return EmailConfirmationOutcome.NotFound;
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var changed = await db.VoucherApplications
            .Where(a => a.Id == id && a.EmailConfirmedAt == null && VoucherApplication.Open.Contains(a.Status))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.EmailConfirmedAt, now), ct);
        if (changed == 0)
        {
            var after = await db.VoucherApplications.AsNoTracking().Where(a => a.Id == id).Select(a => new { a.EmailConfirmedAt }).SingleAsync(ct);
            return after.EmailConfirmedAt is null ? EmailConfirmationOutcome.Closed : EmailConfirmationOutcome.AlreadyConfirmed;
        }
        db.RecordEvent(now, VoucherAuditActions.EmailConfirmed, nameof(VoucherApplication), VoucherApplication.NumberOf(x.Code, x.Arrival),
            new { scheme = x.Code, reason = "the applicant confirmed the address through the link mailed to it" }, x.PactId);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return EmailConfirmationOutcome.Confirmed;
    }

    /// <summary>
    /// Mails the confirmation link again, for the applicant on their status page. The mail goes out
    /// through the audit event like every voucher mail (<see cref="VoucherMailTrigger"/>); at most one
    /// per <see cref="ResendInterval"/>, so the page cannot be used to flood someone's mailbox.
    /// </summary>
    public async Task<ResendOutcome> ResendAsync(string? key, CancellationToken ct)
    {
        if (VoucherApplications.HashOf(key) is not { } hash)
            return ResendOutcome.NotFound;
        var x = await db.VoucherApplications.AsNoTracking().Where(a => a.KeyHash == hash)
            .Join(db.VoucherSchemes, a => a.SchemeId, s => s.Id, (a, s) => new { a.Arrival, a.Status, a.EmailConfirmedAt, a.Email, s.Code, s.PactId })
            .SingleOrDefaultAsync(ct);
        if (x is null)
            return ResendOutcome.NotFound;
        if (!AwaitsConfirmation(x.Status, x.EmailConfirmedAt) || VoucherPrivacy.IsErased(x.Email))
            return ResendOutcome.NotNeeded;
        var number = VoucherApplication.NumberOf(x.Code, x.Arrival);
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now - ResendInterval;
        if (await db.AuditEntries.AnyAsync(e => e.EntityType == nameof(VoucherApplication) && e.EntityId == number
                                                && e.Action == VoucherAuditActions.ConfirmationResent && e.At > since, ct))
            return ResendOutcome.TooSoon;
        db.RecordEvent(now, VoucherAuditActions.ConfirmationResent, nameof(VoucherApplication), number,
            new { scheme = x.Code, reason = "the applicant asked for the confirmation mail again" }, x.PactId);
        await db.SaveChangesAsync(ct);
        return ResendOutcome.Sent;
    }
}
