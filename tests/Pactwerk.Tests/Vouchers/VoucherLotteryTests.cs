using System.Diagnostics;
using Pactwerk.Web.Features.Vouchers;

namespace Pactwerk.Tests.Vouchers;

/// <summary>
/// The lottery's order is recomputed outside .NET's hashing (coreutils <c>sha256sum</c>, and a
/// vector worked out with it by hand), so a mistake in the production rule cannot confirm itself.
/// No database is involved: the rule is a pure function of the published seed and numbers.
/// </summary>
public class VoucherLotteryTests
{
    [Fact]
    public void A_seed_is_32_random_bytes_as_lowercase_hex_and_never_repeats()
    {
        var seeds = Enumerable.Range(0, 100).Select(_ => VoucherLottery.NewSeed()).ToList();
        Assert.All(seeds, s => Assert.Matches("^[0-9a-f]{64}$", s));
        Assert.Equal(seeds.Count, seeds.Distinct().Count());
    }

    [Fact]
    public void A_fixed_seed_gives_the_order_worked_out_with_sha256sum()
    {
        // printf '%s' "<seed>:LGV-00000n" | sha256sum, sorted by hash (see the commit adding this test):
        // 3 → 1580b5…, 1 → 6ae4c6…, 4 → 70c370…, 2 → 74d759…, 5 → d9be04…
        const string seed = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
        Assert.Equal("6ae4c688363f7684589d6d9552b53f271f3033e314e60242d542c02e9de1d455", VoucherLottery.Rank(seed, "LGV-000001"));
        var numbers = Enumerable.Range(1, 5).Select(i => VoucherApplication.NumberOf("lgv", i));
        Assert.Equal(["LGV-000003", "LGV-000001", "LGV-000004", "LGV-000002", "LGV-000005"], VoucherLottery.Draw(seed, numbers));
    }

    [Fact]
    public async Task The_drawn_order_of_a_fresh_seed_equals_the_order_sha256sum_gives()
    {
        var seed = VoucherLottery.NewSeed();
        var numbers = Enumerable.Range(1, 60).Select(i => VoucherApplication.NumberOf("reken", i)).ToList();
        var expected = new List<(string Hash, string Number)>();
        foreach (var number in numbers)
            expected.Add((await Sha256SumAsync(seed + ":" + number), number));
        var byCoreutils = expected.OrderBy(x => x.Hash, StringComparer.Ordinal).Select(x => x.Number).ToList();
        Assert.Equal(byCoreutils, VoucherLottery.Draw(seed, numbers));
        // The arrival order is not the drawn order (60! orders; the chance they agree is nil).
        Assert.NotEqual(numbers, byCoreutils);
    }

    private static async Task<string> Sha256SumAsync(string text)
    {
        var start = new ProcessStartInfo("sha256sum") { RedirectStandardInput = true, RedirectStandardOutput = true, StandardInputEncoding = new System.Text.UTF8Encoding(false) };
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(text);
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        return output[..64];
    }
}
