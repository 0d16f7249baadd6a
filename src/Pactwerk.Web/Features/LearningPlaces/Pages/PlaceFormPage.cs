using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.LearningPlaces;

/// <summary>
/// The place's form as the pages that add and change a place both show it (<c>_PlaceForm.cshtml</c>): the fields as typed,
/// read into a <see cref="LearningPlaceInput"/> for <see cref="LearningPlaceEditor"/> (the API's editor, so the pages keep
/// its rules and an unchanged save writes nothing), and its messages at their fields in the reader's language.
/// </summary>
public abstract class PlaceFormPage(PactwerkDb db, IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>Empty period rows the form offers beside the existing ones (a school year and a summer, say).</summary>
    public const int SparePeriods = 2;

    public sealed record SupervisorChoice(int Id, string Name, int Capacity);

    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public string? Sector { get; set; }
    [BindProperty] public string? Municipality { get; set; }
    [BindProperty] public string? Seats { get; set; }
    [BindProperty] public string? SbbNumber { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public List<string?> PeriodFrom { get; set; } = [];
    [BindProperty] public List<string?> PeriodTo { get; set; } = [];
    [BindProperty] public List<int> Supervisors { get; set; } = [];

    public Dictionary<string, string[]> Errors { get; } = [];
    public IReadOnlyList<SupervisorChoice> SupervisorChoices { get; private set; } = [];
    /// <summary>The organisation the form is for, whose supervisors it offers.</summary>
    public int? ForOrganisation { get; protected set; }

    protected IStringLocalizer<SharedResource> Localiser { get; } = t;
    protected PactwerkDb Db { get; } = db;

    protected async Task LoadSupervisorsAsync(int organisationId, CancellationToken ct)
    {
        ForOrganisation = organisationId;
        SupervisorChoices = await Db.Set<Supervisor>().AsNoTracking().Where(s => s.OrganisationId == organisationId).OrderBy(s => s.Name).ThenBy(s => s.Id)
            .Select(s => new SupervisorChoice(s.Id, s.Name, s.Capacity)).ToListAsync(ct);
    }

    /// <summary>The form as the editor reads it: only the period rows that were filled in.</summary>
    protected LearningPlaceInput ToInput(int? organisationId, int? version)
    {
        var periods = PeriodFrom.Select((f, i) => new PeriodInput(f, PeriodTo.ElementAtOrDefault(i)))
            .Concat(PeriodTo.Skip(PeriodFrom.Count).Select(to => new PeriodInput(null, to)))
            .Where(p => !string.IsNullOrWhiteSpace(p.From) || !string.IsNullOrWhiteSpace(p.To)).ToList();
        // A number that is not a whole one (2,5) goes to the editor as one out of range, so its own message names the field.
        int? seats = string.IsNullOrWhiteSpace(Seats) ? null
            : int.TryParse(Seats.Trim(), NumberStyles.Integer, CultureInfo.CurrentCulture, out var n) ? n : 0;
        return new LearningPlaceInput(organisationId, Title, Kind, Sector, Municipality, seats, SbbNumber, Description, periods, Supervisors, version);
    }

    protected void Fill(LearningPlaceDto p, IEnumerable<int> supervisors)
    {
        (Title, Kind, Sector, Municipality, Seats, SbbNumber, Description) =
            (p.Title, p.Kind.ToString(), p.Sector, p.MunicipalityName, p.Seats.ToString(CultureInfo.CurrentCulture), p.SbbNumber, p.Description);
        PeriodFrom = p.Periods.Select(x => (string?)LearningPlacePageText.Iso(x.From)).ToList();
        PeriodTo = p.Periods.Select(x => (string?)LearningPlacePageText.Iso(x.To)).ToList();
        Supervisors = supervisors.ToList();
    }

    /// <summary>The editor's refusal at the fields, in the reader's language; the page answers 400.</summary>
    protected void ShowErrors(Dictionary<string, string[]> errors)
    {
        foreach (var (field, messages) in errors)
            Errors[field] = messages.Select(m => LearningPlaceMessages.Localise(Localiser, m)).ToArray();
        Response.StatusCode = StatusCodes.Status400BadRequest;
    }

    /// <summary>The municipality as a picker over today's municipalities, as on the other forms (without script: a name or CBS code).</summary>
    public Pactwerk.Web.Shared.Picker MunicipalityPicker() =>
        new("municipality", nameof(Municipality), Localiser["Gemeente"].Value + " *", "/api/v1/lookup/regions?set=" + ReferenceData.RegionSetCodes.Municipalities)
        {
            Chosen = string.IsNullOrWhiteSpace(Municipality) ? [] : [new Pactwerk.Web.Shared.LookupItem(Municipality, Municipality, null)],
            Text = Municipality, MaxLength = 100, Required = true, ErrorId = Errors.ContainsKey("municipality") ? "fout-municipality" : null,
            Hint = Localiser["Zoek op naam; zonder JavaScript de naam of de CBS-code (GM0736)."].Value,
        };

    public string? Described(string field, string? hint = null) => Errors.ContainsKey(field) ? $"{hint} fout-{field}".Trim() : hint;

    public string? Invalid(string field) => Errors.ContainsKey(field) ? "true" : null;
}
