using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Pactwerk.Web.Features.Vouchers;

/// <summary>
/// The participant confirms their enrolment behind the status link's key, before or after the provider
/// (<see cref="VoucherLife.ConfirmByParticipantAsync"/>, as the API does). Opening the page confirms nothing (a mail
/// scanner may open it); the button posts the key in the body. Personal, so nothing is kept by a browser or proxy.
/// </summary>
[AllowAnonymous]
public sealed class EnrolmentModel(VoucherLife life) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Key { get; set; }
    public ParticipantEnrolment? Enrolment { get; private set; }
    public bool JustConfirmed { get; private set; }
    /// <summary>The voucher has moved on or was closed before this confirmation.</summary>
    public bool TooLate { get; private set; }
    /// <summary>The address is not confirmed yet, so the enrolment cannot be.</summary>
    public bool EmailFirst { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        NoStore();
        Enrolment = await life.EnrolmentAsync(Key, ct);
        if (Enrolment is null)
            Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        NoStore();
        var (outcome, _) = await life.ConfirmByParticipantAsync(Key, ct);
        Enrolment = await life.EnrolmentAsync(Key, ct);
        (JustConfirmed, TooLate, EmailFirst) = (outcome == LifeOutcome.Done, outcome == LifeOutcome.WrongState, outcome == LifeOutcome.EmailUnconfirmed);
        if (Enrolment is null)
            Response.StatusCode = StatusCodes.Status404NotFound;
        else if (TooLate || EmailFirst)
            Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private void NoStore()
    {
        Response.Headers.CacheControl = "no-store";
        Response.Headers["Referrer-Policy"] = "no-referrer";
    }
}
