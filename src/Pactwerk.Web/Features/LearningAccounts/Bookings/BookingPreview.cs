namespace Pactwerk.Web.Features.LearningAccounts;

/// <summary>
/// What a booking of a course would take from the account, before it is made: which deposits pay how much and why
/// (their earmarks fit; the one that expires first pays first, then the funder the scheme puts first), which do not and
/// why, what the holder would pay themselves, and whether the booking may be made. Amounts in euros; reasons in Dutch
/// as the API gives them (English in the resources).
/// </summary>
public sealed record BookingPreview(int CourseId, string Course, string Provider, string Sector, string Level, string Occupation, DateOnly Start,
    IReadOnlyList<DateOnly> Starts, decimal Price, decimal FromAccount, decimal CoPayment, bool MayBook, string? Refusal,
    IReadOnlyList<PayingDeposit> Paying, IReadOnlyList<UnusedDeposit> NotPaying);

/// <summary>A deposit that pays part of the price: in this order, this much, for these reasons.</summary>
public sealed record PayingDeposit(int Order, long DepositId, string Funder, string FunderName, decimal Amount, decimal Available, DateOnly ValidUntil,
    int FunderPriority, IReadOnlyList<string> Why);

/// <summary>A deposit that pays nothing of this booking, and why.</summary>
public sealed record UnusedDeposit(long DepositId, string Funder, string FunderName, decimal Available, DateOnly ValidUntil, IReadOnlyList<string> Why);

/// <summary>A deposit as the preview weighs it: the ledger's candidate with its funder's names.</summary>
public sealed record PreviewDeposit(PaymentCandidate Candidate, string Funder, string FunderName);

/// <summary>Whether the holder may pay part of a course themselves, and at most which share of its price (a setting: <c>LearningAccounts:CoPayment</c>).</summary>
public sealed class CoPaymentOptions
{
    public bool Allowed { get; set; }
    /// <summary>0 to 1: the largest share of the price the holder may pay themselves.</summary>
    public decimal MaxShare { get; set; } = 0.5m;
}

/// <summary>
/// The preview's reckoning, pure: what the account covers is what the fitting money holds up to the price, and which
/// deposits pay it is <see cref="LedgerRules.Choose"/> itself — the very rule the reservation applies under the
/// account's lock — so the preview never tells a different story from the booking.
/// </summary>
public static class BookingReckoning
{
    public sealed record Course(int Id, string Title, string Provider, string Sector, string Level, string Occupation, long Price);

    public static (long FromAccount, long CoPayment, IReadOnlyList<Allocation> Allocations, string? Refusal) Reckon(
        IReadOnlyList<PaymentCandidate> candidates, Course course, DateOnly day, CoPaymentOptions coPayment)
    {
        var facts = new CourseFacts(course.Sector, course.Level, course.Occupation);
        var fitting = LedgerRules.Fitting(candidates, facts, day).Sum(c => c.Available);
        var fromAccount = Math.Min(course.Price, fitting);
        var allocations = fromAccount > 0 ? LedgerRules.Choose(candidates, facts, fromAccount, day) ?? [] : [];
        var rest = course.Price - fromAccount;
        string? refusal = null;
        if (fromAccount == 0)
            refusal = LearningAccountMessages.NoFittingMoney;
        else if (rest > 0 && !coPayment.Allowed)
            refusal = LearningAccountMessages.Format(LearningAccountMessages.CoPaymentOff, Euro(fromAccount), Euro(course.Price));
        else if (rest > 0 && rest * 100 > course.Price * Percent(coPayment.MaxShare))
            refusal = LearningAccountMessages.Format(LearningAccountMessages.CoPaymentTooLarge, Euro(fromAccount), Euro(course.Price), Euro(rest), Percent(coPayment.MaxShare));
        return (fromAccount, rest, allocations, refusal);
    }

    public static BookingPreview Explain(IReadOnlyList<PreviewDeposit> deposits, Course course, DateOnly start, IReadOnlyList<DateOnly> starts, DateOnly day,
        CoPaymentOptions coPayment)
    {
        var (fromAccount, rest, allocations, refusal) = Reckon([.. deposits.Select(d => d.Candidate)], course, day, coPayment);
        var facts = new CourseFacts(course.Sector, course.Level, course.Occupation);
        var byId = deposits.ToDictionary(d => d.Candidate.DepositId);
        var paying = allocations.Select((a, i) =>
        {
            var d = byId[a.DepositId];
            var c = d.Candidate;
            List<string> why = [.. Fits(c, facts),
                LearningAccountMessages.Format(LearningAccountMessages.PaysByExpiry, Deposit.Iso(c.ValidUntil)),
                LearningAccountMessages.Format(LearningAccountMessages.PaysByPriority, d.FunderName, c.FunderPriority)];
            return new PayingDeposit(i + 1, c.DepositId, d.Funder, d.FunderName, a.Amount / 100m, c.Available / 100m, c.ValidUntil, c.FunderPriority, why);
        }).ToList();
        var used = allocations.Select(a => a.DepositId).ToHashSet();
        var notPaying = deposits.Where(d => !used.Contains(d.Candidate.DepositId))
            .OrderBy(d => d.Candidate.ValidUntil).ThenBy(d => d.Candidate.FunderPriority).ThenBy(d => d.Candidate.DepositId)
            .Select(d =>
            {
                var c = d.Candidate;
                var misfits = Deposit.Misfits(c.Sectors, c.Levels, c.Occupations, c.ValidFrom, c.ValidUntil, facts, day);
                IReadOnlyList<string> why = misfits.Count > 0 ? misfits
                    : c.Available <= 0 ? [LearningAccountMessages.NothingLeft]
                    : [LearningAccountMessages.NotNeeded];
                return new UnusedDeposit(c.DepositId, d.Funder, d.FunderName, c.Available / 100m, c.ValidUntil, why);
            }).ToList();
        return new BookingPreview(course.Id, course.Title, course.Provider, course.Sector, course.Level, course.Occupation, start, starts,
            course.Price / 100m, fromAccount / 100m, rest / 100m, refusal is null, refusal, paying, notPaying);
    }

    /// <summary>Why a deposit's earmarks let it pay for the course (it is only asked of deposits that fit).</summary>
    private static IEnumerable<string> Fits(PaymentCandidate c, CourseFacts course)
    {
        if (c.Sectors.Count == 0 && c.Levels.Count == 0 && c.Occupations.Count == 0)
            yield return LearningAccountMessages.FitsAny;
        if (c.Sectors.Count > 0)
            yield return LearningAccountMessages.Format(LearningAccountMessages.FitsSector, course.Sector);
        if (c.Levels.Count > 0)
            yield return LearningAccountMessages.Format(LearningAccountMessages.FitsLevel, course.Level);
        if (c.Occupations.Count > 0)
            yield return LearningAccountMessages.Format(LearningAccountMessages.FitsOccupation, course.Occupation);
    }

    /// <summary>
    /// An amount for a message, in the request's culture as <see cref="Vouchers.VoucherFormat.Money"/> shows money (1.250,00 in
    /// Dutch, 1,250.00 in English): the message is found again by its Dutch format and translated, its values kept as written.
    /// </summary>
    public static string Euro(long cents) => (cents / 100m).ToString("#,0.00", System.Globalization.CultureInfo.CurrentCulture);

    private static int Percent(decimal share) => (int)Math.Round(Math.Clamp(share, 0m, 1m) * 100m, MidpointRounding.ToZero);
}
