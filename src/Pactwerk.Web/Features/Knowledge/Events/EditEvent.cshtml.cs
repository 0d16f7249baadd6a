using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Regions;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Knowledge;

/// <summary>
/// A coordinator plans an event (/evenementen/nieuw?pact=techniekpact) or changes one; the same
/// rules as the API, decided by <see cref="EventEditor"/>.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class EditEventModel(PactwerkDb db, EventEditor editor) : EditPageModel
{
    public int? Id { get; private set; }
    [BindProperty(SupportsGet = true)] public string? Pact { get; set; }
    [BindProperty] public EventInput Input { get; set; } = new();
    /// <summary>One document a line: title | https://address.</summary>
    [BindProperty] public string? DocumentLines { get; set; }
    /// <summary>The members' e-mail addresses, one a line.</summary>
    [BindProperty] public string? MemberLines { get; set; }

    protected override string Localise(string message) => KnowledgeMessages.Localise(Localiser, message);

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        Id = id;
        if (id is null)
        {
            if (await Pacts.PactLookup.FindAsync(db, Pact, ct) is not { } pact)
                return NotFound();
            if (!await editor.MayManageAsync(pact.Id, ct))
                return Forbid();
            Input = new EventInput { Pact = pact.Code };
            return Page();
        }
        var e = await db.Events.AsNoTracking().Include(x => x.Documents).Include(x => x.Members).SingleOrDefaultAsync(x => x.Id == id, ct);
        if (e is null)
            return NotFound();
        if (!await editor.MayManageAsync(e.PactId, ct))
            return Forbid();
        Input = new EventInput
        {
            Pact = await db.Pacts.Where(p => p.Id == e.PactId).Select(p => p.Code).SingleAsync(ct),
            Region = e.RegionId is { } r ? await db.Regions.Where(x => x.Id == r).Select(x => x.Code).SingleAsync(ct) : null,
            Kind = e.Kind, IsPublic = e.IsPublic, Title = e.Title, Place = e.Place, Programme = e.Programme, RegistrationUrl = e.RegistrationUrl,
            Capacity = e.Capacity, Agenda = e.Agenda, Minutes = e.Minutes, Version = e.Version,
            StartsAt = EventTimes.ToLocal(e.StartsAt).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
            EndsAt = EventTimes.ToLocal(e.EndsAt).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
        };
        DocumentLines = string.Join("\n", e.Documents.OrderBy(d => d.Id).Select(d => $"{d.Title} | {d.Url}"));
        var members = e.Members.Select(m => m.UserId).ToList();
        MemberLines = string.Join("\n", await db.Users.Where(u => members.Contains(u.Id)).Select(u => u.Email).OrderBy(x => x).ToListAsync(ct));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        Id = id;
        Input.Documents = Lines(DocumentLines).Select(line =>
        {
            var bar = line.LastIndexOf('|');
            return bar < 0 ? new MeetingDocumentInput { Title = line } : new MeetingDocumentInput { Title = line[..bar].Trim(), Url = line[(bar + 1)..].Trim() };
        }).ToList();
        Input.Members = Lines(MemberLines).ToList();
        if (id is null)
            Input.Pact = Pact;
        // A region name typed without script becomes its code; one that fits several regions is asked again rather than guessed.
        var (region, ambiguous) = Lookup.Read([Input.Region], await RegionLookup.AllAsync(db, ct), Localiser);
        Input.Region = region.Count == 0 ? null : string.Join(", ", region);
        if (ambiguous.Count > 0)
        {
            foreach (var message in ambiguous)
                ModelState.AddModelError($"Input.{nameof(EventInput.Region)}", message);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        return await SaveAsync(() => id is null ? editor.CreateAsync(Input, ct) : editor.UpdateAsync(id.Value, Input, ct), e => $"/evenementen/{e.Id}") ?? Page();
    }

    /// <summary>The region picker (one region, or none for a national event), falling back to a text field for a code or a name.</summary>
    public async Task<Picker> RegionPickerAsync(CancellationToken ct)
    {
        var regions = await RegionLookup.AllAsync(db, ct);
        return new Picker("Input_Region", "Input.Region", Localiser["Regio (leeg voor landelijk)"].Value, "/api/v1/lookup/regions")
        {
            Options = Picker.SelectOrText(regions), EmptyLabel = Localiser["Landelijk"].Value, MaxLength = 100,
            Chosen = Picker.Labelled([Input.Region ?? ""], regions), Text = Input.Region,
            Hint = Localiser["Zoek op naam of code; zonder JavaScript een code of naam."].Value, ErrorId = ErrorId(nameof(EventInput.Region)),
        };
    }

    private static IEnumerable<string> Lines(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
