using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.LearningAccounts;

namespace Pactwerk.Web.Features.Demo;

/// <summary>
/// Learning accounts fed by three funders of the demo network: the Provincie Gelderland, the sector training
/// fund TechniekTalent.nu and the employer FN Kempen (real organisations of the publication; every account,
/// person, amount and reference is invented). One holder, <see cref="HolderEmail"/>, can sign in: she left FN
/// Kempen two months ago, so the employer's earmarked deposit that did not follow her stopped the day before and
/// its rest expired, while the employer's career budget, the sector fund's deposit and the province's deposit made
/// after the change stayed hers. The money is brought onto the ledger through <see cref="LearningLedger"/>, the one
/// writer of postings, so every balance the demo shows is summed from real entries.
/// </summary>
public static class DemoLearningAccounts
{
    public const string HolderEmail = "leerrekening@pactwerk.demo";
    public const string SectorFundOfficerEmail = "fonds@techniektalent.demo";

    /// <summary>The province's list of opportunity occupations (kansberoepen), as its voucher scheme names them.</summary>
    private static readonly string[] OpportunityOccupations = ["Elektromonteur", "Installatiemonteur", "Onderhoudsmonteur", "Lasser"];

    /// <summary>
    /// Where each holder lives (CBS code) and when they were born, as a funder gives them with a deposit: the monitor's
    /// learning-account figures are counted per municipality, and the funders' figures per age group.
    /// </summary>
    private static readonly Dictionary<string, (string Municipality, int BirthYear)> Holders = new()
    {
        [HolderEmail] = ("GM0202", 1984),                  // Arnhem: she moved to Gelderland after leaving FN Kempen
        ["j.bakker@voorbeeld.demo"] = ("GM0200", 1971),    // Apeldoorn
        ["a.yilmaz@voorbeeld.demo"] = ("GM0268", 1996),    // Nijmegen
        ["m.jansen@voorbeeld.demo"] = ("GM0770", 1962),    // Eersel, near FN Kempen
    };

    private sealed record Money(string Email, string Funder, string Reference, long Euros, int FromDays, int UntilDays,
        string[]? Sectors = null, string[]? Levels = null, string[]? Occupations = null, bool FollowsPerson = true);

    public static async Task<bool> SeedAsync(PactwerkDb db, LearningLedger ledger, TimeProvider clock, CancellationToken ct)
    {
        if (await db.LearningFunders.AnyAsync(ct) || !await db.Organisations.AnyAsync(o => o.Name == "FN Kempen", ct))
            return false;
        async Task<int> Organisation(string name) => await db.Organisations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync(ct);
        // The scheme's order among deposits that expire on the same day: the employer's money first, then the
        // sector's, then the province's, which is meant for what the others do not pay.
        var funders = new Dictionary<string, Funder>
        {
            ["fn-kempen"] = new() { Code = "fn-kempen", Name = "FN Kempen", Kind = FunderKind.Employer, Priority = 1, OrganisationId = await Organisation("FN Kempen") },
            ["techniektalent"] = new() { Code = "techniektalent", Name = "TechniekTalent.nu", Kind = FunderKind.SectorFund, Priority = 2, OrganisationId = await Organisation("TechniekTalent.nu") },
            ["gelderland"] = new() { Code = "gelderland", Name = "Provincie Gelderland", Kind = FunderKind.Province, Priority = 3, OrganisationId = await Organisation("Provincie Gelderland") },
        };
        db.LearningFunders.AddRange(funders.Values);
        await db.SaveChangesAsync(ct);

        // The seeding's clock is the app's, so a test that moves time sees the story told from its own day.
        var now = clock.GetUtcNow().UtcDateTime;
        var today = LearningDay.Of(now);
        var leftFnKempen = today.AddDays(-60);
        Money[] money =
        [
            // The holder who changed employer: the career budget follows her, the welding course money did not.
            new(HolderEmail, "fn-kempen", "FNK-LOOPBAAN-2025-017", 1_500, -400, 700),
            new(HolderEmail, "fn-kempen", "FNK-VAKOPL-2025-104", 1_000, -200, (int)(leftFnKempen.AddDays(-1).DayNumber - today.DayNumber),
                Sectors: ["techniek"], Levels: ["mbo-2", "mbo-3"], FollowsPerson: false),
            new(HolderEmail, "techniektalent", "TTN-2025-0042", 2_000, -300, 400, Sectors: ["techniek"]),
            new(HolderEmail, "gelderland", "GLD-LLA-2026-0001", 1_000, -30, 730, Occupations: OpportunityOccupations),
            // Others, so the funders' figures are not one person's: money expiring soon, money already expired.
            new("j.bakker@voorbeeld.demo", "gelderland", "GLD-LLA-2026-0002", 1_000, -90, 640, Occupations: OpportunityOccupations),
            new("j.bakker@voorbeeld.demo", "techniektalent", "TTN-2025-0051", 1_500, -320, 45, Sectors: ["techniek"]),
            new("a.yilmaz@voorbeeld.demo", "gelderland", "GLD-LLA-2026-0003", 1_000, -20, 710, Occupations: OpportunityOccupations),
            new("m.jansen@voorbeeld.demo", "techniektalent", "TTN-2024-0399", 750, -500, -31, Sectors: ["techniek"]),
            new("m.jansen@voorbeeld.demo", "fn-kempen", "FNK-LOOPBAAN-2026-003", 1_250, -100, 900),
        ];
        var accounts = new Dictionary<string, LearningAccount>();
        foreach (var email in money.Select(m => m.Email).Distinct())
            accounts[email] = new LearningAccount
            {
                HolderEmail = LearningAccount.Normalise(email), OpenedAt = now,
                MunicipalityCode = Holders[email].Municipality, BirthYear = Holders[email].BirthYear,
            };
        db.LearningAccounts.AddRange(accounts.Values);
        var deposits = money.Select(m => (m, Deposit: new Deposit
        {
            AccountId = 0, FunderId = 0, Funder = funders[m.Funder], Amount = m.Euros * 100, Reference = m.Reference, DepositedAt = now,
            ValidFrom = today.AddDays(m.FromDays), ValidUntil = today.AddDays(m.UntilDays), FollowsPerson = m.FollowsPerson,
            Sectors = [.. m.Sectors ?? []], Levels = [.. m.Levels ?? []], Occupations = [.. m.Occupations ?? []],
        })).ToList();
        await db.SaveChangesAsync(ct);
        foreach (var (m, deposit) in deposits)
            deposit.AccountId = accounts[m.Email].Id;
        db.LearningDeposits.AddRange(deposits.Select(d => d.Deposit));
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        foreach (var (_, deposit) in deposits)
            if (await ledger.DepositAsync(deposit.AccountId, deposit.Id, deposit.Amount, null, ct) is PostingOutcome.Refused refused)
                throw new InvalidOperationException($"Demo deposit {deposit.Reference}: {refused.Message}");
        // What lapsed (the deposit that stopped when she left FN Kempen, the one that ran out last month) expires as the daily job would.
        await ledger.ExpireAsync(today, ct);
        return true;
    }
}
