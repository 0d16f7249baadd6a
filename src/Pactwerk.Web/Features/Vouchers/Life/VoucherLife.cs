using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.Vouchers;

public sealed record VoucherEvidenceDto(int AttendancePercent, DateOnly CompletedOn, string FileName, string ContentType, DateTime SubmittedAt, string CertificateUrl);

/// <summary>A voucher as its provider and the scheme's officers see it: no personal data of the participant, the code names it.</summary>
public sealed record VoucherDto(string Code, string Scheme, string Number, VoucherStatus Status, decimal Amount, string Course, string Provider, DateOnly Start,
    DateTime? ProviderConfirmedAt, DateTime? ParticipantConfirmedAt, VoucherEvidenceDto? Evidence);

/// <summary>The enrolment as the participant sees it behind their status link.</summary>
public sealed record ParticipantEnrolment(string Number, string SchemeCode, string SchemeName, string SchemeNameEn, string Course, string Provider, DateOnly Start,
    VoucherStatus Status, string VoucherCode, DateTime? ProviderConfirmedAt, DateTime? ParticipantConfirmedAt, bool EmailConfirmed = true);

/// <summary>What came of a step in the voucher's life.</summary>
public enum LifeOutcome
{
    Done,
    /// <summary>No such voucher, or not one this caller may see: the same answer, so a code reveals nothing.</summary>
    NotFound,
    /// <summary>The voucher is not in the state the step starts from; nothing changed.</summary>
    WrongState,
    /// <summary>Seen, but not this caller's to change (an officer confirming for a provider, a provider approving).</summary>
    Forbidden,
    /// <summary>The provider's start date is not the voucher's: the code may not be the participant's in front of them; nothing changed.</summary>
    StartMismatch,
    /// <summary>The participant has not confirmed their e-mail address yet (<see cref="EmailConfirmations"/>); nothing changed.</summary>
    EmailUnconfirmed,
    /// <summary>The input is not in order (a reason missing); nothing changed.</summary>
    Invalid,
}

/// <summary>The delivery evidence as sent, checked by <see cref="VoucherLife.CheckEvidence"/>.</summary>
public sealed record EvidenceInput(string? AttendancePercent, string? CompletedOn, string? FileName, byte[]? File);

/// <summary>
/// The voucher's life after the grant: the provider and the participant confirm the enrolment,
/// the provider submits the evidence, the officer approves it or sends it back. Each transition is
/// one conditional UPDATE on the application's status, so two clicks or two processes do it once.
/// </summary>
public sealed class VoucherLife(PactwerkDb db, TimeProvider clock, AccessScopeProvider scopes, VoucherApplications applications)
{
    /// <summary>A certificate is a scan or a PDF: 5 MB is ample, and keeps the database small.</summary>
    public const long MaxCertificateBytes = 5 * 1024 * 1024;

    public const string NotFoundMessage = VoucherMessages.VoucherNotFound;

    /// <summary>Every decision of an officer carries a reason for the audit trail: not empty, at most 1000 characters.</summary>
    public static bool IsReason(string? reason) => !string.IsNullOrWhiteSpace(reason) && reason.Length <= 1000;

    /// <summary>
    /// The states an officer may refuse from: before a voucher is approved for payment. What it held (its
    /// reserve or its place on the waiting list) goes back, and the list moves up.
    /// </summary>
    public static readonly VoucherStatus[] Refusable =
        [VoucherStatus.Waiting, VoucherStatus.Pending, VoucherStatus.Granted, VoucherStatus.Enrolled, VoucherStatus.Delivered];

    /// <summary>The officer refuses an application or voucher by the number people quote (TECHNIEK-000012), with a reason.</summary>
    public async Task<(LifeOutcome Outcome, string? Message)> RefuseAsync(string schemeCode, string? number, string? reason, CancellationToken ct)
    {
        var scheme = await db.VoucherSchemes.AsNoTracking().SingleOrDefaultAsync(s => s.Code == schemeCode, ct);
        if (scheme is null)
            return (LifeOutcome.NotFound, VoucherMessages.Format(VoucherMessages.NoScheme, schemeCode.Length > 40 ? schemeCode[..40] : schemeCode));
        if (!VoucherAccess.IsOfficer(await scopes.GetAsync(ct), scheme, forChange: true))
            return (LifeOutcome.Forbidden, VoucherMessages.OnlyOfficersRefuse);
        if (!IsReason(reason))
            return (LifeOutcome.Invalid, VoucherMessages.ReasonMissing);
        number = number?.Trim() ?? "";
        var shown = number.Length > 40 ? number[..40] : number;
        var prefix = scheme.Code.ToUpperInvariant() + "-";
        if (!number.ToUpperInvariant().StartsWith(prefix, StringComparison.Ordinal)
            || !int.TryParse(number[prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var arrival))
            return (LifeOutcome.NotFound, VoucherMessages.Format(VoucherMessages.NoApplication, shown));
        var id = await db.VoucherApplications.AsNoTracking().Where(a => a.SchemeId == scheme.Id && a.Arrival == arrival).Select(a => (long?)a.Id).SingleOrDefaultAsync(ct);
        if (id is null)
            return (LifeOutcome.NotFound, VoucherMessages.Format(VoucherMessages.NoApplication, shown));
        return await applications.CloseAsync(id.Value, Refusable, VoucherStatus.Refused, VoucherAuditActions.Refused, reason!.Trim(), ct)
            ? (LifeOutcome.Done, null)
            : (LifeOutcome.WrongState, VoucherMessages.NotRefusable);
    }

    private sealed record Found(long Id, int SchemeId, int ProviderId, VoucherStatus Status, int Arrival, DateOnly Start, VoucherScheme Scheme);

    public enum Role { None, Officer, Provider }

    private async Task<(Found? Voucher, Role Role, bool MayChange)> FindAsync(string? code, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 20)
            return (null, Role.None, false);
        code = code.Trim().ToUpperInvariant();
        var row = await db.VoucherApplications.AsNoTracking().Where(a => a.VoucherCode == code)
            .Join(db.VoucherCourses, a => a.CourseId, c => c.Id, (a, c) => new { a.Id, a.SchemeId, c.ProviderId, a.Status, a.Arrival, a.CourseStart })
            .SingleOrDefaultAsync(ct);
        // Waiting and pending applications are not vouchers yet: nobody but the officer deals with them.
        if (row is null || row.Status is VoucherStatus.Waiting or VoucherStatus.Pending)
            return (null, Role.None, false);
        var scheme = await db.VoucherSchemes.AsNoTracking().SingleAsync(s => s.Id == row.SchemeId, ct);
        var found = new Found(row.Id, row.SchemeId, row.ProviderId, row.Status, row.Arrival, row.CourseStart, scheme);
        var scope = await scopes.GetAsync(ct);
        if (await VoucherAccess.ActsForProviderAsync(db, scope, row.ProviderId, forChange: false, ct))
            return (found, Role.Provider, await VoucherAccess.ActsForProviderAsync(db, scope, row.ProviderId, forChange: true, ct));
        if (VoucherAccess.IsOfficer(scope, scheme, forChange: false))
            return (found, Role.Officer, VoucherAccess.IsOfficer(scope, scheme, forChange: true));
        return (null, Role.None, false);
    }

    /// <summary>The voucher for its provider's users and the scheme's officers; null for anyone else.</summary>
    public async Task<VoucherDto?> GetAsync(string? code, CancellationToken ct) =>
        (await FindAsync(code, ct)).Voucher is { } found ? await DtoAsync(found.Id, ct) : null;

    /// <summary>The delivered vouchers of a scheme with their evidence, oldest delivery first, for the officer's review.</summary>
    public async Task<List<VoucherDto>> DeliveredAsync(int schemeId, CancellationToken ct)
    {
        var ids = await db.VoucherApplications.AsNoTracking().Where(a => a.SchemeId == schemeId && a.Status == VoucherStatus.Delivered)
            .OrderBy(a => a.Arrival).Select(a => a.Id).ToListAsync(ct);
        var list = new List<VoucherDto>(ids.Count);
        foreach (var id in ids)
            list.Add(await DtoAsync(id, ct));
        return list;
    }

    private async Task<VoucherDto> DtoAsync(long id, CancellationToken ct)
    {
        var x = await db.VoucherApplications.AsNoTracking().Where(a => a.Id == id)
            .Join(db.VoucherSchemes, a => a.SchemeId, s => s.Id, (a, s) => new { a, s.Code })
            .Join(db.VoucherCourses, y => y.a.CourseId, c => c.Id, (y, c) => new { y.a, y.Code, c.Title, Provider = c.Provider.Name })
            .SingleAsync(ct);
        var evidence = await db.VoucherEvidence.AsNoTracking().Where(e => e.ApplicationId == id)
            .Select(e => new { e.AttendancePercent, e.CompletedOn, e.FileName, e.ContentType, e.SubmittedAt }).SingleOrDefaultAsync(ct);
        var a = x.a;
        return new VoucherDto(a.VoucherCode, x.Code, VoucherApplication.NumberOf(x.Code, a.Arrival), a.Status, a.Amount, x.Title, x.Provider, a.CourseStart,
            a.ProviderConfirmedAt, a.ParticipantConfirmedAt,
            evidence is null ? null : new VoucherEvidenceDto(evidence.AttendancePercent, evidence.CompletedOn, evidence.FileName, evidence.ContentType, evidence.SubmittedAt,
                $"/api/v1/vouchers/{a.VoucherCode}/certificate"));
    }

    /// <summary>
    /// The provider confirms the participant's enrolment, naming the course's start date; with the
    /// participant's confirmation the voucher is enrolled. The start date is the provider's check that
    /// the code is the participant in front of them, asked alike by the page and the API.
    /// </summary>
    public async Task<(LifeOutcome Outcome, VoucherDto? Voucher)> ConfirmByProviderAsync(string? code, DateOnly start, CancellationToken ct)
    {
        var (found, role, mayChange) = await FindAsync(code, ct);
        if (found is null)
            return (LifeOutcome.NotFound, null);
        if (role != Role.Provider || !mayChange)
            return (LifeOutcome.Forbidden, null);
        if (found.Start != start)
            return (LifeOutcome.StartMismatch, null);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // One statement: the confirmation, and the enrolment when the other side confirmed before,
        // decided on the row as the database holds it, so two confirmations at once enrol it once.
        var changed = await db.VoucherApplications.Where(a => a.Id == found.Id && a.Status == VoucherStatus.Granted && a.ProviderConfirmedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.ProviderConfirmedAt, now)
                .SetProperty(a => a.Status, a => a.ParticipantConfirmedAt != null ? VoucherStatus.Enrolled : VoucherStatus.Granted), ct);
        return await AfterConfirmationAsync(found, changed, "provider", a => a.ProviderConfirmedAt != null, transaction, now, ct);
    }

    /// <summary>The enrolment behind a status link's key; null for a wrong key or an application that is not a voucher (waiting, pending).</summary>
    public async Task<ParticipantEnrolment?> EnrolmentAsync(string? key, CancellationToken ct)
    {
        if (VoucherApplications.HashOf(key) is not { } hash)
            return null;
        var x = await db.VoucherApplications.AsNoTracking().Where(a => a.KeyHash == hash)
            .Join(db.VoucherSchemes, a => a.SchemeId, s => s.Id, (a, s) => new { a, s.Code, s.Name, s.NameEn })
            .Join(db.VoucherCourses, y => y.a.CourseId, c => c.Id, (y, c) => new { y.a, y.Code, y.Name, y.NameEn, c.Title, Provider = c.Provider.Name })
            .SingleOrDefaultAsync(ct);
        if (x is null || x.a.Status is VoucherStatus.Waiting or VoucherStatus.Pending)
            return null;
        return new ParticipantEnrolment(VoucherApplication.NumberOf(x.Code, x.a.Arrival), x.Code, x.Name, x.NameEn, x.Title, x.Provider, x.a.CourseStart, x.a.Status,
            x.a.VoucherCode, x.a.ProviderConfirmedAt, x.a.ParticipantConfirmedAt, x.a.EmailConfirmedAt is not null);
    }

    /// <summary>
    /// The participant confirms their enrolment through the key of their status link. Only with a
    /// confirmed address: the status link comes with the application's answer too, so the confirmed
    /// address is what shows that the voucher is used by the person the scheme mails.
    /// </summary>
    public async Task<(LifeOutcome Outcome, VoucherDto? Voucher)> ConfirmByParticipantAsync(string? key, CancellationToken ct)
    {
        if (VoucherApplications.HashOf(key) is not { } hash)
            return (LifeOutcome.NotFound, null);
        var row = await db.VoucherApplications.AsNoTracking().Where(a => a.KeyHash == hash)
            .Join(db.VoucherCourses, a => a.CourseId, c => c.Id, (a, c) => new { a.Id, a.SchemeId, c.ProviderId, a.Status, a.Arrival, a.CourseStart, a.EmailConfirmedAt })
            .SingleOrDefaultAsync(ct);
        if (row is null)
            return (LifeOutcome.NotFound, null);
        // A confirmation is never taken back, so checking it before the update cannot let one through.
        if (row.EmailConfirmedAt is null)
            return (LifeOutcome.EmailUnconfirmed, null);
        var scheme = await db.VoucherSchemes.AsNoTracking().SingleAsync(s => s.Id == row.SchemeId, ct);
        var found = new Found(row.Id, row.SchemeId, row.ProviderId, row.Status, row.Arrival, row.CourseStart, scheme);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var changed = await db.VoucherApplications.Where(a => a.Id == found.Id && a.Status == VoucherStatus.Granted && a.ParticipantConfirmedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.ParticipantConfirmedAt, now)
                .SetProperty(a => a.Status, a => a.ProviderConfirmedAt != null ? VoucherStatus.Enrolled : VoucherStatus.Granted), ct);
        return await AfterConfirmationAsync(found, changed, "participant", a => a.ParticipantConfirmedAt != null, transaction, now, ct);
    }

    private async Task<(LifeOutcome, VoucherDto?)> AfterConfirmationAsync(Found found, int changed, string by, Func<VoucherApplication, bool> confirmedBefore,
        Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, DateTime now, CancellationToken ct)
    {
        var after = await db.VoucherApplications.AsNoTracking().SingleAsync(a => a.Id == found.Id, ct);
        if (changed == 0)
            // Confirmed before (a second click): the same answer; otherwise the voucher has moved on or was closed.
            return confirmedBefore(after) && after.Status is VoucherStatus.Granted or VoucherStatus.Enrolled
                ? (LifeOutcome.Done, await DtoAsync(found.Id, ct))
                : (LifeOutcome.WrongState, null);
        var number = VoucherApplication.NumberOf(found.Scheme.Code, found.Arrival);
        db.RecordEvent(now, VoucherAuditActions.EnrolmentConfirmed, nameof(VoucherApplication), number, new { scheme = found.Scheme.Code, voucher = after.VoucherCode, by }, found.Scheme.PactId);
        if (after.Status == VoucherStatus.Enrolled)
            db.RecordEvent(now, VoucherAuditActions.Enrolled, nameof(VoucherApplication), number,
                new { scheme = found.Scheme.Code, voucher = after.VoucherCode, reason = "both the provider and the participant confirmed the enrolment" }, found.Scheme.PactId);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (LifeOutcome.Done, await DtoAsync(found.Id, ct));
    }

    /// <summary>The input's problems by field, in Dutch; empty when the evidence is in order. The file type is read from its first bytes, not its name.</summary>
    public static (Dictionary<string, string[]> Errors, int Attendance, DateOnly CompletedOn, string ContentType) CheckEvidence(EvidenceInput input, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        var attendance = 0;
        var completed = default(DateOnly);
        if (!int.TryParse(input.AttendancePercent?.Trim().TrimEnd('%').Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out attendance) || attendance is < 0 or > 100)
            errors["attendancePercent"] = [VoucherMessages.AttendanceInvalid];
        if (!DateOnly.TryParseExact(input.CompletedOn?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out completed))
            errors["completedOn"] = [VoucherMessages.CompletedOnInvalid];
        else if (completed > today)
            errors["completedOn"] = [VoucherMessages.CompletedOnInFuture];
        var type = input.File is { } file ? ContentTypeOf(file) : null;
        if (input.File is null || input.File.Length == 0)
            errors["file"] = [VoucherMessages.CertificateMissing];
        else if (input.File.LongLength > MaxCertificateBytes)
            errors["file"] = [VoucherMessages.Format(VoucherMessages.CertificateTooLarge, Pactwerk.Web.Shared.Uploads.Megabytes(MaxCertificateBytes))];
        else if (type is null)
            errors["file"] = [VoucherMessages.CertificateWrongType];
        return (errors, attendance, completed, type ?? "");
    }

    /// <summary>The provider submits the delivery evidence of an enrolled voucher: it becomes delivered and waits for the officer.</summary>
    public async Task<(LifeOutcome Outcome, VoucherDto? Voucher)> SubmitEvidenceAsync(string? code, int attendance, DateOnly completedOn, string fileName, string contentType,
        byte[] file, CancellationToken ct)
    {
        var (found, role, mayChange) = await FindAsync(code, ct);
        if (found is null)
            return (LifeOutcome.NotFound, null);
        if (role != Role.Provider || !mayChange)
            return (LifeOutcome.Forbidden, null);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await db.VoucherApplications.Where(a => a.Id == found.Id && a.Status == VoucherStatus.Enrolled)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, VoucherStatus.Delivered), ct) == 0)
            return (LifeOutcome.WrongState, null);
        // Evidence sent back and submitted again replaces the earlier set.
        await db.VoucherEvidence.Where(e => e.ApplicationId == found.Id).ExecuteDeleteAsync(ct);
        db.VoucherEvidence.Add(new VoucherEvidence
        {
            ApplicationId = found.Id, AttendancePercent = attendance, CompletedOn = completedOn, FileName = SafeFileName(fileName, contentType),
            ContentType = contentType, Certificate = file, SubmittedAt = now,
        });
        db.RecordEvent(now, VoucherAuditActions.Delivered, nameof(VoucherApplication), VoucherApplication.NumberOf(found.Scheme.Code, found.Arrival),
            new { scheme = found.Scheme.Code, attendance, completedOn = completedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), bytes = file.Length }, found.Scheme.PactId);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (LifeOutcome.Done, await DtoAsync(found.Id, ct));
    }

    /// <summary>The certificate for the voucher's provider and the scheme's officers.</summary>
    public async Task<VoucherEvidence?> CertificateAsync(string? code, CancellationToken ct) =>
        (await FindAsync(code, ct)).Voucher is { } found ? await db.VoucherEvidence.AsNoTracking().SingleOrDefaultAsync(e => e.ApplicationId == found.Id, ct) : null;

    /// <summary>The officer's review of delivered evidence: approved for payment, or sent back to the provider (enrolled again). The reason goes in the audit trail with the officer.</summary>
    public async Task<(LifeOutcome Outcome, VoucherDto? Voucher)> ReviewAsync(string? code, bool approve, string reason, CancellationToken ct)
    {
        var (found, role, mayChange) = await FindAsync(code, ct);
        if (found is null)
            return (LifeOutcome.NotFound, null);
        if (role != Role.Officer || !mayChange)
            return (LifeOutcome.Forbidden, null);
        var now = clock.GetUtcNow().UtcDateTime;
        var to = approve ? VoucherStatus.Approved : VoucherStatus.Enrolled;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await db.VoucherApplications.Where(a => a.Id == found.Id && a.Status == VoucherStatus.Delivered)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, to), ct) == 0)
            return (LifeOutcome.WrongState, null);
        db.RecordEvent(now, approve ? VoucherAuditActions.Approved : VoucherAuditActions.SentBack, nameof(VoucherApplication),
            VoucherApplication.NumberOf(found.Scheme.Code, found.Arrival), new { scheme = found.Scheme.Code, reason }, found.Scheme.PactId);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (LifeOutcome.Done, await DtoAsync(found.Id, ct));
    }

    private const string Pdf = "application/pdf";
    private const string Png = "image/png";
    private const string Jpeg = "image/jpeg";

    private static readonly Dictionary<string, string> Extensions = new() { [Pdf] = ".pdf", [Png] = ".png", [Jpeg] = ".jpg" };

    private static string? ContentTypeOf(byte[] file) => file switch
    {
        [0x25, 0x50, 0x44, 0x46, ..] => Pdf, // %PDF
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => Png,
        [0xFF, 0xD8, 0xFF, ..] => Jpeg,
        _ => null,
    };

    /// <summary>The name shown and used for the download: the sent name's letters and digits, with the extension of the real type.</summary>
    private static string SafeFileName(string name, string contentType)
    {
        var stem = new string(Path.GetFileNameWithoutExtension(name ?? "").Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_').Take(100).ToArray());
        var extension = Extensions.GetValueOrDefault(contentType, ".jpg");
        return (stem.Length == 0 ? "certificaat" : stem) + extension;
    }
}
