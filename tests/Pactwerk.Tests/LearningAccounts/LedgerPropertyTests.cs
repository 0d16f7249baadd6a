using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Pactwerk.Web.Features.LearningAccounts;

namespace Pactwerk.Tests.LearningAccounts;

/// <summary>
/// The ledger's rules under arbitrary sequences of deposits, bookings, cancellations, deliveries, expiries
/// and reversals (FsCheck makes them). After every step the invariants are checked against tallies the test
/// keeps itself, never against the ledger's own sums: no bucket below zero; per funder, what it deposited =
/// spent + reserved + expired + available; reserved = the prices of the open bookings, spent = those delivered;
/// every posting sums to zero; a booking only ever takes money whose earmarks fit its course.
/// </summary>
public sealed class LedgerPropertyTests
{
    private static readonly string[] Sectors = ["zorg", "techniek", "ict"];
    private static readonly string[] Levels = ["mbo-2", "mbo-4", "hbo"];
    private static readonly DateOnly Today = new(2027, 3, 1);

    public sealed record DepositSpec(int Funder, long Amount, int ValidFromDays, int ValidDays, string? Sector, string? Level);
    public sealed record Step(int Kind, int A, int B, long Price);
    public sealed record Scenario(int[] Priorities, DepositSpec[] Deposits, Step[] Steps);

    private static Gen<Scenario> Scenarios =>
        from priorities in Gen.Shuffle(new[] { 1, 2, 3 })
        from deposits in Gen.ListOf(
            from funder in Gen.Choose(0, 2)
            from amount in Gen.Choose(1, 60_000)
            from from_ in Gen.Choose(-10, 5)
            from days in Gen.Choose(0, 40)
            from sector in Gen.Elements(Sectors).OrNull()
            from level in Gen.Elements(Levels).OrNull()
            select new DepositSpec(funder, amount, from_, days, sector, level))
        from steps in Gen.ListOf(
            from kind in Gen.Frequency((5, Gen.Constant(0)), (2, Gen.Constant(1)), (2, Gen.Constant(2)), (1, Gen.Constant(3)), (1, Gen.Constant(4)))
            from a in Gen.Choose(0, 50)
            from b in Gen.Choose(0, 50)
            from price in Gen.Choose(1, 90_000)
            select new Step(kind, a, b, price))
        select new Scenario(priorities, [.. deposits], [.. steps]);

    private sealed record Booking(long PostingId, long Price, CourseFacts Course, DateOnly Day)
    {
        public string State { get; set; } = "open";
    }

    [Property(MaxTest = 300)]
    public Property Every_sequence_of_postings_keeps_the_ledger_whole() => Prop.ForAll(Scenarios.ToArbitrary(), scenario =>
    {
        var balances = new Dictionary<long, DepositBalance>();
        var deposits = new Dictionary<long, (DepositSpec Spec, PaymentCandidate Candidate)>();
        var postings = new List<(long Id, PostingKind Kind, IReadOnlyList<LineDraft> Lines, bool Reversed)>();
        var bookings = new List<Booking>();
        var depositedByFunder = new long[3];
        long nextPosting = 1;

        bool Post(PostingKind kind, IReadOnlyList<LineDraft> lines)
        {
            if (LedgerRules.Refusal(lines, balances) is not null)
                return false;
            balances = LedgerRules.Apply(balances, lines);
            postings.Add((nextPosting++, kind, lines, false));
            return true;
        }

        long id = 0;
        foreach (var spec in scenario.Deposits)
        {
            id++;
            var candidate = new PaymentCandidate(id, scenario.Priorities[spec.Funder], Today.AddDays(spec.ValidFromDays), Today.AddDays(spec.ValidFromDays + spec.ValidDays),
                spec.Sector is null ? [] : [spec.Sector], spec.Level is null ? [] : [spec.Level], [], 0);
            deposits[id] = (spec, candidate);
            balances[id] = default;
            Assert.True(Post(PostingKind.Deposit, LedgerRules.Deposit(id, spec.Amount)));
            depositedByFunder[spec.Funder] += spec.Amount;
        }

        foreach (var step in scenario.Steps)
        {
            switch (step.Kind)
            {
                case 0:
                {
                    var course = new CourseFacts(Sectors[step.A % 3], Levels[step.B % 3], "verpleegkundige");
                    var day = Today.AddDays(step.A % 20);
                    var candidates = deposits.Values.Select(d => d.Candidate with { Available = balances[d.Candidate.DepositId].Available }).ToList();
                    var chosen = LedgerRules.Choose(candidates, course, step.Price, day);
                    var fitting = candidates.Where(c => Deposit.Fits(c.Sectors, c.Levels, c.Occupations, c.ValidFrom, c.ValidUntil, course, day)).Sum(c => c.Available);
                    if (chosen is null)
                    {
                        Assert.True(fitting < step.Price, "refused although the fitting money covers the price");
                        break;
                    }
                    Assert.Equal(step.Price, chosen.Sum(a => a.Amount));
                    Assert.True(Post(PostingKind.Reserve, LedgerRules.Move(LedgerBucket.Available, LedgerBucket.Reserved, chosen)));
                    bookings.Add(new Booking(nextPosting - 1, step.Price, course, day));
                    break;
                }
                case 1 or 2 when bookings.Count > 0:
                {
                    // A booking is settled once; the service holds that by a unique index (tested on both databases), so only open ones are settled here.
                    var booking = bookings[step.A % bookings.Count];
                    if (booking.State != "open")
                        break;
                    var reservation = postings.Single(p => p.Id == booking.PostingId);
                    Assert.True(Post(step.Kind == 1 ? PostingKind.Release : PostingKind.Spend,
                        LedgerRules.Move(LedgerBucket.Reserved, step.Kind == 1 ? LedgerBucket.Available : LedgerBucket.Spent, LedgerRules.Reserved(reservation.Lines))));
                    booking.State = step.Kind == 1 ? "released" : "spent";
                    break;
                }
                case 3:
                {
                    var day = Today.AddDays(step.A);
                    var lines = LedgerRules.Move(LedgerBucket.Available, LedgerBucket.Expired,
                        deposits.Values.Where(d => d.Candidate.ValidUntil < day && balances[d.Candidate.DepositId].Available > 0)
                            .Select(d => new Allocation(d.Candidate.DepositId, balances[d.Candidate.DepositId].Available)));
                    if (lines.Count > 0)
                        Assert.True(Post(PostingKind.Expire, lines));
                    break;
                }
                case 4 when postings.Count > 0:
                {
                    // Only deposits are reversed here, so the funder's tally follows; a reversal that would take more than is available is refused.
                    var target = postings[step.A % postings.Count];
                    if (target.Kind != PostingKind.Deposit || target.Reversed)
                        break;
                    var amount = target.Lines.Single(l => l.Bucket == LedgerBucket.Available).Amount;
                    var available = balances[target.Lines[0].DepositId].Available;
                    var posted = Post(PostingKind.Reversal, LedgerRules.Reverse(target.Lines));
                    Assert.Equal(available >= amount, posted);
                    if (posted)
                    {
                        postings[postings.IndexOf(target)] = target with { Reversed = true };
                        depositedByFunder[deposits[target.Lines[0].DepositId].Spec.Funder] -= amount;
                    }
                    break;
                }
            }

            // The invariants, after every step.
            Assert.All(balances.Values, b => Assert.True(b.Funded <= 0 && b.Available >= 0 && b.Reserved >= 0 && b.Spent >= 0 && b.Expired >= 0));
            for (var f = 0; f < 3; f++)
            {
                var mine = deposits.Values.Where(d => d.Spec.Funder == f).Select(d => balances[d.Candidate.DepositId]).ToList();
                Assert.Equal(depositedByFunder[f], mine.Sum(b => b.Spent + b.Reserved + b.Expired + b.Available));
                Assert.Equal(depositedByFunder[f], mine.Sum(b => b.Deposited));
            }
            Assert.Equal(bookings.Where(b => b.State == "open").Sum(b => b.Price), balances.Values.Sum(b => b.Reserved));
            Assert.Equal(bookings.Where(b => b.State == "spent").Sum(b => b.Price), balances.Values.Sum(b => b.Spent));
            Assert.All(postings, p => Assert.Equal(0, p.Lines.Sum(l => l.Amount)));
        }

        // No booking ever took money from a deposit whose earmarks or validity do not fit its course.
        foreach (var booking in bookings)
            foreach (var line in postings.Single(p => p.Id == booking.PostingId).Lines.Where(l => l.Bucket == LedgerBucket.Reserved))
            {
                var c = deposits[line.DepositId].Candidate;
                Assert.True(c.ValidFrom <= booking.Day && booking.Day <= c.ValidUntil);
                Assert.True(c.Sectors.Count == 0 || c.Sectors.Single() == booking.Course.Sector);
                Assert.True(c.Levels.Count == 0 || c.Levels.Single() == booking.Course.Level);
            }
        return true;
    });

    [Property(MaxTest = 500)]
    public Property The_choice_takes_the_earliest_expiry_first_then_the_funders_priority() => Prop.ForAll(Scenarios.ToArbitrary(), Gen.Choose(1, 120_000).ToArbitrary(), (scenario, price) =>
    {
        var course = new CourseFacts("zorg", "mbo-4", "verpleegkundige");
        var candidates = scenario.Deposits.Select((d, i) => new PaymentCandidate(i + 1, scenario.Priorities[d.Funder], Today.AddDays(d.ValidFromDays),
            Today.AddDays(d.ValidFromDays + d.ValidDays), d.Sector is null ? [] : [d.Sector], d.Level is null ? [] : [d.Level], [], d.Amount)).ToList();
        var chosen = LedgerRules.Choose(candidates, course, price, Today);
        var fitting = candidates.Where(c => c.ValidFrom <= Today && Today <= c.ValidUntil && (c.Sectors.Count == 0 || c.Sectors.Contains("zorg")) && (c.Levels.Count == 0 || c.Levels.Contains("mbo-4"))).ToList();
        if (chosen is null)
            return fitting.Sum(c => c.Available) < price;
        var byId = candidates.ToDictionary(c => c.DepositId);
        // Only fitting deposits, the price exactly, none taking more than it has.
        if (chosen.Any(a => !fitting.Contains(byId[a.DepositId]) || a.Amount <= 0 || a.Amount > byId[a.DepositId].Available) || chosen.Sum(a => a.Amount) != price)
            return false;
        // Every deposit but the last is emptied, and no unused fitting deposit comes before the last one used in the scheme's order.
        if (chosen.SkipLast(1).Any(a => a.Amount != byId[a.DepositId].Available))
            return false;
        var last = byId[chosen[^1].DepositId];
        var used = chosen.Select(a => a.DepositId).ToHashSet();
        return fitting.Where(c => !used.Contains(c.DepositId)).All(c =>
            c.ValidUntil > last.ValidUntil || (c.ValidUntil == last.ValidUntil && (c.FunderPriority > last.FunderPriority || (c.FunderPriority == last.FunderPriority && c.DepositId > last.DepositId))));
    });

    [Property(MaxTest = 1000)]
    public Property Any_posting_the_rules_accept_keeps_every_bucket_whole_and_balanced() => Prop.ForAll(
        Gen.ListOf(Gen.Choose(0, 30_000), 4).ToArbitrary(),
        Gen.ListOf(from d in Gen.Choose(1, 5) from b in Gen.Elements(Enum.GetValues<LedgerBucket>()) from a in Gen.Choose(-40_000, 40_000) select new LineDraft(d, b, a)).ToArbitrary(),
        (amounts, lines) =>
        {
            // Four deposits, each with some money moved on already; deposit 5 is not on the account.
            var before = amounts.Select((a, i) => (Id: (long)i + 1, Balance: new DepositBalance(-a, a / 2, a / 4, a / 8, a - a / 2 - a / 4 - a / 8))).ToDictionary(x => x.Id, x => x.Balance);
            var refusal = LedgerRules.Refusal(lines, before);
            var accepted = refusal is null;
            // The same judgement, written out another way.
            var valid = lines.Count > 0 && lines.All(l => l.Amount != 0 && before.ContainsKey(l.DepositId))
                && lines.GroupBy(l => l.DepositId).All(g => g.Sum(l => l.Amount) == 0)
                && before.All(kv =>
                {
                    long Sum(LedgerBucket bucket) => kv.Value[bucket] + lines.Where(l => l.DepositId == kv.Key && l.Bucket == bucket).Sum(l => l.Amount);
                    return Sum(LedgerBucket.Funded) <= 0 && new[] { LedgerBucket.Available, LedgerBucket.Reserved, LedgerBucket.Spent, LedgerBucket.Expired }.All(b => Sum(b) >= 0);
                });
            return accepted == valid;
        });
}
