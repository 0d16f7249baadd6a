using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Programmes;

/// <summary>
/// The programme's cohorts, employer network and modules, set up by its staff (<c>/programmas/{code}/onderdelen</c>): a form
/// per cohort and one for a new cohort, one for the network, one for the modules. Every rule is <see cref="ProgrammeParts"/>'s,
/// as for the API; the page answers the form that was sent and shows the others as stored.
/// </summary>
[Authorize]
public sealed class SetUpPartsModel(PactwerkDb db, ProgrammeParts parts, AccessScopeProvider scopes) : EditPageModel("")
{
    public sealed record Choice(string Value, string Name);

    /// <summary>Empty rows each list offers below what is stored, to add to it.</summary>
    public const int Spare = 2;

    [BindProperty(SupportsGet = true)] public string Code { get; set; } = "";
    [BindProperty(SupportsGet = true, Name = "opgeslagen")] public bool Saved { get; set; }
    /// <summary>The cohort the cohort form changes; empty for a new one.</summary>
    [BindProperty] public string? CohortCode { get; set; }
    [BindProperty] public CohortInput Cohort { get; set; } = new();
    [BindProperty] public List<EmployerInput> Employers { get; set; } = [];
    [BindProperty] public List<ModuleInput> Modules { get; set; } = [];

    public Programme Programme { get; private set; } = null!;
    public IReadOnlyList<Cohort> Cohorts { get; private set; } = [];
    /// <summary>The cohorts somebody applied to: they stay; the others may be removed.</summary>
    public IReadOnlySet<int> Applied { get; private set; } = new HashSet<int>();
    public IReadOnlyList<Choice> Organisations { get; private set; } = [];
    private IReadOnlyList<LookupItem>? items;

    /// <summary>A row's employer as the searchable picker; "Geen" leaves the row out, as the select's empty option did.</summary>
    public Picker EmployerPicker(int row, int? chosen)
    {
        items ??= Organisations.Select(o => new LookupItem(o.Value, o.Name, null)).ToList();
        return new($"employer-{row}", $"Employers[{row}].OrganisationId", Localiser["Werkgever {0}", row + 1].Value, OrganisationPickers.Source)
        {
            Options = items, EmptyLabel = Localiser["Geen"].Value, Chosen = OrganisationPickers.Chosen(chosen, items),
        };
    }

    protected override string Localise(string message) => ProgrammeMessages.Localise(Localiser, message);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
            return refused;
        Employers = await ProgrammesApi.EmployersOf(db, Programme.Id, ct);
        Modules = await ProgrammesApi.ModulesOf(db, Programme.Id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostCohortAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
            return refused;
        InputPrefix = "Cohort.";
        var code = string.IsNullOrWhiteSpace(CohortCode) ? null : CohortCode;
        return await SaveAsync(() => parts.SaveCohortAsync(Code, code, Cohort, ct), _ => Done("cohorten"))
            ?? await ShowAsync(employers: true, modules: true, ct);
    }

    /// <summary>Removes a cohort nobody applied to (the editor refuses one with applications, at the top of the page).</summary>
    public async Task<IActionResult> OnPostDeleteCohortAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
            return refused;
        InputPrefix = "Cohort.";
        return await SaveAsync(() => parts.DeleteCohortAsync(Code, CohortCode ?? "", ct), _ => Done("cohorten"))
            ?? await ShowAsync(employers: true, modules: true, ct);
    }

    public async Task<IActionResult> OnPostEmployersAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
            return refused;
        InputPrefix = "";
        var rows = Employers.Where(e => e.OrganisationId is not null || e.PlacesPerCohort is not null).ToList();
        return await SaveAsync(() => parts.SaveEmployersAsync(Code, rows, ct), _ => Done("netwerk"))
            ?? await ShowAsync(employers: false, modules: true, ct);
    }

    public async Task<IActionResult> OnPostModulesAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
            return refused;
        InputPrefix = "";
        // A length that is no whole number is refused at its own row before anything else is asked, with the editor's message
        // for a length out of range: to the reader both are the same mistake.
        var unreadable = Enumerable.Range(0, Modules.Count)
            .Where(row => ModelState.TryGetValue(ProgrammeParts.WeeksField(row), out var entry) && entry.Errors.Count > 0).ToList();
        if (unreadable.Count > 0)
        {
            ModelState.Clear();
            foreach (var row in unreadable)
                ModelState.AddModelError(WeeksAt(row), Localise(ProgrammeMessages.ModuleWeeksInvalid));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await ShowAsync(employers: true, modules: false, ct);
        }
        // Rows left empty are dropped; each kept row remembers its row on the page, where the editor's messages about it belong.
        var kept = Modules.Select((module, row) => (Module: module, Row: row))
            .Where(x => !string.IsNullOrWhiteSpace(x.Module.Name) || x.Module.Position is not null || x.Module.Weeks is not null).ToList();
        var fields = kept.Select((x, index) => (Sent: ProgrammeParts.WeeksField(index), Shown: WeeksAt(x.Row))).ToDictionary(f => f.Sent, f => f.Shown);
        return await SaveAsync(async () => await parts.SaveModulesAsync(Code, kept.Select(x => x.Module).ToList(), ct) switch
            {
                EditOutcome<Programme>.Invalid invalid => new EditOutcome<Programme>.Invalid(invalid.Errors.ToDictionary(e => fields.GetValueOrDefault(e.Key, e.Key), e => e.Value)),
                var outcome => outcome,
            }, _ => Done("modules"))
            ?? await ShowAsync(employers: true, modules: false, ct);
    }

    /// <summary>The id of a module row's weeks field, where its message is shown and the summary links to.</summary>
    public static string WeeksAt(int row) => $"module-weeks-{row}";

    private string Done(string section) => $"/programmas/{Code}/onderdelen?opgeslagen=true#{section}";

    /// <summary>The page again after a refusal: the form that was sent as typed, the others as stored.</summary>
    private async Task<IActionResult> ShowAsync(bool employers, bool modules, CancellationToken ct)
    {
        if (employers)
            Employers = await ProgrammesApi.EmployersOf(db, Programme.Id, ct);
        if (modules)
            Modules = await ProgrammesApi.ModulesOf(db, Programme.Id, ct);
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        if (await ProgrammeLookup.ProgrammeAsync(db, Code, ct) is not { } programme)
            return NotFound();
        if (!ProgrammeAccess.IsStaff(await scopes.GetAsync(ct), programme, forChange: true))
            return Forbid();
        Programme = programme;
        Cohorts = await db.Set<Cohort>().AsNoTracking().Where(c => c.ProgrammeId == programme.Id).OrderBy(c => c.StartDate).ThenBy(c => c.Id).ToListAsync(ct);
        Applied = await ProgrammeLookup.CohortsAppliedToAsync(db, programme.Id, ct);
        Organisations = await db.Organisations.AsNoTracking().OrderBy(o => o.Name).ThenBy(o => o.Id)
            .Select(o => new Choice(o.Id.ToString(), o.Name)).ToListAsync(ct);
        return null;
    }

    /// <summary>A date for an input of type date.</summary>
    public static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A whole number as the reader types it.</summary>
    public static string? Number(int? value) => value?.ToString(CultureInfo.CurrentCulture);
}
