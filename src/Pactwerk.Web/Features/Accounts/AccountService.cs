using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Audit;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Accounts;

public sealed record RoleRequest(RoleKind Kind, string? PactCode, string? RegionCode, int? OrganisationId);
public sealed record InvitationRequest(string Email, string DisplayName, RoleRequest Role, int? PersonId);
public sealed record TokenRequest(string Name, DateOnly ExpiresOn, bool ReadOnly, IReadOnlyList<int>? RoleAssignmentIds);
public sealed record CreatedToken(ApiToken Token, string Secret);

public abstract record AccountOutcome<T>
{
    public sealed record Done(T Value) : AccountOutcome<T>;
    public sealed record Forbidden(string Reason) : AccountOutcome<T>;
    public sealed record Invalid(IDictionary<string, string[]> Errors) : AccountOutcome<T>;
}

/// <summary>
/// Invitations, role grants and API tokens, shared by the pages and the API. Every grant is
/// checked against the granter's own scope, and every one is written to the audit trail.
/// </summary>
public sealed class AccountService(PactwerkDb db, UserManager<PactwerkUser> users, AccessScopeProvider scopes, IEmailSender mail,
    TimeProvider clock, ILogger<AccountService> logger, Microsoft.Extensions.Options.IOptions<External.ExternalSignInOptions> signInOptions)
{
    public static readonly TimeSpan MaxTokenLifetime = TimeSpan.FromDays(366);

    public async Task<AccountOutcome<PactwerkUser>> InviteAsync(InvitationRequest request, string setPasswordBaseUrl, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var email = request.Email?.Trim() ?? "";
        if (!System.Net.Mail.MailAddress.TryCreate(email, out _) || email.Length > 256)
            errors["Email"] = [$"'{email}' is geen geldig e-mailadres."];
        if (string.IsNullOrWhiteSpace(request.DisplayName) || request.DisplayName.Length > 200)
            errors["DisplayName"] = ["Geef een naam van hoogstens 200 tekens."];
        if (errors.Count == 0 && await users.FindByEmailAsync(email) is not null)
            errors["Email"] = [$"Er is al een account met het e-mailadres {email}."];
        if (request.PersonId is { } personId && !await db.People.AnyAsync(p => p.Id == personId && p.ErasedAt == null, ct))
            errors["PersonId"] = [$"Er is geen persoon met nummer {personId}."];
        else if (request.PersonId is { } linked && await db.Users.AnyAsync(u => u.PersonId == linked, ct))
            errors["PersonId"] = [$"Persoon {linked} heeft al een account."];
        var role = await ResolveRoleAsync(request.Role, errors, ct);
        if (errors.Count > 0)
            return new AccountOutcome<PactwerkUser>.Invalid(errors);
        if (!await MayGrantAsync(role!, ct) || (request.PersonId is not null && !(await scopes.GetAsync(ct)).IsAdministrator))
            return new AccountOutcome<PactwerkUser>.Forbidden("Je mag deze rol niet toekennen: hij valt buiten je eigen bevoegdheid.");

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var user = new PactwerkUser
        {
            UserName = email, Email = email, DisplayName = request.DisplayName.Trim(), PersonId = request.PersonId,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
            return new AccountOutcome<PactwerkUser>.Invalid(new Dictionary<string, string[]> { ["Email"] = created.Errors.Select(e => e.Description).ToArray() });
        role!.UserId = user.Id;
        db.RoleAssignments.Add(role);
        Event(AuditActions.Invited, nameof(PactwerkUser), user.Id, new { user.Email, user.DisplayName }, role.PactId);
        await db.SaveChangesAsync(ct);
        Event(AuditActions.RoleGranted, nameof(RoleAssignment), role.Id.ToString(), new { role.UserId, role.Kind, role.PactId, role.RegionId, role.OrganisationId }, role.PactId);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        await SendInvitationAsync(user, setPasswordBaseUrl);
        return new AccountOutcome<PactwerkUser>.Done(user);
    }

    /// <summary>
    /// An account without a role, for someone another area lets act on its own records (a voucher provider's
    /// user, linked by the scheme's officer): that area authorises the caller and keeps the link. The person
    /// chooses their password from the mailed link, as for an invitation. Null when the address is taken.
    /// </summary>
    public async Task<PactwerkUser?> InviteWithoutRoleAsync(string email, string displayName, string setPasswordBaseUrl, CancellationToken ct)
    {
        var user = new PactwerkUser { UserName = email, Email = email, DisplayName = displayName, CreatedAt = clock.GetUtcNow().UtcDateTime };
        if (!(await users.CreateAsync(user)).Succeeded)
            return null;
        Event(AuditActions.Invited, nameof(PactwerkUser), user.Id, new { user.Email, user.DisplayName });
        await db.SaveChangesAsync(ct);
        await SendInvitationAsync(user, setPasswordBaseUrl);
        return user;
    }

    private async Task SendInvitationAsync(PactwerkUser user, string setPasswordBaseUrl)
    {
        if (!signInOptions.Value.LocalPasswords)
        {
            // No password to choose: the invitation says where and how to sign in, with the address the provider must vouch for.
            var signInUrl = setPasswordBaseUrl[..^AccountsApi.SetPasswordPath.Length] + "/inloggen";
            var providers = string.Join(" of ", signInOptions.Value.Shown.Select(p => HtmlEncoder.Default.Encode(p.Value.DisplayName ?? p.Key)));
            await mail.SendEmailAsync(user.Email!, "Uitnodiging voor Pactwerk",
                $"<p>Beste {HtmlEncoder.Default.Encode(user.DisplayName)},</p><p>Je bent uitgenodigd voor Pactwerk. Log in via {providers} " +
                $"met je e-mailadres {HtmlEncoder.Default.Encode(user.Email!)}:</p><p><a href=\"{HtmlEncoder.Default.Encode(signInUrl)}\">{HtmlEncoder.Default.Encode(signInUrl)}</a></p>");
            return;
        }
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = $"{setPasswordBaseUrl}?user={Uri.EscapeDataString(user.Id)}&token={Uri.EscapeDataString(token)}";
        await mail.SendEmailAsync(user.Email!, "Uitnodiging voor Pactwerk",
            $"<p>Beste {HtmlEncoder.Default.Encode(user.DisplayName)},</p><p>Je bent uitgenodigd voor Pactwerk. Kies je wachtwoord via deze link (7 dagen geldig):</p>" +
            $"<p><a href=\"{HtmlEncoder.Default.Encode(link)}\">{HtmlEncoder.Default.Encode(link)}</a></p>");
    }

    /// <summary>Sends a reset link when the address has an account; says nothing either way.</summary>
    public async Task RequestPasswordResetAsync(string email, string setPasswordBaseUrl)
    {
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null)
            return;
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = $"{setPasswordBaseUrl}?user={Uri.EscapeDataString(user.Id)}&token={Uri.EscapeDataString(token)}";
        var to = user.Email!;
        // Sent off the request path, so the answer does not take longer for an address that has an account.
        _ = Task.Run(async () =>
        {
            try
            {
                await mail.SendEmailAsync(to, "Nieuw wachtwoord voor Pactwerk",
                    $"<p>Kies een nieuw wachtwoord via deze link (7 dagen geldig):</p><p><a href=\"{HtmlEncoder.Default.Encode(link)}\">{HtmlEncoder.Default.Encode(link)}</a></p>" +
                    "<p>Heb je dit niet gevraagd? Dan kun je dit bericht negeren.</p>");
            }
            catch (Exception e)
            {
                logger.LogError(e, "The password-reset mail to {To} was not sent", to);
            }
        });
    }

    public async Task<AccountOutcome<CreatedToken>> CreateTokenAsync(string userId, TokenRequest request, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var now = clock.GetUtcNow().UtcDateTime;
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 100)
            errors["Name"] = ["Geef het token een naam van hoogstens 100 tekens."];
        var expires = request.ExpiresOn.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        if (expires <= now || expires > now + MaxTokenLifetime)
            errors["ExpiresOn"] = ["Kies een vervaldatum in de toekomst, binnen een jaar."];

        var scope = await scopes.GetAsync(ct);
        var own = scope.Grants.Select(g => g.AssignmentId).ToHashSet();
        var wanted = request.RoleAssignmentIds?.Distinct().ToList() ?? [.. own];
        if (wanted.Any(id => !own.Contains(id)))
            errors["RoleAssignmentIds"] = ["Een token kan alleen rollen krijgen die je zelf hebt."];
        if (errors.Count > 0)
            return new AccountOutcome<CreatedToken>.Invalid(errors);

        var secret = ApiTokenAuthenticationHandler.NewSecret();
        var token = new ApiToken
        {
            UserId = userId, Name = request.Name.Trim(), Prefix = secret[..10], SecretHash = ApiTokenAuthenticationHandler.Hash(secret),
            CreatedAt = now, ExpiresAt = expires, ReadOnly = request.ReadOnly, RoleAssignmentIds = string.Join(",", wanted),
        };
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(ct);
        Event(AuditActions.TokenCreated, nameof(ApiToken), token.Id.ToString(), new { token.Name, token.Prefix, token.ExpiresAt, token.ReadOnly, token.RoleAssignmentIds });
        await db.SaveChangesAsync(ct);
        return new AccountOutcome<CreatedToken>.Done(new CreatedToken(token, secret));
    }

    public async Task<bool> RevokeTokenAsync(string userId, int tokenId, CancellationToken ct)
    {
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == tokenId && t.UserId == userId, ct);
        if (token is null)
            return false;
        if (token.RevokedAt is null)
        {
            token.RevokedAt = clock.GetUtcNow().UtcDateTime;
            Event(AuditActions.TokenRevoked, nameof(ApiToken), token.Id.ToString(), new { token.Name, token.Prefix });
            await db.SaveChangesAsync(ct);
        }
        return true;
    }

    private async Task<RoleAssignment?> ResolveRoleAsync(RoleRequest? request, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        if (request is null || !Enum.IsDefined(request.Kind))
        {
            errors["Role.Kind"] = [$"Kies een rol: {string.Join(", ", Enum.GetNames<RoleKind>())}."];
            return null;
        }
        var role = new RoleAssignment { UserId = "", Kind = request.Kind, ValidFrom = clock.Today() };
        var needsPact = request.Kind is RoleKind.PactCoordinator or RoleKind.RegionalLead or RoleKind.RegionalCoordinator or RoleKind.PartnerEditor;
        if (needsPact)
        {
            role.PactId = await db.Pacts.Where(p => p.Code == request.PactCode).Select(p => (int?)p.Id).SingleOrDefaultAsync(ct);
            if (role.PactId is null)
                errors["Role.PactCode"] = [$"Er is geen pact met code '{request.PactCode}'."];
        }
        if (request.Kind is RoleKind.RegionalLead or RoleKind.RegionalCoordinator)
        {
            var code = request.RegionCode?.Trim().ToUpperInvariant();
            role.RegionId = await db.Regions.Where(r => r.Code == code && r.ValidTo == null).Select(r => (int?)r.Id).SingleOrDefaultAsync(ct);
            if (role.RegionId is null)
                errors["Role.RegionCode"] = [$"Er is geen regio met code '{request.RegionCode}'."];
        }
        if (request.Kind == RoleKind.PartnerEditor)
        {
            role.OrganisationId = await db.Organisations.Where(o => o.Id == request.OrganisationId).Select(o => (int?)o.Id).SingleOrDefaultAsync(ct);
            if (role.OrganisationId is null)
                errors["Role.OrganisationId"] = [$"Er is geen organisatie met nummer {request.OrganisationId}."];
        }
        return role;
    }

    /// <summary>Nobody grants more than they hold: administrators anything, coordinators roles within their pact.</summary>
    private async Task<bool> MayGrantAsync(RoleAssignment role, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        if (scope.ReadOnly)
            return false;
        if (scope.IsAdministrator)
            return true;
        return role.Kind switch
        {
            RoleKind.Administrator => false,
            RoleKind.Member => scope.Coordinates(),
            _ => role.PactId is { } pact && scope.Coordinates(pact),
        };
    }

    private void Event(string action, string entityType, string entityId, object details, int? pactId = null) =>
        db.RecordEvent(clock.GetUtcNow().UtcDateTime, action, entityType, entityId, details, pactId);
}
