using Pactwerk.Web.Features.Vouchers;

namespace Pactwerk.Tests.Vouchers;

/// <summary>The payment rule over every state, kind, advance share and earlier payment: never before delivery, never past the amount.</summary>
public sealed class VoucherPaymentRuleTests
{
    [Fact]
    public void No_combination_pays_before_delivery_or_past_the_amount()
    {
        const decimal amount = 1234.56m;
        var checkedCases = 0;
        foreach (var status in Enum.GetValues<VoucherStatus>())
        foreach (var share in new[] { 0m, 0.25m, 0.5m })
        foreach (var committed in new[] { 0m, 100m, 308.64m, amount })
        foreach (var hasAdvance in new[] { false, true })
        foreach (var hasFinal in new[] { false, true })
        foreach (var requested in new decimal?[] { null, 0.01m, 100m, 308.64m, 308.65m, 617.28m, amount, amount + 1 })
        foreach (var kind in Enum.GetValues<PaymentKind>())
        {
            var (allowed, refusal) = VoucherPaymentRule.Decide(status, amount, share, kind, requested, committed, hasAdvance, hasFinal);
            checkedCases++;
            if (refusal is not null)
            {
                Assert.Equal(0m, allowed);
                continue;
            }
            Assert.True(allowed > 0);
            Assert.True(committed + allowed <= amount, $"{status} {kind} pays {allowed} over {committed}");
            if (kind == PaymentKind.Final)
            {
                Assert.Equal(VoucherStatus.Approved, status);
                Assert.False(hasFinal);
                Assert.Equal(amount - committed, allowed);
            }
            else
            {
                Assert.True(share > 0);
                Assert.Contains(status, new[] { VoucherStatus.Enrolled, VoucherStatus.Delivered, VoucherStatus.Approved });
                Assert.False(hasAdvance || hasFinal);
                Assert.True(allowed <= amount * share, $"advance {allowed} above {share} of {amount}");
            }
        }
        Assert.Equal(10 * 3 * 4 * 2 * 2 * 8 * 2, checkedCases);
    }

    [Theory]
    [InlineData(0.3, 300.00, true)]
    [InlineData(0.3, 300.01, false)]
    [InlineData(0.25, 308.64, true)] // 1234.56 × 0.25 = 308.64 exactly
    [InlineData(0.25, 308.65, false)]
    public void An_advance_is_at_most_the_share(double share, double requested, bool allowed)
    {
        var voucherAmount = share == 0.3 ? 1000m : 1234.56m;
        var (_, refusal) = VoucherPaymentRule.Decide(VoucherStatus.Enrolled, voucherAmount, (decimal)share, PaymentKind.Advance, (decimal)requested, 0m, false, false);
        Assert.Equal(allowed, refusal is null);
    }
}
