using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.Vouchers;

/// <summary>
/// The officer pays providers: approve payments of payable vouchers, co-sign a colleague's payments
/// above the four-eyes threshold, make batches and download their files, and reconcile the bank's
/// statement. Every action goes through <see cref="VoucherPayments"/>, as the API does.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class PaymentsModel(VoucherPayments payments, IStringLocalizer<SharedResource> t) : PageModel
{
    public const string ReasonMissing = "Geef de reden van het besluit (hoogstens 1000 tekens).";
    public const string AmountInvalid = "Vul het bedrag van het voorschot in euro's in, zoals 250,00.";
    public const string FileMissing = "Kies een bankafschrift (CAMT.053, XML) of een CSV-bestand.";

    public PaymentsOverview Overview { get; private set; } = null!;
    [BindProperty] public string? Voucher { get; set; }
    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public string? Amount { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public int Payment { get; set; }
    /// <summary>Which form the errors belong to: the voucher's code, or the payment's number.</summary>
    public string? Answered { get; private set; }
    public IDictionary<string, string> Errors { get; } = new Dictionary<string, string>();
    public string? Done { get; private set; }
    public ReconciliationResult? Reconciled { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct) => await LoadAsync(code, ct) ?? Page();

    public async Task<IActionResult> OnPostPayAsync(string code, CancellationToken ct)
    {
        if (await LoadAsync(code, ct) is { } refused)
            return refused;
        Answered = Voucher;
        var kind = Kind == "advance" ? PaymentKind.Advance : PaymentKind.Final;
        decimal? amount = null;
        if (kind == PaymentKind.Advance)
        {
            if (!string.IsNullOrWhiteSpace(Amount) && Pactwerk.Web.Shared.TypedNumber.Read(Amount, CultureInfo.CurrentCulture, out _) is { } parsed)
                amount = parsed;
            else
                Errors["Amount"] = t[AmountInvalid].Value;
        }
        if (string.IsNullOrWhiteSpace(Reason) || Reason.Length > 1000)
            Errors["Reason"] = t[ReasonMissing].Value;
        if (Errors.Count == 0)
        {
            var result = await payments.ApproveAsync(code, Voucher, kind, amount, Reason!.Trim(), ct);
            if (result.Outcome == PaymentOutcome.Done)
                Done = t[result.Value!.Status == PaymentStatus.AwaitingCoSignature
                    ? "Betaling {0} van {1} is goedgekeurd en wacht op medeondertekening door een tweede behandelaar."
                    : "Betaling {0} van {1} is goedgekeurd en gaat mee in de volgende batch.", result.Value.Id, VoucherFormat.Money(result.Value.Amount)].Value;
            else
                Errors["Voucher"] = t[result.Message!].Value;
        }
        return await AnswerAsync(code, ct);
    }

    public Task<IActionResult> OnPostCoSignAsync(string code, CancellationToken ct) =>
        PaymentStepAsync(code, Payment.ToString(CultureInfo.InvariantCulture), reason => payments.CoSignAsync(code, Payment, reason, ct),
            _ => t["Betaling {0} is medeondertekend en gaat mee in de volgende batch.", Payment].Value, ct);

    public Task<IActionResult> OnPostRetryAsync(string code, CancellationToken ct) =>
        PaymentStepAsync(code, "retry-" + Payment.ToString(CultureInfo.InvariantCulture), reason => payments.RetryAsync(code, Payment, reason, ct),
            done => t[done.Status == PaymentStatus.AwaitingCoSignature
                ? "Betaling {0} wordt opnieuw betaald met kenmerk {1}; een tweede behandelaar tekent mee."
                : "Betaling {0} wordt opnieuw betaald met kenmerk {1} en gaat mee in de volgende batch.", Payment, done.EndToEndId].Value, ct);

    /// <summary>A step on one payment that needs a reason (co-signing, paying again): the reason checked, the step taken, its answer shown.</summary>
    private async Task<IActionResult> PaymentStepAsync(string code, string answered, Func<string, Task<PaymentResult<PaymentDto>>> step,
        Func<PaymentDto, string> done, CancellationToken ct)
    {
        if (await LoadAsync(code, ct) is { } refused)
            return refused;
        Answered = answered;
        if (string.IsNullOrWhiteSpace(Reason) || Reason.Length > 1000)
            Errors["Reason"] = t[ReasonMissing].Value;
        else
        {
            var result = await step(Reason.Trim());
            if (result.Outcome == PaymentOutcome.Done)
                Done = done(result.Value!);
            else
                Errors["Payment"] = t[result.Message!].Value;
        }
        return await AnswerAsync(code, ct);
    }

    public async Task<IActionResult> OnPostBatchAsync(string code, CancellationToken ct)
    {
        if (await LoadAsync(code, ct) is { } refused)
            return refused;
        Answered = "batch";
        var result = await payments.BatchAsync(code, ct);
        if (result.Outcome == PaymentOutcome.Done)
            Done = t["Batch {0} is gemaakt: {1} betalingen, samen {2}.", result.Value!.Id, result.Value.Count, VoucherFormat.Money(result.Value.Total)].Value;
        else
            Errors["Batch"] = t[result.Message!].Value;
        return await AnswerAsync(code, ct);
    }

    public async Task<IActionResult> OnPostReconcileAsync(string code, IFormFile? statement, CancellationToken ct)
    {
        if (await LoadAsync(code, ct) is { } refused)
            return refused;
        Answered = "reconcile";
        if (statement is null || statement.Length == 0)
            Errors["Statement"] = t[FileMissing].Value;
        else if (statement.Length > BankStatement.MaxBytes)
            Errors["Statement"] = t["Het bestand is te groot: hoogstens {0} MB. Er is niets veranderd.", Pactwerk.Web.Shared.Uploads.Megabytes(BankStatement.MaxBytes)].Value;
        else
        {
            var (lines, error) = BankStatement.Read(await Pactwerk.Web.Shared.Uploads.ReadAllAsync(statement, ct));
            if (error is not null)
                Errors["Statement"] = error;
            else
            {
                var result = await payments.ReconcileAsync(code, lines, ct);
                if (result.Outcome == PaymentOutcome.Done)
                    Reconciled = result.Value;
                else
                    Errors["Statement"] = t[result.Message!].Value;
            }
        }
        return await AnswerAsync(code, ct);
    }

    private async Task<IActionResult> AnswerAsync(string code, CancellationToken ct)
    {
        if (Errors.Count > 0)
            Response.StatusCode = StatusCodes.Status400BadRequest;
        else
            (Voucher, Kind, Amount, Reason) = (null, null, null, null);
        return await LoadAsync(code, ct) ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(string code, CancellationToken ct)
    {
        var result = await payments.OverviewAsync(code, ct);
        if (result.Outcome == PaymentOutcome.NotFound)
            return NotFound();
        if (result.Outcome != PaymentOutcome.Done)
            return Forbid();
        Overview = result.Value!;
        Response.Headers.CacheControl = "no-store";
        return null;
    }
}
