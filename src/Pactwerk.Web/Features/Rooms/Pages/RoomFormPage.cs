using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Pactwerk.Web.Features.Rooms;

/// <summary>
/// The room's form (details, opening hours per weekday, closures, rules) as the owner's page and the page that adds a room
/// both show it (<c>_RoomForm.cshtml</c>): the fields as typed, read into a <see cref="RoomInput"/> for <see cref="RoomEditor"/>,
/// and the editor's messages at their fields in the reader's language.
/// </summary>
public abstract class RoomFormPage(IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>Monday first, as a Dutch week is read.</summary>
    public static readonly DayOfWeek[] Days = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];
    /// <summary>Empty closure rows the form offers beside the existing ones.</summary>
    public const int SpareClosures = 2;

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Address { get; set; }
    [BindProperty] public string? Municipality { get; set; }
    [BindProperty] public string? Equipment { get; set; }
    [BindProperty] public string? Capacity { get; set; }
    [BindProperty] public bool WheelchairAccessible { get; set; }
    [BindProperty] public string? AccessibilityNote { get; set; }
    [BindProperty] public List<string?> Opens { get; set; } = [];
    [BindProperty] public List<string?> Closes { get; set; } = [];
    [BindProperty] public List<string?> ClosureFrom { get; set; } = [];
    [BindProperty] public List<string?> ClosureTo { get; set; } = [];
    [BindProperty] public List<string?> ClosureReason { get; set; } = [];
    [BindProperty] public List<string> AllowedUsers { get; set; } = [];
    [BindProperty] public string? LeadTimeHours { get; set; }
    [BindProperty] public bool ApprovalRequired { get; set; }

    public Dictionary<string, string[]> Errors { get; } = [];

    /// <summary>The reader's language, for the pages' own messages.</summary>
    protected IStringLocalizer<SharedResource> Localiser { get; } = t;

    /// <summary>The form as the editor reads it: only the weekdays and closure rows that were filled in.</summary>
    protected RoomInput ToInput(int? organisationId, int? version)
    {
        var hours = Days.Select((d, i) => (Day: d, Opens: Opens.ElementAtOrDefault(i), Closes: Closes.ElementAtOrDefault(i)))
            .Where(h => !string.IsNullOrWhiteSpace(h.Opens) || !string.IsNullOrWhiteSpace(h.Closes))
            .Select(h => new OpeningHoursInput(h.Day.ToString(), h.Opens, h.Closes)).ToList();
        var closures = ClosureFrom.Select((f, i) => new ClosureInput(f, ClosureTo.ElementAtOrDefault(i), ClosureReason.ElementAtOrDefault(i)))
            .Where(c => !string.IsNullOrWhiteSpace(c.From) || !string.IsNullOrWhiteSpace(c.To) || !string.IsNullOrWhiteSpace(c.Reason)).ToList();
        // A number that is not a whole one (20,75) goes to the editor as one out of range, so its own message names the field.
        int? Number(string? text, int unreadable) => string.IsNullOrWhiteSpace(text) ? null
            : Pactwerk.Web.Shared.TypedNumber.Read(text, CultureInfo.CurrentCulture, out _) is { } n && n == decimal.Truncate(n) && n is >= int.MinValue and <= int.MaxValue ? (int)n : unreadable;
        return new RoomInput(organisationId, Name, Address, Municipality, (Equipment ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList(),
            Number(Capacity, 0), WheelchairAccessible, AccessibilityNote, hours, closures, AllowedUsers, Number(LeadTimeHours, -1), ApprovalRequired, version);
    }

    protected void Fill(RoomDto r)
    {
        (Name, Address, Municipality, Equipment, Capacity) = (r.Name, r.Address, r.Municipality, string.Join(", ", r.Equipment), r.Capacity.ToString(CultureInfo.CurrentCulture));
        (WheelchairAccessible, AccessibilityNote, AllowedUsers, LeadTimeHours, ApprovalRequired) =
            (r.WheelchairAccessible, r.AccessibilityNote, r.AllowedUsers.ToList(), r.LeadTimeHours.ToString(CultureInfo.CurrentCulture), r.ApprovalRequired);
        Opens = Days.Select(d => r.OpeningHours.FirstOrDefault(h => h.Day == d.ToString())?.Opens).ToList();
        Closes = Days.Select(d => r.OpeningHours.FirstOrDefault(h => h.Day == d.ToString())?.Closes).ToList();
        ClosureFrom = r.Closures.Select(c => (string?)RoomPageText.Iso(c.From)).ToList();
        ClosureTo = r.Closures.Select(c => (string?)RoomPageText.Iso(c.To)).ToList();
        ClosureReason = r.Closures.Select(c => (string?)c.Reason).ToList();
    }

    /// <summary>The editor's refusal at the fields, in the reader's language; the page answers 400.</summary>
    protected void ShowErrors(RoomEditOutcome.Invalid invalid)
    {
        foreach (var (field, messages) in invalid.Errors)
            Errors[field] = messages.Select(m => RoomMessages.Localise(Localiser, m)).ToArray();
        Response.StatusCode = StatusCodes.Status400BadRequest;
    }

    /// <summary>
    /// The municipality as a picker over today's municipalities (too many for a select: without script a text field for a
    /// name or CBS code, which the editor reads with <see cref="Regions.MunicipalityResolver"/>).
    /// </summary>
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
