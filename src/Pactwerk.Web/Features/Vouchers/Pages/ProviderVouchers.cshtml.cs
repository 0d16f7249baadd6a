using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.Vouchers;

/// <summary>
/// A provider user's vouchers (<c>/aanbieder</c>): confirm an enrolment with the voucher code the participant brings and
/// the start date, submit the delivery evidence of an enrolled voucher, and read why evidence was sent back. Every step
/// is <see cref="VoucherLife"/>'s, as for the API, so the same rules and answers hold; the page only reads Dutch dates.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class ProviderVouchersModel(VoucherLife life, VoucherProviderUsers providerUsers, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public const string CodeMissing = "Vul de vouchercode in die de deelnemer u gaf.";
    public const string StartDutchInvalid = "Vul de startdatum in als dd-mm-jjjj, zoals 01-02-2027.";
    public const string CompletedOnDutchInvalid = "Vul de datum van afronding in als dd-mm-jjjj, zoals 31-03-2027.";

    public sealed class ConfirmForm
    {
        public string? Code { get; set; }
        /// <summary>dd-mm-jjjj as people write it (jjjj-mm-dd is read too).</summary>
        public string? Start { get; set; }
    }

    public sealed class EvidenceForm
    {
        public string? Code { get; set; }
        public string? Attendance { get; set; }
        public string? CompletedOn { get; set; }
        public IFormFile? Certificate { get; set; }
    }

    [BindProperty] public ConfirmForm Confirm { get; set; } = new();
    [BindProperty] public EvidenceForm Evidence { get; set; } = new();
    public bool ActsForProvider { get; private set; }
    public IReadOnlyList<ProviderVoucher> Vouchers { get; private set; } = [];
    /// <summary>The errors of the form that was sent, by field id on this page.</summary>
    public IDictionary<string, string> Errors { get; } = new Dictionary<string, string>();
    /// <summary>Which form the errors belong to: "confirm", or the code of the voucher whose evidence was sent.</summary>
    public string? Answered { get; private set; }
    public string? Done { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken ct)
    {
        Answered = "confirm";
        var code = Confirm.Code?.Trim();
        var start = ApplyModel.DutchDay(Confirm.Start);
        if (string.IsNullOrEmpty(code))
            Errors["Confirm_Code"] = t[CodeMissing];
        if (start is null)
            Errors["Confirm_Start"] = t[StartDutchInvalid];
        if (Errors.Count == 0)
        {
            var (outcome, confirmed) = await life.ConfirmByProviderAsync(code, DateOnly.ParseExact(start!, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), ct);
            switch (outcome)
            {
                case LifeOutcome.Done:
                    Done = confirmed!.Status == VoucherStatus.Enrolled
                        ? t["De inschrijving van voucher {0} is bevestigd; de deelnemer had haar al bevestigd, dus de voucher is ingeschreven.", confirmed.Code]
                        : t["De inschrijving van voucher {0} is bevestigd; nu bevestigt de deelnemer haar nog via de eigen statuslink.", confirmed.Code];
                    Confirm = new();
                    break;
                case LifeOutcome.Forbidden:
                    Errors["Confirm_Code"] = t[VoucherMessages.OnlyProviderConfirms];
                    break;
                case LifeOutcome.WrongState:
                    Errors["Confirm_Code"] = t[VoucherMessages.OnlyGrantedEnrols];
                    break;
                case LifeOutcome.StartMismatch:
                    Errors["Confirm_Start"] = t[VoucherMessages.StartMismatch];
                    break;
                default:
                    Errors["Confirm_Code"] = t[VoucherMessages.VoucherNotFound];
                    break;
            }
        }
        return await AnswerAsync(ct);
    }

    public async Task<IActionResult> OnPostEvidenceAsync(CancellationToken ct)
    {
        var code = Evidence.Code?.Trim().ToUpperInvariant() ?? "";
        Answered = code;
        // Who may submit is answered before the file is looked at, as the API does.
        if (await life.GetAsync(code, ct) is null)
        {
            Answered = null;
            Errors["top"] = t[VoucherMessages.VoucherNotFound];
            return await AnswerAsync(ct, StatusCodes.Status404NotFound);
        }
        var file = Evidence.Certificate;
        // Too large is said from the declared size; only a file within the limit is read.
        var bytes = file is null ? null : file.Length > VoucherLife.MaxCertificateBytes ? new byte[VoucherLife.MaxCertificateBytes + 1] : await Pactwerk.Web.Shared.Uploads.ReadAllAsync(file, ct);
        var completed = ApplyModel.DutchDay(Evidence.CompletedOn);
        var (errors, attendance, completedOn, contentType) = VoucherLife.CheckEvidence(
            new EvidenceInput(Evidence.Attendance, completed ?? Evidence.CompletedOn, file?.FileName, bytes), DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        // The page asks for a Dutch date, so it says so; the API's message names the API's format.
        if (errors.TryGetValue("completedOn", out var completedErrors) && completedErrors.Contains(VoucherMessages.CompletedOnInvalid))
            errors["completedOn"] = [CompletedOnDutchInvalid];
        foreach (var (field, messages) in VoucherMessages.Localise(t, errors))
            Errors[EvidenceField(field, code)] = string.Join(" ", messages);
        if (Errors.Count == 0)
        {
            var (outcome, delivered) = await life.SubmitEvidenceAsync(code, attendance, completedOn, file!.FileName, contentType, bytes!, ct);
            switch (outcome)
            {
                case LifeOutcome.Done:
                    Done = t["Het bewijs voor voucher {0} is ingediend; de behandelaar van de regeling beoordeelt het.", delivered!.Code];
                    (Evidence, Answered) = (new(), null);
                    break;
                case LifeOutcome.Forbidden:
                    Errors[EvidenceField("file", code)] = t[VoucherMessages.OnlyProviderSubmits];
                    break;
                default:
                    Errors[EvidenceField("file", code)] = t[VoucherMessages.OnlyEnrolledDelivers];
                    break;
            }
        }
        return await AnswerAsync(ct);
    }

    /// <summary>The id of an evidence field of one voucher's form.</summary>
    public static string EvidenceField(string field, string code) => field switch
    {
        "attendancePercent" => $"Attendance-{code}",
        "completedOn" => $"CompletedOn-{code}",
        _ => $"Certificate-{code}",
    };

    private async Task<IActionResult> AnswerAsync(CancellationToken ct, int failed = StatusCodes.Status400BadRequest)
    {
        if (Errors.Count > 0)
            Response.StatusCode = failed;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        ActsForProvider = await providerUsers.ActsForAnyAsync(ct);
        Vouchers = ActsForProvider ? await providerUsers.VouchersAsync(ct) : [];
    }
}
