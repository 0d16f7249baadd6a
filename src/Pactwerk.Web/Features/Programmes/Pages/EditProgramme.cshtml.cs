using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Programmes;

/// <summary>
/// A new programme (<c>/programmas/nieuw</c>, for whoever may set one up) or a change to one (<c>/programmas/{code}/bewerken</c>,
/// its staff); every rule is <see cref="ProgrammeEditor"/>'s, as for the API. Targets are typed as the reader writes numbers
/// (92,5 in Dutch, 92.5 in English): the binder reads them in the page's culture.
/// </summary>
[Authorize]
public sealed class EditProgrammeModel(PactwerkDb db, ProgrammeEditor editor, AccessScopeProvider scopes) : EditPageModel
{
    public sealed record Choice(string Value, string Name);

    /// <summary>Empty step rows the form offers below the programme's steps, to add one.</summary>
    public const int SpareSteps = 2;

    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    [BindProperty] public ProgrammeInput Input { get; set; } = new();
    public bool IsNew => Code is null;
    public string PactName { get; private set; } = "";
    public IReadOnlyList<Choice> Pacts { get; private set; } = [];
    /// <summary>The organisations the reader may set the programme up for (every one for a coordinator).</summary>
    public IReadOnlyList<Choice> Owners { get; private set; } = [];
    public IReadOnlyList<Choice> Organisations { get; private set; } = [];
    /// <summary>Every organisation as the picker's options.</summary>
    private IReadOnlyList<LookupItem> Items => Organisations.Select(o => new LookupItem(o.Value, o.Name, null)).ToList();
    /// <summary>Nobody applied to the programme: its staff may remove it (the page offers it, the editor decides).</summary>
    public bool MayDelete { get; private set; }
    /// <summary>The box the reader ticks to say they mean to remove the programme.</summary>
    [BindProperty] public bool ConfirmDelete { get; set; }

    protected override string Localise(string message) => ProgrammeMessages.Localise(Localiser, message);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (IsNew)
        {
            if (!ProgrammeAccess.MaySetUpAny(await scopes.GetAsync(ct)))
                return Forbid();
            Input = new ProgrammeInput
            {
                Steps = Programme.DefaultSteps.Select((s, i) => new IntakeStepInput { Position = i + 1, Code = s.Code, Name = s.Name }).ToList(),
            };
            await ChoicesAsync(null, ct);
            // One pact or one organisation to choose from needs no choice.
            Input.Pact = Pacts.Count == 1 ? Pacts[0].Value : null;
            Input.OwnerOrganisationId = Owners.Count == 1 ? int.Parse(Owners[0].Value, CultureInfo.InvariantCulture) : null;
            return Page();
        }
        if (await editor.FindAsync(Code!, ct) is not { } programme)
            return NotFound();
        if (!ProgrammeAccess.IsStaff(await scopes.GetAsync(ct), programme, forChange: true))
            return Forbid();
        await ShowStoredAsync(programme, ct);
        return Page();
    }

    /// <summary>Removes the programme once the box is ticked; refused (nothing removed) without it or when someone applied.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken ct)
    {
        if (IsNew || await editor.FindAsync(Code!, ct) is not { } programme)
            return NotFound();
        if (!ProgrammeAccess.IsStaff(await scopes.GetAsync(ct), programme, forChange: true))
            return Forbid();
        // The box is the page's own field, not the programme's input: its message and summary link name it as it is.
        InputPrefix = "";
        var answer = ConfirmDelete
            ? await SaveAsync(() => editor.DeleteAsync(Code!, ct), _ => "/programmas?verwijderd=true")
            : Answer<Programme>(new EditOutcome<Programme>.Invalid(new Dictionary<string, string[]> { [nameof(ConfirmDelete)] = [ProgrammeMessages.ConfirmDelete] }), _ => "");
        if (answer is not null)
            return answer;
        await ShowStoredAsync(await editor.FindAsync(Code!, ct) ?? programme, ct);
        return Page();
    }

    /// <summary>The form filled from the stored programme, and whether it may be removed.</summary>
    private async Task ShowStoredAsync(Programme programme, CancellationToken ct)
    {
        var pact = await db.Pacts.Where(p => p.Id == programme.PactId).Select(p => new { p.Code, p.Name }).SingleAsync(ct);
        Input = ProgrammeEditor.InputOf(programme, pact.Code);
        PactName = pact.Name;
        MayDelete = (await ProgrammeLookup.CohortsAppliedToAsync(db, programme.Id, ct)).Count == 0;
        await ChoicesAsync(programme, ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Programme? programme = null;
        if (!IsNew && (programme = await db.Set<Programme>().AsNoTracking().SingleOrDefaultAsync(p => p.Code == Code, ct)) is null)
            return NotFound();
        var answer = await SaveAsync(() => IsNew ? editor.CreateAsync(Input, ct) : editor.UpdateAsync(Code!, Input, ct),
            p => $"/programmas/{p.Code}?opgeslagen=true", keepEditing: p => Input.Version = p.Version);
        if (answer is not null)
            return answer;
        if (programme is not null)
            PactName = await db.Pacts.Where(p => p.Id == programme.PactId).Select(p => p.Name).SingleAsync(ct);
        await ChoicesAsync(programme, ct);
        return Page();
    }

    private async Task ChoicesAsync(Programme? programme, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        var pacts = await db.Pacts.AsNoTracking().OrderBy(p => p.Name).Select(p => new { p.Id, p.Code, p.Name }).ToListAsync(ct);
        var own = scope.Grants.Where(g => g.Kind == RoleKind.PartnerEditor && g.OrganisationId is not null).Select(g => g.OrganisationId!.Value).ToList();
        // A coordinator sets up programmes of their own pacts for any organisation; an editor of an organisation for it, in any pact.
        Pacts = pacts.Where(p => scope.Coordinates(p.Id) || own.Count > 0).Select(p => new Choice(p.Code, p.Name)).ToList();
        var organisations = await db.Organisations.AsNoTracking().OrderBy(o => o.Name).ThenBy(o => o.Id).Select(o => new { o.Id, o.Name }).ToListAsync(ct);
        Organisations = organisations.Select(o => new Choice(o.Id.ToString(CultureInfo.InvariantCulture), o.Name)).ToList();
        var pactId = programme?.PactId;
        Owners = organisations.Where(o => scope.Coordinates(pactId) || own.Contains(o.Id) || o.Id == programme?.OwnerOrganisationId)
            .Select(o => new Choice(o.Id.ToString(CultureInfo.InvariantCulture), o.Name)).ToList();
    }

    /// <summary>
    /// The reader may set the programme up for any organisation (a coordinator): the searchable picker. An organisation's
    /// editor chooses among their own few in the plain select, because the picker's lookup would offer every organisation
    /// and the editor would then refuse most of them.
    /// </summary>
    public bool OwnerFromAll => Owners.Count == Organisations.Count;

    public Picker OwnerPicker() =>
        new("Input_OwnerOrganisationId", "Input.OwnerOrganisationId", Localiser["Uitvoerende organisatie"].Value + " *", OrganisationPickers.Source)
        {
            Options = Items, EmptyLabel = Localiser["Kies een organisatie"].Value, Required = true,
            Chosen = OrganisationPickers.Chosen(Input.OwnerOrganisationId, Items),
            Hint = Localiser["Haar redacteuren zijn de staf van het programma."].Value, ErrorId = ErrorId(nameof(ProgrammeInput.OwnerOrganisationId)),
        };

    public Picker PartnersPicker() =>
        new("Input_Partners", "Input.Partners", Localiser["Partners"].Value, OrganisationPickers.Source)
        {
            Multiple = true, Options = Items, Chosen = OrganisationPickers.Chosen(Input.Partners, Items),
            Hint = Localiser["Zoek op naam en kies er geen, één of meer; zonder JavaScript met Ctrl of Cmd."].Value, ErrorId = ErrorId(nameof(ProgrammeInput.Partners)),
        };

    /// <summary>A percentage as the reader types it: 92,5 in Dutch, so that it is read back the same.</summary>
    public static string? Number(decimal? value) => value?.ToString("0.#", CultureInfo.CurrentCulture);
}
