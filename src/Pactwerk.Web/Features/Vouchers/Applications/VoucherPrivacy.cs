using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Vouchers;

/// <summary>How long an applicant's personal data is kept once a scheme has closed.</summary>
public sealed class VoucherPrivacyOptions
{
    /// <summary>
    /// Days after a scheme closes before the personal data of its finished applications is
    /// pseudonymised. A year leaves room for objections and appeals (bezwaar en beroep); the
    /// scheme's accounts keep the amounts, voucher codes and providers, which identify no applicant.
    /// </summary>
    public int RetentionDaysAfterClose { get; set; } = 365;
}

/// <summary>What an applicant gets when they ask for their data (AVG art. 15 and 20).</summary>
public sealed record VoucherDataExport(string Number, string Scheme, string SchemeName, string Course, string Email, DateOnly DateOfBirth, string? Municipality, string TargetGroup,
    DateOnly CourseStart, VoucherStatus Status, decimal Amount, string VoucherCode, DateTime SubmittedAt, DateTime? GrantedAt, DateTime? ClosedAt,
    IReadOnlyList<VoucherDataEvent> Decisions);

public sealed record VoucherDataEvent(DateTime At, string Action);

/// <summary>
/// The applicant's rights over their data and the retention rule, in one place. Erasure (on request,
/// or when the retention period has passed) replaces the e-mail address and date of birth with a
/// pseudonym, clears the municipality of residence, and kills the status link; the application's number, amount, status and voucher code
/// stay, so the scheme's budget, payments and audit trail still add up. The pseudonym address ends
/// in <c>.invalid</c>, a top-level domain reserved so that no real address has it (RFC 2606);
/// applications with such an address are refused, so the mark cannot be forged.
/// </summary>
public sealed class VoucherPrivacy(PactwerkDb db, VoucherApplications applications, TimeProvider clock, Microsoft.Extensions.Options.IOptions<VoucherPrivacyOptions> options)
{
    public const string ErasedDomain = "gewist.invalid";
    private static readonly DateOnly ErasedBirth = new(1900, 1, 1);

    public static bool IsErased(string email) => email.EndsWith("@" + ErasedDomain, StringComparison.Ordinal);

    /// <summary>Everything kept about the application behind the link; null for an unknown or dead link.</summary>
    public async Task<VoucherDataExport?> ExportAsync(string? key, CancellationToken ct)
    {
        if (VoucherApplications.HashOf(key) is not { } hash)
            return null;
        var found = await db.VoucherApplications.AsNoTracking().Where(a => a.KeyHash == hash)
            .Join(db.VoucherSchemes, a => a.SchemeId, s => s.Id, (a, s) => new { a, s.Code, s.Name })
            .Join(db.VoucherCourses, x => x.a.CourseId, c => c.Id, (x, c) => new { x.a, x.Code, x.Name, c.Title })
            .SingleOrDefaultAsync(ct);
        if (found is null)
            return null;
        var a = found.a;
        var number = VoucherApplication.NumberOf(found.Code, a.Arrival);
        var events = await db.AuditEntries.AsNoTracking()
            .Where(e => e.EntityType == nameof(VoucherApplication) && e.EntityId == number)
            .OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => new VoucherDataEvent(e.At, e.Action)).ToListAsync(ct);
        return new VoucherDataExport(number, found.Code, found.Name, found.Title, a.Email, a.DateOfBirth, a.MunicipalityCode, a.TargetGroup, a.CourseStart, a.Status, a.Amount,
            a.VoucherCode, a.SubmittedAt, a.GrantedAt, a.ClosedAt, events);
    }

    /// <summary>
    /// Erases the applicant's data on their request. An application still waiting for a decision
    /// or a voucher not yet used is withdrawn first (the budget goes back, the waiting list moves
    /// up); a voucher in the middle of its training keeps its place in the accounts, only the
    /// person's data goes.
    /// </summary>
    public async Task<bool> EraseAsync(string? key, CancellationToken ct)
    {
        if (VoucherApplications.HashOf(key) is not { } hash)
            return false;
        var application = await db.VoucherApplications.AsNoTracking().Where(a => a.KeyHash == hash).Select(a => new { a.Id, a.Status }).SingleOrDefaultAsync(ct);
        if (application is null)
            return false;
        if (VoucherApplication.IsOpen(application.Status))
            await applications.WithdrawAsync(key, ct);
        return await PseudonymiseAsync([application.Id], "erased at the applicant's request", ct) == 1;
    }

    /// <summary>
    /// Pseudonymises the finished applications of every scheme that closed more than the retention
    /// period ago. Vouchers still on their way to payment keep their data until they are settled.
    /// Idempotent: erased applications are not touched again.
    /// </summary>
    public async Task<int> ApplyRetentionAsync(CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime.AddDays(-options.Value.RetentionDaysAfterClose);
        var suffix = "@" + ErasedDomain;
        var due = await db.VoucherApplications.AsNoTracking()
            .Where(a => db.VoucherSchemes.Any(s => s.Id == a.SchemeId && s.ClosesAt < cutoff))
            .Where(a => !(a.Status == VoucherStatus.Granted || a.Status == VoucherStatus.Enrolled || a.Status == VoucherStatus.Delivered || a.Status == VoucherStatus.Approved))
            .Where(a => !a.Email.EndsWith(suffix))
            .Select(a => a.Id).Take(5000).ToListAsync(ct);
        return due.Count == 0 ? 0 : await PseudonymiseAsync(due, "retention period after the scheme closed has passed", ct);
    }

    private async Task<int> PseudonymiseAsync(IReadOnlyList<long> ids, string reason, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var suffix = "@" + ErasedDomain;
        var erased = 0;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var id in ids)
        {
            // A fresh random hash: the old status link now leads nowhere, and nobody holds a key to the new one.
            var deadKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
            var done = await db.VoucherApplications.Where(a => a.Id == id && !a.Email.EndsWith(suffix))
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Email, $"gewist-{id}{suffix}").SetProperty(a => a.DateOfBirth, ErasedBirth)
                    .SetProperty(a => a.MunicipalityCode, (string?)null).SetProperty(a => a.KeyHash, deadKey), ct);
            if (done == 0)
                continue;
            erased++;
            var row = await db.VoucherApplications.AsNoTracking().Where(a => a.Id == id)
                .Join(db.VoucherSchemes, a => a.SchemeId, s => s.Id, (a, s) => new { s.Code, s.PactId, a.Arrival }).SingleAsync(ct);
            db.RecordEvent(now, VoucherAuditActions.Erased, nameof(VoucherApplication), VoucherApplication.NumberOf(row.Code, row.Arrival),
                new { scheme = row.Code, reason }, row.PactId);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return erased;
    }
}

/// <summary>Applies the retention rule once a day (and shortly after start), once across instances.</summary>
public sealed class VoucherRetentionWorker(IServiceScopeFactory scopes, TimeProvider clock, ILogger<VoucherRetentionWorker> log) : ClusterJob(scopes, clock, log)
{
    public override string Name => "voucher-retention";
    protected override TimeSpan Period => TimeSpan.FromDays(1);

    protected override async Task<string?> RunAsync(IServiceProvider services, DateTime now, CancellationToken ct) =>
        await services.GetRequiredService<VoucherPrivacy>().ApplyRetentionAsync(ct) is > 0 and var erased ? $"pseudonymised {erased} voucher applications past their retention period" : null;
}
