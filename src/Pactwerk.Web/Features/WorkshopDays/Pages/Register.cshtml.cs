using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Pactwerk.Web.Features.WorkshopDays;

/// <summary>
/// A school registers its classes (/workshopdagen/{slug}/aanmelden) or changes them through its secret link
/// (/workshopdagen/aanmelding?sleutel=…); no account. Rows left empty are not classes; every rule is <see cref="SchoolRegistrations"/>'s.
/// Through the same link the school sees which classes wait and where in line, and cancels a class (<see cref="WaitingList"/>).
/// </summary>
[AllowAnonymous]
public sealed class RegisterModel(WorkshopDayQueries queries, SchoolRegistrations registrations, WaitingList waitingList, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed class ClassForm
    {
        public string? Name { get; set; }
        public string? Grade { get; set; }
        public int? Pupils { get; set; }
        public int? DayId { get; set; }
        public TimeOnly? Arrival { get; set; }
        public TimeOnly? Departure { get; set; }
        public List<int?> Preferences { get; set; } = [];
        public bool IsEmpty => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Grade) && Pupils is null && Preferences.All(p => p is null);
    }

    [BindProperty(SupportsGet = true)] public string? Slug { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sleutel { get; set; }
    [BindProperty(SupportsGet = true, Name = "nieuw")] public bool Created { get; set; }
    [BindProperty(SupportsGet = true, Name = "opgeslagen")] public bool Saved { get; set; }
    [BindProperty(SupportsGet = true, Name = "afgemeld")] public bool CancelledOne { get; set; }
    [BindProperty] public string? School { get; set; }
    [BindProperty] public string? Municipality { get; set; }
    [BindProperty] public string? Teacher { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public List<ClassForm> Classes { get; set; } = [];
    public WorkshopDayView? View { get; private set; }
    /// <summary>The school's classes that hold or wait for a place (cancelled ones left out), to cancel.</summary>
    public IReadOnlyList<RegisteredClassView> Current { get; private set; } = [];
    /// <summary>The school's classes on the waiting list, with their place in line.</summary>
    public IReadOnlyList<WaitingEntry> Waiting { get; private set; } = [];
    public bool IsChange => Slug is null;
    public bool? Confirmed { get; private set; }
    public string? Error { get; private set; }
    /// <summary>The message of a lapsed registration (<see cref="UnconfirmedLapse"/>): the page shows it, with the way to register again, and nothing to change.</summary>
    public string? Lapsed { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        NoStore();
        if (IsChange)
        {
            var r = await registrations.FindAsync(Sleutel, ct);
            if (r is null)
                return NotFound();
            if (r.Lapsed)
                return await LapsedAsync(r, ct);
            (School, Municipality, Teacher, Email, Confirmed) = (r.School, r.Municipality, r.Teacher, r.Email, r.EmailConfirmed);
            Classes = r.Classes.Select(c => new ClassForm { Name = c.Name, Grade = c.Grade, Pupils = c.Pupils, DayId = c.DayId, Arrival = c.Arrival, Departure = c.Departure,
                Preferences = c.Preferences.Select(p => (int?)p).ToList() }).ToList();
            View = await queries.FindAsync(r.EventId, ct);
            await LineAsync(r, ct);
        }
        else
        {
            View = await queries.FindAsync(Slug!, ct);
            if (View is null)
                return NotFound();
        }
        Pad();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        NoStore();
        var input = new RegistrationInput(School, Municipality, Teacher, Email, Classes.Where(c => !c.IsEmpty)
            .Select(c => new ClassInput(c.Name, c.Pupils, c.Grade, c.DayId, c.Arrival, c.Departure, c.Preferences.Where(p => p is not null).Select(p => p!.Value).ToList())).ToList());
        if (IsChange)
        {
            var r = await registrations.FindAsync(Sleutel, ct);
            if (r is null)
                return NotFound();
            if (r.Lapsed)
                return await LapsedAsync(r, ct);
            View = await queries.FindAsync(r.EventId, ct);
            await LineAsync(r, ct);
            // A value the binder could not read (a time or number that is not one) is refused before anything is asked.
            var (answer, refusal) = ModelState.IsValid ? await registrations.ChangeAsync(Sleutel, input, ct) : (null, null);
            if (answer is not null)
                return Redirect(SchoolRegistrations.ChangeUrl(Sleutel!) + "&opgeslagen=true");
            return Refused(refusal);
        }
        View = await queries.FindAsync(Slug!, ct);
        if (View is null)
            return NotFound();
        var (created, refused) = ModelState.IsValid ? await registrations.RegisterAsync(View.Id, input, ct) : (null, null);
        if (created is not null)
            return Redirect(created.ChangeUrl + "&nieuw=true");
        return Refused(refused);
    }

    /// <summary>The school cancels one class; the form carries the key, as the change form does.</summary>
    public async Task<IActionResult> OnPostCancelAsync(int? classId, CancellationToken ct)
    {
        NoStore();
        var r = await registrations.FindAsync(Sleutel, ct);
        if (r is null)
            return NotFound();
        if (r.Lapsed)
            return await LapsedAsync(r, ct);
        var (answer, refusal) = await waitingList.CancelBySchoolAsync(Sleutel, classId ?? 0, ct);
        if (answer is not null)
            return Redirect(SchoolRegistrations.ChangeUrl(Sleutel!) + "&afgemeld=true");
        (School, Municipality, Teacher, Email, Confirmed) = (r.School, r.Municipality, r.Teacher, r.Email, r.EmailConfirmed);
        Classes = r.Classes.Select(c => new ClassForm { Name = c.Name, Grade = c.Grade, Pupils = c.Pupils, DayId = c.DayId, Arrival = c.Arrival, Departure = c.Departure,
            Preferences = c.Preferences.Select(p => (int?)p).ToList() }).ToList();
        View = await queries.FindAsync(r.EventId, ct);
        await LineAsync(r, ct);
        return Refused(refusal, refusal?.Message == WorkshopDayMessages.CancelUnknown ? StatusCodes.Status404NotFound : StatusCodes.Status409Conflict);
    }

    /// <summary>
    /// The municipality as a picker over today's municipalities (too many for a select: without script a text field for a
    /// name or code). The registration keeps the name, which is what is posted back and read again on a change.
    /// </summary>
    public Pactwerk.Web.Shared.Picker MunicipalityPicker() =>
        new("Municipality", nameof(Municipality), t["Gemeente"].Value + " *", "/api/v1/lookup/regions?set=" + ReferenceData.RegionSetCodes.Municipalities)
        {
            Chosen = string.IsNullOrWhiteSpace(Municipality) ? [] : [new Pactwerk.Web.Shared.LookupItem(Municipality, Municipality, null)],
            Text = Municipality, MaxLength = 100, Required = true,
            Hint = t["Zoek op naam; zonder JavaScript de naam of de CBS-code (GM0736)."].Value,
        };

    private async Task LineAsync(RegistrationView r, CancellationToken ct)
    {
        Current = r.Classes;
        Waiting = (await waitingList.EntriesAsync(r.EventId, ct)).Where(w => w.RegistrationId == r.Id).ToList();
    }

    /// <summary>A lapsed registration is gone for good (410): the page names why and links to a new registration.</summary>
    private async Task<PageResult> LapsedAsync(RegistrationView r, CancellationToken ct)
    {
        View = await queries.FindAsync(r.EventId, ct);
        Lapsed = registrations.LapsedRefusal.In(t);
        Response.StatusCode = StatusCodes.Status410Gone;
        return Page();
    }

    private PageResult Refused(Refusal? refusal, int status = StatusCodes.Status400BadRequest)
    {
        Error = refusal?.In(t) ?? t["Een van de waarden is geen getal of tijd; controleer het formulier."].Value;
        Response.StatusCode = status;
        Pad();
        return Page();
    }

    /// <summary>Empty rows to fill: three on a new registration, one more than the classes on a change.</summary>
    private void Pad()
    {
        while (Classes.Count < (IsChange ? Classes.Count(c => !c.IsEmpty) + 1 : 3))
            Classes.Add(new ClassForm());
    }

    private void NoStore()
    {
        Response.Headers.CacheControl = "no-store";
        Response.Headers["Referrer-Policy"] = "no-referrer";
    }
}
