using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Vouchers;

public sealed class VoucherApplicationInput
{
    public string? Email { get; set; }
    /// <summary>yyyy-MM-dd.</summary>
    public string? DateOfBirth { get; set; }
    public string? TargetGroup { get; set; }
    /// <summary>The CBS code of the municipality the applicant lives in (GM0200, or 0200); required for new applications.</summary>
    public string? Municipality { get; set; }
    public int? Course { get; set; }
    /// <summary>The course's start date the applicant chose, yyyy-MM-dd.</summary>
    public string? CourseStart { get; set; }
    /// <summary>nl or en: the language of the applicant's messages; the API's default is Dutch.</summary>
    public string? Language { get; set; }
}

/// <summary>What came of an application.</summary>
public abstract record ApplicationOutcome
{
    /// <summary>Saved: granted or on the waiting list (at <paramref name="Position"/>). <paramref name="Key"/> is for the applicant's status link only.</summary>
    /// <paramref name="ConfirmEmailBy"/> is the last day to confirm the address (<see cref="EmailConfirmations"/>).
    public sealed record Saved(VoucherApplication Application, string Number, string Key, int? Position = null, DateOnly? ConfirmEmailBy = null) : ApplicationOutcome;
    public sealed record NotFound : ApplicationOutcome;
    /// <summary>Input missing or malformed, or rules not met: each failure named by its field or rule.</summary>
    public sealed record Invalid(IDictionary<string, string[]> Errors) : ApplicationOutcome;
}

/// <summary>What the applicant's status link shows.</summary>
public sealed record ApplicationStatus(string Number, string SchemeCode, string SchemeName, string SchemeNameEn, string CourseTitle,
    VoucherStatus Status, decimal Amount, string? VoucherCode, int? Position, DateTime SubmittedAt, DistributionRule Rule, DateOnly? DecidedOn,
    DateOnly? ConfirmEmailBy = null);

/// <summary>
/// Applications and the budget they draw on. Every change to a scheme's reserve is one conditional
/// UPDATE of the scheme's row inside the same transaction as the application's change, so the
/// database decides who gets the last euro: reserved + paid never passes the ceiling, and while
/// anyone waits nobody behind them is granted.
/// </summary>
public sealed class VoucherApplications(PactwerkDb db, TimeProvider clock, SchemeGate gate, SchemeDecisions decisions, SchemeSnapshots snapshots)
{
    public async Task<ApplicationOutcome> ApplyAsync(string schemeCode, VoucherApplicationInput input, CancellationToken ct)
    {
        if (await snapshots.GetAsync(db, schemeCode, ct) is not { } snapshot)
            return new ApplicationOutcome.NotFound();
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);

        var errors = new Dictionary<string, string[]>();
        var email = input.Email?.Trim().ToLowerInvariant() ?? "";
        if (email.Length == 0)
            errors[nameof(input.Email)] = [VoucherMessages.EmailMissing];
        else if (!IsEmailAddress(email))
            errors[nameof(input.Email)] = [VoucherMessages.EmailInvalid];
        DateOnly birth = default, start = default;
        if (string.IsNullOrWhiteSpace(input.DateOfBirth))
            errors[nameof(input.DateOfBirth)] = [VoucherMessages.BirthMissing];
        else if (!TryParseDay(input.DateOfBirth, out birth) || birth > today || birth.Year < 1900)
            errors[nameof(input.DateOfBirth)] = [VoucherMessages.BirthInvalid];
        if (string.IsNullOrWhiteSpace(input.TargetGroup))
            errors[nameof(input.TargetGroup)] = [VoucherMessages.TargetGroupMissing];
        if (string.IsNullOrWhiteSpace(input.Municipality))
            errors[nameof(input.Municipality)] = [VoucherMessages.MunicipalityMissing];
        if (input.Course is null)
            errors[nameof(input.Course)] = [VoucherMessages.CourseMissing];
        if (string.IsNullOrWhiteSpace(input.CourseStart))
            errors[nameof(input.CourseStart)] = [VoucherMessages.StartMissing];
        else if (!TryParseDay(input.CourseStart, out start))
            errors[nameof(input.CourseStart)] = [VoucherMessages.StartInvalid];
        if (errors.Count > 0)
            return new ApplicationOutcome.Invalid(errors);

        // The rules, each named when it fails, so the applicant sees everything at once. Checked first
        // on the copy of at most a second ago (a rush reads the scheme once a second, not once per
        // applicant); only a pass is taken from it: a refusal is confirmed on what the database holds
        // now, and a pass is checked again under the scheme's lock before it is decided.
        var municipality = MunicipalityCodeOf(input.Municipality!);
        var targetGroup = input.TargetGroup!.Trim();
        var scheme = snapshot.Scheme;
        var course = snapshot.Courses.GetValueOrDefault(input.Course!.Value);
        errors = ApplicationRules.Check(scheme, course, input.Course.Value, municipality is not null && snapshot.Municipalities.Contains(municipality),
            input.Municipality!, targetGroup, birth, start, now);
        if (errors.Count > 0)
        {
            scheme = await db.VoucherSchemes.AsNoTracking().SingleOrDefaultAsync(s => s.Code == schemeCode, ct);
            if (scheme is null)
                return new ApplicationOutcome.NotFound();
            course = (await ApplicationRules.CoursesAsync(db.VoucherCourses.Where(c => c.Id == input.Course), ct)).SingleOrDefault();
            var known = municipality is not null && (await ApplicationRules.KnownMunicipalitiesAsync(db, [municipality], ct)).Count == 1;
            errors = ApplicationRules.Check(scheme, course, input.Course.Value, known, input.Municipality!, targetGroup, birth, start, now);
            if (errors.Count > 0)
                return new ApplicationOutcome.Invalid(errors);
        }

        var amount = scheme.VoucherAmount(course!.Price);
        var key = NewSecret(32);
        var application = new VoucherApplication
        {
            SchemeId = scheme.Id, CourseId = course.Id, Email = email, DateOfBirth = birth, MunicipalityCode = municipality, TargetGroup = targetGroup,
            CourseStart = start, SubmittedAt = now, Amount = amount, Status = VoucherStatus.Waiting,
            VoucherCode = NewVoucherCode(), KeyHash = Hash(key), Language = input.Language == "en" ? "en" : "nl",
        };

        // Decided with the others that arrive at the same moment, in one transaction under the scheme's lock.
        return await decisions.DecideAsync(scheme, application, key);
    }

    /// <summary>The status behind a link; the position is one indexed count.</summary>
    public async Task<ApplicationStatus?> StatusAsync(string? key, CancellationToken ct)
    {
        if (HashOf(key) is not { } hash)
            return null;
        var found = await db.VoucherApplications.AsNoTracking().Where(a => a.KeyHash == hash)
            .Join(db.VoucherSchemes, a => a.SchemeId, s => s.Id, (a, s) => new { a, s.Code, s.Name, s.NameEn, s.Rule, s.ClosesAt, s.ConfirmEmailWithinDays })
            .Join(db.VoucherCourses, x => x.a.CourseId, c => c.Id, (x, c) => new { x.a, x.Code, x.Name, x.NameEn, x.Rule, x.ClosesAt, x.ConfirmEmailWithinDays, c.Title })
            .SingleOrDefaultAsync(ct);
        if (found is null)
            return null;
        var a = found.a;
        var position = await PositionAsync(db, a, ct);
        return new ApplicationStatus(VoucherApplication.NumberOf(found.Code, a.Arrival), found.Code, found.Name, found.NameEn, found.Title, a.Status, a.Amount,
            a.Status == VoucherStatus.Granted ? a.VoucherCode : null, position, a.SubmittedAt, found.Rule,
            a.Status == VoucherStatus.Pending && found.Rule != DistributionRule.OrderOfArrival ? VoucherDraws.DecidedOn(found.Rule, found.ClosesAt, a.SubmittedAt) : null,
            EmailConfirmations.AwaitsConfirmation(a.Status, a.EmailConfirmedAt) && !VoucherPrivacy.IsErased(a.Email)
                ? EmailConfirmations.Deadline(a.SubmittedAt, found.ConfirmEmailWithinDays) : null);
    }

    /// <summary>An application's place on its scheme's waiting list (<see cref="WaitingList"/>); null when it does not wait.</summary>
    internal static async Task<int?> PositionAsync(PactwerkDb db, VoucherApplication a, CancellationToken ct) =>
        a.Status == VoucherStatus.Waiting ? await WaitingList.PlaceAsync(db, a.SchemeId, a.QueueOrder, ct) : null;

    /// <summary>
    /// The places of several waiting applications of one scheme, by their queue order: the first as
    /// any place, then one count of the gap to each next.
    /// </summary>
    internal static async Task<Dictionary<int, int>> PositionsAsync(PactwerkDb db, int schemeId, IReadOnlyCollection<int> queueOrders, CancellationToken ct)
    {
        var places = new Dictionary<int, int>();
        var waiting = db.VoucherApplications.Where(o => o.SchemeId == schemeId && o.Status == VoucherStatus.Waiting);
        int? previous = null;
        var place = 0;
        foreach (var order in queueOrders.Distinct().Order())
        {
            var after = previous;
            place = after is null
                ? await WaitingList.PlaceAsync(db, schemeId, order, ct)
                : place + 1 + await waiting.CountAsync(o => o.QueueOrder > after && o.QueueOrder < order, ct);
            places[order] = place;
            previous = order;
        }
        return places;
    }

    /// <summary>
    /// Withdraws the application behind the link. A granted voucher's amount goes back to the
    /// budget, and the waiting list moves up in order as far as the budget now reaches.
    /// </summary>
    public async Task<bool> WithdrawAsync(string? key, CancellationToken ct)
    {
        if (HashOf(key) is not { } hash)
            return false;
        var id = await db.VoucherApplications.Where(a => a.KeyHash == hash).Select(a => (long?)a.Id).SingleOrDefaultAsync(ct);
        // An open application: a pending one leaves the draw, a waiting one the list, a voucher not yet enrolled its reserve.
        return id is not null && await CloseAsync(id.Value, VoucherApplication.Open, VoucherStatus.Withdrawn, VoucherAuditActions.Withdrawn, "withdrawn by the applicant", ct);
    }

    /// <summary>
    /// Closes an application as refused or expired when its status is one of <paramref name="from"/>:
    /// one conditional update on that status, so an expiry and a withdrawal (or two clicks) at the
    /// same moment close and release it once. What it held goes back (a granted voucher's amount,
    /// a waiting place) and the waiting list moves up in order, under the scheme's gate and lock as
    /// for a withdrawal. With <paramref name="onlyUnconfirmed"/> it closes only while the address is
    /// unconfirmed, decided in the same update, so a confirmation at that moment keeps the application.
    /// </summary>
    public async Task<bool> CloseAsync(long applicationId, IReadOnlyCollection<VoucherStatus> from, VoucherStatus to, string action, string reason, CancellationToken ct,
        bool onlyUnconfirmed = false)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var schemeId = await db.VoucherApplications.Where(a => a.Id == applicationId).Select(a => (int?)a.SchemeId).SingleOrDefaultAsync(ct);
        if (schemeId is null)
            return false;
        using var turn = await gate.EnterAsync(schemeId.Value, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var application = await db.VoucherApplications.AsNoTracking().SingleAsync(a => a.Id == applicationId, ct);
        if (!from.Contains(application.Status))
            return false;
        if (await db.VoucherApplications.Where(a => a.Id == application.Id && a.Status == application.Status && (!onlyUnconfirmed || a.EmailConfirmedAt == null))
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, to).SetProperty(a => a.ClosedAt, now), ct) == 0)
            return false;
        var amount = application.Amount;
        // A pending application holds neither money nor a place on the list: nothing to release, nobody moves up.
        var held = VoucherApplication.HoldsReserve(application.Status);
        if (held)
            await db.VoucherSchemes.Where(s => s.Id == application.SchemeId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Reserved, x => x.Reserved - amount), ct);
        else if (application.Status == VoucherStatus.Waiting)
        {
            await db.VoucherSchemes.Where(s => s.Id == application.SchemeId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Waiting, x => x.Waiting - 1), ct);
            await WaitingList.LeftAsync(db, application.SchemeId, application.QueueOrder, ct);
        }
        var scheme = await db.VoucherSchemes.AsNoTracking().Where(s => s.Id == application.SchemeId).Select(s => new { s.Code, s.PactId }).SingleAsync(ct);
        db.RecordEvent(now, action, nameof(VoucherApplication), VoucherApplication.NumberOf(scheme.Code, application.Arrival),
            new { scheme = scheme.Code, was = application.Status.ToString(), released = held ? amount : 0m, reason }, scheme.PactId);
        await db.SaveChangesAsync(ct);
        if (held || application.Status == VoucherStatus.Waiting)
            await MoveUpAsync(application.SchemeId, scheme.Code, scheme.PactId, now, ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// Grants the waiting list in queue order (<see cref="VoucherApplication.QueueOrder"/>: arrival, or
    /// the draw's order) while the first in line fits the budget. Runs inside the
    /// caller's transaction, after it has locked the scheme's row by updating it, so two releases
    /// at once move the list up one after the other.
    /// </summary>
    internal async Task MoveUpAsync(int schemeId, string schemeCode, int pactId, DateTime now, CancellationToken ct)
    {
        while (await db.VoucherApplications.AsNoTracking().Where(a => a.SchemeId == schemeId && a.Status == VoucherStatus.Waiting)
                   .OrderBy(a => a.QueueOrder).Select(a => new { a.Id, a.Arrival, a.Amount, a.QueueOrder }).FirstOrDefaultAsync(ct) is { } first)
        {
            var amount = first.Amount;
            if (await db.VoucherSchemes.Where(s => s.Id == schemeId && s.Reserved + s.Paid + amount <= s.Ceiling)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.Reserved, x => x.Reserved + amount).SetProperty(x => x.Waiting, x => x.Waiting - 1), ct) == 0)
                return;
            await db.VoucherApplications.Where(a => a.Id == first.Id && a.Status == VoucherStatus.Waiting)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, VoucherStatus.Granted).SetProperty(a => a.GrantedAt, now), ct);
            await WaitingList.LeftAsync(db, schemeId, first.QueueOrder, ct);
            db.RecordEvent(now, VoucherAuditActions.Granted, nameof(VoucherApplication), VoucherApplication.NumberOf(schemeCode, first.Arrival),
                new { scheme = schemeCode, amount, reason = "moved up from the waiting list" }, pactId);
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>GM0200 from "GM0200", "gm0200", "0200" or "200"; null when it cannot be a municipality code.</summary>
    internal static string? MunicipalityCodeOf(string text)
    {
        var code = text.Trim().ToUpperInvariant();
        if (code.StartsWith("GM", StringComparison.Ordinal))
            code = code[2..];
        return code.Length is >= 1 and <= 4 && code.All(char.IsAsciiDigit) ? "GM" + code.PadLeft(4, '0') : null;
    }

    private static bool TryParseDay(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    /// <summary>Unambiguous letters and digits (no 0/O, 1/I/L), so a code read aloud or from paper is typed right.</summary>
    private const string CodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    private static string NewVoucherCode() => "V-" + new string(RandomNumberGenerator.GetItems<char>(CodeAlphabet, 10));

    private static string NewSecret(int bytes) => Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(bytes));

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    internal static string? HashOf(string? key) => string.IsNullOrWhiteSpace(key) || key.Length > 100 ? null : Hash(key.Trim());

    private static bool IsEmailAddress(string email) =>
        Web.Shared.EmailAddresses.IsValid(email)
        // .invalid is reserved (RFC 2606): no mail reaches it, and erased applications carry it (VoucherPrivacy).
        && !email.EndsWith(".invalid", StringComparison.Ordinal);
}
