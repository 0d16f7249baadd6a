using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.Vouchers;

namespace Pactwerk.Web.Features.LearningAccounts;

/// <summary>
/// The holder's booking input: a catalogue course, a start date of it (the first to come when left out), and the co-payment
/// the preview showed them, in euros: by sending it they accept paying exactly that themselves (left out: none).
/// </summary>
public sealed record BookingInput(int? Course, string? Start, decimal? CoPayment);

/// <summary>A booking as its holder and the course's provider see it (the provider never sees whose account it is). Amounts in euros.</summary>
public sealed record BookingDto(long Id, string Code, int CourseId, string Course, string Provider, DateOnly Start, decimal Price, decimal FromAccount, decimal CoPayment,
    BookingStatus Status, DateTime BookedAt, DateTime? ProviderConfirmedAt, DateTime? HolderConfirmedAt, DateTime? CancelledAt, IReadOnlyList<BookingShare> PaidBy,
    PaymentStatus? Payment, DateTime? DisputedAt = null, string? DisputeReason = null, DateTime? ResolvedAt = null, string? Resolution = null);

/// <summary>A course of the catalogue: a vetted provider's course with a start date still to come.</summary>
public sealed record CatalogueEntry(int Id, string Title, string Provider, string Sector, string Level, string Occupation, decimal Price, DateOnly NextStart);

/// <summary>What one funder's deposit pays of a booking.</summary>
public sealed record BookingShare(long DepositId, string Funder, decimal Amount);

public abstract record BookingOutcome
{
    public sealed record Done(BookingDto Booking) : BookingOutcome;
    public sealed record Previewed(BookingPreview Preview) : BookingOutcome;
    public sealed record NotFound(string Message) : BookingOutcome;
    public sealed record Forbidden(string Message) : BookingOutcome;
    public sealed record Invalid(Dictionary<string, string[]> Errors) : BookingOutcome;
    /// <summary>The rules say no (not enough fitting money, a co-payment not allowed, a wrong state); nothing changed.</summary>
    public sealed record Refused(string Message) : BookingOutcome;
    /// <summary>
    /// The co-payment sent is not the one the booking needs now (none sent, or the amounts changed since the preview); nothing
    /// changed. The amounts in cents, as reckoned now.
    /// </summary>
    public sealed record CoPaymentDiffers(string Message, long Price, long FromAccount, long CoPayment) : BookingOutcome;
}

/// <summary>
/// The holder books a catalogue course on their own account — nobody else can: a booking is only ever made on the
/// account of the signed-in person's confirmed address, so a provider cannot book for a person and nobody moves
/// money to another person's account. The preview and the reservation both apply <see cref="LedgerRules.Choose"/>
/// (<see cref="BookingReckoning"/>); the reservation and the booking commit together. Cancelled before delivery, the
/// reservation goes back to the same deposits. Delivered once the provider and the holder both confirmed (each one
/// conditional update on the booking's row, as a voucher's enrolment is confirmed): then, in one transaction, the
/// ledger spends the reservation and the provider's payment becomes due through <see cref="VoucherPayments"/>.
/// Every step is in the audit trail.
/// </summary>
public sealed class LearningBookings(PactwerkDb db, AccessScopeProvider scopes, LearningLedger ledger, BookingDelivery delivery, TimeProvider clock,
    IOptionsMonitor<CoPaymentOptions> coPayment)
{
    private DateOnly Today => LearningDay.Today(clock);

    private sealed record Holder(LearningAccount Account, string UserId);

    /// <summary>The signed-in person's own account (by their confirmed address); null when they have none.</summary>
    private async Task<(Holder? Holder, AccessScope Scope)> HolderAsync(CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        if (scope.UserId is not { } userId)
            return (null, scope);
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, ct);
        if (user is not { EmailConfirmed: true, Email: { } email })
            return (null, scope);
        var normalised = LearningAccount.Normalise(email);
        var account = await db.LearningAccounts.AsNoTracking().SingleOrDefaultAsync(a => a.HolderEmail == normalised, ct);
        return (account is null ? null : new Holder(account, userId), scope);
    }

    private sealed record CatalogueCourse(BookingReckoning.Course Course, int ProviderId, int SchemeId, List<DateOnly> Starts);

    /// <summary>A course of a vetted provider, with its start dates still to come.</summary>
    private async Task<CatalogueCourse?> CourseAsync(int id, CancellationToken ct)
    {
        var c = await db.VoucherCourses.AsNoTracking().Where(c => c.Id == id && c.Provider.Vetted)
            .Select(c => new { c.Id, c.Title, Provider = c.Provider.Name, c.Sector, c.Level, c.TargetOccupation, c.Price, c.ProviderId, c.Provider.SchemeId, c.StartDates })
            .SingleOrDefaultAsync(ct);
        return c is null ? null : new CatalogueCourse(new BookingReckoning.Course(c.Id, c.Title, c.Provider, c.Sector, c.Level, c.TargetOccupation, (long)(c.Price * 100m)),
            c.ProviderId, c.SchemeId, [.. c.StartDates.Where(d => d >= Today).Order()]);
    }

    /// <summary>The course and start date asked for, or the errors by field.</summary>
    private async Task<(CatalogueCourse? Course, DateOnly Start, BookingOutcome? Failure)> ReadAsync(int? courseId, string? start, CancellationToken ct)
    {
        if (courseId is not { } id)
            return (null, default, new BookingOutcome.Invalid(new() { ["course"] = [LearningAccountMessages.CourseMissing] }));
        var course = await CourseAsync(id, ct);
        if (course is null)
            return (null, default, new BookingOutcome.NotFound(LearningAccountMessages.Format(LearningAccountMessages.NoCourse, id)));
        if (string.IsNullOrWhiteSpace(start))
            return course.Starts.Count == 0
                ? (null, default, new BookingOutcome.Invalid(new() { ["start"] = [LearningAccountMessages.NoStartLeft] }))
                : (course, course.Starts[0], null);
        if (!DateOnly.TryParseExact(start.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return (null, default, new BookingOutcome.Invalid(new() { ["start"] = [LearningAccountMessages.StartInvalid] }));
        if (!course.Starts.Contains(day))
            return (null, default, new BookingOutcome.Invalid(new() { ["start"] = [LearningAccountMessages.Format(LearningAccountMessages.StartNotOffered, Deposit.Iso(day))] }));
        return (course, day, null);
    }

    private async Task<List<PreviewDeposit>> DepositsAsync(long accountId, CancellationToken ct)
    {
        var candidates = await ledger.CandidatesAsync(accountId, ct);
        var funders = await db.LearningDeposits.AsNoTracking().Where(d => d.AccountId == accountId)
            .Select(d => new { d.Id, d.Funder.Code, d.Funder.Name }).ToDictionaryAsync(d => d.Id, ct);
        return [.. candidates.Select(c => new PreviewDeposit(c, funders[c.DepositId].Code, funders[c.DepositId].Name))];
    }

    /// <summary>Which money would pay for the course and why, and what the holder would pay themselves; nothing is reserved.</summary>
    public async Task<BookingOutcome> PreviewAsync(int? courseId, string? start, CancellationToken ct)
    {
        var (holder, _) = await HolderAsync(ct);
        if (holder is null)
            return new BookingOutcome.NotFound(LearningAccountMessages.NoAccountForYou);
        var (course, day, failure) = await ReadAsync(courseId, start, ct);
        if (failure is not null)
            return failure;
        return new BookingOutcome.Previewed(BookingReckoning.Explain(await DepositsAsync(holder.Account.Id, ct), course!.Course, day, course.Starts, Today, coPayment.CurrentValue));
    }

    /// <summary>
    /// Books the course on the holder's own account: the account's share reserved from the deposits the rule picks now,
    /// under the account's lock (so of two bookings racing for the same money one is refused), with the booking in the
    /// same transaction; the rest is the holder's co-payment where allowed, and only the very amount they sent. The share
    /// and the co-payment are reckoned under the lock: when money expired, another booking took some, or the price
    /// changed since the preview, the co-payment differs from the one the holder accepted and nothing is reserved.
    /// </summary>
    public async Task<BookingOutcome> BookAsync(BookingInput input, CancellationToken ct)
    {
        var (holder, scope) = await HolderAsync(ct);
        if (holder is null)
            return new BookingOutcome.NotFound(LearningAccountMessages.NoAccountForYou);
        if (scope.ReadOnly)
            return new BookingOutcome.Forbidden(LearningAccountMessages.NotYourAccount);
        var (course, start, failure) = await ReadAsync(input.Course, input.Start, ct);
        if (failure is not null)
            return failure;
        long? accepted = null;
        if (input.CoPayment is { } euros)
        {
            if (euros < 0 || euros > 1_000_000m || decimal.Round(euros * 100m) != euros * 100m)
                return new BookingOutcome.Invalid(new() { ["coPayment"] = [LearningAccountMessages.CoPaymentInvalid] });
            accepted = (long)(euros * 100m);
        }
        var today = Today;
        var price = course!.Course.Price;
        var options = coPayment.CurrentValue;

        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Reckoned under the account's lock, on what the account holds now, and reserved only when the co-payment it leaves
        // is the one the holder accepted: what the preview showed may have changed since.
        long fromAccount = 0, rest = 0;
        BookingOutcome? differs = null;
        var posted = await ledger.ReserveAsync(holder.Account.Id, candidates =>
        {
            (fromAccount, rest, var allocations, var refusal) = BookingReckoning.Reckon(candidates, course.Course, today, options);
            if (refusal is not null)
                return (null, refusal);
            if (rest != (accepted ?? 0))
            {
                var message = accepted is null
                    ? LearningAccountMessages.Format(LearningAccountMessages.CoPaymentNotAccepted, BookingReckoning.Euro(fromAccount), BookingReckoning.Euro(price), BookingReckoning.Euro(rest))
                    : LearningAccountMessages.Format(LearningAccountMessages.CoPaymentChanged, BookingReckoning.Euro(fromAccount), BookingReckoning.Euro(price),
                        BookingReckoning.Euro(rest), BookingReckoning.Euro(accepted.Value));
                differs = new BookingOutcome.CoPaymentDiffers(message, price, fromAccount, rest);
                return (null, message);
            }
            return (allocations, null);
        }, holder.UserId, ct);
        if (posted is not PostingOutcome.Posted { Posting: var reservation })
            return differs ?? new BookingOutcome.Refused(posted is PostingOutcome.Refused { Message: { Length: > 0 } m } ? m : LearningAccountMessages.NoFittingMoney);
        var booking = new LearningBooking
        {
            AccountId = holder.Account.Id, CourseId = course.Course.Id, ProviderId = course.ProviderId, Start = start, Price = course.Course.Price,
            FromAccount = fromAccount, CoPayment = rest, ReservationId = reservation.Id, Status = BookingStatus.Reserved, BookedAt = now, BookedBy = holder.UserId,
        };
        db.LearningBookings.Add(booking);
        await db.SaveChangesAsync(ct);
        db.RecordEvent(now, LearningAccountAuditActions.Booked, nameof(LearningBooking), booking.Id.ToString(CultureInfo.InvariantCulture),
            new { account = holder.Account.Id, course = course.Course.Id, start = Deposit.Iso(start), price = booking.Price, fromAccount, coPayment = rest, reservation = reservation.Id,
                deposits = reservation.Lines.Where(l => l.Bucket == LedgerBucket.Reserved).Select(l => new { deposit = l.DepositId, amount = l.Amount }).ToArray() });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return new BookingOutcome.Done((await DtosAsync(b => b.Id == booking.Id, ct)).Single());
    }

    /// <summary>The catalogue: every vetted provider's course with a start date still to come, by title.</summary>
    public async Task<IReadOnlyList<CatalogueEntry>> CatalogueAsync(CancellationToken ct)
    {
        var today = Today;
        var courses = await db.VoucherCourses.AsNoTracking().Where(c => c.Provider.Vetted)
            .Select(c => new { c.Id, c.Title, Provider = c.Provider.Name, c.Sector, c.Level, c.TargetOccupation, c.Price, c.StartDates }).ToListAsync(ct);
        return [.. courses.Where(c => c.StartDates.Any(d => d >= today)).OrderBy(c => c.Title, StringComparer.CurrentCulture).ThenBy(c => c.Id)
            .Select(c => new CatalogueEntry(c.Id, c.Title, c.Provider, c.Sector, c.Level, c.TargetOccupation, c.Price, c.StartDates.Where(d => d >= today).Min()))];
    }

    /// <summary>The holder's own bookings, newest first.</summary>
    public async Task<(IReadOnlyList<BookingDto>? Bookings, string? Message)> MineAsync(CancellationToken ct)
    {
        var (holder, _) = await HolderAsync(ct);
        return holder is null ? (null, LearningAccountMessages.NoAccountForYou) : (await DtosAsync(b => b.AccountId == holder.Account.Id, ct), null);
    }

    /// <summary>The bookings of the providers the signed-in account acts for, to confirm their delivery.</summary>
    public async Task<IReadOnlyList<BookingDto>> OfMyProvidersAsync(CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        if (scope.UserId is not { } userId)
            return [];
        var providers = await db.VoucherProviderUsers.AsNoTracking().Where(u => u.UserId == userId).Select(u => u.ProviderId).ToListAsync(ct);
        // The holder's words about a dispute may name them: the provider sees that it is disputed and the decision, not the words.
        return [.. (await DtosAsync(b => providers.Contains(b.ProviderId), ct)).Select(b => b with { DisputeReason = null })];
    }

    /// <summary>The holder cancels a booking before delivery: the reservation back to the same deposits, in one transaction with the booking's state.</summary>
    public async Task<BookingOutcome> CancelAsync(long id, CancellationToken ct)
    {
        var (holder, scope) = await HolderAsync(ct);
        if (holder is null || !await db.LearningBookings.AnyAsync(b => b.Id == id && b.AccountId == holder.Account.Id, ct))
            return new BookingOutcome.NotFound(LearningAccountMessages.NoBooking);
        if (scope.ReadOnly)
            return new BookingOutcome.Forbidden(LearningAccountMessages.NotYourAccount);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Once either side confirmed delivery the booking cannot be cancelled: a delivered course is paid.
        if (await db.LearningBookings.Where(b => b.Id == id && b.Status == BookingStatus.Reserved && b.ProviderConfirmedAt == null && b.HolderConfirmedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, BookingStatus.Cancelled).SetProperty(b => b.CancelledAt, now), ct) == 0)
            return new BookingOutcome.Refused(LearningAccountMessages.NotCancellable);
        var reservation = await db.LearningBookings.AsNoTracking().Where(b => b.Id == id).Select(b => b.ReservationId).SingleAsync(ct);
        if (await ledger.ReleaseAsync(holder.Account.Id, reservation, holder.UserId, ct) is PostingOutcome.Refused refused)
            throw new InvalidOperationException($"The reservation of booking {id} could not be released: {refused.Message}");
        db.RecordEvent(now, LearningAccountAuditActions.Cancelled, nameof(LearningBooking), id.ToString(CultureInfo.InvariantCulture),
            new { account = holder.Account.Id, reservation });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return new BookingOutcome.Done((await DtosAsync(b => b.Id == id, ct)).Single());
    }

    /// <summary>
    /// The holder says a course was not delivered (from its start date on, before they confirmed it): the money stays
    /// reserved, nothing is paid even if the provider confirms, and an officer of the provider's scheme decides
    /// (<see cref="BookingDisputes.ResolveAsync"/>). Saying it again answers the same.
    /// </summary>
    public async Task<BookingOutcome> DisputeAsync(long id, string? reason, CancellationToken ct)
    {
        var (holder, scope) = await HolderAsync(ct);
        var booking = holder is null ? null : await db.LearningBookings.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id && b.AccountId == holder.Account.Id, ct);
        if (booking is null)
            return new BookingOutcome.NotFound(LearningAccountMessages.NoBooking);
        if (scope.ReadOnly)
            return new BookingOutcome.Forbidden(LearningAccountMessages.NotYourAccount);
        var text = reason?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > BookingDisputes.MaxReason)
            return new BookingOutcome.Invalid(new() { ["reason"] = [string.IsNullOrEmpty(text) ? LearningAccountMessages.DisputeReasonMissing : LearningAccountMessages.DisputeReasonTooLong] });
        if (booking.Status == BookingStatus.Disputed)
            return new BookingOutcome.Done((await DtosAsync(b => b.Id == id, ct)).Single());
        if (booking.Status != BookingStatus.Reserved || booking.HolderConfirmedAt is not null)
            return new BookingOutcome.Refused(LearningAccountMessages.NotDisputable);
        if (Today < booking.Start)
            return new BookingOutcome.Refused(LearningAccountMessages.Format(LearningAccountMessages.DisputeBeforeStart, Deposit.Iso(booking.Start)));
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Conditional on the state read above: a confirmation or the deadline that moved it meanwhile wins, and this one is refused.
        if (await db.LearningBookings.Where(b => b.Id == id && b.Status == BookingStatus.Reserved && b.HolderConfirmedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, BookingStatus.Disputed).SetProperty(b => b.DisputedAt, now).SetProperty(b => b.DisputeReason, text), ct) == 0)
            return new BookingOutcome.Refused(LearningAccountMessages.NotDisputable);
        db.RecordEvent(now, LearningAccountAuditActions.Disputed, nameof(LearningBooking), id.ToString(CultureInfo.InvariantCulture), new { by = "holder", reason = text });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return new BookingOutcome.Done((await DtosAsync(b => b.Id == id, ct)).Single());
    }

    /// <summary>One booking as its holder sees it, for the steps of <see cref="BookingDisputes"/>.</summary>
    internal async Task<BookingDto> DtoAsync(long id, CancellationToken ct) => (await DtosAsync(b => b.Id == id, ct)).Single();

    /// <summary>The course's provider confirms it delivered the course (from its start date on).</summary>
    public async Task<BookingOutcome> ConfirmByProviderAsync(long id, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        var booking = await db.LearningBookings.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, ct);
        // Anyone but the provider's own users learns nothing about the booking, not even that it exists.
        if (booking is null || !await VoucherAccess.ActsForProviderAsync(db, scope, booking.ProviderId, forChange: false, ct))
            return new BookingOutcome.NotFound(LearningAccountMessages.NoBooking);
        if (!await VoucherAccess.ActsForProviderAsync(db, scope, booking.ProviderId, forChange: true, ct))
            return new BookingOutcome.Forbidden(LearningAccountMessages.NotProviderOfBooking);
        var userId = scope.UserId!;
        // Two-party confirmation means two people: the holder never confirms for the provider too.
        var email = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.Email).SingleOrDefaultAsync(ct);
        if (email is not null && await db.LearningAccounts.AnyAsync(a => a.Id == booking.AccountId && a.HolderEmail == LearningAccount.Normalise(email), ct))
            return new BookingOutcome.Forbidden(LearningAccountMessages.ProviderIsHolder);
        var now = clock.GetUtcNow().UtcDateTime;
        return await ConfirmAsync(booking, "provider", userId, b => b.ProviderConfirmedAt != null,
            (q, ct) => q.Where(b => b.ProviderConfirmedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.ProviderConfirmedAt, now).SetProperty(b => b.ProviderConfirmedBy, userId), ct), now, ct);
    }

    /// <summary>The holder confirms the course was delivered to them (from its start date on).</summary>
    public async Task<BookingOutcome> ConfirmByHolderAsync(long id, CancellationToken ct)
    {
        var (holder, scope) = await HolderAsync(ct);
        var booking = holder is null ? null : await db.LearningBookings.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id && b.AccountId == holder.Account.Id, ct);
        if (booking is null)
            return new BookingOutcome.NotFound(LearningAccountMessages.NoBooking);
        if (scope.ReadOnly)
            return new BookingOutcome.Forbidden(LearningAccountMessages.NotYourAccount);
        var now = clock.GetUtcNow().UtcDateTime;
        return await ConfirmAsync(booking, "holder", holder!.UserId, b => b.HolderConfirmedAt != null,
            (q, ct) => q.Where(b => b.HolderConfirmedAt == null).ExecuteUpdateAsync(s => s.SetProperty(b => b.HolderConfirmedAt, now), ct), now, ct);
    }

    /// <summary>
    /// One side's confirmation, as a conditional update on the booking's row (so two clicks or two processes confirm
    /// once); when the other side confirmed before, in the same transaction the booking is delivered, the ledger spends the
    /// reservation and the provider's payment becomes due. Before both confirmed nothing is spent and nothing is paid.
    /// </summary>
    private async Task<BookingOutcome> ConfirmAsync(LearningBooking booking, string by, string userId, Func<LearningBooking, bool> confirmedBefore,
        Func<IQueryable<LearningBooking>, CancellationToken, Task<int>> confirm, DateTime now, CancellationToken ct)
    {
        if (booking.Status == BookingStatus.Disputed)
            return new BookingOutcome.Refused(LearningAccountMessages.DisputeWaits);
        if (booking.Status is not (BookingStatus.Reserved or BookingStatus.Delivered))
            return new BookingOutcome.Refused(LearningAccountMessages.NotConfirmable);
        if (Today < booking.Start)
            return new BookingOutcome.Refused(LearningAccountMessages.Format(LearningAccountMessages.BeforeStart, Deposit.Iso(booking.Start)));
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var changed = await confirm(db.LearningBookings.Where(b => b.Id == booking.Id && b.Status == BookingStatus.Reserved), ct);
        var after = await db.LearningBookings.AsNoTracking().SingleAsync(b => b.Id == booking.Id, ct);
        if (changed == 0)
            // Confirmed before (a second click): the same answer; otherwise it was cancelled meanwhile.
            return confirmedBefore(after) && after.Status is BookingStatus.Reserved or BookingStatus.Delivered
                ? new BookingOutcome.Done((await DtosAsync(b => b.Id == booking.Id, ct)).Single())
                : new BookingOutcome.Refused(LearningAccountMessages.NotConfirmable);
        db.RecordEvent(now, LearningAccountAuditActions.DeliveryConfirmed, nameof(LearningBooking), booking.Id.ToString(CultureInfo.InvariantCulture), new { by });
        await db.SaveChangesAsync(ct);
        if (after is { ProviderConfirmedAt: not null, HolderConfirmedAt: not null })
            await delivery.DeliverAsync(booking, BookingStatus.Reserved, providerConfirmed: true, holderConfirmed: true, userId, now, ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return new BookingOutcome.Done((await DtosAsync(b => b.Id == booking.Id, ct)).Single());
    }

    private async Task<List<BookingDto>> DtosAsync(System.Linq.Expressions.Expression<Func<LearningBooking, bool>> which, CancellationToken ct)
    {
        var rows = await db.LearningBookings.AsNoTracking().Where(which)
            .Join(db.VoucherCourses, b => b.CourseId, c => c.Id, (b, c) => new { b, c.Title, Provider = c.Provider.Name })
            .OrderByDescending(x => x.b.Id).ToListAsync(ct);
        var reservations = rows.Select(r => r.b.ReservationId).ToList();
        var lines = await db.LedgerLines.AsNoTracking().Where(l => reservations.Contains(l.PostingId) && l.Bucket == LedgerBucket.Reserved && l.Amount > 0)
            .Join(db.LearningDeposits, l => l.DepositId, d => d.Id, (l, d) => new { l.PostingId, l.DepositId, d.Funder.Code, l.Amount, l.Id })
            .ToListAsync(ct);
        var linesOf = lines.OrderBy(l => l.Id).ToLookup(l => l.PostingId);
        var ids = rows.Select(r => (long?)r.b.Id).ToList();
        var paid = await db.VoucherPayments.AsNoTracking().Where(p => ids.Contains(p.BookingId)).Select(p => new { p.BookingId, p.Status }).ToListAsync(ct);
        var paymentOf = paid.ToDictionary(p => p.BookingId!.Value, p => p.Status);
        return [.. rows.Select(r => new BookingDto(r.b.Id, LearningBooking.CodeOf(r.b.Id), r.b.CourseId, r.Title, r.Provider, r.b.Start, r.b.Price / 100m,
            r.b.FromAccount / 100m, r.b.CoPayment / 100m, r.b.Status, r.b.BookedAt, r.b.ProviderConfirmedAt, r.b.HolderConfirmedAt, r.b.CancelledAt,
            [.. linesOf[r.b.ReservationId].Select(l => new BookingShare(l.DepositId, l.Code, l.Amount / 100m))],
            paymentOf.TryGetValue(r.b.Id, out var status) ? status : null, r.b.DisputedAt, r.b.DisputeReason, r.b.ResolvedAt, r.b.Resolution))];
    }
}
