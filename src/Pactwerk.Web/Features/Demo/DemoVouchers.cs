using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.Vouchers;

namespace Pactwerk.Web.Features.Demo;

/// <summary>
/// The two voucher schemes of the publication (p. 262 of the seed text): Gelderland's Leve(n)lang Gelders
/// Vakmanschap and Overijssel's Techniekuitdaging, both in the Techniekpact. The publication names the schemes
/// and whom they are for; budgets, amounts, providers and courses are invented for the demo and say so.
/// The application window opens a week before the seeding and runs two months, so a demo user can apply.
/// </summary>
public static class DemoVouchers
{
    public const string Gelderland = "gelders-vakmanschap";
    public const string Overijssel = "techniekuitdaging";
    /// <summary>The officer of the Gelderland scheme: an editor of the province that runs it (see <see cref="VoucherAccess"/>).</summary>
    public const string OfficerEmail = "regeling@gelderland.demo";
    /// <summary>An account of a Gelderland provider (no role: it acts for the provider through the officer's link, see <see cref="VoucherProviderUser"/>).</summary>
    public const string ProviderUserEmail = "aanbieder@gelderland.demo";
    /// <summary>The demo participant whose granted voucher waits for the provider's and their own confirmation.</summary>
    public const string ParticipantEmail = "deelnemer@gelderland.demo";
    private const string ProviderName = "Opleidingscentrum Veluwe Techniek (demo, verzonnen)";

    public static async Task<bool> SeedAsync(PactwerkDb db, CancellationToken ct)
    {
        var pact = await db.Pacts.Where(p => p.Code == DemoContent.Techniekpact).Select(p => (int?)p.Id).SingleOrDefaultAsync(ct);
        if (pact is null || await db.VoucherSchemes.AnyAsync(ct))
            return false;
        async Task<int> Organisation(string name) => await db.Organisations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync(ct);
        // The agenda's action each scheme carries out: its effect view shows the scheme's vouchers.
        async Task<int?> Action(string slug) => await db.PactActions.Where(a => a.Slug == slug).Select(a => (int?)a.Id).FirstOrDefaultAsync(ct);
        var now = DateTime.UtcNow;
        var today = DateOnly.FromDateTime(now);
        var opens = now.Date.AddDays(-7);
        var closes = now.Date.AddDays(60);

        var gelderland = new VoucherScheme
        {
            Code = Gelderland, Name = "Leve(n)lang Gelders Vakmanschap (demo)", NameEn = "Lifelong Gelderland Craftsmanship (demo)",
            PactId = pact.Value, OrganisationId = await Organisation("Provincie Gelderland"), ActionId = await Action("levenlang-gelders-vakmanschap"),
            Ceiling = 250_000m, MaxPerVoucher = 2_500m, CoFundingShare = 0.25m, OpensAt = opens, ClosesAt = closes, MinimumAge = 18, ApplyWithinDaysAfterStart = 14,
            TargetGroups = [.. VoucherRules.TargetGroups], Sectors = ["techniek"], Levels = ["mbo-2", "mbo-3", "mbo-4", "hbo"],
            Occupations = ["Elektromonteur", "Installatiemonteur", "Onderhoudsmonteur", "Lasser"],
            // The account payments are made from: invented, with valid check digits so the SEPA file is well formed.
            DebtorName = "Provincie Gelderland (demo)", DebtorIban = "NL69INGB0123456789", DebtorBic = "INGBNL2A",
        };
        var overijssel = new VoucherScheme
        {
            Code = Overijssel, Name = "Overijsselse Techniekuitdaging (demo)", NameEn = "Overijssel Technology Challenge (demo)",
            PactId = pact.Value, OrganisationId = await Organisation("Provincie Overijssel"), ActionId = await Action("overijsselse-techniekuitdaging"),
            Ceiling = 150_000m, MaxPerVoucher = 2_000m, CoFundingShare = 0.20m, OpensAt = opens, ClosesAt = closes, MinimumAge = 18, ApplyWithinDaysAfterStart = 14,
            TargetGroups = [.. VoucherRules.TargetGroups], Sectors = ["techniek"], Levels = ["mbo-3", "mbo-4"],
            Occupations = ["Elektromonteur", "Monteur werktuigbouw", "CNC-verspaner"],
            DebtorName = "Provincie Overijssel (demo)", DebtorIban = "NL39RABO0300065264", DebtorBic = "RABONL2U",
        };
        db.VoucherSchemes.AddRange(gelderland, overijssel);
        await db.SaveChangesAsync(ct);

        List<DateOnly> Starts(params int[] days) => days.Select(d => today.AddDays(d)).ToList();
        // Invented providers with valid-looking numbers: the KvK numbers are made up, the IBANs pass mod-97.
        db.VoucherProviders.AddRange(
            new VoucherProvider
            {
                SchemeId = gelderland.Id, Name = "Opleidingscentrum Veluwe Techniek (demo, verzonnen)", KvkNumber = "90000001", Iban = "NL91ABNA0417164300",
                QualityRegistration = "CRKBO (demo, verzonnen nummer)", RegisteredAt = now, Vetted = true,
                Courses =
                [
                    new() { Title = "Omscholing tot elektromonteur (demo, verzonnen)", Sector = "techniek", Level = "mbo-3", Hours = 160, Price = 2_400m, StartDates = Starts(14, 45), TargetOccupation = "Elektromonteur" },
                    new() { Title = "Installatietechniek voor zij-instromers (demo, verzonnen)", Sector = "techniek", Level = "mbo-2", Hours = 120, Price = 1_800m, StartDates = Starts(10, 40), TargetOccupation = "Installatiemonteur" },
                ],
            },
            new VoucherProvider
            {
                SchemeId = gelderland.Id, Name = "Lasacademie Rivierenland (demo, verzonnen)", KvkNumber = "90000002", Iban = "NL44RABO0123456789",
                QualityRegistration = "NRTO (demo, verzonnen nummer)", RegisteredAt = now, Vetted = true,
                Courses = [new() { Title = "Lassen MIG/MAG, bijscholing (demo, verzonnen)", Sector = "techniek", Level = "mbo-2", Hours = 80, Price = 1_250m, StartDates = Starts(7, 21), TargetOccupation = "Lasser" }],
            },
            // Registered but not vetted yet, so the officer has one to look at.
            new VoucherProvider
            {
                SchemeId = gelderland.Id, Name = "Techniekschool Achterhoek (demo, verzonnen)", KvkNumber = "90000003", Iban = "NL20INGB0001234567",
                QualityRegistration = "CRKBO (demo, verzonnen nummer)", RegisteredAt = now, Vetted = false,
                Courses = [new() { Title = "Onderhoudsmonteur, doorgroeien naar niveau 4 (demo, verzonnen)", Sector = "techniek", Level = "mbo-4", Hours = 200, Price = 3_200m, StartDates = Starts(30), TargetOccupation = "Onderhoudsmonteur" }],
            },
            new VoucherProvider
            {
                SchemeId = overijssel.Id, Name = "Twentse Techniekopleidingen (demo, verzonnen)", KvkNumber = "90000004", Iban = "NL71INGB0009876543",
                QualityRegistration = "NRTO (demo, verzonnen nummer)", RegisteredAt = now, Vetted = true,
                Courses =
                [
                    new() { Title = "CNC-verspanen voor zij-instromers (demo, verzonnen)", Sector = "techniek", Level = "mbo-3", Hours = 140, Price = 2_100m, StartDates = Starts(14, 42), TargetOccupation = "CNC-verspaner" },
                    new() { Title = "Werktuigbouwkunde, bijscholing niveau 4 (demo, verzonnen)", Sector = "techniek", Level = "mbo-4", Hours = 100, Price = 1_600m, StartDates = Starts(21), TargetOccupation = "Monteur werktuigbouw" },
                ],
            });
        await db.SaveChangesAsync(ct);
        await ApplicationsAsync(db, gelderland, now, ct);
        return true;
    }

    /// <summary>
    /// Invented applications to the Gelderland scheme since it opened, from four Gelderland municipalities, so its
    /// figures in the monitor and on its action's effect view are not empty: most granted, some enrolled, one
    /// delivered. The budget's sums are kept as the decisions would have left them.
    /// </summary>
    private static async Task ApplicationsAsync(PactwerkDb db, VoucherScheme scheme, DateTime now, CancellationToken ct)
    {
        var courses = await db.VoucherCourses.AsNoTracking().Where(c => c.Provider.SchemeId == scheme.Id && c.Provider.Vetted).OrderBy(c => c.Id)
            .Select(c => new { c.Id, c.Price, c.StartDates }).ToListAsync(ct);
        string[] municipalities = ["GM0200", "GM0202", "GM0268", "GM0228"];
        var made = new List<VoucherApplication>();
        for (var n = 1; n <= 24; n++)
        {
            var course = courses[n % courses.Count];
            var at = now.AddDays(-6).AddHours(n * 5);
            var status = n % 8 == 0 ? VoucherStatus.Delivered : n % 3 == 0 ? VoucherStatus.Enrolled : VoucherStatus.Granted;
            made.Add(new VoucherApplication
            {
                SchemeId = scheme.Id, Arrival = n, QueueOrder = n, CourseId = course.Id, Email = $"aanvrager{n}.demo@example.org", DateOfBirth = new DateOnly(1975 + n, 1 + n % 12, 1 + n % 28),
                // Apeldoorn most, Ede least: the smallest groups show the small-cell rule on the public monitor.
                MunicipalityCode = municipalities[n % 10 switch { < 5 => 0, < 8 => 1, < 9 => 2, _ => 3 }],
                TargetGroup = VoucherRules.TargetGroups[n % VoucherRules.TargetGroups.Count], CourseStart = course.StartDates[0], SubmittedAt = at, GrantedAt = at, EmailConfirmedAt = at.AddMinutes(10),
                Status = status, Amount = scheme.VoucherAmount(course.Price), VoucherCode = $"V-DEMO{n:D4}",
                KeyHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"demo-{scheme.Code}-{n}"))),
                ProviderConfirmedAt = status == VoucherStatus.Granted ? null : at.AddDays(1), ParticipantConfirmedAt = status == VoucherStatus.Granted ? null : at.AddDays(1),
            });
        }
        db.VoucherApplications.AddRange(made);
        scheme.Reserved = made.Sum(a => a.Amount);
        scheme.Arrivals = made.Count;
        await db.SaveChangesAsync(ct);
        // A delivered voucher has its evidence, as the provider's page would have left it: the officer reviews it.
        foreach (var delivered in made.Where(a => a.Status == VoucherStatus.Delivered))
            db.VoucherEvidence.Add(new VoucherEvidence
            {
                ApplicationId = delivered.Id, AttendancePercent = 90 + delivered.Arrival % 10, CompletedOn = DateOnly.FromDateTime(now.AddDays(-1)),
                FileName = $"certificaat-{delivered.VoucherCode}.pdf", ContentType = "application/pdf", SubmittedAt = now.AddDays(-1),
                Certificate = System.Text.Encoding.ASCII.GetBytes($"%PDF-1.4\n% Demo certificate {delivered.VoucherCode} (invented)\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"),
            });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The provider user of the Veluwe school, linked as the officer would, and one granted voucher for its electrician course,
    /// applied for through the rules as a participant would, so the provider can confirm the enrolment. Returns the voucher's code
    /// and the participant's status link: its key is never stored, so the log is the only place the demo can show it.
    /// </summary>
    public static async Task<(string VoucherCode, string StatusUrl)?> SeedVoucherLifeAsync(PactwerkDb db, UserManager<PactwerkUser> users, VoucherApplications applications,
        CancellationToken ct)
    {
        // Once, and only beside the demo's own provider (a database whose schemes came from elsewhere gets none).
        if (await users.FindByEmailAsync(ProviderUserEmail) is not null || await db.VoucherProviders.SingleOrDefaultAsync(p => p.Name == ProviderName, ct) is not { } provider)
            return null;
        var user = new PactwerkUser { UserName = ProviderUserEmail, Email = ProviderUserEmail, EmailConfirmed = true, DisplayName = "Opleidingscentrum Veluwe Techniek (demo)", CreatedAt = DateTime.UtcNow };
        var created = await users.CreateAsync(user, DemoAccounts.Password);
        if (!created.Succeeded)
            throw new InvalidOperationException($"Demo account {ProviderUserEmail}: {string.Join(" ", created.Errors.Select(e => e.Description))}");
        db.VoucherProviderUsers.Add(new VoucherProviderUser { ProviderId = provider.Id, UserId = user.Id, LinkedAt = DateTime.UtcNow });
        await db.SaveChangesAsync(ct);
        var course = await db.VoucherCourses.AsNoTracking().Where(c => c.ProviderId == provider.Id && c.TargetOccupation == "Elektromonteur").SingleAsync(ct);
        var outcome = await applications.ApplyAsync(Gelderland, new VoucherApplicationInput
        {
            Email = ParticipantEmail, DateOfBirth = "1990-05-17", TargetGroup = VoucherRules.TargetGroups[0], Course = course.Id, Municipality = "GM0200",
            CourseStart = course.StartDates.Min().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), Language = "nl",
        }, ct);
        if (outcome is not ApplicationOutcome.Saved saved)
            throw new InvalidOperationException($"The demo voucher application was refused: {outcome}");
        // The demo participant's mail goes to the pickup folder, which a visitor of the demo cannot read:
        // their address counts as confirmed, so the enrolment can be tried from the status link alone.
        await db.VoucherApplications.Where(a => a.Id == saved.Application.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.EmailConfirmedAt, DateTime.UtcNow), ct);
        return (saved.Application.VoucherCode, VouchersApi.StatusUrl(saved.Key));
    }
}
