using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Vouchers;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Vouchers;

/// <summary>
/// A scheme of the Techniekpact run by the Hogeschool van Amsterdam (whose demo editor is then one of
/// its officers), with one provider registered through the API and vetted by the pact's coordinator.
/// </summary>
public static class VoucherSchemeBuilder
{
    /// <summary>A valid Dutch IBAN (the ABNA test number used in documentation).</summary>
    public const string GoodIban = "NL91 ABNA 0417 1643 00";

    public sealed record Built(string Code, int CourseId, DateOnly Start, int ProviderId);

    public static async Task<Built> SchemeAsync(PactwerkFactory factory, string code, decimal ceiling, decimal price, decimal maxPerVoucher = 2500m,
        decimal coFunding = 0m, DateTime? opensAt = null, DateTime? closesAt = null, bool vet = true, DistributionRule rule = DistributionRule.OrderOfArrival)
    {
        var now = DateTime.UtcNow;
        await factory.InDbAsync(async db =>
        {
            db.VoucherSchemes.Add(new VoucherScheme
            {
                Code = code, Name = $"Regeling {code}", NameEn = $"Scheme {code}",
                PactId = await db.Pacts.Where(p => p.Code == "techniekpact").Select(p => p.Id).SingleAsync(),
                OrganisationId = await db.Organisations.Where(o => o.Name == "Hogeschool van Amsterdam").Select(o => o.Id).SingleAsync(),
                Ceiling = ceiling, MaxPerVoucher = maxPerVoucher, CoFundingShare = coFunding,
                OpensAt = opensAt ?? now.AddDays(-1), ClosesAt = closesAt ?? now.AddDays(30), Rule = rule,
                TargetGroups = [.. VoucherRules.TargetGroups], Sectors = ["techniek"], Levels = ["mbo-4", "hbo"], Occupations = ["Elektromonteur", "Installatiemonteur"],
            });
            return await db.SaveChangesAsync();
        });
        var start = DateOnly.FromDateTime(now).AddDays(7);
        var registered = await Anonymous(factory).PostAsJsonAsync($"/api/v1/voucher-schemes/{code}/providers", new
        {
            name = $"Opleider {code}", kvkNumber = "12345678", iban = GoodIban, qualityRegistration = "CRKBO 123",
            courses = new[] { new { title = "Elektrotechniek", sector = "techniek", level = "mbo-4", hours = 120, price, startDates = new[] { start }, targetOccupation = "Elektromonteur" } },
        });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var providerId = (await registered.ReadAsync<JsonElement>()).GetProperty("id").GetInt32();
        if (vet)
        {
            var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
            var vetted = await coordinator.PostAsJsonAsync($"/api/v1/voucher-schemes/{code}/providers/{providerId}/vetting", new { approve = true, reason = "CRKBO-registratie gecontroleerd" });
            Assert.Equal(HttpStatusCode.OK, vetted.StatusCode);
        }
        var courseId = await factory.InDbAsync(db => db.VoucherCourses.Where(c => c.ProviderId == providerId).Select(c => c.Id).SingleAsync());
        return new Built(code, courseId, start, providerId);
    }

    /// <summary>
    /// Every waiting application's place as the app gives it (<see cref="WaitingList"/>, blocks and a
    /// count within one) against its place in the rows sorted here, and the block counts against the rows.
    /// </summary>
    public static async Task AssertWaitingPlacesAsync(PactwerkFactory factory, int schemeId)
    {
        var (orders, places, counted, waitingSum) = await factory.InDbAsync(async db =>
        {
            var orders = await db.VoucherApplications.AsNoTracking().Where(a => a.SchemeId == schemeId && a.Status == VoucherStatus.Waiting)
                .Select(a => a.QueueOrder).ToListAsync();
            orders.Sort();
            var places = new List<int>();
            foreach (var order in orders)
                places.Add(await WaitingList.PlaceAsync(db, schemeId, order, CancellationToken.None));
            var counted = await db.VoucherWaitingCounts.Where(c => c.SchemeId == schemeId).SumAsync(c => c.Count);
            var waiting = await db.VoucherSchemes.Where(s => s.Id == schemeId).Select(s => s.Waiting).SingleAsync();
            return (orders, places, counted, waiting);
        });
        Assert.Equal(Enumerable.Range(1, orders.Count), places);
        Assert.Equal(orders.Count, counted);
        Assert.Equal(orders.Count, waitingSum);
    }

    /// <summary>The key in an application's status link, as the applicant has it from the answer.</summary>
    /// <summary>
    /// The link that confirms the address in the latest mail to <paramref name="email"/> about an application to
    /// <paramref name="scheme"/> (any scheme when null), as a path and query on this site. Waits for that mail.
    /// </summary>
    public static async Task<string> ConfirmationLinkAsync(PactwerkFactory factory, string email, int mails = 1, string? scheme = null)
    {
        for (var waited = 0; waited < 100; waited++)
        {
            var found = (await MailToAsync(factory, email, mails))
                .Where(m => scheme is null || (m.Subject ?? "").StartsWith(scheme.ToUpperInvariant() + "-", StringComparison.Ordinal))
                .Select(m => System.Text.RegularExpressions.Regex.Match(m.HtmlBody ?? "", "href=\"([^\"]*/regelingen/e-mailadres\\?[^\"]+)\""))
                .LastOrDefault(m => m.Success);
            if (found is not null)
                return new Uri(WebUtility.HtmlDecode(found.Groups[1].Value)).PathAndQuery;
            await Task.Delay(100);
        }
        throw new TimeoutException($"No confirmation link in the mail to {email}.");
    }

    /// <summary>The applicant confirms their address as people do: the link in their mail, then the button on its page.</summary>
    public static async Task ConfirmEmailAsync(PactwerkFactory factory, string email, string? scheme = null)
    {
        var link = await ConfirmationLinkAsync(factory, email, scheme: scheme);
        var code = System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + link).Query)["code"]!;
        var confirmed = await PostFormAsync(Anonymous(factory), "/regelingen/e-mailadres", new() { ["Code"] = code }, link);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("id=\"gedaan\"", await confirmed.Content.ReadAsStringAsync());
    }

    public static string KeyOf(JsonElement answer) =>
        System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + answer.GetProperty("statusUrl").GetString()).Query)["key"]!;

    /// <summary>Apeldoorn: the municipality of residence every test applicant gives unless a test says otherwise.</summary>
    public const string Municipality = "GM0200";

    /// <summary>The provider's enrolment: the course's start date the participant applied with.</summary>
    public static object Enrolment(Built scheme) => new { start = scheme.Start.ToString("yyyy-MM-dd") };

    public static object Application(Built scheme, string email, string? birth = "1990-05-17", string? group = "werkzoekend-naar-techniek", string? municipality = Municipality) =>
        new { email, dateOfBirth = birth, targetGroup = group, municipality, course = scheme.CourseId, courseStart = scheme.Start.ToString("yyyy-MM-dd") };
}
