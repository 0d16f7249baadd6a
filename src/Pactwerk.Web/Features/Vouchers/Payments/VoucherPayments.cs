using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.Vouchers;

public sealed record PaymentDto(int Id, string Voucher, string Number, string Provider, PaymentKind Kind, decimal Amount, PaymentStatus Status,
    string ApprovedBy, string? CoSignedBy, int? Batch, DateTime? PaidAt, string? BankReference, string EndToEndId, int Attempt = 1, DateTime? ReturnedAt = null,
    string? ReturnReason = null);

/// <summary>A voucher that may be paid now: approved (final payment), or under way where the scheme allows an advance.</summary>
public sealed record PayableDto(string Voucher, string Number, string Provider, VoucherStatus Status, decimal Amount, decimal Committed, decimal Rest,
    decimal MaxAdvance, bool MayPayFinal, bool MayPayAdvance);

public sealed record BatchDto(int Id, DateTime CreatedAt, int Count, decimal Total, string MessageId, string XmlUrl, string CsvUrl);

public sealed record PaymentsOverview(string Scheme, string Name, string NameEn, decimal FourEyesThreshold, decimal AdvanceShare, bool DebtorComplete,
    List<PayableDto> Payable, List<PaymentDto> Payments, List<BatchDto> Batches);

public enum PaymentOutcome
{
    Done,
    NotFound,
    Forbidden,
    /// <summary>The rule or the four eyes say no; nothing changed.</summary>
    Refused,
}

public sealed record PaymentResult<T>(PaymentOutcome Outcome, string? Message, T? Value);

/// <summary>What one line of a bank statement or reconciliation file came to.</summary>
public enum ReconciliationOutcome
{
    /// <summary>Matched a batched payment by end-to-end id and amount: now paid.</summary>
    Paid,
    /// <summary>Paid before (the same file again, or the same line twice): nothing changed.</summary>
    AlreadyPaid,
    /// <summary>No payment of this scheme has this end-to-end id.</summary>
    Unknown,
    /// <summary>The payment exists but the amount differs: listed for the officer, not applied.</summary>
    WrongAmount,
    /// <summary>The payment exists but was never sent in a batch.</summary>
    NotBatched,
    /// <summary>Money coming back for a batched or paid payment: returned, its amount back in the reserve, to be offered again.</summary>
    Returned,
    /// <summary>Returned before (the same file again): nothing changed.</summary>
    AlreadyReturned,
    /// <summary>About an earlier transfer of a payment offered again since: nothing changed.</summary>
    EarlierAttempt,
}

public sealed record ReconciliationLine(int Line, string EndToEndId, decimal Amount, ReconciliationOutcome Outcome, decimal? Expected);

public sealed record ReconciliationResult(int Paid, decimal PaidTotal, List<ReconciliationLine> Lines, int Returned = 0, decimal ReturnedTotal = 0);

/// <summary>
/// Paying a scheme's providers: every payment is made here and only here, through
/// <see cref="VoucherPaymentRule"/>; four eyes above the scheme's threshold; batches collected by
/// one conditional update; reconciliation moving the amount from the reserve to the paid sum by
/// one conditional update, so reserved + paid never changes by a payment and never passes the ceiling.
/// </summary>
public sealed class VoucherPayments(PactwerkDb db, TimeProvider clock, AccessScopeProvider scopes)
{
    private const string NotOfficer = "Alleen de behandelaars van deze regeling doen de betalingen.";

    private async Task<(VoucherScheme? Scheme, string? UserId, PaymentOutcome Outcome)> OfficerAsync(string code, bool forChange, CancellationToken ct)
    {
        var scheme = await db.VoucherSchemes.AsNoTracking().SingleOrDefaultAsync(s => s.Code == code, ct);
        if (scheme is null)
            return (null, null, PaymentOutcome.NotFound);
        var scope = await scopes.GetAsync(ct);
        return VoucherAccess.IsOfficer(scope, scheme, forChange) && scope.UserId is { } userId
            ? (scheme, userId, PaymentOutcome.Done)
            : (scheme, null, PaymentOutcome.Forbidden);
    }

    private static PaymentResult<T> Fail<T>(PaymentOutcome outcome, string? code = null) => new(outcome,
        outcome == PaymentOutcome.NotFound ? VoucherMessages.Format(VoucherMessages.NoScheme, code is { Length: > 40 } ? code[..40] : code ?? "") : NotOfficer, default);

    /// <summary>Whether the scheme's own account is filled in well enough for a SEPA file.</summary>
    public static bool DebtorComplete(VoucherScheme scheme) =>
        !string.IsNullOrWhiteSpace(scheme.DebtorName) && VoucherRules.IsIban(scheme.DebtorIban) && scheme.DebtorBic.Length is 8 or 11 && scheme.DebtorBic.All(char.IsAsciiLetterOrDigit);

    public async Task<PaymentResult<PaymentsOverview>> OverviewAsync(string code, CancellationToken ct)
    {
        var (scheme, _, outcome) = await OfficerAsync(code, forChange: false, ct);
        if (outcome != PaymentOutcome.Done)
            return Fail<PaymentsOverview>(outcome, code);
        var payableStates = scheme!.AdvanceShare > 0
            ? new[] { VoucherStatus.Enrolled, VoucherStatus.Delivered, VoucherStatus.Approved }
            : [VoucherStatus.Approved];
        var vouchers = await db.VoucherApplications.AsNoTracking().Where(a => a.SchemeId == scheme.Id && payableStates.Contains(a.Status))
            .Join(db.VoucherCourses, a => a.CourseId, c => c.Id, (a, c) => new { a.Id, a.VoucherCode, a.Arrival, a.Status, a.Amount, Provider = c.Provider.Name })
            .OrderBy(a => a.Arrival).ToListAsync(ct);
        var payments = await PaymentsAsync(scheme, p => p.SchemeId == scheme.Id, ct);
        var payable = new List<PayableDto>();
        foreach (var v in vouchers)
        {
            var earlier = payments.Where(p => p.ApplicationId == v.Id).ToList();
            var committed = earlier.Sum(p => p.Dto.Amount);
            var final = VoucherPaymentRule.Decide(v.Status, v.Amount, scheme.AdvanceShare, PaymentKind.Final, null, committed,
                earlier.Any(p => p.Dto.Kind == PaymentKind.Advance), earlier.Any(p => p.Dto.Kind == PaymentKind.Final));
            var maxAdvance = Math.Round(v.Amount * scheme.AdvanceShare, 2, MidpointRounding.ToZero);
            var advance = maxAdvance > 0 && VoucherPaymentRule.Decide(v.Status, v.Amount, scheme.AdvanceShare, PaymentKind.Advance, maxAdvance, committed,
                earlier.Any(p => p.Dto.Kind == PaymentKind.Advance), earlier.Any(p => p.Dto.Kind == PaymentKind.Final)).Refusal is null;
            if (final.Refusal is null || advance)
                payable.Add(new PayableDto(v.VoucherCode, VoucherApplication.NumberOf(scheme.Code, v.Arrival), v.Provider, v.Status, v.Amount, committed,
                    v.Amount - committed, maxAdvance, final.Refusal is null, advance));
        }
        var batches = await db.VoucherPaymentBatches.AsNoTracking().Where(b => b.SchemeId == scheme.Id).OrderByDescending(b => b.Id).ToListAsync(ct);
        return new(PaymentOutcome.Done, null, new PaymentsOverview(scheme.Code, scheme.Name, scheme.NameEn, scheme.FourEyesThreshold, scheme.AdvanceShare, DebtorComplete(scheme), payable,
            [.. payments.Select(p => p.Dto)], [.. batches.Select(b => Batch(scheme.Code, b))]));
    }

    private static BatchDto Batch(string code, VoucherPaymentBatch b) => new(b.Id, b.CreatedAt, b.Count, b.Total, b.MessageId,
        $"/api/v1/voucher-schemes/{code}/payment-batches/{b.Id}/pain001", $"/api/v1/voucher-schemes/{code}/payment-batches/{b.Id}/csv");

    private sealed record Row(long? ApplicationId, PaymentDto Dto);

    /// <summary>
    /// Whom a payment pays and what it pays for: a voucher (its code, its number, the course's provider) or a learning
    /// account's booking (its code <see cref="LearningAccounts.LearningBooking.CodeOf"/>, the booked course's provider).
    /// </summary>
    private sealed record Payee(string Code, string Number, string Provider, string Iban, int Arrival, decimal? VoucherAmount, string Label);

    private async Task<Dictionary<int, Payee>> PayeesAsync(VoucherScheme scheme, IReadOnlyCollection<VoucherPayment> payments, CancellationToken ct)
    {
        var applicationIds = payments.Select(p => p.ApplicationId).OfType<long>().Distinct().ToList();
        var vouchers = await db.VoucherApplications.AsNoTracking().Where(a => applicationIds.Contains(a.Id))
            .Join(db.VoucherCourses, a => a.CourseId, c => c.Id, (a, c) => new { a.Id, a.VoucherCode, a.Arrival, a.Amount, c.Provider.Name, c.Provider.Iban })
            .ToDictionaryAsync(x => x.Id, ct);
        var bookingIds = payments.Select(p => p.BookingId).OfType<long>().Distinct().ToList();
        var bookings = await db.LearningBookings.AsNoTracking().Where(b => bookingIds.Contains(b.Id))
            .Join(db.VoucherProviders, b => b.ProviderId, p => p.Id, (b, p) => new { b.Id, p.Name, p.Iban })
            .ToDictionaryAsync(x => x.Id, ct);
        return payments.ToDictionary(p => p.Id, p =>
        {
            if (p.BookingId is { } bookingId)
            {
                var b = bookings[bookingId];
                var code = LearningAccounts.LearningBooking.CodeOf(b.Id);
                return new Payee(code, code, b.Name, b.Iban, 0, null, $"{code} leerrekening");
            }
            var v = vouchers[p.ApplicationId!.Value];
            var number = VoucherApplication.NumberOf(scheme.Code, v.Arrival);
            return new Payee(v.VoucherCode, number, v.Name, v.Iban, v.Arrival, v.Amount,
                $"{number} {v.VoucherCode} {(p.Kind == PaymentKind.Advance ? "voorschot" : "slotbetaling")}");
        });
    }

    private async Task<List<Row>> PaymentsAsync(VoucherScheme scheme, System.Linq.Expressions.Expression<Func<VoucherPayment, bool>> which, CancellationToken ct)
    {
        var payments = await db.VoucherPayments.AsNoTracking().Where(which).OrderBy(p => p.Id).ToListAsync(ct);
        var payees = await PayeesAsync(scheme, payments, ct);
        var userIds = payments.SelectMany(p => new[] { p.ApprovedBy, p.CoSignedBy }).OfType<string>().Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName ?? u.Email ?? u.Id, ct);
        string Name(string? id) => id is null ? "" : names.GetValueOrDefault(id, id);
        return [.. payments.Select(p => (p, Payee: payees[p.Id])).Select(x => new Row(x.p.ApplicationId, new PaymentDto(x.p.Id, x.Payee.Code, x.Payee.Number, x.Payee.Provider, x.p.Kind,
            x.p.Amount, x.p.Status, Name(x.p.ApprovedBy), x.p.CoSignedBy is null ? null : Name(x.p.CoSignedBy), x.p.BatchId, x.p.PaidAt, x.p.BankReference,
            VoucherPayment.EndToEndId(x.Payee.Code, x.p.Id, x.p.Attempt), x.p.Attempt, x.p.ReturnedAt, x.p.ReturnReason)))];
    }

    /// <summary>What the payments overview names as the first approval of a booking's payment: the two confirmations, not a person.</summary>
    public const string BookingApproval = "Levering bevestigd door aanbieder en deelnemer";

    /// <summary>
    /// A learning account's booking whose delivery both sides confirmed and whose reservation the ledger spent: its
    /// payment to the provider becomes due in the provider's scheme, and waits for an officer of that scheme to sign it,
    /// whatever its amount. The two confirmations are its first approval (<see cref="BookingApproval"/>); the officer's
    /// signature is the second, as an officer approves every voucher's payment: a provider and a holder who agree
    /// between them (or are one person) never make a payment go out alone, and neither's name is shown to the officers
    /// as its approver. When the holder did not confirm and an officer of the scheme found the course delivered
    /// (<paramref name="foundDeliveredBy"/>), that officer's decision is the first approval, so another officer must sign:
    /// one officer never makes a disputed payment go out alone either. Called by the booking inside its own transaction,
    /// so the spend and the payment commit together.
    /// </summary>
    public async Task<PaymentResult<int>> DueForBookingAsync(int schemeId, long bookingId, long cents, bool providerConfirmed, bool holderConfirmed, bool spent,
        string by, CancellationToken ct, string? foundDeliveredBy = null)
    {
        var scheme = await db.VoucherSchemes.AsNoTracking().SingleAsync(s => s.Id == schemeId, ct);
        var hasPayment = await db.VoucherPayments.AnyAsync(p => p.BookingId == bookingId, ct);
        if (VoucherPaymentRule.DecideBooking(providerConfirmed, holderConfirmed, spent, hasPayment, foundDeliveredBy is not null) is { } refusal)
            return new(PaymentOutcome.Refused, refusal, 0);
        var amount = cents / 100m;
        var now = clock.GetUtcNow().UtcDateTime;
        var payment = new VoucherPayment
        {
            SchemeId = scheme.Id, BookingId = bookingId, Kind = PaymentKind.Final, Amount = amount, CreatedBy = by,
            ApprovedBy = holderConfirmed ? BookingApproval : foundDeliveredBy!, CreatedAt = now,
            Status = PaymentStatus.AwaitingCoSignature,
        };
        db.VoucherPayments.Add(payment);
        await db.SaveChangesAsync(ct);
        db.RecordEvent(now, VoucherAuditActions.BookingPaymentDue, nameof(VoucherPayment), payment.Id.ToString(CultureInfo.InvariantCulture),
            new { scheme = scheme.Code, booking = LearningAccounts.LearningBooking.CodeOf(bookingId), amount, status = payment.Status.ToString() }, scheme.PactId);
        await db.SaveChangesAsync(ct);
        return new(PaymentOutcome.Done, null, payment.Id);
    }

    /// <summary>
    /// The officer approves a payment of a voucher: the rule decides whether and how much; above
    /// the scheme's four-eyes threshold it waits for a second officer's co-signature.
    /// </summary>
    public async Task<PaymentResult<PaymentDto>> ApproveAsync(string code, string? voucherCode, PaymentKind kind, decimal? amount, string reason, CancellationToken ct)
    {
        var (scheme, userId, outcome) = await OfficerAsync(code, forChange: true, ct);
        if (outcome != PaymentOutcome.Done)
            return Fail<PaymentDto>(outcome, code);
        voucherCode = voucherCode?.Trim().ToUpperInvariant();
        var voucher = string.IsNullOrEmpty(voucherCode) || voucherCode.Length > 20 ? null
            : await db.VoucherApplications.AsNoTracking().Where(a => a.SchemeId == scheme!.Id && a.VoucherCode == voucherCode)
                .Select(a => new { a.Id, a.Amount, a.Arrival }).SingleOrDefaultAsync(ct);
        if (voucher is null)
            return new(PaymentOutcome.NotFound, "Deze regeling heeft geen voucher met deze code.", null);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Lock the voucher's row before reading its status and earlier payments: a second payment of
        // the same voucher at the same moment waits here, then sees the first and is refused.
        await db.VoucherApplications.Where(a => a.Id == voucher.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Arrival, a => a.Arrival), ct);
        var status = await db.VoucherApplications.AsNoTracking().Where(a => a.Id == voucher.Id).Select(a => a.Status).SingleAsync(ct);
        var earlier = await db.VoucherPayments.AsNoTracking().Where(p => p.ApplicationId == voucher.Id).Select(p => new { p.Kind, p.Amount }).ToListAsync(ct);
        var (allowed, refusal) = VoucherPaymentRule.Decide(status, voucher.Amount, scheme!.AdvanceShare, kind, amount, earlier.Sum(p => p.Amount),
            earlier.Any(p => p.Kind == PaymentKind.Advance), earlier.Any(p => p.Kind == PaymentKind.Final));
        if (refusal is not null)
            return new(PaymentOutcome.Refused, refusal, null);
        var needsCoSignature = allowed > scheme.FourEyesThreshold;
        var payment = new VoucherPayment
        {
            SchemeId = scheme.Id, ApplicationId = voucher.Id, Kind = kind, Amount = allowed, CreatedBy = userId!, ApprovedBy = userId!, CreatedAt = now,
            Status = needsCoSignature ? PaymentStatus.AwaitingCoSignature : PaymentStatus.Approved,
        };
        db.VoucherPayments.Add(payment);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException failure) when (UniqueViolation.Is(failure))
        {
            return new(PaymentOutcome.Refused, "Voor deze voucher is deze betaling al gemaakt; er is niets veranderd.", null);
        }
        db.RecordEvent(now, VoucherAuditActions.PaymentApproved, nameof(VoucherPayment), payment.Id.ToString(CultureInfo.InvariantCulture),
            new { scheme = scheme.Code, voucher = voucherCode, number = VoucherApplication.NumberOf(scheme.Code, voucher.Arrival), kind = kind.ToString(), amount = allowed, needsCoSignature, reason },
            scheme.PactId);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new(PaymentOutcome.Done, null, (await PaymentsAsync(scheme, p => p.Id == payment.Id, ct)).Single().Dto);
    }

    /// <summary>A second officer co-signs a payment above the threshold; the officer who approved it cannot.</summary>
    public async Task<PaymentResult<PaymentDto>> CoSignAsync(string code, int paymentId, string reason, CancellationToken ct)
    {
        var (scheme, userId, outcome) = await OfficerAsync(code, forChange: true, ct);
        if (outcome != PaymentOutcome.Done)
            return Fail<PaymentDto>(outcome, code);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // The approver is excluded in the statement itself (and by a check constraint), not by a check before it.
        var changed = await db.VoucherPayments
            .Where(p => p.Id == paymentId && p.SchemeId == scheme!.Id && p.Status == PaymentStatus.AwaitingCoSignature && p.ApprovedBy != userId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PaymentStatus.Approved).SetProperty(p => p.CoSignedBy, userId).SetProperty(p => p.CoSignedAt, now), ct);
        if (changed == 0)
        {
            var payment = await db.VoucherPayments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == paymentId && p.SchemeId == scheme!.Id, ct);
            return payment is null ? new(PaymentOutcome.NotFound, $"Deze regeling heeft geen betaling met nummer {paymentId}.", null)
                : payment.Status != PaymentStatus.AwaitingCoSignature ? new(PaymentOutcome.Refused, "Deze betaling wacht niet (meer) op medeondertekening; er is niets veranderd.", null)
                : new(PaymentOutcome.Refused, "U hebt deze betaling zelf goedgekeurd: een tweede, andere behandelaar moet haar medeondertekenen (vier ogen). Er is niets veranderd.", null);
        }
        db.RecordEvent(now, VoucherAuditActions.PaymentCoSigned, nameof(VoucherPayment), paymentId.ToString(CultureInfo.InvariantCulture),
            new { scheme = scheme!.Code, reason }, scheme.PactId);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new(PaymentOutcome.Done, null, (await PaymentsAsync(scheme, p => p.Id == paymentId, ct)).Single().Dto);
    }

    /// <summary>
    /// Collects every approved payment not yet in a batch into a new batch, in one conditional
    /// update: of requests at the same moment one takes them, the others find nothing and make no batch.
    /// </summary>
    public async Task<PaymentResult<BatchDto>> BatchAsync(string code, CancellationToken ct)
    {
        var (scheme, userId, outcome) = await OfficerAsync(code, forChange: true, ct);
        if (outcome != PaymentOutcome.Done)
            return Fail<BatchDto>(outcome, code);
        if (!DebtorComplete(scheme!))
            return new(PaymentOutcome.Refused, "De rekening van de regeling (naam, IBAN en BIC) is niet (goed) ingevuld; zonder die rekening is er geen betaalbestand. Er is niets veranderd.", null);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var batch = new VoucherPaymentBatch { SchemeId = scheme!.Id, CreatedAt = now, CreatedBy = userId! };
        db.VoucherPaymentBatches.Add(batch);
        await db.SaveChangesAsync(ct);
        var taken = await db.VoucherPayments.Where(p => p.SchemeId == scheme.Id && p.Status == PaymentStatus.Approved && p.BatchId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.BatchId, batch.Id).SetProperty(p => p.Status, PaymentStatus.Batched), ct);
        if (taken == 0)
        {
            await transaction.RollbackAsync(ct);
            return new(PaymentOutcome.Refused, "Er zijn geen goedgekeurde (en waar nodig medeondertekende) betalingen die nog niet in een batch zitten; er is geen batch gemaakt.", null);
        }
        // Summed in .NET: SQLite keeps decimals as text and cannot sum them exactly.
        var amounts = await db.VoucherPayments.AsNoTracking().Where(p => p.BatchId == batch.Id).Select(p => p.Amount).ToListAsync(ct);
        batch.Count = amounts.Count;
        batch.Total = amounts.Sum();
        db.RecordEvent(now, VoucherAuditActions.PaymentsBatched, nameof(VoucherPaymentBatch), batch.Id.ToString(CultureInfo.InvariantCulture),
            new { scheme = scheme.Code, count = batch.Count, total = batch.Total, messageId = batch.MessageId }, scheme.PactId);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new(PaymentOutcome.Done, null, Batch(scheme.Code, batch));
    }

    /// <summary>A batch's transfers, for its files.</summary>
    public async Task<PaymentResult<(VoucherScheme Scheme, VoucherPaymentBatch Batch, List<SepaTransfer> Transfers)>> BatchFilesAsync(string code, int batchId, CancellationToken ct)
    {
        var (scheme, _, outcome) = await OfficerAsync(code, forChange: false, ct);
        if (outcome != PaymentOutcome.Done)
            return Fail<(VoucherScheme, VoucherPaymentBatch, List<SepaTransfer>)>(outcome, code);
        var batch = await db.VoucherPaymentBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == batchId && b.SchemeId == scheme!.Id, ct);
        if (batch is null)
            return new(PaymentOutcome.NotFound, $"Deze regeling heeft geen batch met nummer {batchId}.", default);
        var payments = await db.VoucherPayments.AsNoTracking().Where(p => p.BatchId == batch.Id).OrderBy(p => p.Id).ToListAsync(ct);
        var payees = await PayeesAsync(scheme!, payments, ct);
        return new(PaymentOutcome.Done, null, (scheme!, batch, payments.Select(p => (p, Payee: payees[p.Id])).Select(x => new SepaTransfer(
            VoucherPayment.EndToEndId(x.Payee.Code, x.p.Id, x.p.Attempt), x.p.Amount, x.Payee.Provider, x.Payee.Iban, x.Payee.Label, x.p.Kind)).ToList()));
    }

    /// <summary>
    /// Applies what a bank statement or reconciliation file shows, line by line in its order. A debit
    /// marks a batched payment paid (by its end-to-end id and exact amount), moving the amount from the
    /// reserve to the paid sum in one conditional update; the voucher is paid once its payments add up
    /// to its amount. A credit for a batched or paid payment is a return: the payment is returned and,
    /// if it was paid, the amount moves back from the paid sum to the reserve (the voucher is still owed),
    /// so reserved + paid never changes by a payment or a return. Anything else is listed, not applied.
    /// </summary>
    public async Task<PaymentResult<ReconciliationResult>> ReconcileAsync(string code, IReadOnlyList<StatementLine> lines, CancellationToken ct)
    {
        var (scheme, _, outcome) = await OfficerAsync(code, forChange: true, ct);
        if (outcome != PaymentOutcome.Done)
            return Fail<ReconciliationResult>(outcome, code);
        var now = clock.GetUtcNow().UtcDateTime;
        var result = new List<ReconciliationLine>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var line in lines)
        {
            var (voucherCode, id, attempt) = ParseEndToEndId(line.EndToEndId);
            var payment = id is null ? null : await db.VoucherPayments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id && p.SchemeId == scheme!.Id, ct);
            var payee = payment is null ? null : (await PayeesAsync(scheme!, [payment], ct))[payment.Id];
            if (payment is null || !string.Equals(payee!.Code, voucherCode, StringComparison.OrdinalIgnoreCase) || attempt > payment.Attempt)
            {
                result.Add(new(line.Line, line.EndToEndId, line.Amount, ReconciliationOutcome.Unknown, null));
                continue;
            }
            var verdict = attempt < payment.Attempt ? ReconciliationOutcome.EarlierAttempt
                : line.Credit ? payment.Status switch
                {
                    PaymentStatus.Returned => ReconciliationOutcome.AlreadyReturned,
                    not (PaymentStatus.Batched or PaymentStatus.Paid) => ReconciliationOutcome.NotBatched,
                    _ when payment.Amount != line.Amount => ReconciliationOutcome.WrongAmount,
                    _ => ReconciliationOutcome.Returned,
                }
                : payment.Status switch
                {
                    PaymentStatus.Paid => ReconciliationOutcome.AlreadyPaid,
                    // The same file again after its return line was applied: the debit it begins with is history.
                    PaymentStatus.Returned => ReconciliationOutcome.AlreadyReturned,
                    not PaymentStatus.Batched => ReconciliationOutcome.NotBatched,
                    _ when payment.Amount != line.Amount => ReconciliationOutcome.WrongAmount,
                    _ => ReconciliationOutcome.Paid,
                };
            var amount = payment.Amount;
            if (verdict == ReconciliationOutcome.Paid)
            {
                if (await db.VoucherPayments.Where(p => p.Id == payment.Id && p.Status == PaymentStatus.Batched && p.Attempt == payment.Attempt)
                        .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PaymentStatus.Paid).SetProperty(p => p.PaidAt, now).SetProperty(p => p.BankReference, line.BankReference), ct) == 0)
                    verdict = ReconciliationOutcome.AlreadyPaid;
                else if (payment.ApplicationId is { } applicationId)
                    await PaidAsync(scheme!, payment.Id, applicationId, payee.Code, payee.Arrival, payee.VoucherAmount!.Value, amount, line, now, ct);
                else
                    await BookingPaidAsync(scheme!, payment.Id, amount, line, now, ct);
            }
            else if (verdict == ReconciliationOutcome.Returned)
            {
                var wasPaid = payment.Status == PaymentStatus.Paid;
                if (await db.VoucherPayments.Where(p => p.Id == payment.Id && p.Status == payment.Status && p.Attempt == payment.Attempt)
                        .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PaymentStatus.Returned).SetProperty(p => p.ReturnedAt, now)
                            .SetProperty(p => p.ReturnReason, line.ReturnReason).SetProperty(p => p.PaidAt, (DateTime?)null), ct) == 0)
                    verdict = ReconciliationOutcome.AlreadyReturned;
                else
                    await ReturnedAsync(scheme!, payment.Id, payment.ApplicationId, payee.Code, payee.Arrival, amount, wasPaid, line, now, ct);
            }
            result.Add(new(line.Line, line.EndToEndId, line.Amount, verdict, verdict == ReconciliationOutcome.WrongAmount ? payment.Amount : null));
        }
        await transaction.CommitAsync(ct);
        var applied = result.Where(l => l.Outcome == ReconciliationOutcome.Paid).ToList();
        var returned = result.Where(l => l.Outcome == ReconciliationOutcome.Returned).ToList();
        return new(PaymentOutcome.Done, null, new ReconciliationResult(applied.Count, applied.Sum(l => l.Amount), result, returned.Count, returned.Sum(l => l.Amount)));
    }

    /// <summary>The voucher code, payment number and attempt in an end-to-end id (<see cref="VoucherPayment.EndToEndId"/>); nulls when it is not one of ours.</summary>
    private static (string? VoucherCode, int? PaymentId, int Attempt) ParseEndToEndId(string endToEndId)
    {
        var cut = endToEndId.LastIndexOf('-');
        if (cut <= 0)
            return (null, null, 0);
        var rest = endToEndId[(cut + 1)..];
        var dot = rest.IndexOf('.');
        var attempt = 1;
        if (dot >= 0 && (!int.TryParse(rest[(dot + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out attempt) || attempt < 2))
            return (null, null, 0);
        return int.TryParse(dot >= 0 ? rest[..dot] : rest, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? (endToEndId[..cut], id, attempt) : (null, null, 0);
    }

    private async Task PaidAsync(VoucherScheme scheme, int paymentId, long applicationId, string voucherCode, int arrival, decimal voucherAmount, decimal amount,
        StatementLine line, DateTime now, CancellationToken ct)
    {
        // From the reserve to the paid sum in one statement: their total does not change, so the ceiling holds.
        if (await db.VoucherSchemes.Where(s => s.Id == scheme.Id && s.Reserved >= amount)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Reserved, x => x.Reserved - amount).SetProperty(x => x.Paid, x => x.Paid + amount), ct) == 0)
            throw new InvalidOperationException($"The reserve of scheme {scheme.Code} does not hold payment {paymentId}: the budget's books disagree.");
        db.RecordEvent(now, VoucherAuditActions.PaymentPaid, nameof(VoucherPayment), paymentId.ToString(CultureInfo.InvariantCulture),
            new { scheme = scheme.Code, endToEndId = line.EndToEndId, amount, bankReference = line.BankReference, bookedOn = line.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
            scheme.PactId);
        var paid = (await db.VoucherPayments.AsNoTracking().Where(p => p.ApplicationId == applicationId && p.Status == PaymentStatus.Paid).Select(p => p.Amount).ToListAsync(ct)).Sum();
        if (paid == voucherAmount
            && await db.VoucherApplications.Where(a => a.Id == applicationId && a.Status == VoucherStatus.Approved)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, VoucherStatus.Paid).SetProperty(a => a.ClosedAt, now), ct) == 1)
            db.RecordEvent(now, VoucherAuditActions.Paid, nameof(VoucherApplication), VoucherApplication.NumberOf(scheme.Code, arrival),
                new { scheme = scheme.Code, voucher = voucherCode, amount = paid, reason = "the bank's statement shows every payment of the voucher" }, scheme.PactId);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A booking's payment paid: its money was spent on the learning account's ledger, never held in the scheme's reserve, so only the payment changes.</summary>
    private async Task BookingPaidAsync(VoucherScheme scheme, int paymentId, decimal amount, StatementLine line, DateTime now, CancellationToken ct)
    {
        db.RecordEvent(now, VoucherAuditActions.PaymentPaid, nameof(VoucherPayment), paymentId.ToString(CultureInfo.InvariantCulture),
            new { scheme = scheme.Code, endToEndId = line.EndToEndId, amount, bankReference = line.BankReference, bookedOn = line.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
            scheme.PactId);
        await db.SaveChangesAsync(ct);
    }

    private async Task ReturnedAsync(VoucherScheme scheme, int paymentId, long? applicationId, string voucherCode, int arrival, decimal amount, bool wasPaid,
        StatementLine line, DateTime now, CancellationToken ct)
    {
        // A booking's payment returned is still owed to the provider; its money stays spent on the ledger and never was in the reserve.
        if (wasPaid && applicationId is not null)
        {
            // Back from the paid sum to the reserve in one statement: the voucher is still owed, and the total does not change.
            if (await db.VoucherSchemes.Where(s => s.Id == scheme.Id && s.Paid >= amount)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.Paid, x => x.Paid - amount).SetProperty(x => x.Reserved, x => x.Reserved + amount), ct) == 0)
                throw new InvalidOperationException($"The paid sum of scheme {scheme.Code} does not hold payment {paymentId}: the budget's books disagree.");
            // A voucher closed as paid is open again until its payment arrives.
            if (await db.VoucherApplications.Where(a => a.Id == applicationId && a.Status == VoucherStatus.Paid)
                    .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, VoucherStatus.Approved).SetProperty(a => a.ClosedAt, (DateTime?)null), ct) == 1)
                db.RecordEvent(now, VoucherAuditActions.Approved, nameof(VoucherApplication), VoucherApplication.NumberOf(scheme.Code, arrival),
                    new { scheme = scheme.Code, voucher = voucherCode, reason = $"a payment was returned by the bank ({line.ReturnReason ?? "no reason given"}); the voucher is owed again" }, scheme.PactId);
        }
        db.RecordEvent(now, VoucherAuditActions.PaymentReturned, nameof(VoucherPayment), paymentId.ToString(CultureInfo.InvariantCulture),
            new { scheme = scheme.Code, endToEndId = line.EndToEndId, amount, wasPaid, returnReason = line.ReturnReason, bankReference = line.BankReference,
                bookedOn = line.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }, scheme.PactId);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// An officer offers a returned payment again (after the provider's account was put right): a new
    /// transfer with its own end-to-end id (the next attempt) in the next batch. Above the scheme's
    /// threshold it needs a second officer again, since the account it goes to may have changed.
    /// </summary>
    public async Task<PaymentResult<PaymentDto>> RetryAsync(string code, int paymentId, string reason, CancellationToken ct)
    {
        var (scheme, userId, outcome) = await OfficerAsync(code, forChange: true, ct);
        if (outcome != PaymentOutcome.Done)
            return Fail<PaymentDto>(outcome, code);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // The amount is compared here, not in SQL: SQLite keeps decimals as text. The update below is still conditional on Returned.
        var amount = await db.VoucherPayments.AsNoTracking().Where(p => p.Id == paymentId && p.SchemeId == scheme!.Id).Select(p => (decimal?)p.Amount).SingleOrDefaultAsync(ct);
        if (amount is null)
            return new(PaymentOutcome.NotFound, $"Deze regeling heeft geen betaling met nummer {paymentId}.", null);
        var next = amount > scheme!.FourEyesThreshold ? PaymentStatus.AwaitingCoSignature : PaymentStatus.Approved;
        var changed = await db.VoucherPayments.Where(p => p.Id == paymentId && p.SchemeId == scheme.Id && p.Status == PaymentStatus.Returned)
            .ExecuteUpdateAsync(s => s
                .SetProperty(p => p.Status, next)
                .SetProperty(p => p.Attempt, p => p.Attempt + 1).SetProperty(p => p.BatchId, (int?)null)
                .SetProperty(p => p.ApprovedBy, userId!).SetProperty(p => p.CoSignedBy, (string?)null).SetProperty(p => p.CoSignedAt, (DateTime?)null)
                .SetProperty(p => p.BankReference, (string?)null), ct);
        if (changed == 0)
            return new(PaymentOutcome.Refused, "Alleen een teruggeboekte betaling kan opnieuw worden aangeboden; er is niets veranderd.", null);
        db.RecordEvent(now, VoucherAuditActions.PaymentRetried, nameof(VoucherPayment), paymentId.ToString(CultureInfo.InvariantCulture),
            new { scheme = scheme.Code, reason }, scheme.PactId);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new(PaymentOutcome.Done, null, (await PaymentsAsync(scheme, p => p.Id == paymentId, ct)).Single().Dto);
    }
}
