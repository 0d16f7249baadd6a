using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Vouchers;

public sealed record ProviderUserInput(string? Email);
public sealed record ProviderUserDto(int ProviderId, string Email);
public sealed record ReasonInput(string? Reason);
/// <summary>The provider's enrolment: the course's start date as the participant gave it, yyyy-MM-dd.</summary>
public sealed record EnrolmentInput(string? Start);

/// <summary>The voucher's life after the grant: provider users, enrolment, delivery evidence, the officer's review, refusal.</summary>
public static class VoucherLifeApi
{
    public static RouteGroupBuilder MapVoucherLifeApi(this RouteGroupBuilder api)
    {
        var schemes = api.MapGroup("/voucher-schemes").WithTags("Vouchers");
        schemes.MapPost("/{code}/providers/{id:int}/users", LinkProviderUser).WithName("LinkVoucherProviderUser")
            .WithSummary("The officer lets an account act for a vetted provider (a new address gets an account and a set-password mail): it confirms enrolments and submits evidence for that provider's vouchers.").RequireAuthorization(Policies.SignedIn);
        schemes.MapGet("/{code}/delivered", GetDelivered).WithName("GetDeliveredVouchers")
            .WithSummary("The scheme's delivered vouchers with their evidence, for its officers to approve or send back.").RequireAuthorization(Policies.SignedIn);
        schemes.MapPost("/{code}/applications/{number}/refusal", Refuse).WithName("RefuseVoucherApplication")
            .WithSummary("The officer refuses an application or voucher not yet approved (waiting, pending, granted, enrolled or delivered) with a reason; what it held goes back and the waiting list moves up.").RequireAuthorization(Policies.SignedIn);

        var vouchers = api.MapGroup("/vouchers").WithTags("Vouchers");
        vouchers.MapGet("/{code}", GetVoucher).WithName("GetVoucher")
            .WithSummary("A voucher for its provider and the scheme's officers: status, amount, course, start, confirmations and evidence.").RequireAuthorization(Policies.SignedIn);
        vouchers.MapPost("/{code}/enrolment", ConfirmByProvider).WithName("ConfirmVoucherEnrolmentByProvider")
            .WithSummary("The voucher's provider confirms the enrolment with the course's start date (`{\"start\": \"2027-02-01\"}`), its check that the code is the participant's; once the participant has confirmed too, the voucher is enrolled.").RequireAuthorization(Policies.SignedIn);
        vouchers.MapPost("/{code}/completion", SubmitEvidence).WithName("SubmitVoucherEvidence")
            .WithSummary("The voucher's provider submits the delivery evidence (attendance, completion date, certificate as PDF, PNG or JPEG) of an enrolled voucher.")
            .RequireAuthorization(Policies.SignedIn).Accepts<IFormFile>("multipart/form-data");
        vouchers.MapGet("/{code}/certificate", GetCertificate).WithName("GetVoucherCertificate")
            .WithSummary("The certificate of a delivered voucher, for its provider and the scheme's officers.").RequireAuthorization(Policies.SignedIn);
        vouchers.MapPost("/{code}/approval", Approve).WithName("ApproveVoucherEvidence")
            .WithSummary("The officer approves a delivered voucher's evidence, with a reason: approved for payment.").RequireAuthorization(Policies.SignedIn);
        vouchers.MapPost("/{code}/return", SendBack).WithName("SendBackVoucherEvidence")
            .WithSummary("The officer sends a delivered voucher's evidence back to the provider with a reason: enrolled again.").RequireAuthorization(Policies.SignedIn);

        // The key from the status link is the proof, in the body as for a withdrawal.
        api.MapPost("/voucher-applications/enrolment", ConfirmByParticipant).WithName("ConfirmVoucherEnrolmentByParticipant")
            .WithSummary("The participant confirms the enrolment with the key of their status link; once the provider has confirmed too, the voucher is enrolled.")
            .WithTags("Vouchers").AllowAnonymous();
        return api;
    }

    private static async Task<Results<Ok<ProviderUserDto>, ValidationProblem, ProblemHttpResult>> LinkProviderUser(string code, int id, ProviderUserInput input,
        VoucherProviderUsers providerUsers, HttpContext http, CancellationToken ct) =>
        await providerUsers.LinkAsync(code, id, input.Email, AccountsApi.SetPasswordUrl(http), ct) switch
        {
            LinkOutcome.Linked linked => TypedResults.Ok(linked.Link),
            LinkOutcome.Invalid invalid => TypedResults.ValidationProblem(invalid.Errors, title: VoucherMessages.LinkInvalid),
            LinkOutcome.Forbidden forbidden => ApiProblems.Forbidden(forbidden.Message),
            LinkOutcome.Conflict conflict => ApiProblems.Conflict(conflict.Message),
            LinkOutcome.NotFound notFound => ApiProblems.NotFound(notFound.Message),
            _ => throw new InvalidOperationException("Unknown outcome."),
        };

    private static async Task<Results<Ok<List<VoucherDto>>, ProblemHttpResult>> GetDelivered(string code, PactwerkDb db, VoucherLife life, AccessScopeProvider scopes, CancellationToken ct)
    {
        var scheme = await db.VoucherSchemes.AsNoTracking().SingleOrDefaultAsync(s => s.Code == code, ct);
        if (scheme is null)
            return ApiProblems.NotFound(VoucherMessages.Format(VoucherMessages.NoScheme, code.Length > 40 ? code[..40] : code));
        if (!VoucherAccess.IsOfficer(await scopes.GetAsync(ct), scheme, forChange: false))
            return ApiProblems.Forbidden(VoucherMessages.OnlyOfficersReview);
        return TypedResults.Ok(await life.DeliveredAsync(scheme.Id, ct));
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Refuse(string code, string number, ReasonInput input, VoucherLife life,
        CancellationToken ct)
    {
        var (outcome, message) = await life.RefuseAsync(code, number, input.Reason, ct);
        return outcome switch
        {
            LifeOutcome.Done => TypedResults.NoContent(),
            LifeOutcome.Invalid => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = [message!] }, title: VoucherMessages.DecisionInvalid),
            LifeOutcome.Forbidden => ApiProblems.Forbidden(message!),
            LifeOutcome.WrongState => ApiProblems.Conflict(message!),
            _ => ApiProblems.NotFound(message!),
        };
    }

    private static async Task<Results<Ok<VoucherDto>, ProblemHttpResult>> GetVoucher(string code, VoucherLife life, CancellationToken ct) =>
        await life.GetAsync(code, ct) is { } voucher ? TypedResults.Ok(voucher) : ApiProblems.NotFound(VoucherLife.NotFoundMessage);

    private static async Task<Results<Ok<VoucherDto>, ValidationProblem, ProblemHttpResult>> ConfirmByProvider(string code, EnrolmentInput? input, VoucherLife life,
        CancellationToken ct)
    {
        if (!DateOnly.TryParseExact(input?.Start?.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var start))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["start"] = [VoucherMessages.EnrolmentStartMissing] }, title: VoucherMessages.EnrolmentInvalid);
        var result = await life.ConfirmByProviderAsync(code, start, ct);
        return result.Outcome == LifeOutcome.StartMismatch
            ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["start"] = [VoucherMessages.StartMismatch] }, title: VoucherMessages.EnrolmentInvalid)
            : Answer(result, VoucherMessages.OnlyProviderConfirms, VoucherMessages.OnlyGrantedEnrols);
    }

    private static async Task<Results<Ok<VoucherDto>, ProblemHttpResult>> ConfirmByParticipant(WithdrawalInput input, VoucherLife life, CancellationToken ct)
    {
        var (outcome, voucher) = await life.ConfirmByParticipantAsync(input.Key, ct);
        return outcome switch
        {
            LifeOutcome.Done => TypedResults.Ok(voucher!),
            LifeOutcome.WrongState => ApiProblems.Conflict(VoucherMessages.OnlyGrantedEnrols),
            LifeOutcome.EmailUnconfirmed => ApiProblems.Conflict(VoucherMessages.ConfirmEmailFirst),
            _ => ApiProblems.NotFound(VoucherMessages.InvalidLink),
        };
    }

    private static async Task<Results<Ok<VoucherDto>, ValidationProblem, ProblemHttpResult>> SubmitEvidence(string code, HttpRequest request, VoucherLife life,
        TimeProvider clock, CancellationToken ct)
    {
        // Who may submit is answered before the file is read: an outsider learns nothing and sends nothing in vain.
        if (await life.GetAsync(code, ct) is null)
            return ApiProblems.NotFound(VoucherLife.NotFoundMessage);
        var (form, problem) = await Uploads.ReadFormAsync(request, VoucherLife.MaxCertificateBytes, ct);
        if (problem is not null)
            return problem;
        var file = form!.Files.GetFile("file")!;
        var bytes = file.Length > VoucherLife.MaxCertificateBytes ? new byte[VoucherLife.MaxCertificateBytes + 1] : await Uploads.ReadAllAsync(file, ct);
        var (errors, attendance, completedOn, contentType) = VoucherLife.CheckEvidence(
            new EvidenceInput(form["attendancePercent"], form["completedOn"], file.FileName, bytes), DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: VoucherMessages.EvidenceInvalid);
        var outcome = await life.SubmitEvidenceAsync(code, attendance, completedOn, file.FileName, contentType, bytes, ct);
        return Answer(outcome, VoucherMessages.OnlyProviderSubmits,
            VoucherMessages.OnlyEnrolledDelivers);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetCertificate(string code, VoucherLife life, HttpContext http, CancellationToken ct)
    {
        if (await life.CertificateAsync(code, ct) is not { } evidence)
            return ApiProblems.NotFound(VoucherMessages.CertificateNotFound);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(evidence.Certificate, evidence.ContentType, evidence.FileName);
    }

    private static async Task<Results<Ok<VoucherDto>, ValidationProblem, ProblemHttpResult>> Approve(string code, ReasonInput input, VoucherLife life, CancellationToken ct) =>
        Reason(input) is { } invalid ? invalid
            : Answer(await life.ReviewAsync(code, approve: true, input.Reason!.Trim(), ct), VoucherMessages.OnlyOfficersApprove,
                VoucherMessages.OnlyDeliveredApproved);

    private static async Task<Results<Ok<VoucherDto>, ValidationProblem, ProblemHttpResult>> SendBack(string code, ReasonInput input, VoucherLife life, CancellationToken ct) =>
        Reason(input) is { } invalid ? invalid
            : Answer(await life.ReviewAsync(code, approve: false, input.Reason!.Trim(), ct), VoucherMessages.OnlyOfficersSendBack,
                VoucherMessages.OnlyDeliveredSentBack);

    private static ValidationProblem? Reason(ReasonInput input) =>
        !VoucherLife.IsReason(input.Reason)
            ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = [VoucherMessages.ReasonMissing] },
                title: VoucherMessages.DecisionInvalid)
            : null;

    private static ProblemHttpResult Problem((LifeOutcome Outcome, VoucherDto? Voucher) result, string forbidden, string wrongState) => result.Outcome switch
    {
        LifeOutcome.Forbidden => ApiProblems.Forbidden(forbidden),
        LifeOutcome.WrongState => ApiProblems.Conflict(wrongState),
        _ => ApiProblems.NotFound(VoucherLife.NotFoundMessage),
    };

    private static Results<Ok<VoucherDto>, ValidationProblem, ProblemHttpResult> Answer((LifeOutcome Outcome, VoucherDto? Voucher) result, string forbidden, string wrongState) =>
        result.Outcome == LifeOutcome.Done ? TypedResults.Ok(result.Voucher!) : Problem(result, forbidden, wrongState);
}
