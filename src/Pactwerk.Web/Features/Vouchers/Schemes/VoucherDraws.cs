using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Vouchers;

/// <summary>
/// Decides the pending applications of the lottery schemes once their moment has come: after the
/// window closes (<see cref="DistributionRule.PeriodLottery"/>) or after the day they arrived on ends
/// in the Netherlands (<see cref="DistributionRule.DailyLottery"/>). A group is decided under the
/// scheme's gate and row lock, in one transaction, with the same conditional UPDATE of the scheme's
/// row as the first-come path, so reserved + paid never passes the ceiling; the pending applications
/// are read inside the lock, so two requests for the same draw at once make one draw.
/// </summary>
public sealed class VoucherDraws(PactwerkDb db, SchemeGate gate)
{
    /// <summary>The Dutch calendar day of a UTC moment.</summary>
    public static DateOnly DayOf(DateTime utc) =>
        DateOnly.FromDateTime(VoucherFormat.ToDutch(utc));

    /// <summary>
    /// The day a pending application is decided on: the day the window closes for a period lottery,
    /// the day after its arrival for a daily lottery (the draw follows the day's end).
    /// </summary>
    public static DateOnly DecidedOn(DistributionRule rule, DateTime closesAt, DateTime submittedAt) =>
        rule == DistributionRule.PeriodLottery ? DayOf(closesAt) : DayOf(submittedAt).AddDays(1);

    /// <summary>Decides every scheme's due groups at <paramref name="now"/> (the caller's clock, so tests can move it); returns how many applications were decided.</summary>
    public async Task<int> DecideDueAsync(DateTime now, CancellationToken ct)
    {
        var schemes = await db.VoucherSchemes.AsNoTracking()
            .Where(s => s.Rule != DistributionRule.OrderOfArrival && db.VoucherApplications.Any(a => a.SchemeId == s.Id && a.Status == VoucherStatus.Pending))
            .Select(s => s.Id).ToListAsync(ct);
        var decided = 0;
        foreach (var id in schemes)
            decided += await DecideAsync(id, now, ct);
        return decided;
    }

    /// <summary>Decides what is due for one scheme at <paramref name="now"/>; 0 when nothing is (yet) due or another request decided it first.</summary>
    public async Task<int> DecideAsync(int schemeId, DateTime now, CancellationToken ct)
    {
        using var turn = await gate.EnterAsync(schemeId, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Locks the scheme's row (PostgreSQL) as every other change of its budget does; SQLite holds the file's write lock.
        await db.VoucherSchemes.Where(s => s.Id == schemeId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Arrivals, x => x.Arrivals), ct);
        var scheme = await db.VoucherSchemes.AsNoTracking().SingleAsync(s => s.Id == schemeId, ct);
        if (scheme.Rule == DistributionRule.OrderOfArrival || (scheme.Rule == DistributionRule.PeriodLottery && now < scheme.ClosesAt))
            return 0;
        var pending = await db.VoucherApplications.Where(a => a.SchemeId == schemeId && a.Status == VoucherStatus.Pending)
            .OrderBy(a => a.Arrival).ToListAsync(ct);
        var today = DayOf(now);
        var groups = scheme.Rule == DistributionRule.PeriodLottery
            ? pending.Count == 0 ? [] : [(Day: DayOf(scheme.ClosesAt), Applications: pending)]
            // Days that have ended, oldest first: an earlier day's draw decides whether a later day still has budget.
            : pending.GroupBy(a => DayOf(a.SubmittedAt)).Where(g => g.Key < today).OrderBy(g => g.Key).Select(g => (Day: g.Key, Applications: g.ToList())).ToList();
        var decided = 0;
        foreach (var (day, applications) in groups)
            decided += await DecideGroupAsync(scheme, day, applications, now, ct);
        await transaction.CommitAsync(ct);
        return decided;
    }

    private async Task<int> DecideGroupAsync(VoucherScheme scheme, DateOnly day, List<VoucherApplication> group, DateTime now, CancellationToken ct)
    {
        var state = await db.VoucherSchemes.AsNoTracking().Where(s => s.Id == scheme.Id).Select(s => new { s.Reserved, s.Paid, s.Ceiling, s.Waiting }).SingleAsync(ct);
        var available = state.Ceiling - state.Reserved - state.Paid;
        List<VoucherApplication> ordered;
        VoucherDraw? draw = null;
        var numbers = group.ToDictionary(a => VoucherApplication.NumberOf(scheme.Code, a.Arrival), StringComparer.Ordinal);
        if (scheme.Rule == DistributionRule.DailyLottery && (state.Waiting > 0 || group.Sum(a => a.Amount) <= available))
        {
            // A day the budget covers whole is granted whole; a day after the budget ran out waits whole,
            // behind those already waiting: in both cases in order of arrival, and nothing to draw.
            ordered = group;
            foreach (var a in ordered)
                a.QueueOrder = a.Arrival;
        }
        else
        {
            var seed = VoucherLottery.NewSeed();
            var drawn = VoucherLottery.Draw(seed, numbers.Keys);
            ordered = drawn.Select(n => numbers[n]).ToList();
            // The drawn applications take their own arrival numbers in drawn order: one queue, one ordering rule,
            // and whoever arrived after the group (a later day) stays behind all of it.
            var slots = group.Select(a => a.Arrival).Order().ToList();
            for (var i = 0; i < ordered.Count; i++)
                ordered[i].QueueOrder = slots[i];
            draw = new VoucherDraw { SchemeId = scheme.Id, Day = day, Rule = scheme.Rule, Seed = seed, DrawnAt = now, Numbers = [.. drawn] };
        }

        // Granted in order while nobody waits and the amount fits; once one waits, everyone after waits too.
        var reserved = 0m;
        var waiting = 0;
        foreach (var a in ordered)
        {
            var number = VoucherApplication.NumberOf(scheme.Code, a.Arrival);
            if (state.Waiting + waiting == 0 && reserved + a.Amount <= available)
            {
                reserved += a.Amount;
                a.Status = VoucherStatus.Granted;
                a.GrantedAt = now;
            }
            else
            {
                waiting++;
                a.Status = VoucherStatus.Waiting;
            }
            db.RecordEvent(now, a.Status == VoucherStatus.Granted ? VoucherAuditActions.Granted : VoucherAuditActions.Waiting, nameof(VoucherApplication), number,
                new { scheme = scheme.Code, amount = a.Amount, reason = draw is null ? $"applications of {day:yyyy-MM-dd} decided in order of arrival" : $"drawn by lot ({day:yyyy-MM-dd}), place {a.QueueOrder}" }, scheme.PactId);
        }
        if (draw is not null)
        {
            draw.Granted = ordered.Count(a => a.Status == VoucherStatus.Granted);
            db.VoucherDraws.Add(draw);
            db.RecordEvent(now, VoucherAuditActions.Drawn, nameof(VoucherScheme), scheme.Code,
                new { day = day.ToString("yyyy-MM-dd"), seed = draw.Seed, applications = ordered.Count, granted = draw.Granted }, scheme.PactId);
        }
        await WaitingList.JoinedAsync(db, scheme.Id, ordered.Where(a => a.Status == VoucherStatus.Waiting).Select(a => a.QueueOrder), ct);
        // What was computed under the lock, checked once more by the database in one statement.
        var amount = reserved;
        if (await db.VoucherSchemes.Where(s => s.Id == scheme.Id && s.Waiting == state.Waiting && s.Reserved + s.Paid + amount <= s.Ceiling)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Reserved, x => x.Reserved + amount).SetProperty(x => x.Waiting, x => x.Waiting + waiting), ct) != 1)
            throw new InvalidOperationException($"Scheme {scheme.Code} changed while its row was locked.");
        await db.SaveChangesAsync(ct);
        return ordered.Count;
    }
}

/// <summary>Decides due lottery groups every minute, once across instances: a day's draw follows its end (or the window's close) within a minute.</summary>
public sealed class VoucherDrawWorker(IServiceScopeFactory scopes, TimeProvider clock, ILogger<VoucherDrawWorker> log) : ClusterJob(scopes, clock, log)
{
    public override string Name => "voucher-draws";
    protected override TimeSpan Period => TimeSpan.FromMinutes(1);
    protected override TimeSpan FirstRunAfter => TimeSpan.FromSeconds(30);

    protected override async Task<string?> RunAsync(IServiceProvider services, DateTime now, CancellationToken ct) =>
        await services.GetRequiredService<VoucherDraws>().DecideDueAsync(now, ct) is > 0 and var decided ? $"{decided} pending voucher applications decided" : null;
}
