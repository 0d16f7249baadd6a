using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.Demo;

/// <summary>
/// One account per role, for trying Pactwerk out. Created only in demo mode and only into a
/// database without accounts; the README lists them. Never use these outside a demo.
/// </summary>
public static class DemoAccounts
{
    public const string Password = "pactwerk-demo-2026";

    public sealed record Account(string Email, string DisplayName, RoleKind Kind, string? PactCode, string? RegionCode, string? OrganisationName, string? PersonName);

    public static readonly Account[] All =
    [
        new("beheerder@pactwerk.demo", "Beheerder (demo)", RoleKind.Administrator, null, null, null, null),
        new("coordinator@techniekpact.demo", "Coördinator Techniekpact (demo)", RoleKind.PactCoordinator, "techniekpact", null, null, null),
        new("coordinator@zorgpact.demo", "Coördinator Zorgpact (demo)", RoleKind.PactCoordinator, "zorgpact", null, null, null),
        new("oost@techniekpact.demo", "Eddy van Hijum (demo)", RoleKind.RegionalLead, "techniekpact", "TP-OOST", null, "Eddy van Hijum"),
        new("noord@techniekpact.demo", "Cees Bijl (demo)", RoleKind.RegionalLead, "techniekpact", "TP-NOORD", null, "Cees Bijl"),
        new("redacteur@hva.demo", "Redacteur Hogeschool van Amsterdam (demo)", RoleKind.PartnerEditor, "techniekpact", null, "Hogeschool van Amsterdam", null),
        new("lid@pactwerk.demo", "Lid (demo)", RoleKind.Member, null, null, null, null),
        // A member of the Zorgpact's learning network (see DemoEventsAndLearningNetworks).
        new("lerendnetwerk@zorgpact.demo", "Fenna Eefting (demo)", RoleKind.Member, "zorgpact", null, null, null),
        // The officer of the Gelderland voucher scheme (see DemoVouchers): an editor of the province that runs it.
        new(DemoVouchers.OfficerEmail, "Behandelaar Gelders Vakmanschap (demo)", RoleKind.PartnerEditor, "techniekpact", null, "Provincie Gelderland", null),
        // The holder of a demo learning account who changed employer, and an officer of the sector fund that pays into it (see DemoLearningAccounts).
        new(DemoLearningAccounts.HolderEmail, "Sanne de Wit (demo)", RoleKind.Member, null, null, null, null),
        new(DemoLearningAccounts.SectorFundOfficerEmail, "Fondsbeheerder TechniekTalent.nu (demo)", RoleKind.PartnerEditor, "techniekpact", null, "TechniekTalent.nu", null),
        // Staff of a care organisation that offers learning places, holiday places among them (see DemoLearningPlaces).
        new(DemoLearningPlaces.StaffEmail, "Leerplekken Vogellanden (demo)", RoleKind.PartnerEditor, "zorgpact", null, DemoLearningPlaces.Organisation, null),
        // An invented candidate for matching on competences, who answers a proposal the organisation accepted (see DemoMatching).
        new(DemoMatching.CandidateEmail, DemoMatching.CandidateName, RoleKind.Member, null, null, null, null),
    ];

    public static async Task<bool> SeedAsync(PactwerkDb db, UserManager<PactwerkUser> users, CancellationToken ct)
    {
        if (await db.Users.AnyAsync(ct))
            return false;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        foreach (var a in All)
        {
            var user = new PactwerkUser
            {
                UserName = a.Email, Email = a.Email, EmailConfirmed = true, DisplayName = a.DisplayName, CreatedAt = DateTime.UtcNow,
                PersonId = a.PersonName is null ? null : await db.People.Where(p => p.Name == a.PersonName).Select(p => (int?)p.Id).SingleOrDefaultAsync(ct),
            };
            var result = await users.CreateAsync(user, Password);
            if (!result.Succeeded)
                throw new InvalidOperationException($"Demo account {a.Email}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
            db.RoleAssignments.Add(new RoleAssignment
            {
                UserId = user.Id, Kind = a.Kind, ValidFrom = today,
                PactId = a.PactCode is null ? null : await db.Pacts.Where(p => p.Code == a.PactCode).Select(p => (int?)p.Id).SingleAsync(ct),
                RegionId = a.RegionCode is null ? null : await db.Regions.Where(r => r.Code == a.RegionCode).Select(r => (int?)r.Id).SingleAsync(ct),
                OrganisationId = a.OrganisationName is null ? null : await db.Organisations.Where(o => o.Name == a.OrganisationName).Select(o => (int?)o.Id).SingleAsync(ct),
            });
        }
        await db.SaveChangesAsync(ct);
        return true;
    }
}
