using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OtpNet;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Audit;

namespace Pactwerk.Web.Features.Accounts.TwoFactor;

/// <summary>What became of a code typed at the second step, or to turn two-factor off.</summary>
public enum CodeOutcome { Accepted, AcceptedRecoveryCode, Wrong, Replayed, Locked }

public sealed record CodeCheck(CodeOutcome Outcome, DateTime? LockedUntil = null)
{
    public bool Accepted => Outcome is CodeOutcome.Accepted or CodeOutcome.AcceptedRecoveryCode;
}

/// <summary>
/// Two-factor sign-in with an authenticator app (TOTP, RFC 6238: HMAC-SHA-1, 30-second steps, six digits)
/// and single-use recovery codes. A code is accepted for its own step and one step either side, and only
/// for a step later than the last one accepted, so a code seen over someone's shoulder cannot be used again.
/// </summary>
public sealed class AccountAuthenticators(PactwerkDb db, UserManager<PactwerkUser> users, IDataProtectionProvider protection,
    IOptions<TwoFactorOptions> options, TimeProvider clock)
{
    public const int RecoveryCodeCount = 10;
    public const string Issuer = "Pactwerk";
    /// <summary>Crockford's base-32 letters: no I, L, O or U to misread.</summary>
    private const string RecoveryAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private const int RecoveryLength = 16;
    private static readonly VerificationWindow Window = new(previous: 1, future: 1);

    private IDataProtector Secrets => protection.CreateProtector("Pactwerk.TwoFactor.Secret.v1");
    /// <summary>The secret on its way through the set-up form, bound to the account and valid for half an hour.</summary>
    private ITimeLimitedDataProtector SetUp(string userId) => protection.CreateProtector("Pactwerk.TwoFactor.SetUp.v1", userId).ToTimeLimitedDataProtector();

    /// <summary>A new shared secret: 160 random bits (the length RFC 4226 recommends), in base 32 as authenticator apps read it.</summary>
    public static string NewSecret() => Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(20));

    public string ProtectForSetUp(string userId, string secret) => SetUp(userId).Protect(secret, TimeSpan.FromMinutes(30));

    public string? UnprotectForSetUp(string userId, string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 2000)
            return null;
        try
        {
            return SetUp(userId).Unprotect(token);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    public static string Uri(string email, string secret) =>
        $"otpauth://totp/{Issuer}:{System.Uri.EscapeDataString(email)}?secret={secret}&issuer={Issuer}";

    /// <summary>The secret in groups of four, easier to type into an app by hand.</summary>
    public static string Grouped(string secret) => string.Join(' ', secret.Chunk(4).Select(c => new string(c)));

    /// <summary>The QR code of the set-up address as SVG (no inline styles, so the content security policy holds).</summary>
    public static string QrSvg(string uri)
    {
        using var generator = new QRCoder.QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCoder.QRCodeGenerator.ECCLevel.M);
        return new QRCoder.SvgQRCode(data).GetGraphic(new System.Drawing.Size(240, 240), "#000000", "#ffffff", drawQuietZones: true,
            sizingMode: QRCoder.SvgQRCode.SizingMode.ViewBoxAttribute);
    }

    /// <summary>
    /// Turns two-factor on once the user proves their app holds the secret with its current code. Gives the
    /// ten recovery codes, to be shown once; null when the code does not fit the secret or it is on already.
    /// </summary>
    public async Task<IReadOnlyList<string>?> EnableAsync(PactwerkUser user, string secret, string? code, CancellationToken ct)
    {
        if (user.TwoFactorEnabled || await db.Set<AccountAuthenticator>().AnyAsync(a => a.UserId == user.Id, ct))
            return null;
        var now = clock.GetUtcNow().UtcDateTime;
        if (Normalise(code) is not { Length: 6 } digits || !new Totp(Base32Encoding.ToBytes(secret)).VerifyTotp(now, digits, out var step, Window))
            return null;
        db.Set<AccountAuthenticator>().Add(new AccountAuthenticator { UserId = user.Id, ProtectedSecret = Secrets.Protect(secret), EnabledAt = now, LastUsedStep = step });
        var codes = Enumerable.Range(0, RecoveryCodeCount).Select(_ => NewRecoveryCode()).ToList();
        db.Set<AccountRecoveryCode>().AddRange(codes.Select(c => new AccountRecoveryCode { UserId = user.Id, Hash = Hash(user.Id, c) }));
        db.RecordEvent(now, TwoFactorAuditActions.Enabled, nameof(PactwerkUser), user.Id, new { user.Email });
        // One save: the authenticator, its codes, the audit line and the flag (with a new security stamp, which
        // ends the account's other sessions: none of them proved a second factor).
        var result = await users.SetTwoFactorEnabledAsync(user, true);
        return result.Succeeded ? codes : throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    /// <summary>Turns two-factor off with a current code (or a recovery code): the secret and the recovery codes are deleted.</summary>
    public async Task<CodeCheck> DisableAsync(PactwerkUser user, string? code, CancellationToken ct)
    {
        var check = await CheckAsync(user, code, ct);
        if (!check.Accepted)
            return check;
        await db.Set<AccountRecoveryCode>().Where(c => c.UserId == user.Id).ExecuteDeleteAsync(ct);
        await db.Set<AccountAuthenticator>().Where(a => a.UserId == user.Id).ExecuteDeleteAsync(ct);
        db.RecordEvent(clock.GetUtcNow().UtcDateTime, TwoFactorAuditActions.Disabled, nameof(PactwerkUser), user.Id, new { user.Email });
        var result = await users.SetTwoFactorEnabledAsync(user, false);
        return result.Succeeded ? check : throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    public Task<int> RecoveryCodesLeftAsync(string userId, CancellationToken ct) =>
        db.Set<AccountRecoveryCode>().CountAsync(c => c.UserId == userId && c.UsedAt == null, ct);

    /// <summary>
    /// Checks a code from the app or a recovery code. Every change is one conditional statement, so two
    /// requests with the same code at the same moment cannot both be accepted, and wrong codes counted at the
    /// same moment all count. A wrong or replayed code counts toward the lock; the lock refuses even a right code.
    /// </summary>
    public async Task<CodeCheck> CheckAsync(PactwerkUser user, string? code, CancellationToken ct)
    {
        var authenticators = db.Set<AccountAuthenticator>();
        var authenticator = await authenticators.AsNoTracking().SingleOrDefaultAsync(a => a.UserId == user.Id, ct);
        if (authenticator is null)
            return new CodeCheck(CodeOutcome.Wrong);
        var now = clock.GetUtcNow().UtcDateTime;
        if (authenticator.LockedUntil > now)
            return new CodeCheck(CodeOutcome.Locked, authenticator.LockedUntil);

        var typed = Normalise(code);
        var outcome = CodeOutcome.Wrong;
        if (typed is { Length: 6 } && typed.All(char.IsAsciiDigit))
        {
            var totp = new Totp(Base32Encoding.ToBytes(Secrets.Unprotect(authenticator.ProtectedSecret)));
            if (totp.VerifyTotp(now, typed, out var step, Window))
                outcome = await authenticators.Where(a => a.UserId == user.Id && a.LastUsedStep < step && (a.LockedUntil == null || a.LockedUntil <= now))
                    .ExecuteUpdateAsync(s => s.SetProperty(a => a.LastUsedStep, step).SetProperty(a => a.FailedAttempts, 0), ct) == 1
                    ? CodeOutcome.Accepted : CodeOutcome.Replayed;
        }
        else if (typed is { Length: RecoveryLength } && typed.All(RecoveryAlphabet.Contains))
        {
            var hash = Hash(user.Id, typed);
            if (await db.Set<AccountRecoveryCode>().Where(c => c.UserId == user.Id && c.Hash == hash && c.UsedAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedAt, now), ct) == 1)
            {
                await authenticators.Where(a => a.UserId == user.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.FailedAttempts, 0), ct);
                outcome = CodeOutcome.AcceptedRecoveryCode;
            }
        }

        var by = new NamedAuditActor(user.Id, user.DisplayName);
        if (outcome is CodeOutcome.Accepted or CodeOutcome.AcceptedRecoveryCode)
            return new CodeCheck(outcome);

        await authenticators.Where(a => a.UserId == user.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.FailedAttempts, a => a.FailedAttempts + 1), ct);
        var until = now + options.Value.LockFor;
        var locked = await authenticators.Where(a => a.UserId == user.Id && a.FailedAttempts >= options.Value.MaxFailedAttempts)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.LockedUntil, until).SetProperty(a => a.FailedAttempts, 0), ct) == 1;
        db.RecordEvent(now, TwoFactorAuditActions.Failed, nameof(PactwerkUser), user.Id, new { Replayed = outcome == CodeOutcome.Replayed }, by: by);
        if (locked)
            db.RecordEvent(now, TwoFactorAuditActions.Locked, nameof(PactwerkUser), user.Id, new { LockedUntil = until }, by: by);
        await db.SaveChangesAsync(ct);
        return locked ? new CodeCheck(CodeOutcome.Locked, until) : new CodeCheck(outcome);
    }

    /// <summary>Writes the successful second step to the audit trail (the user is not signed in yet, so they are named).</summary>
    public async Task RecordSignInAsync(PactwerkUser user, CodeCheck check, CancellationToken ct)
    {
        db.RecordEvent(clock.GetUtcNow().UtcDateTime, TwoFactorAuditActions.SignedIn, nameof(PactwerkUser), user.Id,
            new { Method = check.Outcome == CodeOutcome.AcceptedRecoveryCode ? "recovery-code" : "totp" }, by: new NamedAuditActor(user.Id, user.DisplayName));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Spaces and dashes are how people group what they copy; letters are read in either case.</summary>
    private static string? Normalise(string? code) =>
        code is null || code.Length > 64 ? null : new string(code.Where(c => c is not (' ' or '-')).Select(char.ToUpperInvariant).ToArray());

    private static string NewRecoveryCode()
    {
        var chars = RandomNumberGenerator.GetItems<char>(RecoveryAlphabet, RecoveryLength);
        return string.Join('-', chars.Chunk(4).Select(c => new string(c)));
    }

    /// <summary>
    /// 80 random bits per code are out of reach of guessing, also offline from a copy of the database, so a
    /// fast hash is enough (a slow password hash would only cost every sign-in with a recovery code); the
    /// account id in it keeps equal codes of two accounts apart.
    /// </summary>
    private static string Hash(string userId, string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(userId + ":" + Normalise(code))));
}
