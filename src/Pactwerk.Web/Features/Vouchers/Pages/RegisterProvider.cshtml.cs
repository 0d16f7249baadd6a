using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Vouchers;

/// <summary>
/// A training provider registers for a scheme with its first course (more can follow through the API). The checks
/// are <see cref="VoucherProviders.RegisterAsync"/>'s; the page reads a price as the reader writes it (1.250,00 in
/// Dutch) and start dates as dd-mm-jjjj, and shows each message at its field in the reader's language.
/// </summary>
[AllowAnonymous]
public sealed class RegisterProviderModel(PactwerkDb db, VoucherProviders providers, IStringLocalizer<SharedResource> t) : PageModel
{
    public const string PriceUnreadable = "Vul de prijs in als bedrag in euro's, zoals 1.250,00.";
    public const string StartsUnreadable = "Vul de startdatums in als dd-mm-jjjj, gescheiden door komma's, zoals 01-02-2027, 01-09-2027.";

    public sealed class Form
    {
        public string? Name { get; set; }
        public string? KvkNumber { get; set; }
        public string? Iban { get; set; }
        public string? QualityRegistration { get; set; }
        public string? Title { get; set; }
        public string? Level { get; set; }
        public string? Hours { get; set; }
        public string? Price { get; set; }
        public string? StartDates { get; set; }
        public string? TargetOccupation { get; set; }
    }

    [BindProperty] public Form Input { get; set; } = new();
    public VoucherScheme Scheme { get; private set; } = null!;
    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public string? Registered { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct) => await LoadAsync(code, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken ct)
    {
        if (!await LoadAsync(code, ct))
            return NotFound();
        var unreadable = new Dictionary<string, string[]>();
        decimal? price = null;
        if (!string.IsNullOrWhiteSpace(Input.Price))
        {
            var text = Input.Price.Replace("€", "").Trim();
            if (Pactwerk.Web.Shared.TypedNumber.Read(text, CultureInfo.CurrentCulture, out _) is { } p)
                price = p;
            else
                unreadable["Price"] = [PriceUnreadable];
        }
        int? hours = int.TryParse(Input.Hours?.Trim(), NumberStyles.Integer, CultureInfo.CurrentCulture, out var h) ? h : null;
        var starts = new List<DateOnly>();
        foreach (var part in (Input.StartDates ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            if (ApplyModel.DutchDay(part) is { } day)
                starts.Add(DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture));
            else
                unreadable["StartDates"] = [StartsUnreadable];
        }
        var input = new VoucherProviderInput
        {
            Name = Input.Name, KvkNumber = Input.KvkNumber, Iban = Input.Iban, QualityRegistration = Input.QualityRegistration,
            Courses = [new VoucherCourseInput(Input.Title, Scheme.Sectors.FirstOrDefault() ?? "techniek", Input.Level, hours, price, starts, Input.TargetOccupation)],
        };
        if (unreadable.Count > 0)
        {
            // A value the page could not read is refused before anything can be saved; the rest is checked without it.
            Errors = VoucherMessages.Localise(t, unreadable);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var (provider, errors) = await providers.RegisterAsync(Scheme, input, ct);
        if (provider is null)
        {
            Errors = VoucherMessages.Localise(t, errors);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Registered = provider.Name;
        Input = new();
        return Page();
    }

    /// <summary>The id of the field a message belongs to; the course's messages go with its block.</summary>
    public static string FieldOf(string key) =>
        key is "Name" or "KvkNumber" or "Iban" or "QualityRegistration" or "Price" or "StartDates" ? "Input_" + key : CourseField;

    private const string CourseField = "Input_Title";

    public IReadOnlyList<string> At(string fieldId) => Errors.Where(e => FieldOf(e.Key) == fieldId).SelectMany(e => e.Value).ToList();

    private async Task<bool> LoadAsync(string code, CancellationToken ct)
    {
        if (await db.VoucherSchemes.AsNoTracking().SingleOrDefaultAsync(s => s.Code == code, ct) is not { } scheme)
            return false;
        Scheme = scheme;
        return true;
    }
}
