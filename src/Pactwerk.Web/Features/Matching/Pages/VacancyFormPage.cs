using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Matching;

/// <summary>
/// The vacancy's form as the pages that publish and change a vacancy both show it (<c>_VacancyForm.cshtml</c>): the fields as
/// typed, read into a <see cref="VacancyInput"/> for <see cref="VacancyEditor"/> (the API's writer, so the pages keep its rules
/// and an unchanged save writes nothing), and its messages at their fields in the reader's language.
/// </summary>
public abstract class VacancyFormPage(PactwerkDb db, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Sector { get; set; }
    [BindProperty] public string? Municipality { get; set; }
    /// <summary>Hours a week as typed, in the reader's culture: 20,75 in Dutch, 20.75 in English.</summary>
    [BindProperty] public string? HoursPerWeek { get; set; }
    [BindProperty] public string? OpenUntil { get; set; }
    [BindProperty] public Dictionary<int, string?> Asked { get; set; } = [];
    [BindProperty] public Dictionary<int, string?> Weight { get; set; } = [];
    [BindProperty] public Dictionary<int, string?> MinimumLevel { get; set; } = [];

    public Dictionary<string, string[]> Errors { get; } = [];
    public IReadOnlyList<RequirementRow> Rows { get; private set; } = [];
    public string OrganisationName { get; protected set; } = "";
    public int OrganisationId { get; protected set; }

    protected IStringLocalizer<SharedResource> Localiser { get; } = t;
    protected PactwerkDb Db { get; } = db;

    protected async Task LoadRowsAsync(CancellationToken ct) => Rows = await RequirementsForm.RowsAsync(Db, ct);

    protected VacancyInput ToInput(int? organisationId, int? version)
    {
        // Hours that do not read as a number in the reader's culture (a Dutch reader's 1.5 included) go as 0, so the
        // editor's own message names the field.
        decimal? hours = string.IsNullOrWhiteSpace(HoursPerWeek) ? null : Pactwerk.Web.Shared.TypedNumber.Read(HoursPerWeek, CultureInfo.CurrentCulture, out _) ?? 0m;
        return new VacancyInput(organisationId, Title, Sector, Municipality, hours, OpenUntil, RequirementsForm.Read(Asked, Weight, MinimumLevel), version);
    }

    protected void Fill(VacancyDto v)
    {
        (Title, Sector, Municipality, OpenUntil) = (v.Title, v.Sector, v.MunicipalityName, v.OpenUntil.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        HoursPerWeek = v.HoursPerWeek.ToString("0.##", CultureInfo.CurrentCulture);
        RequirementsForm.Fill(v.Requirements, Asked, Weight, MinimumLevel);
    }

    /// <summary>The editor's refusal at the fields, in the reader's language; the page answers 400.</summary>
    protected void ShowErrors(Dictionary<string, string[]> errors)
    {
        MatchingPageText.AddErrors(Errors, errors, Localiser);
        Response.StatusCode = StatusCodes.Status400BadRequest;
    }

    public RequirementsForm Requirements() => new(Rows, Asked, Weight, MinimumLevel, Errors, Localiser["Gevraagde competenties"].Value);

    public string? Described(string field, string? hint = null) => Errors.ContainsKey(field) ? $"{hint} fout-{field}".Trim() : hint;

    public string? Invalid(string field) => Errors.ContainsKey(field) ? "true" : null;
}
