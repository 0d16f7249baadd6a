using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.Pacts;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Newsletter;

/// <summary>
/// A coordinator composes an edition (/pact/{code}/nieuwsbrief/nieuw), edits the draft, previews it
/// as the mail's HTML and plain-text parts, and sends it. The same rules as the API, decided by
/// <see cref="NewsletterEditor"/>: what the picker offers is checked again on the server.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
[RequestFormLimits(ValueLengthLimit = 8 * 1024 * 1024)]
public sealed class ComposeModel(PactwerkDb db, NewsletterEditor editor, NewsletterLinks links, TimeProvider clock) : EditPageModel(inputPrefix: "")
{
    public PactRef Pact { get; private set; } = null!;
    public int? Id { get; private set; }
    public EditionDto? Edition { get; private set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Introduction { get; set; }
    [BindProperty] public int Version { get; set; }
    /// <summary>The picked items as "Kind:Id", with their place in "Order:Kind:Id" fields.</summary>
    public List<(NewsletterItemKind Kind, int Id)> Picked { get; private set; } = [];
    public List<NewsletterEntry> Candidates { get; private set; } = [];


    public async Task<IActionResult> OnGetAsync(string code, int? id, CancellationToken ct)
    {
        if (await LoadAsync(code, id, ct) is { } refused)
            return refused;
        if (Edition is { } e)
        {
            (Title, Introduction, Version) = (e.Title, e.Introduction, e.Version);
            Picked = e.Items.Select(i => (i.Kind, i.Id)).ToList();
        }
        await LoadCandidatesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string code, int? id, CancellationToken ct)
    {
        if (await LoadAsync(code, id, ct) is { } refused)
            return refused;
        Picked = ReadPicks();
        var input = new EditionInput
        {
            Title = Title, Introduction = Introduction, Version = Version,
            Items = Picked.Select(p => new EditionItemInput { Kind = p.Kind, Id = p.Id }).ToList(),
        };
        var answer = await SaveAsync(() => id is null ? editor.CreateAsync(Pact.Id, input, ct) : editor.UpdateAsync(Pact.Id, id.Value, input, ct),
            e => $"/pact/{Pact.Code}/nieuwsbrief/{e.Id}/bewerken#voorbeeld");
        if (answer is not null)
            return answer;
        await LoadCandidatesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSendAsync(string code, int id, CancellationToken ct)
    {
        if (await LoadAsync(code, id, ct) is { } refused)
            return refused;
        var answer = await SaveAsync(() => editor.SendAsync(Pact.Id, id, Version, links.Site(), ct), e => $"/pact/{Pact.Code}/nieuwsbrief/{e.Id}/bewerken");
        if (answer is not null)
            return answer;
        Edition = await EditionView.FindAsync(db, Pact, id, true, links.Site(), ct);
        if (Edition is { } e)
        {
            (Title, Introduction, Version) = (e.Title, e.Introduction, e.Version);
            Picked = e.Items.Select(i => (i.Kind, i.Id)).ToList();
        }
        await LoadCandidatesAsync(ct);
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(string code, int? id, CancellationToken ct)
    {
        if (await PactLookup.FindAsync(db, code, ct) is not { } pact)
            return NotFound();
        Pact = pact;
        Id = id;
        if (!await editor.MayComposeAsync(pact.Id, ct))
            return Forbid();
        if (id is { } existing)
        {
            Edition = await EditionView.FindAsync(db, pact, existing, true, links.Site(), ct);
            if (Edition is null)
                return NotFound();
        }
        return null;
    }

    /// <summary>What the picker offers: recent public content, and whatever the draft holds already.</summary>
    private async Task LoadCandidatesAsync(CancellationToken ct)
    {
        Candidates = await NewsletterContent.CandidatesAsync(db, Pact.Id, clock.GetUtcNow().UtcDateTime, ct);
        var missing = Picked.Where(p => !Candidates.Any(c => c.Kind == p.Kind && c.Id == p.Id)).ToList();
        if (missing.Count > 0)
        {
            var resolved = await NewsletterContent.ResolveAsync(db, Pact.Id, missing, ct);
            Candidates.InsertRange(0, missing.Select(m => resolved.GetValueOrDefault(m)).OfType<NewsletterEntry>());
        }
    }

    /// <summary>The ticked items, in the order of their numbers (unnumbered ones last, in the order shown).</summary>
    private List<(NewsletterItemKind, int)> ReadPicks()
    {
        var picks = new List<(NewsletterItemKind Kind, int Id, int Order, int Shown)>();
        var shown = 0;
        foreach (var value in Request.Form["Pick"])
        {
            shown++;
            var parts = (value ?? "").Split(':');
            if (parts.Length != 2 || !Enum.TryParse<NewsletterItemKind>(parts[0], out var kind) || !Enum.IsDefined(kind) || !int.TryParse(parts[1], out var refId))
                continue;
            var order = int.TryParse(Request.Form[$"Order:{value}"], out var o) ? o : int.MaxValue;
            picks.Add((kind, refId, order, shown));
        }
        return picks.OrderBy(p => p.Order).ThenBy(p => p.Shown).Select(p => (p.Kind, p.Id)).Distinct().ToList();
    }

    public int PositionOf(NewsletterEntry entry)
    {
        var index = Picked.IndexOf((entry.Kind, entry.Id));
        return index < 0 ? 0 : index + 1;
    }
}
