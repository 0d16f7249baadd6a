using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.Vouchers;

/// <summary>
/// The officer reviews the delivered vouchers' evidence: approve it for payment, send it back to the provider, or refuse
/// the voucher, always with a reason (<see cref="VoucherLife.ReviewAsync"/> and <see cref="VoucherLife.RefuseAsync"/>, as
/// the API does); and refuses any application not yet approved by its number.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class ReviewEvidenceModel(PactwerkDb db, VoucherLife life, AccessScopeProvider scopes, IStringLocalizer<SharedResource> t) : OfficerPageModel
{
    public const string DecisionMissing = "Kies goedkeuren, terugsturen of weigeren.";
    public const string NumberMissing = "Vul het aanvraagnummer in, zoals TECHNIEK-000012.";

    public IReadOnlyList<VoucherDto> Delivered { get; private set; } = [];
    [BindProperty] public string? Voucher { get; set; }
    [BindProperty] public string? Decision { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? Number { get; set; }
    /// <summary>Errors by field id on this page.</summary>
    public IDictionary<string, string> Errors { get; } = new Dictionary<string, string>();
    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct) => await LoadAsync(code, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken ct)
    {
        if (await LoadAsync(code, ct) is { } refused)
            return refused;
        if (Delivered.FirstOrDefault(v => v.Code == Voucher) is not { } voucher)
        {
            // Reviewed meanwhile by another officer, or never delivered: the list as it is now says which.
            Errors["top"] = t[VoucherMessages.OnlyDeliveredApproved];
            return await AnswerAsync(code, StatusCodes.Status409Conflict, ct);
        }
        if (Decision is not ("approve" or "return" or "refuse"))
            Errors[$"Decision-{voucher.Code}"] = t[DecisionMissing];
        if (!VoucherLife.IsReason(Reason))
            Errors[$"Reason-{voucher.Code}"] = t[VoucherMessages.ReasonMissing];
        if (Errors.Count > 0)
            return await AnswerAsync(code, StatusCodes.Status400BadRequest, ct);
        var reason = Reason!.Trim();
        (LifeOutcome Outcome, string? Message) result = Decision switch
        {
            "refuse" => await life.RefuseAsync(Scheme.Code, voucher.Number, reason, ct),
            _ => await ReviewAsync(voucher.Code, Decision == "approve", reason, ct),
        };
        if (result.Outcome != LifeOutcome.Done)
        {
            Errors[$"Decision-{voucher.Code}"] = VoucherMessages.Localise(t, result.Message!);
            return await AnswerAsync(code, result.Outcome == LifeOutcome.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status409Conflict, ct);
        }
        Done = Decision switch
        {
            "approve" => t["Het bewijs van voucher {0} is goedgekeurd voor betaling.", voucher.Code],
            "return" => t["Het bewijs van voucher {0} is teruggestuurd naar de opleider, met de reden.", voucher.Code],
            _ => t["Voucher {0} is geweigerd; het bedrag gaat terug naar het budget.", voucher.Code],
        };
        (Voucher, Decision, Reason) = (null, null, null);
        return await AnswerAsync(code, StatusCodes.Status200OK, ct);
    }

    public async Task<IActionResult> OnPostRefuseAsync(string code, CancellationToken ct)
    {
        if (await LoadAsync(code, ct) is { } refused)
            return refused;
        if (string.IsNullOrWhiteSpace(Number))
            Errors["Number"] = t[NumberMissing];
        if (!VoucherLife.IsReason(Reason))
            Errors["RefuseReason"] = t[VoucherMessages.ReasonMissing];
        if (Errors.Count > 0)
            return await AnswerAsync(code, StatusCodes.Status400BadRequest, ct);
        var (outcome, message) = await life.RefuseAsync(Scheme.Code, Number, Reason, ct);
        if (outcome != LifeOutcome.Done)
        {
            Errors["Number"] = VoucherMessages.Localise(t, message!);
            return await AnswerAsync(code, outcome switch
            {
                LifeOutcome.Forbidden => StatusCodes.Status403Forbidden,
                LifeOutcome.WrongState => StatusCodes.Status409Conflict,
                LifeOutcome.Invalid => StatusCodes.Status400BadRequest,
                _ => StatusCodes.Status404NotFound,
            }, ct);
        }
        Done = t["Aanvraag {0} is geweigerd.", Number!.Trim().ToUpperInvariant()];
        (Number, Reason) = (null, null);
        return await AnswerAsync(code, StatusCodes.Status200OK, ct);
    }

    private async Task<(LifeOutcome, string?)> ReviewAsync(string voucher, bool approve, string reason, CancellationToken ct)
    {
        var (outcome, _) = await life.ReviewAsync(voucher, approve, reason, ct);
        return (outcome, outcome switch
        {
            LifeOutcome.Forbidden => approve ? VoucherMessages.OnlyOfficersApprove : VoucherMessages.OnlyOfficersSendBack,
            _ => approve ? VoucherMessages.OnlyDeliveredApproved : VoucherMessages.OnlyDeliveredSentBack,
        });
    }

    private async Task<IActionResult> AnswerAsync(string code, int status, CancellationToken ct)
    {
        Response.StatusCode = status;
        await LoadAsync(code, ct);
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(string code, CancellationToken ct)
    {
        if (await OpenSchemeAsync(db, scopes, code, forChange: false, ct) is { } refused)
            return refused;
        var scheme = Scheme;
        Delivered = await life.DeliveredAsync(scheme.Id, ct);
        return null;
    }
}
