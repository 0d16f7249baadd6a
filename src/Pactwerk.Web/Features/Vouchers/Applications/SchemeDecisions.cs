using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Vouchers;

/// <summary>
/// Takes the decisions of one scheme's applications in groups. At an opening thousands arrive at
/// once, and one transaction per application spends its time waiting for the disk (a commit each)
/// with the scheme's row locked: a few hundred a second at most. Here every application that
/// arrives while a group is being decided joins the next group, and a group is decided in one
/// transaction under the scheme's lock: the rules checked again on what the database holds then
/// (<see cref="ApplicationRules"/>), the arrival numbers in queue order, the second application
/// of a person refused, each granted in order while nobody waits and the amount fits, and one
/// conditional UPDATE of the scheme's row that the database checks again (and its check
/// constraint after it), so reserved + paid never passes the ceiling. Every caller waits for its
/// own outcome, which is only given after the commit.
/// </summary>
public sealed class SchemeDecisions(IServiceScopeFactory scopes, SchemeGate gate, TimeProvider clock, VoucherMailQueue mail, ILogger<SchemeDecisions> log)
{
    /// <summary>Enough to amortise a commit; small enough that one group's transaction stays short.</summary>
    private const int MaxGroup = 256;

    private readonly ConcurrentDictionary<int, Lazy<ChannelWriter<Item>>> _queues = new();

    /// <summary>When a group of more than one application was last decided (a timestamp); 0 before the first.</summary>
    private long _rushSeenAt;

    /// <summary>
    /// Whether applications arrive faster than one at a time (a group of several was decided within the
    /// last second): work that can wait, such as the applicants' mail, gives way while it lasts.
    /// </summary>
    public bool Rushing
    {
        get
        {
            var seen = Volatile.Read(ref _rushSeenAt);
            return seen != 0 && System.Diagnostics.Stopwatch.GetElapsedTime(seen) < TimeSpan.FromSeconds(1);
        }
    }

    private sealed record Item(VoucherApplication Application, string Key, TaskCompletionSource<ApplicationOutcome> Outcome);

    private sealed record SchemeKey(int Id, string Code, int PactId, DistributionRule Rule);

    /// <summary>Queues a checked application for its scheme's next group and returns its outcome once committed.</summary>
    public Task<ApplicationOutcome> DecideAsync(VoucherScheme scheme, VoucherApplication application, string key)
    {
        var item = new Item(application, key, new TaskCompletionSource<ApplicationOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));
        var key2 = new SchemeKey(scheme.Id, scheme.Code, scheme.PactId, scheme.Rule);
        // Lazy: two first callers at once start one loop, not two.
        var writer = _queues.GetOrAdd(scheme.Id, _ => new Lazy<ChannelWriter<Item>>(() => Start(key2))).Value;
        if (!writer.TryWrite(item))
            item.Outcome.SetException(new InvalidOperationException("The scheme's queue is closed."));
        return item.Outcome.Task;
    }

    private ChannelWriter<Item> Start(SchemeKey scheme)
    {
        var channel = Channel.CreateUnbounded<Item>(new UnboundedChannelOptions { SingleReader = true });
        _ = Task.Run(() => LoopAsync(scheme, channel.Reader));
        return channel.Writer;
    }

    private async Task LoopAsync(SchemeKey scheme, ChannelReader<Item> reader)
    {
        var group = new List<Item>(MaxGroup);
        while (await reader.WaitToReadAsync())
        {
            group.Clear();
            while (group.Count < MaxGroup && reader.TryRead(out var item))
                group.Add(item);
            try
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                await DecideGroupAsync(scheme, group);
                if (group.Count > 1)
                    Volatile.Write(ref _rushSeenAt, System.Diagnostics.Stopwatch.GetTimestamp());
                log.LogDebug("Decided {Count} applications for scheme {Scheme} in {Ms} ms", group.Count, scheme.Code, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            catch (Exception failure) when (group.Count > 1)
            {
                // A group fails as a whole (rolled back). Decide its members one by one, so one bad
                // application (or another process's duplicate) cannot take the others with it.
                log.LogWarning(failure, "A group of {Count} applications for scheme {Scheme} failed; deciding them one by one", group.Count, scheme.Code);
                foreach (var item in group.ToList())
                {
                    try
                    {
                        await DecideGroupAsync(scheme, [item]);
                    }
                    catch (Exception single)
                    {
                        item.Outcome.TrySetException(single);
                    }
                }
            }
            catch (Exception failure)
            {
                group[0].Outcome.TrySetException(failure);
            }
        }
    }

    private async Task DecideGroupAsync(SchemeKey scheme, List<Item> group)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PactwerkDb>();
        var now = clock.GetUtcNow().UtcDateTime;
        var outcomes = new List<(Item Item, ApplicationOutcome Outcome)>(group.Count);
        foreach (var item in group)
            item.Application.Id = 0; // a retry after a failed group adds it anew

        // The gate keeps this process's withdrawals and groups of one scheme in line; the row's lock does so across processes.
        using (await gate.EnterAsync(scheme.Id, CancellationToken.None))
        {
            // On SQLite this begins IMMEDIATE (the write lock on the file); the no-op UPDATE locks the row on PostgreSQL.
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.VoucherSchemes.Where(s => s.Id == scheme.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Arrivals, x => x.Arrivals));
            var state = await db.VoucherSchemes.AsNoTracking().SingleAsync(s => s.Id == scheme.Id);

            // The rules once more, on what the database holds under the lock: the request checked them on a
            // copy of up to a second ago, and a scheme, course or provider may have changed since.
            var courseIds = group.Select(i => i.Application.CourseId).Distinct().ToList();
            var courses = (await ApplicationRules.CoursesAsync(db.VoucherCourses.Where(c => courseIds.Contains(c.Id)), CancellationToken.None)).ToDictionary(c => c.Id);
            var codes = group.Select(i => i.Application.MunicipalityCode ?? "").Distinct().ToList();
            var municipalities = await ApplicationRules.KnownMunicipalitiesAsync(db, codes, CancellationToken.None);

            // One application per person per scheme: those already in, and the second of a pair within this group.
            var emails = group.Select(i => i.Application.Email).Distinct().ToList();
            var taken = (await db.VoucherApplications.Where(a => a.SchemeId == scheme.Id && emails.Contains(a.Email)).Select(a => a.Email).ToListAsync())
                .ToHashSet(StringComparer.Ordinal);

            var arrival = state.Arrivals;
            var available = state.Ceiling - state.Reserved - state.Paid;
            var reserved = 0m;
            var waiting = 0;
            var accepted = 0;
            foreach (var item in group)
            {
                var a = item.Application;
                var course = courses.GetValueOrDefault(a.CourseId);
                var broken = ApplicationRules.Check(state, course, a.CourseId, a.MunicipalityCode is { } m && municipalities.Contains(m), a.MunicipalityCode ?? "",
                    a.TargetGroup, a.DateOfBirth, a.CourseStart, a.SubmittedAt);
                if (broken.Count > 0)
                {
                    outcomes.Add((item, new ApplicationOutcome.Invalid(broken)));
                    continue;
                }
                // The price as it is now.
                a.Amount = state.VoucherAmount(course!.Price);
                if (!taken.Add(a.Email))
                {
                    outcomes.Add((item, new ApplicationOutcome.Invalid(new Dictionary<string, string[]> { [nameof(VoucherApplicationInput.Email)] = [VoucherMessages.AlreadyApplied] })));
                    continue;
                }
                accepted++;
                a.Arrival = ++arrival;
                a.QueueOrder = a.Arrival;
                int? position = null;
                string reason;
                if (scheme.Rule == DistributionRule.PeriodLottery || (scheme.Rule == DistributionRule.DailyLottery && state.Waiting + waiting == 0))
                {
                    // Decided later, with the others of its period or day (VoucherDraws). Its moment of arrival is the
                    // moment its number is given, so a day's applications are exactly a range of numbers.
                    a.Status = VoucherStatus.Pending;
                    a.QueueOrder = 0;
                    a.SubmittedAt = now;
                    reason = "waits for the scheme's draw";
                }
                // Granted only while nobody waits and the amount fits; once one waits, everyone after waits too.
                else if (state.Waiting + waiting == 0 && reserved + a.Amount <= available)
                {
                    reserved += a.Amount;
                    a.Status = VoucherStatus.Granted;
                    a.GrantedAt = now;
                    reason = "budget available, nobody waiting";
                }
                else
                {
                    waiting++;
                    a.Status = VoucherStatus.Waiting;
                    position = state.Waiting + waiting;
                    reason = "budget taken or others waiting";
                }
                db.VoucherApplications.Add(a);
                var number = VoucherApplication.NumberOf(scheme.Code, a.Arrival);
                var action = a.Status switch { VoucherStatus.Granted => VoucherAuditActions.Granted, VoucherStatus.Pending => VoucherAuditActions.Pending, _ => VoucherAuditActions.Waiting };
                db.RecordEvent(now, action, nameof(VoucherApplication), number, new { scheme = scheme.Code, amount = a.Amount, reason }, scheme.PactId);
                outcomes.Add((item, new ApplicationOutcome.Saved(a, number, item.Key, position, EmailConfirmations.Deadline(a.SubmittedAt, state.ConfirmEmailWithinDays))));
                // The first mail carries the status link; the key waits in memory for it, never in the database.
                mail.HoldKey(a.KeyHash, item.Key);
            }

            if (accepted > 0)
            {
                await WaitingList.JoinedAsync(db, scheme.Id, outcomes.Where(o => o.Outcome is ApplicationOutcome.Saved).Select(o => o.Item.Application)
                    .Where(a => a.Status == VoucherStatus.Waiting).Select(a => a.QueueOrder), CancellationToken.None);
                // What this process computed under the lock, checked once more by the database in one statement.
                var updated = await db.VoucherSchemes
                    .Where(s => s.Id == scheme.Id && s.Arrivals == state.Arrivals && s.Waiting == state.Waiting && s.Reserved + s.Paid + reserved <= s.Ceiling)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.Arrivals, x => x.Arrivals + accepted)
                        .SetProperty(x => x.Reserved, x => x.Reserved + reserved)
                        .SetProperty(x => x.Waiting, x => x.Waiting + waiting));
                if (updated != 1)
                    throw new InvalidOperationException($"Scheme {scheme.Code} changed while its row was locked.");
                await db.SaveChangesAsync();
            }
            await transaction.CommitAsync();
        }
        foreach (var (item, outcome) in outcomes)
            item.Outcome.TrySetResult(outcome);
    }
}
