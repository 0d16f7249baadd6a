using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.Audit;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Vouchers;

/// <summary>One decision about one application that the applicant is told of.</summary>
public sealed record VoucherNotice(string Number, string Action);

/// <summary>
/// The decisions waiting to be mailed, and the status-link keys of applications just made. A key is
/// never stored (only its hash is); it is held here, in memory, from the decision until the first
/// mail has carried it to the applicant.
/// </summary>
public sealed class VoucherMailQueue
{
    // Not SingleReader: that channel cannot count, and the telemetry reports how many notices wait (QueueLength "voucher-mail").
    private readonly Channel<VoucherNotice> _notices = Channel.CreateUnbounded<VoucherNotice>();
    private readonly ConcurrentDictionary<string, string> _keys = new(StringComparer.Ordinal);

    public ChannelReader<VoucherNotice> Reader => _notices.Reader;

    internal void Enqueue(IEnumerable<VoucherNotice> notices)
    {
        foreach (var notice in notices)
            _notices.Writer.TryWrite(notice);
    }

    /// <summary>
    /// Holds a new application's key for its first mail, under the hash the application stores: a
    /// number can go to someone else when a group of decisions is rolled back and retried, a hash cannot.
    /// </summary>
    public void HoldKey(string keyHash, string key) => _keys[keyHash] = key;

    internal string? TakeKey(string keyHash) => _keys.TryRemove(keyHash, out var key) ? key : null;
}

/// <summary>
/// Every voucher decision reaches the applicant without its caller remembering: whatever part of the
/// code records a voucher event about an application (<see cref="PactwerkDb.RecordEvent"/> with a
/// <c>voucher-…</c> kind), this interceptor queues a mail for it once the change is committed, and
/// drops it when the change is rolled back, so nobody is told of a decision that did not happen.
/// </summary>
public sealed class VoucherMailTrigger(VoucherMailQueue queue) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    /// <summary>Kinds that are not news for the applicant: the erasure (the address is gone), and the confirmation of the address they just gave on our page.</summary>
    private static readonly HashSet<string> Silent = [VoucherAuditActions.Erased, VoucherAuditActions.EmailConfirmed];

    private static readonly ConditionalWeakTable<DbContext, List<VoucherNotice>> PendingOf = [];

    public InterceptionResult<int> SavingChanges(DbContextEventData e, InterceptionResult<int> result)
    {
        Collect(e.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData e, InterceptionResult<int> result, CancellationToken ct = default)
    {
        Collect(e.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData e, int result)
    {
        if (e.Context?.Database.CurrentTransaction is null)
            Flush(e.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData e, int result, CancellationToken ct = default) =>
        ValueTask.FromResult(SavedChanges(e, result));

    public void SaveChangesFailed(DbContextErrorEventData e)
    {
        if (e.Context?.Database.CurrentTransaction is null)
            Drop(e.Context);
    }

    public Task SaveChangesFailedAsync(DbContextErrorEventData e, CancellationToken ct = default)
    {
        SaveChangesFailed(e);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData e) => Flush(e.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData e, CancellationToken ct = default)
    {
        Flush(e.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData e) => Drop(e.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData e, CancellationToken ct = default)
    {
        Drop(e.Context);
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData e) => Drop(e.Context);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData e, CancellationToken ct = default)
    {
        Drop(e.Context);
        return Task.CompletedTask;
    }

    private static void Collect(DbContext? db)
    {
        if (db is null)
            return;
        var notices = db.ChangeTracker.Entries<AuditEntry>()
            .Where(x => x.State == EntityState.Added && x.Entity.EntityType == nameof(VoucherApplication) && x.Entity.EntityId is not null
                        && x.Entity.Action.StartsWith("voucher-", StringComparison.Ordinal) && !Silent.Contains(x.Entity.Action))
            .Select(x => new VoucherNotice(x.Entity.EntityId!, x.Entity.Action)).ToList();
        if (notices.Count == 0)
            return;
        var pending = PendingOf.GetOrCreateValue(db);
        lock (pending)
            pending.AddRange(notices);
    }

    private void Flush(DbContext? db)
    {
        if (db is null || !PendingOf.TryGetValue(db, out var pending))
            return;
        List<VoucherNotice> ready;
        lock (pending)
        {
            ready = [.. pending];
            pending.Clear();
        }
        queue.Enqueue(ready);
    }

    private static void Drop(DbContext? db)
    {
        if (db is not null && PendingOf.TryGetValue(db, out var pending))
            lock (pending)
                pending.Clear();
    }
}

/// <summary>Writes and sends the mails, in the applicant's language, one after the other.</summary>
public sealed class VoucherMailer(VoucherMailQueue queue, SchemeDecisions decisions, IServiceScopeFactory scopes, IOptions<HostingOptions> hosting, ILogger<VoucherMailer> log) : BackgroundService
{
    /// <summary>Notices written per database round: one scope, one read of the applications, one count per waiting list.</summary>
    private const int Batch = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var batch = new List<VoucherNotice>(Batch);
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                // During an opening the two cores go to taking applications, which decides who gets the money;
                // the answer and the status page already tell each applicant where they stand, and the mail
                // follows as soon as the rush is over (the queue's length is in the telemetry: voucher-mail).
                while (decisions.Rushing)
                    await Task.Delay(TimeSpan.FromMilliseconds(250), stoppingToken);
                batch.Clear();
                while (batch.Count < Batch && queue.Reader.TryRead(out var notice))
                    batch.Add(notice);
                try
                {
                    await SendAsync(batch, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogWarning(e, "The mail about {Count} voucher decisions from {Number} on could not be sent", batch.Count, batch[0].Number);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task SendAsync(List<VoucherNotice> notices, CancellationToken ct)
    {
        var wanted = new List<(VoucherNotice Notice, string Code, int Arrival)>();
        foreach (var notice in notices)
        {
            var dash = notice.Number.LastIndexOf('-');
            if (dash > 0 && int.TryParse(notice.Number[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var arrival))
                wanted.Add((notice, notice.Number[..dash], arrival));
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PactwerkDb>();
        var sender = scope.ServiceProvider.GetRequiredService<IEmailSender>();
        var t = scope.ServiceProvider.GetRequiredService<IStringLocalizer<SharedResource>>();
        var confirmations = scope.ServiceProvider.GetRequiredService<EmailConfirmations>();
        var codes = wanted.Select(w => w.Code).Distinct().ToList();
        // Numbers carry the scheme's code in capitals.
        var schemes = await db.VoucherSchemes.AsNoTracking().Where(s => codes.Contains(s.Code.ToUpper()))
            .Select(s => new { s.Id, s.Code, s.Name, s.NameEn, s.Rule, s.ClosesAt, s.ConfirmEmailWithinDays }).ToListAsync(ct);
        foreach (var scheme in schemes)
        {
            var mine = wanted.Where(w => w.Code == scheme.Code.ToUpperInvariant()).ToList();
            var arrivals = mine.Select(w => w.Arrival).Distinct().ToList();
            var found = await db.VoucherApplications.AsNoTracking().Where(a => a.SchemeId == scheme.Id && arrivals.Contains(a.Arrival))
                .Join(db.VoucherCourses, a => a.CourseId, c => c.Id, (a, c) => new { a, c.Title }).ToListAsync(ct);
            var byArrival = found.ToDictionary(x => x.a.Arrival);
            var positions = await VoucherApplications.PositionsAsync(db, scheme.Id, found.Where(x => x.a.Status == VoucherStatus.Waiting).Select(x => x.a.QueueOrder).ToList(), ct);
            foreach (var (notice, _, arrival) in mine)
            {
                if (!byArrival.TryGetValue(arrival, out var x))
                    continue;
                var a = x.a;
                var key = queue.TakeKey(a.KeyHash);
                if (VoucherPrivacy.IsErased(a.Email))
                    continue;
                int? position = a.Status == VoucherStatus.Waiting ? positions[a.QueueOrder] : null;
                var english = a.Language == "en";
                var culture = CultureInfo.GetCultureInfo(english ? "en" : "nl");
                var previous = CultureInfo.CurrentUICulture;
                CultureInfo.CurrentUICulture = culture;
                try
                {
                    string H(string text) => WebUtility.HtmlEncode(text);
                    var body = new System.Text.StringBuilder();
                    body.Append("<p>").Append(H(t["Je aanvraag {0} voor {1} ({2}) is nu: {3}.", notice.Number, english ? scheme.NameEn : scheme.Name, x.Title, t[$"VoucherStatus.{a.Status}"]])).Append("</p>");
                    if (position is { } p)
                        body.Append("<p>").Append(H(t["Je plaats op de wachtlijst: {0}.", p])).Append("</p>");
                    if (a.Status == VoucherStatus.Granted)
                        body.Append("<p>").Append(H(t["Je vouchercode: {0}. Het bedrag van de voucher: {1}.", a.VoucherCode, a.Amount.ToString("C", CultureInfo.GetCultureInfo(english ? "en-NL" : "nl-NL"))])).Append("</p>");
                    var next = a.Status == VoucherStatus.Pending && scheme.Rule != DistributionRule.OrderOfArrival
                        ? t[$"VoucherNext.Pending.{scheme.Rule}", VoucherDraws.DecidedOn(scheme.Rule, scheme.ClosesAt, a.SubmittedAt).ToString("d MMMM yyyy", culture)]
                        : t[$"VoucherNext.{a.Status}"];
                    body.Append("<p>").Append(H(next)).Append("</p>");
                    if (key is not null)
                    {
                        var link = Site() + VouchersApi.StatusUrl(key) + (english ? "&culture=en" : "");
                        body.Append("<p>").Append(H(t["Hier volg je je aanvraag en kun je haar intrekken (bewaar deze link, hij is alleen voor jou):"]))
                            .Append($" <a href=\"{H(link)}\">{H(link)}</a></p>");
                    }
                    else
                        body.Append("<p>").Append(H(t["Je aanvraag volg je via de link in de eerste mail over deze aanvraag."])).Append("</p>");
                    // After the status link, so the first link of the mail stays the applicant's page.
                    if (EmailConfirmations.AwaitsConfirmation(a.Status, a.EmailConfirmedAt))
                    {
                        var confirm = Site() + EmailConfirmations.Url(confirmations.TokenFor(a.Id)) + (english ? "&culture=en" : "");
                        var by = EmailConfirmations.Deadline(a.SubmittedAt, scheme.ConfirmEmailWithinDays).ToString("d MMMM yyyy", culture);
                        body.Append("<p>").Append(H(t["Bevestig je e-mailadres uiterlijk {0} met deze link; zonder bevestiging vervalt je aanvraag en kun je een voucher niet gebruiken:", by]))
                            .Append($" <a href=\"{H(confirm)}\">{H(confirm)}</a></p>");
                    }
                    var subject = $"{notice.Number}: {t[$"AuditAction.{notice.Action}"]}";
                    await sender.SendEmailAsync(a.Email, subject, body.ToString());
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // One address the server refuses does not hold up the others.
                    log.LogWarning(e, "The mail about {Number} ({Action}) could not be sent", notice.Number, notice.Action);
                }
                finally
                {
                    CultureInfo.CurrentUICulture = previous;
                }
            }
        }
    }

    private string Site() => hosting.Value.SiteUrl;
}
