using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Vouchers;

/// <summary>
/// How many applications of a scheme wait with a queue number in one block of
/// <see cref="WaitingList.BlockSize"/> numbers. Kept with every change of the waiting list, in the same
/// transaction under the scheme's lock, so that a place on the list is a sum over a few hundred
/// blocks and a count within one, instead of a count from the head of a list of 200,000.
/// </summary>
public class VoucherWaitingCount
{
    public int SchemeId { get; set; }
    /// <summary>Queue numbers <c>Block × BlockSize</c> up to the next block.</summary>
    public int Block { get; set; }
    public int Count { get; set; }
}

internal sealed class VoucherWaitingCountConfiguration : IEntityTypeConfiguration<VoucherWaitingCount>
{
    public void Configure(EntityTypeBuilder<VoucherWaitingCount> count)
    {
        count.HasKey(c => new { c.SchemeId, c.Block });
        count.HasOne<VoucherScheme>().WithMany().HasForeignKey(c => c.SchemeId);
        count.ToTable(t => t.HasCheckConstraint("CK_VoucherWaitingCounts_Count", "\"Count\" >= 0"));
    }
}

/// <summary>
/// The waiting list's places. Every change of who waits goes through <see cref="JoinedAsync"/> or
/// <see cref="LeftAsync"/>, inside the transaction that holds the scheme's lock; a place is then
/// exact without counting everyone ahead.
/// </summary>
public static class WaitingList
{
    public const int BlockSize = 1024;

    private static int BlockOf(int queueOrder) => queueOrder / BlockSize;

    /// <summary>Applications put on the list with these queue numbers; saved with the caller's next SaveChangesAsync.</summary>
    public static async Task JoinedAsync(PactwerkDb db, int schemeId, IEnumerable<int> queueOrders, CancellationToken ct)
    {
        var added = queueOrders.GroupBy(BlockOf).ToDictionary(g => g.Key, g => g.Count());
        if (added.Count == 0)
            return;
        var blocks = added.Keys.ToList();
        var held = await db.VoucherWaitingCounts.Where(c => c.SchemeId == schemeId && blocks.Contains(c.Block)).ToDictionaryAsync(c => c.Block, ct);
        foreach (var (block, n) in added)
        {
            if (held.TryGetValue(block, out var row))
                row.Count += n;
            else
                db.VoucherWaitingCounts.Add(new VoucherWaitingCount { SchemeId = schemeId, Block = block, Count = n });
        }
    }

    /// <summary>An application with this queue number left the list (moved up, withdrawn, refused, expired).</summary>
    public static Task LeftAsync(PactwerkDb db, int schemeId, int queueOrder, CancellationToken ct)
    {
        var block = BlockOf(queueOrder);
        return db.VoucherWaitingCounts.Where(c => c.SchemeId == schemeId && c.Block == block)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Count, c => c.Count - 1), ct);
    }

    /// <summary>The place of the waiting application with this queue number: those in earlier blocks, and those ahead in its own.</summary>
    public static async Task<int> PlaceAsync(PactwerkDb db, int schemeId, int queueOrder, CancellationToken ct)
    {
        var block = BlockOf(queueOrder);
        var from = block * BlockSize;
        var before = await db.VoucherWaitingCounts.Where(c => c.SchemeId == schemeId && c.Block < block).SumAsync(c => c.Count, ct);
        var within = await db.VoucherApplications.CountAsync(a => a.SchemeId == schemeId && a.Status == VoucherStatus.Waiting && a.QueueOrder >= from && a.QueueOrder < queueOrder, ct);
        return 1 + before + within;
    }
}
