using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Pactwerk.Web.Features.Vouchers;

/// <summary>
/// The applicant's status page behind the link with their key: no account and no session, one indexed read
/// (<see cref="VoucherApplications.StatusAsync"/>), nothing kept by a browser or proxy (it is personal).
/// Withdrawing asks to confirm first, so a link opened by a mail scanner withdraws nothing; the key then
/// travels in the form's body, not in a logged address.
/// </summary>
[AllowAnonymous]
public sealed class StatusModel(VoucherApplications applications, EmailConfirmations confirmations) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Key { get; set; }
    /// <summary>The confirmation step of a withdrawal.</summary>
    [BindProperty(SupportsGet = true, Name = "intrekken")] public bool Confirm { get; set; }
    public ApplicationStatus? Status { get; private set; }
    public bool JustWithdrawn { get; private set; }
    /// <summary>A withdrawal asked for an application that can no longer be withdrawn.</summary>
    public bool Refused { get; private set; }
    /// <summary>What came of asking for the confirmation mail again; null when not asked.</summary>
    public ResendOutcome? Resent { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        NoStore();
        Status = await applications.StatusAsync(Key, ct);
        if (Status is null)
            Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        NoStore();
        if (!await applications.WithdrawAsync(Key, ct))
        {
            Status = await applications.StatusAsync(Key, ct);
            Refused = Status is not null;
            Response.StatusCode = Status is null ? StatusCodes.Status404NotFound : StatusCodes.Status409Conflict;
            return Page();
        }
        JustWithdrawn = true;
        Status = await applications.StatusAsync(Key, ct);
        return Page();
    }

    /// <summary>Mails the link that confirms the address again (at most every ten minutes).</summary>
    public async Task<IActionResult> OnPostResendAsync(CancellationToken ct)
    {
        NoStore();
        Resent = await confirmations.ResendAsync(Key, ct);
        Status = await applications.StatusAsync(Key, ct);
        if (Status is null)
            Response.StatusCode = StatusCodes.Status404NotFound;
        else if (Resent == ResendOutcome.TooSoon)
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
        return Page();
    }

    /// <summary>Whether this application can still be withdrawn (while waiting or granted, before the course).</summary>
    public bool MayWithdraw => Status is { } s && VoucherApplication.IsOpen(s.Status);

    private void NoStore()
    {
        Response.Headers.CacheControl = "no-store";
        // The key must not leave with a link to another site.
        Response.Headers["Referrer-Policy"] = "no-referrer";
    }
}
