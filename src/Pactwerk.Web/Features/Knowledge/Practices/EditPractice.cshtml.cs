using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Regions;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Knowledge;

/// <summary>One form for a new practice (/praktijken/nieuw?pact=…) and for a change to one.</summary>
[Authorize(Policy = Accounts.Policies.SignedIn)]
// A section may be 50,000 characters; a longer one must reach the editor to be refused with its message, not by the form reader.
[RequestFormLimits(ValueLengthLimit = 8 * 1024 * 1024)]
public sealed class EditPracticeModel(PactwerkDb db, PracticeEditor editor) : EditPageModel
{
    public sealed record Choice(int Value, string Label);

    [BindProperty] public PracticeInput Input { get; set; } = new();
    /// <summary>The regions as posted: codes or names separated by commas (typed without script), or what the region picker posts in its place.</summary>
    [BindProperty] public List<string> RegionCodes { get; set; } = [];
    public IReadOnlyList<LookupItem> Regions { get; private set; } = [];
    /// <summary>One link a line: title | https://address.</summary>
    [BindProperty] public string? LinksText { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? Pact { get; set; }

    public int? Id { get; private set; }
    public string PactName { get; private set; } = "";
    public string OriginalTitle { get; private set; } = "";
    public IReadOnlyList<Choice> Objectives { get; private set; } = [];
    public IReadOnlyList<Choice> Actions { get; private set; } = [];
    public IReadOnlyList<Choice> Organisations { get; private set; } = [];
    public IReadOnlyList<Choice> People { get; private set; } = [];

    protected override string Localise(string message) => KnowledgeMessages.Localise(Localiser, message);

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        if (id is { } existing)
        {
            var practice = await Load(existing, ct);
            if (practice is null)
                return NotFound();
            if (!await editor.MayEditAsync(practice, ct))
                return Forbid();
            Fill(practice);
        }
        return await PrepareAsync(id, ct) ?? Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        // The form shows every list, so a list with nothing chosen means none, not "leave as it is".
        Input.Objectives ??= [];
        Input.Organisations ??= [];
        Input.Contacts ??= [];
        Input.Actions ??= [];
        // Names typed without script become codes; a name that fits several regions is asked again rather than guessed.
        var (regions, ambiguous) = Lookup.Read(RegionCodes, await RegionLookup.AllAsync(db, ct), Localiser);
        Input.Regions = regions;
        Input.Links = (LinksText ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('|', 2, StringSplitOptions.TrimEntries))
            .Select(parts => new PracticeLinkInput { Title = parts.Length == 2 ? parts[0] : parts[0], Url = parts.Length == 2 ? parts[1] : parts[0] }).ToList();
        if (ambiguous.Count > 0)
        {
            foreach (var message in ambiguous)
                ModelState.AddModelError($"Input.{nameof(PracticeInput.Regions)}", message);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await PrepareAsync(id, ct) ?? Page();
        }
        var answer = await SaveAsync(() => id is { } existing ? editor.UpdateAsync(existing, Input, ct) : editor.CreateAsync(Pact ?? "", Input, ct),
            p => $"/praktijken/{p.Id}", Fill);
        return answer ?? await PrepareAsync(id, ct) ?? Page();
    }

    private Task<Practice?> Load(int id, CancellationToken ct) =>
        db.Set<Practice>().Include(p => p.Regions).ThenInclude(r => r.Region).Include(p => p.Objectives).ThenInclude(o => o.Objective)
            .Include(p => p.Organisations).Include(p => p.Contacts).Include(p => p.Actions).Include(p => p.Links).AsSplitQuery()
            .SingleOrDefaultAsync(p => p.Id == id, ct);

    private void Fill(Practice p)
    {
        Input = new PracticeInput
        {
            Title = p.Title, Summary = p.Summary, Context = p.Context, Approach = p.Approach, Results = p.Results, ResultsSource = p.ResultsSource,
            WhatWorked = p.WhatWorked, WhatDidNotWork = p.WhatDidNotWork, TransferConditions = p.TransferConditions, TargetGroup = p.TargetGroup,
            Sector = p.Sector, OrganisationId = p.OrganisationId, StartsOn = p.StartsOn, EndsOn = p.EndsOn, Version = p.Version,
            Objectives = p.Objectives.Select(o => o.Objective?.Number ?? 0).Where(n => n > 0).ToList(),
            Organisations = p.Organisations.Select(o => o.OrganisationId).ToList(), Contacts = p.Contacts.Select(c => c.PersonId).ToList(),
            Actions = p.Actions.Select(a => a.ActionId).ToList(),
        };
        Input.Regions = p.Regions.Select(r => r.Region?.Code).OfType<string>().ToList();
        RegionCodes = [];
        LinksText = string.Join("\n", p.Links.Select(l => $"{l.Title} | {l.Url}"));
    }

    /// <summary>The pact and the choices of the form; not found when the pact or practice does not exist.</summary>
    private async Task<IActionResult?> PrepareAsync(int? id, CancellationToken ct)
    {
        Id = id;
        int pactId;
        if (id is { } existing)
        {
            var row = await db.Set<Practice>().Where(p => p.Id == existing).Select(p => new { p.PactId, p.Title }).SingleOrDefaultAsync(ct);
            if (row is null)
                return NotFound();
            (pactId, OriginalTitle) = (row.PactId, row.Title);
        }
        else if (await Pacts.PactLookup.FindAsync(db, Pact, ct) is { } pact)
            (pactId, Pact) = (pact.Id, pact.Code);
        else
            return NotFound();
        PactName = await db.Pacts.Where(p => p.Id == pactId).Select(p => p.Name).SingleAsync(ct);
        Objectives = await db.Objectives.Where(o => o.PactId == pactId).OrderBy(o => o.Number).Select(o => new Choice(o.Number, o.Number + ". " + o.Title)).ToListAsync(ct);
        Actions = (await db.PactActions.Where(a => a.PactId == pactId).Select(a => new Choice(a.Id, a.Title)).ToListAsync(ct)).OrderBy(a => a.Label, Values.Dutch).ToList();
        Organisations = (await db.Organisations.Select(o => new Choice(o.Id, o.Name)).ToListAsync(ct)).OrderBy(o => o.Label, Values.Dutch).ToList();
        People = (await db.People.Select(p => new Choice(p.Id, p.Name)).ToListAsync(ct)).OrderBy(p => p.Label, Values.Dutch).ToList();
        Regions = await RegionLookup.AllAsync(db, ct);
        return null;
    }

    /// <summary>The regions picker: chips for what is chosen, and without script the text as it was typed.</summary>
    public Picker RegionPicker() => new("RegionCodes", nameof(RegionCodes), Localiser["Regio's"].Value, "/api/v1/lookup/regions")
    {
        Multiple = true, Options = Picker.SelectOrText(Regions), Chosen = Picker.Labelled(Input.Regions ?? [], Regions),
        Text = RegionCodes.Count == 0 ? null : string.Join(", ", RegionCodes),
        Hint = Localiser["Zoek op naam of code. Zonder JavaScript: codes of namen, gescheiden door komma's (bijvoorbeeld TP-OOST, PV23 of Amsterdam)."].Value,
        ErrorId = ErrorId(nameof(PracticeInput.Regions)),
    };
}
