using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.LearningAccounts;

namespace Pactwerk.Tests.LearningAccounts;

/// <summary>Funders, accounts and deposits for the learning-account tests, each deposit brought onto the ledger as the app does.</summary>
public static class LearningAccountBuilder
{
    /// <summary>The area's today: the Dutch calendar day (<see cref="LearningDay"/>), so the tests hold late in the UTC evening too.</summary>
    public static DateOnly Today => LearningDay.Today(TimeProvider.System);

    public static Task<int> FunderAsync(PactwerkFactory factory, string code, FunderKind kind = FunderKind.Province, int priority = 1) =>
        factory.InDbAsync(async db =>
        {
            var funder = new Funder { Code = code, Name = $"Fonds {code}", Kind = kind, Priority = priority, OrganisationId = await db.Organisations.OrderBy(o => o.Id).Select(o => o.Id).FirstAsync() };
            db.LearningFunders.Add(funder);
            await db.SaveChangesAsync();
            return funder.Id;
        });

    public static Task<long> AccountAsync(PactwerkFactory factory, string email) =>
        factory.InDbAsync(async db =>
        {
            var account = new LearningAccount { HolderEmail = LearningAccount.Normalise(email), OpenedAt = DateTime.UtcNow };
            db.LearningAccounts.Add(account);
            await db.SaveChangesAsync();
            return account.Id;
        });

    public static async Task<long> DepositAsync(PactwerkFactory factory, long accountId, int funderId, long amount, DateOnly? validUntil = null,
        string[]? sectors = null, string[]? levels = null, DateOnly? validFrom = null, string[]? occupations = null)
    {
        long id = 0;
        await factory.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<Pactwerk.Web.Data.PactwerkDb>();
            var deposit = new Deposit
            {
                AccountId = accountId, FunderId = funderId, Amount = amount, ValidFrom = validFrom ?? Today.AddDays(-1), ValidUntil = validUntil ?? Today.AddYears(1),
                Sectors = [.. sectors ?? []], Levels = [.. levels ?? []], Occupations = [.. occupations ?? []], Reference = Guid.NewGuid().ToString("N"), DepositedAt = DateTime.UtcNow,
            };
            db.LearningDeposits.Add(deposit);
            await db.SaveChangesAsync();
            id = deposit.Id;
            var outcome = await sp.GetRequiredService<LearningLedger>().DepositAsync(accountId, deposit.Id, amount, null, CancellationToken.None);
            Assert.IsType<PostingOutcome.Posted>(outcome);
        });
        return id;
    }

    public static async Task<T> LedgerAsync<T>(PactwerkFactory factory, Func<LearningLedger, Task<T>> work)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<LearningLedger>());
    }

    /// <summary>Each deposit's buckets summed straight from the lines in SQL terms of the test, not through the ledger's own query.</summary>
    public static Task<Dictionary<(long Deposit, LedgerBucket Bucket), long>> SumsAsync(PactwerkFactory factory, long accountId) =>
        factory.InDbAsync(async db =>
        {
            var deposits = await db.LearningDeposits.Where(d => d.AccountId == accountId).Select(d => d.Id).ToListAsync();
            var lines = await db.LedgerLines.AsNoTracking().Where(l => deposits.Contains(l.DepositId)).ToListAsync();
            var sums = new Dictionary<(long, LedgerBucket), long>();
            foreach (var l in lines)
                sums[(l.DepositId, l.Bucket)] = sums.GetValueOrDefault((l.DepositId, l.Bucket)) + l.Amount;
            return sums;
        });
}
