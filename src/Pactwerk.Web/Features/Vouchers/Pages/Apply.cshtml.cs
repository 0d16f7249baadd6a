using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Pactwerk.Web.Features.Vouchers;

/// <summary>
/// The application form. The rules are <see cref="VoucherApplications.ApplyAsync"/>'s, as for the API; the page
/// reads a Dutch date (17-05-1990), offers the scheme's own courses and start dates, shows every failed rule at its
/// field in the reader's language, and sends the applicant to their status page once saved.
/// </summary>
[AllowAnonymous]
public sealed class ApplyModel(VoucherQueries queries, VoucherApplications applications, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public const string BirthDutchInvalid = "Vul je geboortedatum in als dd-mm-jjjj, zoals 17-05-1990.";

    public sealed class Form
    {
        public string? Email { get; set; }
        /// <summary>dd-mm-jjjj as people write it; jjjj-mm-dd (a browser's date field) is read too.</summary>
        public string? DateOfBirth { get; set; }
        public string? TargetGroup { get; set; }
        /// <summary>The CBS code of the municipality the applicant lives in, chosen from the list.</summary>
        public string? Municipality { get; set; }
        /// <summary>The course and its start date in one choice: "{courseId}:{yyyy-MM-dd}".</summary>
        public string? Choice { get; set; }
    }

    [BindProperty] public Form Input { get; set; } = new();
    public VoucherSchemeRules Rules { get; private set; } = null!;
    public bool Open { get; private set; }
    public IReadOnlyList<MunicipalityChoice> Municipalities { get; private set; } = [];
    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct) =>
        await LoadAsync(code, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken ct)
    {
        if (!await LoadAsync(code, ct))
            return NotFound();
        var birth = DutchDay(Input.DateOfBirth);
        int? course = null;
        string? start = null;
        if (Input.Choice?.Split(':') is [var id, var day] && int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var courseId))
            (course, start) = (courseId, day);
        var outcome = await applications.ApplyAsync(code, new VoucherApplicationInput
        {
            Email = Input.Email, DateOfBirth = birth ?? Input.DateOfBirth, TargetGroup = Input.TargetGroup, Municipality = Input.Municipality, Course = course, CourseStart = start,
            Language = VoucherFormat.Language,
        }, ct);
        switch (outcome)
        {
            case ApplicationOutcome.Saved saved:
                // The culture travels along when the page was opened with one, so the status page speaks the same language.
                var culture = Request.Query.ContainsKey("culture") ? "&culture=" + VoucherFormat.Language : "";
                return new RedirectResult(VouchersApi.StatusUrl(saved.Key) + culture) { PreserveMethod = false };
            case ApplicationOutcome.Invalid invalid:
                var errors = new Dictionary<string, string[]>(invalid.Errors);
                // The page asks for a Dutch date, so it says so; the API's message names the API's format.
                if (errors.TryGetValue(nameof(VoucherApplicationInput.DateOfBirth), out var birthErrors) && birthErrors.Contains(VoucherMessages.BirthInvalid))
                    errors[nameof(VoucherApplicationInput.DateOfBirth)] = [BirthDutchInvalid];
                // A course without a start date (or none chosen) is one choice on this page.
                if (errors.ContainsKey(nameof(VoucherApplicationInput.Course)))
                    errors.Remove(nameof(VoucherApplicationInput.CourseStart));
                Errors = VoucherMessages.Localise(t, errors);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            default:
                return NotFound();
        }
    }

    /// <summary>The id of the field a message belongs to, for the error summary's link and the field's aria-describedby.</summary>
    public static string? FieldOf(string key) => Fields.GetValueOrDefault(key);

    // A dictionary rather than a switch: these ids are not texts to translate.
    private static readonly Dictionary<string, string> Fields = new()
    {
        ["Email"] = "Input_Email", ["DateOfBirth"] = "Input_DateOfBirth", ["age"] = "Input_DateOfBirth", ["TargetGroup"] = "Input_TargetGroup_0", ["Municipality"] = "Input_Municipality",
        ["Course"] = "Input_Choice", ["CourseStart"] = "Input_Choice", ["sector"] = "Input_Choice", ["level"] = "Input_Choice",
        ["occupation"] = "Input_Choice", ["deadline"] = "Input_Choice",
    };

    /// <summary>The messages shown at one field (the summary shows them all).</summary>
    public IReadOnlyList<string> At(string fieldId) => Errors.Where(e => FieldOf(e.Key) == fieldId).SelectMany(e => e.Value).ToList();

    private async Task<bool> LoadAsync(string code, CancellationToken ct)
    {
        if (await queries.RulesAsync(code, ct) is not { } rules)
            return false;
        Rules = rules;
        Municipalities = await queries.MunicipalitiesAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        Open = now >= rules.OpensAt && now < rules.ClosesAt;
        return true;
    }

    /// <summary>dd-mm-jjjj (also with / or .), or jjjj-mm-dd, as yyyy-MM-dd; null when it is neither.</summary>
    public static string? DutchDay(string? text)
    {
        string[] formats = ["d-M-yyyy", "d/M/yyyy", "d.M.yyyy", "yyyy-MM-dd"];
        return DateOnly.TryParseExact(text?.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null;
    }
}
