using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.LearningAccounts;
using static Pactwerk.Tests.LearningAccounts.LearningAccountBuilder;

namespace Pactwerk.Tests.LearningAccounts;

/// <summary>
/// The ledger on a real database: postings are balanced and append-only, money moves only where the rules
/// allow, a reservation is settled once, corrections are reversals, expiry is a posting; and bookings racing
/// for the same money are decided one after the other, so exactly as many win as the money covers.
/// </summary>
public abstract class LearningLedgerTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private static readonly CourseFacts Care = new("zorg", "mbo-4", "verpleegkundige");

    [Fact]
    public async Task A_booking_reserves_from_the_deposit_that_expires_first_then_the_funder_first_in_the_scheme_and_cancelling_returns_it_to_the_same_deposits()
    {
        var province = await FunderAsync(factory, "prov-a", FunderKind.Province, priority: 2);
        var fund = await FunderAsync(factory, "fonds-a", FunderKind.SectorFund, priority: 1);
        var account = await AccountAsync(factory, "Anna@Example.org");
        // € 300,00 from the province until next year, € 200,00 from the sector fund until next year (same day): the fund is first in the scheme.
        var fromProvince = await DepositAsync(factory, account, province, 300_00, Today.AddYears(1));
        var fromFund = await DepositAsync(factory, account, fund, 200_00, Today.AddYears(1));
        // € 150,00 from the province that expires next month: spent first, whatever the priority.
        var soon = await DepositAsync(factory, account, province, 150_00, Today.AddMonths(1));
        // € 1.000,00 only for technical courses: never used for a care course.
        var technical = await DepositAsync(factory, account, fund, 1_000_00, Today.AddDays(10), sectors: ["techniek"]);

        // € 420,75: 150,00 (expires first) + 200,00 (fund, priority 1) + 70,75 (province).
        var preview = await LedgerAsync(factory, l => l.PreviewAsync(account, Care, 420_75, Today, default));
        Assert.Equal([new Allocation(soon, 150_00), new Allocation(fromFund, 200_00), new Allocation(fromProvince, 70_75)], preview);
        var reserved = Assert.IsType<PostingOutcome.Posted>(await LedgerAsync(factory, l => l.ReserveAsync(account, Care, 420_75, Today, "anna", default)));

        var sums = await SumsAsync(factory, account);
        Assert.Equal(150_00, sums[(soon, LedgerBucket.Reserved)]);
        Assert.Equal(0, sums[(soon, LedgerBucket.Available)]);
        Assert.Equal(200_00, sums[(fromFund, LedgerBucket.Reserved)]);
        Assert.Equal(70_75, sums[(fromProvince, LedgerBucket.Reserved)]);
        Assert.Equal(229_25, sums[(fromProvince, LedgerBucket.Available)]);
        Assert.False(sums.ContainsKey((technical, LedgerBucket.Reserved)));
        Assert.Equal(1_000_00, sums[(technical, LedgerBucket.Available)]);

        // The ledger's own balances agree with the sums the test made from the lines.
        var balances = await LedgerAsync(factory, l => l.BalancesAsync(account, default));
        foreach (var ((deposit, bucket), amount) in sums)
            Assert.Equal(amount, balances[deposit][bucket]);

        // Cancelled: back to the same deposits, to the cent; a second cancellation or a spend afterwards changes nothing.
        Assert.IsType<PostingOutcome.Posted>(await LedgerAsync(factory, l => l.ReleaseAsync(account, reserved.Posting.Id, "anna", default)));
        var again = Assert.IsType<PostingOutcome.Refused>(await LedgerAsync(factory, l => l.ReleaseAsync(account, reserved.Posting.Id, "anna", default)));
        Assert.Equal(LearningAccountMessages.AlreadySettled, again.Message);
        Assert.IsType<PostingOutcome.Refused>(await LedgerAsync(factory, l => l.SpendAsync(account, reserved.Posting.Id, "anna", default)));
        var after = await SumsAsync(factory, account);
        Assert.Equal(150_00, after[(soon, LedgerBucket.Available)]);
        Assert.Equal(200_00, after[(fromFund, LedgerBucket.Available)]);
        Assert.Equal(300_00, after[(fromProvince, LedgerBucket.Available)]);
        Assert.All(new[] { soon, fromFund, fromProvince }, d => Assert.Equal(0, after[(d, LedgerBucket.Reserved)]));

        // Every posting balances to zero, per deposit; the account counts its postings (4 deposits, a reservation, a release).
        var lines = await factory.InDbAsync(db => db.LedgerLines.AsNoTracking().Where(l => db.LedgerPostings.Any(p => p.Id == l.PostingId && p.AccountId == account)).ToListAsync());
        Assert.All(lines.GroupBy(l => (l.PostingId, l.DepositId)), g => Assert.Equal(0, g.Sum(l => l.Amount)));
        Assert.Equal(6, await factory.InDbAsync(db => db.LearningAccounts.Where(a => a.Id == account).Select(a => a.Postings).SingleAsync()));
        Assert.Equal(6, await factory.InDbAsync(db => db.LedgerPostings.CountAsync(p => p.AccountId == account)));
    }

    [Fact]
    public async Task Money_whose_earmarks_do_not_fit_is_never_used_and_a_refused_booking_changes_nothing()
    {
        var fund = await FunderAsync(factory, "fonds-b", FunderKind.SectorFund);
        var account = await AccountAsync(factory, "bram@example.org");
        await DepositAsync(factory, account, fund, 500_00, sectors: ["techniek"]);
        await DepositAsync(factory, account, fund, 100_00, levels: ["hbo"]);
        await DepositAsync(factory, account, fund, 100_00, validFrom: Today.AddDays(5));
        var fits = await DepositAsync(factory, account, fund, 99_99);
        var before = await SumsAsync(factory, account);

        var refused = Assert.IsType<PostingOutcome.Refused>(await LedgerAsync(factory, l => l.ReserveAsync(account, Care, 100_00, Today, "bram", default)));
        Assert.Equal(LearningAccountMessages.NoFittingMoney, refused.Message);
        Assert.Equal(before, await SumsAsync(factory, account));
        Assert.Equal(4, await factory.InDbAsync(db => db.LearningAccounts.Where(a => a.Id == account).Select(a => a.Postings).SingleAsync()));

        Assert.IsType<PostingOutcome.Posted>(await LedgerAsync(factory, l => l.ReserveAsync(account, Care, 99_99, Today, "bram", default)));
        Assert.Equal(99_99, (await SumsAsync(factory, account))[(fits, LedgerBucket.Reserved)]);
    }

    [Fact]
    public async Task Corrections_are_reversals_once_and_only_while_the_money_is_still_there()
    {
        var employer = await FunderAsync(factory, "werkgever-c", FunderKind.Employer);
        var account = await AccountAsync(factory, "cor@example.org");
        var deposit = await DepositAsync(factory, account, employer, 250_00);
        var posting = await factory.InDbAsync(db => db.LedgerPostings.Where(p => p.AccountId == account && p.Kind == PostingKind.Deposit).Select(p => p.Id).SingleAsync());
        var booking = Assert.IsType<PostingOutcome.Posted>(await LedgerAsync(factory, l => l.ReserveAsync(account, Care, 100_00, Today, "cor", default)));

        // The deposit cannot be reversed while part of it is reserved: the available bucket would go below zero.
        var refused = Assert.IsType<PostingOutcome.Refused>(await LedgerAsync(factory, l => l.ReverseAsync(account, posting, "officer", default)));
        Assert.Equal(LearningAccountMessages.NotEnough, refused.Message);

        Assert.IsType<PostingOutcome.Posted>(await LedgerAsync(factory, l => l.ReleaseAsync(account, booking.Posting.Id, "cor", default)));
        var reversal = Assert.IsType<PostingOutcome.Posted>(await LedgerAsync(factory, l => l.ReverseAsync(account, posting, "officer", default)));
        Assert.Equal(LearningAccountMessages.AlreadyReversed, Assert.IsType<PostingOutcome.Refused>(await LedgerAsync(factory, l => l.ReverseAsync(account, posting, "officer", default))).Message);
        Assert.Equal(LearningAccountMessages.ReversalOfReversal, Assert.IsType<PostingOutcome.Refused>(await LedgerAsync(factory, l => l.ReverseAsync(account, reversal.Posting.Id, "officer", default))).Message);
        var sums = await SumsAsync(factory, account);
        Assert.All(sums.Values, v => Assert.Equal(0, v));
        // The original is still there: nothing is ever changed or removed.
        Assert.Equal(2, await factory.InDbAsync(db => db.LedgerLines.CountAsync(l => l.PostingId == posting)));
        Assert.Equal(deposit, await factory.InDbAsync(db => db.LedgerLines.Where(l => l.PostingId == reversal.Posting.Id).Select(l => l.DepositId).FirstAsync()));
    }

    [Fact]
    public async Task Expiry_is_a_posting_of_what_is_still_available_and_reserved_money_expires_only_once_released()
    {
        var municipality = await FunderAsync(factory, "gemeente-d", FunderKind.Municipality);
        var account = await AccountAsync(factory, "dewi@example.org");
        var lapsing = await DepositAsync(factory, account, municipality, 80_00, validFrom: Today.AddDays(-30), validUntil: Today.AddDays(-1));
        var lasting = await DepositAsync(factory, account, municipality, 50_00);
        // Reserved the day before it lapsed (the day is the booking's, within the deposit's validity).
        var booking = Assert.IsType<PostingOutcome.Posted>(await LedgerAsync(factory, l => l.ReserveAsync(account, Care, 30_00, Today.AddDays(-2), "dewi", default)));

        // The hourly job may have run too; either way the expiry is posted once.
        await LedgerAsync(factory, l => l.ExpireAsync(Today, default));
        var sums = await SumsAsync(factory, account);
        Assert.Equal(50_00, sums[(lapsing, LedgerBucket.Expired)]);
        Assert.Equal(0, sums[(lapsing, LedgerBucket.Available)]);
        Assert.Equal(30_00, sums[(lapsing, LedgerBucket.Reserved)]);
        Assert.False(sums.ContainsKey((lasting, LedgerBucket.Expired)));
        // Nothing more to expire: a second run writes nothing for this account.
        var postings = await factory.InDbAsync(db => db.LedgerPostings.CountAsync(p => p.AccountId == account));
        await LedgerAsync(factory, l => l.ExpireAsync(Today, default));
        Assert.Equal(postings, await factory.InDbAsync(db => db.LedgerPostings.CountAsync(p => p.AccountId == account)));

        // Cancelled after the deposit lapsed: back to available, and the next run expires it.
        Assert.IsType<PostingOutcome.Posted>(await LedgerAsync(factory, l => l.ReleaseAsync(account, booking.Posting.Id, "dewi", default)));
        await LedgerAsync(factory, l => l.ExpireAsync(Today, default));
        var after = await SumsAsync(factory, account);
        Assert.Equal(80_00, after[(lapsing, LedgerBucket.Expired)]);
        Assert.Equal(-80_00, after[(lapsing, LedgerBucket.Funded)]);
    }

    [Fact]
    public async Task Two_bookings_racing_for_the_same_money_one_wins_and_the_other_is_refused()
    {
        var fund = await FunderAsync(factory, "fonds-e", FunderKind.SectorFund);
        for (var round = 0; round < 5; round++)
        {
            var account = await AccountAsync(factory, $"race{round}@example.org");
            var deposit = await DepositAsync(factory, account, fund, 100_00);
            using var start = new SemaphoreSlim(0, 2);
            var racers = Enumerable.Range(0, 2).Select(async _ =>
            {
                await start.WaitAsync();
                return await LedgerAsync(factory, l => l.ReserveAsync(account, Care, 60_00, Today, "racer", default));
            }).ToList();
            start.Release(2);
            var outcomes = await Task.WhenAll(racers);
            Assert.Single(outcomes.OfType<PostingOutcome.Posted>());
            Assert.Equal(LearningAccountMessages.NoFittingMoney, Assert.Single(outcomes.OfType<PostingOutcome.Refused>()).Message);
            var sums = await SumsAsync(factory, account);
            Assert.Equal(60_00, sums[(deposit, LedgerBucket.Reserved)]);
            Assert.Equal(40_00, sums[(deposit, LedgerBucket.Available)]);
        }
    }

    [Fact]
    public async Task Forty_bookings_racing_for_money_that_covers_half_of_them_exactly_half_win_in_two_ledger_instances()
    {
        var fund = await FunderAsync(factory, "fonds-f", FunderKind.SectorFund);
        var account = await AccountAsync(factory, "rush@example.org");
        // Two deposits of € 250,00 and € 250,00 for bookings of € 25,00: twenty fit.
        var first = await DepositAsync(factory, account, fund, 250_00, Today.AddMonths(6));
        var second = await DepositAsync(factory, account, fund, 250_00, Today.AddMonths(7));
        // A second app on the same database: its own gate, so only the database's lock keeps them apart.
        await using var other = await TargetFactory.SecondInstanceOfAsync(factory);
        using var start = new SemaphoreSlim(0, 40);
        var racers = Enumerable.Range(0, 40).Select(async i =>
        {
            await start.WaitAsync();
            return await LedgerAsync(i % 2 == 0 ? factory : other, l => l.ReserveAsync(account, Care, 25_00, Today, $"racer{i}", default));
        }).ToList();
        start.Release(40);
        var outcomes = await Task.WhenAll(racers);
        Assert.Equal(20, outcomes.OfType<PostingOutcome.Posted>().Count());
        Assert.Equal(20, outcomes.OfType<PostingOutcome.Refused>().Count());
        var sums = await SumsAsync(factory, account);
        Assert.Equal(250_00, sums[(first, LedgerBucket.Reserved)]);
        Assert.Equal(250_00, sums[(second, LedgerBucket.Reserved)]);
        Assert.Equal(0, sums[(first, LedgerBucket.Available)] + sums[(second, LedgerBucket.Available)]);
    }

    [Fact]
    public async Task A_cancellation_and_a_delivery_racing_for_one_reservation_settle_it_once()
    {
        var fund = await FunderAsync(factory, "fonds-g", FunderKind.SectorFund);
        var account = await AccountAsync(factory, "gert@example.org");
        var deposit = await DepositAsync(factory, account, fund, 100_00);
        var booking = Assert.IsType<PostingOutcome.Posted>(await LedgerAsync(factory, l => l.ReserveAsync(account, Care, 100_00, Today, "gert", default)));
        using var start = new SemaphoreSlim(0, 2);
        var release = Task.Run(async () => { await start.WaitAsync(); return await LedgerAsync(factory, l => l.ReleaseAsync(account, booking.Posting.Id, "gert", default)); });
        var spend = Task.Run(async () => { await start.WaitAsync(); return await LedgerAsync(factory, l => l.SpendAsync(account, booking.Posting.Id, "officer", default)); });
        start.Release(2);
        var outcomes = await Task.WhenAll(release, spend);
        Assert.Single(outcomes.OfType<PostingOutcome.Posted>());
        var sums = await SumsAsync(factory, account);
        Assert.Equal(0, sums[(deposit, LedgerBucket.Reserved)]);
        Assert.Equal(100_00, sums[(deposit, LedgerBucket.Available)] + sums.GetValueOrDefault((deposit, LedgerBucket.Spent)));
    }

    [Fact]
    public async Task The_database_refuses_a_line_of_zero_and_a_second_settlement_even_past_the_ledger()
    {
        var fund = await FunderAsync(factory, "fonds-h", FunderKind.SectorFund);
        var account = await AccountAsync(factory, "hanna@example.org");
        var deposit = await DepositAsync(factory, account, fund, 10_00);
        var booking = Assert.IsType<PostingOutcome.Posted>(await LedgerAsync(factory, l => l.ReserveAsync(account, Care, 10_00, Today, "hanna", default)));
        Assert.IsType<PostingOutcome.Posted>(await LedgerAsync(factory, l => l.SpendAsync(account, booking.Posting.Id, "officer", default)));
        await Assert.ThrowsAsync<DbUpdateException>(() => factory.InDbAsync(async db =>
        {
            db.LedgerPostings.Add(new LedgerPosting { AccountId = account, Kind = PostingKind.Release, At = DateTime.UtcNow, SettlesId = booking.Posting.Id,
                Lines = [new() { DepositId = deposit, Bucket = LedgerBucket.Reserved, Amount = -10_00 }, new() { DepositId = deposit, Bucket = LedgerBucket.Available, Amount = 10_00 }] });
            return await db.SaveChangesAsync();
        }));
        await Assert.ThrowsAsync<DbUpdateException>(() => factory.InDbAsync(async db =>
        {
            db.LedgerPostings.Add(new LedgerPosting { AccountId = account, Kind = PostingKind.Deposit, At = DateTime.UtcNow, Lines = [new() { DepositId = deposit, Bucket = LedgerBucket.Available, Amount = 0 }] });
            return await db.SaveChangesAsync();
        }));
        Assert.Equal(10_00, (await SumsAsync(factory, account))[(deposit, LedgerBucket.Spent)]);
    }
}

public sealed class LearningLedgerSqlite(SqliteFactory factory) : LearningLedgerTests<SqliteFactory>(factory);
public sealed class LearningLedgerPostgres(PostgresFactory factory) : LearningLedgerTests<PostgresFactory>(factory);
