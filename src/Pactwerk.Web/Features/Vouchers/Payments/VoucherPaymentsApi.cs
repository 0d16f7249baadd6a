using Microsoft.AspNetCore.Http.HttpResults;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Vouchers;

/// <summary>A payment the officer approves: the voucher's code, advance or final, the amount of an advance, and why.</summary>
public sealed record PaymentInput(string? Voucher, string? Kind, decimal? Amount, string? Reason);

/// <summary>Paying providers: payments with four eyes, batches with their SEPA and CSV files, and the bank's statement.</summary>
public static class VoucherPaymentsApi
{
    public static RouteGroupBuilder MapVoucherPaymentsApi(this RouteGroupBuilder api)
    {
        var schemes = api.MapGroup("/voucher-schemes/{code}").WithTags("Vouchers").RequireAuthorization(Policies.SignedIn);
        schemes.MapGet("/payments", GetPayments).WithName("GetVoucherPayments")
            .WithSummary("The officer's payments overview: vouchers that may be paid now, payments with their approvals and co-signatures, and batches.");
        schemes.MapPost("/payments", ApprovePayment).WithName("ApproveVoucherPayment")
            .WithSummary("The officer approves a payment of a voucher (final after approved delivery; an advance only where the scheme allows one); above the four-eyes threshold it awaits a second officer.");
        schemes.MapPost("/payments/{id:int}/co-signature", CoSignPayment).WithName("CoSignVoucherPayment")
            .WithSummary("A second, different officer co-signs a payment above the scheme's four-eyes threshold, with a reason.");
        schemes.MapPost("/payments/{id:int}/retry", RetryPayment).WithName("RetryVoucherPayment")
            .WithSummary("An officer offers a payment the bank returned again, with a reason: a new transfer (next attempt, its own end-to-end id) for the next batch; above the four-eyes threshold a second officer co-signs again.");
        schemes.MapPost("/payment-batches", CreateBatch).WithName("CreateVoucherPaymentBatch")
            .WithSummary("The officer collects every approved (and where needed co-signed) payment not yet in a batch into one new batch.");
        schemes.MapGet("/payment-batches/{id:int}/pain001", GetPain001).WithName("GetVoucherPaymentBatchPain001")
            .WithSummary("A batch as a SEPA credit transfer file (ISO 20022 pain.001.001.03) for the bank.");
        schemes.MapGet("/payment-batches/{id:int}/csv", GetBatchCsv).WithName("GetVoucherPaymentBatchCsv")
            .WithSummary("A batch as CSV for the finance system.");
        schemes.MapPost("/reconciliation", Reconcile).WithName("ReconcileVoucherPayments")
            .WithSummary("The officer uploads a CAMT.053 bank statement or a CSV (end_to_end_id, amount, date); matching batched payments become paid, anything else is listed.")
            .Accepts<IFormFile>("multipart/form-data");
        return api;
    }

    public static ProblemHttpResult Refused(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Niet toegestaan");

    private static ProblemHttpResult Problem<T>(PaymentResult<T> result) => result.Outcome switch
    {
        PaymentOutcome.NotFound => ApiProblems.NotFound(result.Message!),
        PaymentOutcome.Forbidden => ApiProblems.Forbidden(result.Message!),
        _ => Refused(result.Message!),
    };

    private static ValidationProblem? Reason(string? reason) =>
        string.IsNullOrWhiteSpace(reason) || reason.Length > 1000
            ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["Geef de reden van het besluit (hoogstens 1000 tekens)."] },
                title: "Het besluit is niet in orde; er is niets veranderd")
            : null;

    private static async Task<Results<Ok<PaymentsOverview>, ProblemHttpResult>> GetPayments(string code, VoucherPayments payments, CancellationToken ct)
    {
        var result = await payments.OverviewAsync(code, ct);
        return result.Outcome == PaymentOutcome.Done ? TypedResults.Ok(result.Value!) : Problem(result);
    }

    private static async Task<Results<Created<PaymentDto>, ValidationProblem, ProblemHttpResult>> ApprovePayment(string code, PaymentInput input, VoucherPayments payments,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        PaymentKind? kind = input.Kind?.Trim().ToLowerInvariant() switch { "final" => PaymentKind.Final, "advance" => PaymentKind.Advance, _ => null };
        if (kind is null)
            errors["kind"] = ["Kies het soort betaling: final (slotbetaling) of advance (voorschot)."];
        if (string.IsNullOrWhiteSpace(input.Voucher))
            errors["voucher"] = ["Vul de code van de voucher in."];
        if (string.IsNullOrWhiteSpace(input.Reason) || input.Reason.Length > 1000)
            errors["reason"] = ["Geef de reden van het besluit (hoogstens 1000 tekens)."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "De betaling is niet in orde; er is niets veranderd");
        var result = await payments.ApproveAsync(code, input.Voucher, kind!.Value, input.Amount, input.Reason!.Trim(), ct);
        return result.Outcome == PaymentOutcome.Done
            ? TypedResults.Created($"/api/v1/voucher-schemes/{code}/payments", result.Value!)
            : Problem(result);
    }

    private static Task<Results<Ok<PaymentDto>, ValidationProblem, ProblemHttpResult>> CoSignPayment(string code, int id, ReasonInput input, VoucherPayments payments,
        CancellationToken ct) =>
        PaymentStepAsync(input, reason => payments.CoSignAsync(code, id, reason, ct));

    private static Task<Results<Ok<PaymentDto>, ValidationProblem, ProblemHttpResult>> RetryPayment(string code, int id, ReasonInput input, VoucherPayments payments,
        CancellationToken ct) =>
        PaymentStepAsync(input, reason => payments.RetryAsync(code, id, reason, ct));

    /// <summary>A step on one payment that needs a reason: a missing reason is a 400, otherwise the step's answer.</summary>
    private static async Task<Results<Ok<PaymentDto>, ValidationProblem, ProblemHttpResult>> PaymentStepAsync(ReasonInput input,
        Func<string, Task<PaymentResult<PaymentDto>>> step)
    {
        if (Reason(input.Reason) is { } invalid)
            return invalid;
        var result = await step(input.Reason!.Trim());
        return result.Outcome == PaymentOutcome.Done ? TypedResults.Ok(result.Value!) : Problem(result);
    }

    private static async Task<Results<Created<BatchDto>, ProblemHttpResult>> CreateBatch(string code, VoucherPayments payments, CancellationToken ct)
    {
        var result = await payments.BatchAsync(code, ct);
        return result.Outcome == PaymentOutcome.Done ? TypedResults.Created(result.Value!.XmlUrl, result.Value) : Problem(result);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetPain001(string code, int id, VoucherPayments payments, CancellationToken ct)
    {
        var result = await payments.BatchFilesAsync(code, id, ct);
        if (result.Outcome != PaymentOutcome.Done)
            return Problem(result);
        var (scheme, batch, transfers) = result.Value;
        return TypedResults.File(SepaCreditTransfer.Pain001Bytes(scheme, batch, transfers), "application/xml", $"{batch.MessageId}.xml");
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetBatchCsv(string code, int id, VoucherPayments payments, CancellationToken ct)
    {
        var result = await payments.BatchFilesAsync(code, id, ct);
        if (result.Outcome != PaymentOutcome.Done)
            return Problem(result);
        var (_, batch, transfers) = result.Value;
        return TypedResults.File(SepaCreditTransfer.Csv(batch, transfers), "text/csv; charset=utf-8", $"{batch.MessageId}.csv");
    }

    private static async Task<Results<Ok<ReconciliationResult>, ProblemHttpResult>> Reconcile(string code, HttpRequest request, VoucherPayments payments, CancellationToken ct)
    {
        // Who may reconcile is answered before the file is read.
        var allowed = await payments.OverviewAsync(code, ct);
        if (allowed.Outcome != PaymentOutcome.Done)
            return Problem(allowed);
        var (form, problem) = await Uploads.ReadFormAsync(request, BankStatement.MaxBytes, ct);
        if (problem is not null)
            return problem;
        var file = form!.Files.GetFile("file")!;
        if (file.Length > BankStatement.MaxBytes)
            return TypedResults.Problem($"Het bestand is te groot: hoogstens {Uploads.Megabytes(BankStatement.MaxBytes)} MB. Er is niets veranderd.",
                statusCode: StatusCodes.Status413PayloadTooLarge, title: "Bestand te groot");
        var (lines, error) = BankStatement.Read(await Uploads.ReadAllAsync(file, ct));
        if (error is not null)
            return TypedResults.Problem(error, statusCode: StatusCodes.Status400BadRequest, title: "Het bestand is niet in orde");
        var result = await payments.ReconcileAsync(code, lines, ct);
        return result.Outcome == PaymentOutcome.Done ? TypedResults.Ok(result.Value!) : Problem(result);
    }
}
