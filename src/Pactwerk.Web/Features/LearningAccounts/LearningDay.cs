using Pactwerk.Web.Features.Vouchers;

namespace Pactwerk.Web.Features.LearningAccounts;

/// <summary>
/// The calendar day of learning accounts: the day in the Netherlands (Europe/Amsterdam, through the vouchers' own
/// conversion <see cref="VoucherFormat.ToDutch"/>), not the UTC date. Deposits are valid "until and including" a Dutch
/// day, so money valid until 31 December is still there at 00:30 on that day's night in UTC terms (23:30 UTC on
/// 31 December is already 1 January in Amsterdam: then it has expired, not an hour or two later).
/// </summary>
public static class LearningDay
{
    /// <summary>The Dutch calendar day of a UTC moment.</summary>
    public static DateOnly Of(DateTime utc) => DateOnly.FromDateTime(VoucherFormat.ToDutch(utc));

    /// <summary>Today in the Netherlands by the app's clock.</summary>
    public static DateOnly Today(TimeProvider clock) => Of(clock.GetUtcNow().UtcDateTime);
}
