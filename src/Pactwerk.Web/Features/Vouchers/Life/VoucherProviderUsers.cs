using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.Vouchers;

/// <summary>A voucher on its provider's page, with what the officer said when the evidence was last sent back (null when it was not).</summary>
public sealed record ProviderVoucher(VoucherDto Voucher, string? SentBackReason);

/// <summary>What came of linking an account to a provider.</summary>
public abstract record LinkOutcome
{
    /// <summary>Linked (or linked before); <paramref name="Invited"/> when the account was made now and mailed its set-password link.</summary>
    public sealed record Linked(ProviderUserDto Link, bool Invited) : LinkOutcome;
    public sealed record Invalid(Dictionary<string, string[]> Errors) : LinkOutcome;
    public sealed record NotFound(string Message) : LinkOutcome;
    public sealed record Forbidden(string Message) : LinkOutcome;
    public sealed record Conflict(string Message) : LinkOutcome;
}

/// <summary>
/// The accounts that act for a provider: the officer links them (an account that does not exist yet is
/// created and invited), and a linked account sees the vouchers its provider has confirmed. One place for
/// the page and the API.
/// </summary>
public sealed class VoucherProviderUsers(PactwerkDb db, UserManager<PactwerkUser> users, AccountService accounts, AccessScopeProvider scopes, TimeProvider clock)
{
    /// <summary>A provider page shows its vouchers up to this many; older closed ones stay reachable by code through the API.</summary>
    public const int Shown = 500;

    public async Task<LinkOutcome> LinkAsync(string schemeCode, int providerId, string? email, string setPasswordBaseUrl, CancellationToken ct)
    {
        var scheme = await db.VoucherSchemes.AsNoTracking().SingleOrDefaultAsync(s => s.Code == schemeCode, ct);
        if (scheme is null)
            return new LinkOutcome.NotFound(VoucherMessages.Format(VoucherMessages.NoScheme, schemeCode.Length > 40 ? schemeCode[..40] : schemeCode));
        if (!VoucherAccess.IsOfficer(await scopes.GetAsync(ct), scheme, forChange: true))
            return new LinkOutcome.Forbidden(VoucherMessages.OnlyOfficersLinkUsers);
        email = email?.Trim() ?? "";
        if (email.Length == 0 || email.Length > 254)
            return new LinkOutcome.Invalid(new() { ["email"] = [VoucherMessages.LinkEmailMissing] });
        if (!System.Net.Mail.MailAddress.TryCreate(email, out var parsed) || parsed.Address != email)
            return new LinkOutcome.Invalid(new() { ["email"] = [VoucherMessages.EmailInvalid] });
        var provider = await db.VoucherProviders.AsNoTracking().SingleOrDefaultAsync(p => p.Id == providerId && p.SchemeId == scheme.Id, ct);
        if (provider is null)
            return new LinkOutcome.NotFound(VoucherMessages.Format(VoucherMessages.NoProvider, providerId));
        if (!provider.Vetted)
            return new LinkOutcome.Conflict(VoucherMessages.ProviderNotVetted);
        var invited = false;
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            // Created without a role: the link below is all it may do, and only for this provider's vouchers.
            user = await accounts.InviteWithoutRoleAsync(email, provider.Name.Length > 200 ? provider.Name[..200] : provider.Name, setPasswordBaseUrl, ct)
                // Made by another request at the same moment: use that one.
                ?? await users.FindByEmailAsync(email);
            if (user is null)
                return new LinkOutcome.Invalid(new() { ["email"] = [VoucherMessages.EmailInvalid] });
            invited = true;
        }
        if (!await db.VoucherProviderUsers.AnyAsync(l => l.ProviderId == providerId && l.UserId == user.Id, ct))
        {
            var now = clock.GetUtcNow().UtcDateTime;
            db.VoucherProviderUsers.Add(new VoucherProviderUser { ProviderId = providerId, UserId = user.Id, LinkedAt = now });
            db.RecordEvent(now, VoucherAuditActions.ProviderUserLinked, nameof(VoucherProvider), providerId.ToString(CultureInfo.InvariantCulture),
                new { scheme = scheme.Code, provider = provider.Name, account = user.Id, invited }, scheme.PactId);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException failure) when (UniqueViolation.Is(failure))
            {
                // Linked at the same moment by another request: the link is there, as asked.
            }
        }
        return new LinkOutcome.Linked(new ProviderUserDto(providerId, user.Email!), invited);
    }

    /// <summary>The e-mail addresses of the accounts linked to each provider of a scheme.</summary>
    public async Task<Dictionary<int, List<string>>> LinkedAsync(int schemeId, CancellationToken ct)
    {
        var rows = await db.VoucherProviderUsers.AsNoTracking()
            .Where(l => db.VoucherProviders.Any(p => p.Id == l.ProviderId && p.SchemeId == schemeId))
            .Join(db.Users, l => l.UserId, u => u.Id, (l, u) => new { l.ProviderId, u.Email })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.ProviderId).ToDictionary(g => g.Key, g => g.Select(r => r.Email ?? "").Order(StringComparer.Ordinal).ToList());
    }

    /// <summary>Whether the signed-in account acts for any provider.</summary>
    public async Task<bool> ActsForAnyAsync(CancellationToken ct) =>
        (await scopes.GetAsync(ct)).UserId is { } userId && await db.VoucherProviderUsers.AnyAsync(l => l.UserId == userId, ct);

    /// <summary>
    /// The vouchers of the providers the signed-in account acts for, once the provider confirmed their enrolment. A
    /// granted voucher the provider has not confirmed is not listed: its code, which the participant brings, is the proof.
    /// </summary>
    public async Task<List<ProviderVoucher>> VouchersAsync(CancellationToken ct)
    {
        if ((await scopes.GetAsync(ct)).UserId is not { } userId)
            return [];
        var rows = await db.VoucherApplications.AsNoTracking()
            .Where(a => a.ProviderConfirmedAt != null)
            .Join(db.VoucherCourses, a => a.CourseId, c => c.Id, (a, c) => new { a, c })
            .Where(x => db.VoucherProviderUsers.Any(l => l.ProviderId == x.c.ProviderId && l.UserId == userId))
            .Join(db.VoucherSchemes, x => x.a.SchemeId, s => s.Id, (x, s) => new
            {
                x.a.Id, x.a.VoucherCode, s.Code, x.a.Arrival, x.a.Status, x.a.Amount, x.c.Title, Provider = x.c.Provider.Name, x.a.CourseStart,
                x.a.ProviderConfirmedAt, x.a.ParticipantConfirmedAt,
                Evidence = db.VoucherEvidence.Where(e => e.ApplicationId == x.a.Id)
                    .Select(e => new VoucherEvidenceDto(e.AttendancePercent, e.CompletedOn, e.FileName, e.ContentType, e.SubmittedAt, "")).FirstOrDefault(),
            })
            .OrderBy(x => x.Code).ThenBy(x => x.Arrival).Take(Shown).ToListAsync(ct);
        var vouchers = rows.Select(x => new VoucherDto(x.VoucherCode, x.Code, VoucherApplication.NumberOf(x.Code, x.Arrival), x.Status, x.Amount, x.Title, x.Provider,
            x.CourseStart, x.ProviderConfirmedAt, x.ParticipantConfirmedAt, x.Evidence is null ? null : x.Evidence with { CertificateUrl = $"/api/v1/vouchers/{x.VoucherCode}/certificate" })).ToList();
        // Evidence sent back leaves the voucher enrolled: the officer's latest reason says what to change.
        var returned = vouchers.Where(v => v.Status == VoucherStatus.Enrolled && v.Evidence is not null).Select(v => v.Number).ToList();
        var reasons = returned.Count == 0 ? [] : (await db.AuditEntries.AsNoTracking()
                .Where(e => e.Action == VoucherAuditActions.SentBack && e.EntityType == nameof(VoucherApplication) && returned.Contains(e.EntityId!))
                .Select(e => new { e.EntityId, e.At, e.Id, e.After }).ToListAsync(ct))
            .GroupBy(e => e.EntityId!).ToDictionary(g => g.Key, g => ReasonIn(g.OrderBy(e => e.At).ThenBy(e => e.Id).Last().After));
        return vouchers.Select(v => new ProviderVoucher(v, reasons.GetValueOrDefault(v.Number))).ToList();
    }

    private static string? ReasonIn(string? after) =>
        after is null ? null : JsonDocument.Parse(after).RootElement.TryGetProperty("reason", out var reason) ? reason.GetString() : null;
}
