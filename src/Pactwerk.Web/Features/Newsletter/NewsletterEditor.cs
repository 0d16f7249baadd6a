using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.Audit;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Newsletter;

public sealed class EditionItemInput
{
    public NewsletterItemKind Kind { get; set; }
    public int Id { get; set; }
}

public sealed class EditionInput
{
    public string? Title { get; set; }
    /// <summary>Free text in Markdown.</summary>
    public string? Introduction { get; set; }
    /// <summary>The picked items in the order the edition shows them.</summary>
    public List<EditionItemInput> Items { get; set; } = [];
    public int Version { get; set; }
}

/// <summary>
/// Composes and sends editions. Only the pact's coordinators and administrators may; every item is
/// checked on the server to be public content of the pact, whatever a form or request offers.
/// </summary>
public sealed class NewsletterEditor(PactwerkDb db, AccessScopeProvider scopes, TimeProvider clock, NewsletterSignal signal)
{
    public const string NotPublic = "Onderdeel {0} bestaat niet of is niet openbaar: alleen gepubliceerde praktijken, initiatieven en openbare evenementen van dit pact en cijfers uit de monitor kunnen in de nieuwsbrief.";
    public const string Empty = "Een editie heeft minstens één onderdeel of een tekst nodig.";
    public const string AlreadySent = NewsletterEdition.AlreadySent;
    public const string SentIsFinal = "Een verstuurde editie kan niet meer worden gewijzigd.";
    private const string Forbidden = "Alleen de coördinatoren van dit pact stellen de nieuwsbrief samen.";

    public async Task<bool> MayComposeAsync(int pactId, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        return !scope.ReadOnly && scope.Coordinates(pactId);
    }

    public async Task<EditOutcome<NewsletterEdition>> CreateAsync(int pactId, EditionInput input, CancellationToken ct)
    {
        if (!await MayComposeAsync(pactId, ct))
            return new EditOutcome<NewsletterEdition>.Forbidden(Forbidden);
        var errors = await ValidateAsync(pactId, input, ct);
        if (errors.Count > 0)
            return new EditOutcome<NewsletterEdition>.Invalid(errors);
        var edition = new NewsletterEdition
        {
            PactId = pactId, Title = input.Title!.Trim(), Introduction = input.Introduction?.Trim() ?? "",
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            Items = input.Items.Select((item, i) => new NewsletterItem { Position = i + 1, Kind = item.Kind, ReferenceId = item.Id }).ToList(),
        };
        db.Add(edition);
        await db.SaveChangesAsync(ct);
        return new EditOutcome<NewsletterEdition>.Saved(edition);
    }

    public async Task<EditOutcome<NewsletterEdition>> UpdateAsync(int pactId, int id, EditionInput input, CancellationToken ct)
    {
        var edition = await db.Set<NewsletterEdition>().Include(e => e.Items).SingleOrDefaultAsync(e => e.Id == id && e.PactId == pactId, ct);
        if (edition is null)
            return new EditOutcome<NewsletterEdition>.NotFound();
        if (!await MayComposeAsync(pactId, ct))
            return new EditOutcome<NewsletterEdition>.Forbidden(Forbidden);
        if (edition.Status != EditionStatus.Draft)
            return new EditOutcome<NewsletterEdition>.Conflict(SentIsFinal);
        var errors = await ValidateAsync(pactId, input, ct);
        if (errors.Count > 0)
            return new EditOutcome<NewsletterEdition>.Invalid(errors);

        edition.Title = input.Title!.Trim();
        edition.Introduction = input.Introduction?.Trim() ?? "";
        var wanted = input.Items.Select((item, i) => (item.Kind, item.Id, Position: i + 1)).ToList();
        foreach (var gone in edition.Items.Where(x => !wanted.Any(w => w.Kind == x.Kind && w.Id == x.ReferenceId)).ToList())
            edition.Items.Remove(gone);
        foreach (var (kind, refId, position) in wanted)
        {
            if (edition.Items.SingleOrDefault(x => x.Kind == kind && x.ReferenceId == refId) is { } existing)
                existing.Position = position;
            else
                edition.Items.Add(new NewsletterItem { Kind = kind, ReferenceId = refId, Position = position });
        }
        // The edition's own row changes with every edit, so that its version guards the items too;
        // an edit that changes nothing (a client sending back what it read) leaves it as it was.
        if (db.ChangeTracker.HasChanges())
            db.Entry(edition).Property(e => e.Version).IsModified = true;
        return await EditSupport.SaveVersionedAsync(db, edition, id, input.Version,
            () => db.Set<NewsletterEdition>().AsNoTracking().Include(e => e.Items).SingleAsync(e => e.Id == id, ct), ct);
    }

    /// <summary>
    /// Sends a draft: checks it again (an event may have turned internal since it was picked), keeps
    /// the rendered body, and creates one delivery per confirmed subscriber in the same transaction
    /// as the status change, so either all of the recipient list exists or none of it.
    /// </summary>
    public async Task<EditOutcome<NewsletterEdition>> SendAsync(int pactId, int id, int version, string site, CancellationToken ct)
    {
        var edition = await db.Set<NewsletterEdition>().Include(e => e.Items).SingleOrDefaultAsync(e => e.Id == id && e.PactId == pactId, ct);
        if (edition is null)
            return new EditOutcome<NewsletterEdition>.NotFound();
        if (!await MayComposeAsync(pactId, ct))
            return new EditOutcome<NewsletterEdition>.Forbidden(Forbidden);
        if (edition.RefuseSend() is { } refusal)
            return new EditOutcome<NewsletterEdition>.Conflict(refusal);
        var input = ToInput(edition);
        var errors = await ValidateAsync(pactId, input, ct);
        if (errors.Count > 0)
            return new EditOutcome<NewsletterEdition>.Invalid(errors);

        var entries = await EntriesAsync(db, edition, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        edition.SentHtml = NewsletterContent.Html(edition.Introduction, entries, site);
        edition.SentText = NewsletterContent.Text(edition.Title, edition.Introduction, entries, site);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var subscribers = await db.Set<NewsletterSubscriber>().Where(s => s.PactId == pactId).OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(ct);
        edition.Send(subscribers.Count, now);
        foreach (var subscriber in subscribers)
            db.Add(new NewsletterDelivery
            {
                EditionId = edition.Id, SubscriberId = subscriber, State = DeliveryState.Pending, NextAttemptAt = now,
                MessageId = $"{edition.Id}.{subscriber}.{Guid.NewGuid():N}@nieuwsbrief.pactwerk",
            });
        db.RecordEvent(now, NewsletterAuditActions.Sent, nameof(NewsletterEdition), edition.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new { edition.Title, Recipients = subscribers.Count }, pactId);
        var outcome = await EditSupport.SaveVersionedAsync(db, edition, id, version,
            () => db.Set<NewsletterEdition>().AsNoTracking().Include(e => e.Items).SingleAsync(e => e.Id == id, ct), ct);
        if (outcome is EditOutcome<NewsletterEdition>.Saved)
        {
            await transaction.CommitAsync(ct);
            signal.Wake();
        }
        return outcome;
    }

    public static EditionInput ToInput(NewsletterEdition edition) => new()
    {
        Title = edition.Title, Introduction = edition.Introduction, Version = edition.Version,
        Items = edition.Items.OrderBy(i => i.Position).Select(i => new EditionItemInput { Kind = i.Kind, Id = i.ReferenceId }).ToList(),
    };

    /// <summary>The edition's items resolved in order; items no longer public are left out.</summary>
    public static async Task<List<NewsletterEntry>> EntriesAsync(PactwerkDb db, NewsletterEdition edition, CancellationToken ct)
    {
        var ordered = edition.Items.OrderBy(i => i.Position).Select(i => (i.Kind, i.ReferenceId)).ToList();
        var resolved = await NewsletterContent.ResolveAsync(db, edition.PactId, ordered, ct);
        return ordered.Select(o => resolved.GetValueOrDefault(o)).OfType<NewsletterEntry>().ToList();
    }

    private async Task<Dictionary<string, string[]>> ValidateAsync(int pactId, EditionInput input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var title = input.Title?.Trim() ?? "";
        if (title.Length == 0)
            errors[nameof(input.Title)] = ["Geef de editie een titel; die wordt het onderwerp van de e-mail."];
        else if (title.Length > NewsletterLimits.TitleLength)
            errors[nameof(input.Title)] = [$"De titel is langer dan {NewsletterLimits.TitleLength} tekens."];
        if ((input.Introduction?.Length ?? 0) > NewsletterLimits.IntroductionLength)
            errors[nameof(input.Introduction)] = [$"De tekst is langer dan {NewsletterLimits.IntroductionLength} tekens; er is niets opgeslagen."];
        input.Items ??= [];
        if (input.Items.Count > NewsletterLimits.MaxItems)
            errors[nameof(input.Items)] = [$"Een editie heeft hoogstens {NewsletterLimits.MaxItems} onderdelen."];
        else if (input.Items.Select(i => (i.Kind, i.Id)).Distinct().Count() != input.Items.Count)
            errors[nameof(input.Items)] = ["Een onderdeel staat twee keer in de editie."];
        else if (input.Items.Any(i => !Enum.IsDefined(i.Kind)))
            errors[nameof(input.Items)] = ["Onbekend soort onderdeel."];
        else
        {
            var resolved = await NewsletterContent.ResolveAsync(db, pactId, input.Items.Select(i => (i.Kind, i.Id)).ToList(), ct);
            var refused = input.Items.Select((item, i) => (item, n: i + 1)).Where(x => !resolved.ContainsKey((x.item.Kind, x.item.Id))).ToList();
            if (refused.Count > 0)
                errors[nameof(input.Items)] = refused.Select(x => string.Format(System.Globalization.CultureInfo.InvariantCulture, NotPublic, x.n)).ToArray();
        }
        if (!errors.ContainsKey(nameof(input.Introduction)) && input.Items.Count == 0 && string.IsNullOrWhiteSpace(PracticeTextPlain(input.Introduction)))
            errors[nameof(input.Items)] = [Empty];
        return errors;
    }

    private static string PracticeTextPlain(string? markdown) => Knowledge.PracticeText.ToPlainText(markdown);
}
