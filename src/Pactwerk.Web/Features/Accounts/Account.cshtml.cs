using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Accounts;

/// <summary>A user's own page: their roles, what those let them edit, and their API tokens.</summary>
[Microsoft.AspNetCore.Authorization.Authorize(Policy = Policies.InteractiveUser)]
[EnableRateLimiting(Policies.AuthRateLimit)]
public sealed class AccountModel(PactwerkDb db, AccessScopeProvider scopes, AccountService accounts, Agenda.PactActionEditor editor,
    TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed record EditableAction(int Id, string Title, string Region);
    public sealed record OverdueAction(int Id, string Title, IReadOnlyList<int> Years);

    public string DisplayName { get; private set; } = "";
    public string? Email { get; private set; }
    public bool TwoFactorEnabled { get; private set; }
    public List<string> Roles { get; } = [];
    public List<EditableAction> Editable { get; } = [];
    /// <summary>Actions the user may edit whose yearly output reports are overdue.</summary>
    public List<OverdueAction> Overdue { get; } = [];
    public List<ApiToken> Tokens { get; private set; } = [];
    /// <summary>The providers this account signs in through (scheme and name).</summary>
    public List<(string Scheme, string Name)> Logins { get; private set; } = [];
    public string? NewSecret { get; private set; }
    public List<string> Errors { get; } = [];

    [BindProperty] public string TokenName { get; set; } = "";
    [BindProperty] public DateOnly TokenExpiresOn { get; set; } = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(90));
    [BindProperty] public bool TokenReadOnly { get; set; }

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task OnPostCreateTokenAsync(CancellationToken ct)
    {
        switch (await accounts.CreateTokenAsync(UserId, new TokenRequest(TokenName, TokenExpiresOn, TokenReadOnly, null), ct))
        {
            case AccountOutcome<CreatedToken>.Done done:
                NewSecret = done.Value.Secret;
                TokenName = "";
                break;
            case AccountOutcome<CreatedToken>.Invalid invalid:
                Errors.AddRange(invalid.Errors.SelectMany(e => e.Value));
                break;
        }
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id, CancellationToken ct)
    {
        await accounts.RevokeTokenAsync(UserId, id, ct);
        return RedirectToPage();
    }

    /// <summary>
    /// Forgets the link with a provider, e.g. after a change of account there. The next sign-in through it links
    /// again by verified address (with the account's password once, if it has one).
    /// </summary>
    public async Task<IActionResult> OnPostUnlinkAsync(string scheme, CancellationToken ct)
    {
        var logins = await db.UserLogins.Where(l => l.UserId == UserId && l.LoginProvider == scheme).ToListAsync(ct);
        if (logins.Count == 0)
            return RedirectToPage();
        db.UserLogins.RemoveRange(logins);
        foreach (var login in logins)
            db.RecordEvent(clock.GetUtcNow().UtcDateTime, External.ExternalSignInAuditActions.Unlinked, nameof(PactwerkUser), UserId,
                new { Provider = login.LoginProvider, Subject = login.ProviderKey });
        await db.SaveChangesAsync(ct);
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var user = await db.Users.SingleAsync(u => u.Id == UserId, ct);
        (DisplayName, Email, TwoFactorEnabled) = (user.DisplayName, user.Email, user.TwoFactorEnabled);
        var scope = await scopes.GetAsync(ct);
        var ids = scope.Grants.Select(g => g.AssignmentId).ToList();
        foreach (var role in await AccountsApi.RolesQuery(db, r => ids.Contains(r.Id)).ToListAsync(ct))
            Roles.Add(t[$"Rol.{role.Kind}"] + (role.Pact is null ? "" : $" · {role.Pact}") + (role.Region is null ? "" : $" · {role.Region}")
                + (role.Organisation is null ? "" : $" · {role.Organisation}"));

        var actions = await db.PactActions.Select(a => new { a.Id, a.Title, Region = string.Join(", ", a.Regions.Select(r => r.Region.Name)) })
            .OrderBy(a => a.Title).ToListAsync(ct);
        var editable = await editor.EditableAsync(db.PactActions, ct);
        Editable.AddRange(actions.Where(a => editable.Contains(a.Id)).Select(a => new EditableAction(a.Id, a.Title, a.Region)));
        var editableIds = editable.ToList();
        var periods = await db.PactActions.Where(a => editableIds.Contains(a.Id))
            .Select(a => new { a.Id, a.Title, a.Status, a.StartsOn, a.EndsOn }).OrderBy(a => a.Title).ToListAsync(ct);
        var reported = (await db.ActionOutputs.Where(o => editableIds.Contains(o.ActionId)).Select(o => new { o.ActionId, o.Year }).Distinct().ToListAsync(ct))
            .ToLookup(o => o.ActionId, o => o.Year);
        Overdue.AddRange(periods.Select(a => new OverdueAction(a.Id, a.Title,
                Agenda.OutputReporting.OverdueYears(a.Status, a.StartsOn, a.EndsOn, reported[a.Id].ToHashSet(), Web.Shared.Values.Today(clock))))
            .Where(a => a.Years.Count > 0));
        Logins = (await db.UserLogins.Where(l => l.UserId == UserId).OrderBy(l => l.ProviderDisplayName)
            .Select(l => new { l.LoginProvider, l.ProviderDisplayName }).ToListAsync(ct))
            .Select(l => (l.LoginProvider, l.ProviderDisplayName ?? l.LoginProvider)).ToList();
        Tokens = await db.ApiTokens.Where(t => t.UserId == UserId).OrderByDescending(t => t.CreatedAt).ToListAsync(ct);
    }
}
