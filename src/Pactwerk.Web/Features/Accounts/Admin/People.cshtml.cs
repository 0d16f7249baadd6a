using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Accounts.Admin;

public enum InvitationState { Invited, Accepted, Expired }

/// <summary>One role of an account as the page shows it, with whether it holds today.</summary>
public sealed record RoleRow(RoleKind Kind, string? Pact, string? Region, string? Organisation, DateOnly ValidFrom, DateOnly? ValidTo, bool Active);

public sealed record PersonRow(string UserId, string Name, string? Email, IReadOnlyList<RoleRow> Roles, DateTimeOffset? LastSignInLocal, InvitationState Invitation);

/// <summary>
/// Who holds which rights: administrators see every account, a coordinator the accounts with a role
/// in their pacts (and only those roles). "May edit in region" asks the rule that enforces edits,
/// <see cref="AccessScope.MayEdit"/>, with each account's roles of today, so the page shows the rights
/// the site actually grants.
/// </summary>
[Authorize(Policy = Policies.Coordinator)]
public sealed class PeopleModel(PactwerkDb db, AccessScopeProvider scopes, TimeProvider clock, IOptions<DataProtectionTokenProviderOptions> tokens,
    IOptions<External.ExternalSignInOptions> signInOptions) : PageModel
{
    public sealed record Choice(string Code, string Name);

    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public string? Pact { get; set; }
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public RoleKind? Role { get; set; }
    /// <summary>A region code: only accounts that may edit what lies wholly inside it.</summary>
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public string? MayEditIn { get; set; }

    public IReadOnlyList<Choice> Pacts { get; private set; } = [];
    public IReadOnlyList<PersonRow> People { get; private set; } = [];
    public string? Error { get; private set; }
    public string? RegionName { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var allPacts = await db.Pacts.OrderBy(p => p.Name).Select(p => new { p.Id, p.Code, p.Name }).ToListAsync(ct);
        // A coordinator reads their own pacts; an administrator all.
        var readable = allPacts.Where(p => scope.IsAdministrator || scope.Coordinates(p.Id)).ToList();
        Pacts = readable.Select(p => new Choice(p.Code, p.Name)).ToList();

        var pactFilter = string.IsNullOrWhiteSpace(Pact) ? null : readable.FirstOrDefault(p => string.Equals(p.Code, Pact.Trim(), StringComparison.OrdinalIgnoreCase));
        if (!string.IsNullOrWhiteSpace(Pact) && pactFilter is null)
            Error = "Onbekend pact, of een pact dat je niet coördineert.";
        IReadOnlySet<int>? editArea = null;
        if (!string.IsNullOrWhiteSpace(MayEditIn))
        {
            var code = MayEditIn.Trim().ToUpperInvariant();
            var region = await db.Regions.Where(r => r.Code.ToUpper() == code).Select(r => new { r.Id, r.Name }).FirstOrDefaultAsync(ct);
            if (region is null)
                Error = "Er is geen regio met deze code.";
            else
            {
                RegionName = region.Name;
                editArea = (await AccessScopeProvider.MunicipalitiesOfAsync(db, [region.Id], ct))[region.Id];
            }
        }
        if (Error is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var readableIds = readable.Select(p => p.Id).ToList();
        var assignments = await db.RoleAssignments.AsNoTracking().ToListAsync(ct);
        var users = await db.Users.AsNoTracking().Select(u => new { u.Id, u.DisplayName, u.Email, u.PasswordHash, u.CreatedAt, u.LastSignInAt }).ToListAsync(ct);
        var regionIds = assignments.Where(a => a.RegionId is not null).Select(a => a.RegionId!.Value).Distinct().ToList();
        var municipalities = await AccessScopeProvider.MunicipalitiesOfAsync(db, regionIds, ct);
        var regionNames = await db.Regions.Where(r => regionIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => $"{r.Name} ({r.Code})", ct);
        var organisationIds = assignments.Where(a => a.OrganisationId is not null).Select(a => a.OrganisationId!.Value).Distinct().ToList();
        var organisations = await db.Organisations.Where(o => organisationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var pactNames = allPacts.ToDictionary(p => p.Id, p => p.Name);
        var lifespan = tokens.Value.TokenLifespan;
        var now = clock.GetUtcNow().UtcDateTime;

        var rows = new List<PersonRow>();
        foreach (var user in users.OrderBy(u => u.DisplayName, StringComparer.CurrentCulture))
        {
            var own = assignments.Where(a => a.UserId == user.Id).ToList();
            // What a coordinator may read: roles in their pacts. Administrators' roles have no pact and show to administrators only.
            var shown = scope.IsAdministrator ? own : own.Where(a => a.PactId is { } p && readableIds.Contains(p)).ToList();
            if (!scope.IsAdministrator && shown.Count == 0)
                continue;
            if (pactFilter is not null && !shown.Any(a => a.PactId == pactFilter.Id || a.Kind == RoleKind.Administrator))
                continue;
            if (Role is { } kind && !shown.Any(a => a.Kind == kind && (pactFilter is null || a.PactId == pactFilter.Id || a.Kind == RoleKind.Administrator)))
                continue;
            if (editArea is not null)
            {
                // The account's rights of today, as the site builds them for a request of theirs.
                var grants = own.Where(a => a.IsActiveOn(today)).Select(a => new Grant(a.Id, a.Kind, a.PactId, a.RegionId, a.OrganisationId,
                    a.RegionId is { } r ? municipalities[r] : new HashSet<int>())).ToList();
                var rights = new AccessScope(user.Id, false, grants);
                var pactsAsked = pactFilter is not null ? [pactFilter.Id] : readableIds;
                if (!pactsAsked.Any(p => rights.MayEdit(p, editArea, null)))
                    continue;
            }
            var roles = shown.OrderBy(a => a.Kind).ThenBy(a => a.ValidFrom).Select(a => new RoleRow(a.Kind,
                a.PactId is { } p ? pactNames[p] : null, a.RegionId is { } r ? regionNames[r] : null,
                a.OrganisationId is { } o ? organisations.GetValueOrDefault(o) : null, a.ValidFrom, a.ValidTo, a.IsActiveOn(today))).ToList();
            // Accepted once the person chose a password or signed in at all (through a provider or a passkey, which
            // need no password). The mailed link expires; with local passwords off the invitation is to sign in through
            // a provider, which has no link to expire.
            var invitation = user.PasswordHash is not null || user.LastSignInAt is not null ? InvitationState.Accepted
                : !signInOptions.Value.LocalPasswords || user.CreatedAt + lifespan > now ? InvitationState.Invited : InvitationState.Expired;
            rows.Add(new PersonRow(user.Id, user.DisplayName, user.Email, roles,
                user.LastSignInAt is { } at ? TimeZoneInfo.ConvertTime(new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)), Amsterdam) : null, invitation));
        }
        People = rows;
    }

    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
}
