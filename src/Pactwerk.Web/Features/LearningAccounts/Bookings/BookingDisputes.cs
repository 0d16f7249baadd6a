using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.Vouchers;

namespace Pactwerk.Web.Features.LearningAccounts;

/// <summary>The published deadline for a booking's delivery (LearningAccounts:Bookings).</summary>
public sealed class BookingDeadlineOptions
{
    /// <summary>Days after the start date within which both sides confirm delivery; after that the deadline rule applies.</summary>
    public int ConfirmWithinDays { get; set; } = 60;
}

/// <summary>The holder's words on a booking that was not delivered.</summary>
public sealed record DisputeInput(string? Reason);

/// <summary>The officer's decision on a disputed booking: delivered or not, and why.</summary>
public sealed record ResolutionInput(bool? Delivered, string? Reason);

/// <summary>A disputed booking as a scheme officer sees it: the course, the provider, the amounts and the holder's words — not who the holder is.</summary>
public sealed record DisputedBookingDto(long Id, string Code, string Scheme, string Course, string Provider, DateOnly Start, decimal FromAccount,
    DateTime? ProviderConfirmedAt, DateTime DisputedAt, string DisputeReason);

/// <summary>
/// What happens to a booking that is not delivered as agreed, so that money is never stuck in a reservation and never paid
/// without the holder's word or an officer's decision:
/// <list type="bullet">
/// <item>The holder may say it was not delivered (<see cref="LearningBookings.DisputeAsync"/>): then it waits for a decision.</item>
/// <item>The deadline (<see cref="BookingDeadlineOptions.ConfirmWithinDays"/> after the start, applied by the hourly
/// <see cref="LedgerExpiryWorker"/>): a booking the provider never confirmed lapses and its money goes back to the same
/// deposits; one the provider confirmed but the holder did not becomes disputed.</item>
/// <item>An officer of the provider's voucher scheme (who pays the provider) decides a dispute: not delivered, the money goes
/// back; delivered (only if the provider confirmed), the reservation is spent and the payment waits for a second officer's
/// signature (<see cref="VoucherPayments.DueForBookingAsync"/>), since no officer alone pays a disputed course.
/// An officer who is the holder or acts for the provider does not decide.</item>
/// </list>
/// Every step is one conditional update on the booking's row inside a transaction with its ledger posting and audit event.
/// </summary>
public sealed class BookingDisputes(PactwerkDb db, AccessScopeProvider scopes, LearningLedger ledger, BookingDelivery delivery, LearningBookings bookings,
    TimeProvider clock, IOptionsMonitor<BookingDeadlineOptions> deadline)
{
    public const int MaxReason = 1000;

    /// <summary>The disputed bookings of the schemes the signed-in officer decides for, oldest first.</summary>
    public async Task<IReadOnlyList<DisputedBookingDto>> OpenAsync(CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        if (scope.UserId is null)
            return [];
        var rows = await db.LearningBookings.AsNoTracking().Where(b => b.Status == BookingStatus.Disputed)
            .Join(db.VoucherCourses, b => b.CourseId, c => c.Id, (b, c) => new { b, c.Title, Provider = c.Provider.Name, c.Provider.SchemeId })
            .Join(db.VoucherSchemes, x => x.SchemeId, s => s.Id, (x, s) => new { x.b, x.Title, x.Provider, Scheme = s })
            .OrderBy(x => x.b.DisputedAt).ThenBy(x => x.b.Id).ToListAsync(ct);
        return [.. rows.Where(x => VoucherAccess.IsOfficer(scope, x.Scheme, forChange: false))
            .Select(x => new DisputedBookingDto(x.b.Id, LearningBooking.CodeOf(x.b.Id), x.Scheme.Name, x.Title, x.Provider, x.b.Start, x.b.FromAccount / 100m,
                x.b.ProviderConfirmedAt, x.b.DisputedAt!.Value, x.b.DisputeReason ?? ""))];
    }

    /// <summary>An officer of the provider's scheme decides a disputed booking.</summary>
    public async Task<BookingOutcome> ResolveAsync(long id, ResolutionInput input, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        var found = await db.LearningBookings.AsNoTracking().Where(b => b.Id == id)
            .Join(db.VoucherProviders, b => b.ProviderId, p => p.Id, (b, p) => new { Booking = b, p.SchemeId })
            .Join(db.VoucherSchemes, x => x.SchemeId, s => s.Id, (x, s) => new { x.Booking, Scheme = s }).SingleOrDefaultAsync(ct);
        // Anyone but the scheme's officers learns nothing about the booking, not even that it exists.
        if (found is null || scope.UserId is not { } userId || !VoucherAccess.IsOfficer(scope, found.Scheme, forChange: false))
            return new BookingOutcome.NotFound(LearningAccountMessages.NoBooking);
        if (scope.ReadOnly || !VoucherAccess.IsOfficer(scope, found.Scheme, forChange: true))
            return new BookingOutcome.Forbidden(LearningAccountMessages.NotSchemeOfficer);
        var booking = found.Booking;
        var email = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.Email).SingleOrDefaultAsync(ct);
        if ((email is not null && await db.LearningAccounts.AnyAsync(a => a.Id == booking.AccountId && a.HolderEmail == LearningAccount.Normalise(email), ct))
            || await VoucherAccess.ActsForProviderAsync(db, scope, booking.ProviderId, forChange: false, ct))
            return new BookingOutcome.Forbidden(LearningAccountMessages.OfficerIsParty);

        var errors = new Dictionary<string, string[]>();
        if (input.Delivered is null)
            errors["delivered"] = [LearningAccountMessages.ResolutionMissing];
        var reason = input.Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
            errors["reason"] = [LearningAccountMessages.ResolutionReasonMissing];
        else if (reason.Length > MaxReason)
            errors["reason"] = [LearningAccountMessages.DisputeReasonTooLong];
        if (errors.Count > 0)
            return new BookingOutcome.Invalid(errors);
        if (booking.Status != BookingStatus.Disputed)
            return new BookingOutcome.Refused(LearningAccountMessages.NotDisputed);
        var delivered = input.Delivered!.Value;
        if (delivered && booking.ProviderConfirmedAt is null)
            return new BookingOutcome.Refused(LearningAccountMessages.ProviderDidNotConfirm);

        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // The decision is taken once: a second officer deciding at the same time finds it taken and is refused.
        if (await db.LearningBookings.Where(b => b.Id == id && b.Status == BookingStatus.Disputed && b.ResolvedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.ResolvedAt, now).SetProperty(b => b.ResolvedBy, userId).SetProperty(b => b.Resolution, reason), ct) == 0)
            return new BookingOutcome.Refused(LearningAccountMessages.NotDisputed);
        if (delivered)
        {
            if (!await delivery.DeliverAsync(booking, BookingStatus.Disputed, providerConfirmed: true, holderConfirmed: booking.HolderConfirmedAt is not null, userId, now, ct,
                    foundDeliveredBy: userId))
                throw new InvalidOperationException($"Booking {id} left its dispute while it was being decided.");
        }
        else
            await GiveBackAsync(booking, BookingStatus.Disputed, BookingStatus.NotDelivered, userId, ct);
        db.RecordEvent(now, LearningAccountAuditActions.DisputeResolved, nameof(LearningBooking), id.ToString(CultureInfo.InvariantCulture),
            new { delivered, reason, scheme = found.Scheme.Code }, found.Scheme.PactId);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return new BookingOutcome.Done(await bookings.DtoAsync(id, ct));
    }

    /// <summary>
    /// The deadline on <paramref name="today"/> (the Dutch day): bookings still reserved more than the set number of days after
    /// their start lapse (the provider never confirmed: money back) or become disputed (only the provider confirmed).
    /// Returns how many of each; running it twice changes nothing the second time.
    /// </summary>
    public async Task<(int Lapsed, int Disputed)> ApplyDeadlineAsync(DateOnly today, CancellationToken ct)
    {
        var days = Math.Max(0, deadline.CurrentValue.ConfirmWithinDays);
        var startedBefore = today.AddDays(-days);
        var due = await db.LearningBookings.AsNoTracking().Where(b => b.Status == BookingStatus.Reserved && b.Start < startedBefore)
            .OrderBy(b => b.Id).ToListAsync(ct);
        int lapsed = 0, disputed = 0;
        foreach (var booking in due)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (booking.ProviderConfirmedAt is null)
            {
                var reason = LearningAccountMessages.Format(LearningAccountMessages.LapsedReason, days);
                if (await db.LearningBookings.Where(b => b.Id == booking.Id && b.Status == BookingStatus.Reserved && b.ProviderConfirmedAt == null)
                        .ExecuteUpdateAsync(s => s.SetProperty(b => b.ResolvedAt, now).SetProperty(b => b.Resolution, reason), ct) == 0)
                    continue;
                await GiveBackAsync(booking, BookingStatus.Reserved, BookingStatus.Lapsed, null, ct);
                db.RecordEvent(now, LearningAccountAuditActions.Lapsed, nameof(LearningBooking), booking.Id.ToString(CultureInfo.InvariantCulture), new { days });
                lapsed++;
            }
            else
            {
                var reason = LearningAccountMessages.Format(LearningAccountMessages.DeadlinePassed, days);
                if (await db.LearningBookings.Where(b => b.Id == booking.Id && b.Status == BookingStatus.Reserved && b.HolderConfirmedAt == null)
                        .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, BookingStatus.Disputed).SetProperty(b => b.DisputedAt, now)
                            .SetProperty(b => b.DisputeReason, reason), ct) == 0)
                    continue;
                db.RecordEvent(now, LearningAccountAuditActions.Disputed, nameof(LearningBooking), booking.Id.ToString(CultureInfo.InvariantCulture), new { by = "deadline", days });
                disputed++;
            }
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
        }
        return (lapsed, disputed);
    }

    /// <summary>Moves the booking from <paramref name="from"/> to <paramref name="to"/> and releases its reservation to the same deposits, in the caller's transaction.</summary>
    private async Task GiveBackAsync(LearningBooking booking, BookingStatus from, BookingStatus to, string? by, CancellationToken ct)
    {
        if (await db.LearningBookings.Where(b => b.Id == booking.Id && b.Status == from).ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, to), ct) != 1)
            throw new InvalidOperationException($"Booking {booking.Id} left {from} while its money was being given back.");
        if (await ledger.ReleaseAsync(booking.AccountId, booking.ReservationId, by, ct) is PostingOutcome.Refused refused)
            throw new InvalidOperationException($"The reservation of booking {booking.Id} could not be released: {refused.Message}");
    }
}
