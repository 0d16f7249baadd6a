using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Demo;
using Pactwerk.Web.Features.Vouchers;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Vouchers;

/// <summary>
/// The scheme form and API as people use them (issue 18 items 1 and 9): a coordinator makes a scheme with only
/// the required fields, in Dutch with 20,75 and in English with 20.75; an unchanged save changes nothing; bad
/// input is named at its field and changes nothing; the ceiling never goes below what is reserved and paid; a
/// stale edit through the API is refused; a stranger cannot open the form.
/// </summary>
public abstract class VoucherSchemeFormTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private const string Coordinator = "coordinator@techniekpact.demo";

    private Task<int> OrganisationAsync() => factory.InDbAsync(db => db.Organisations.OrderBy(o => o.Id).Select(o => o.Id).FirstAsync());

    private Task<VoucherScheme?> SchemeAsync(string code) => factory.InDbAsync(db => db.VoucherSchemes.AsNoTracking().SingleOrDefaultAsync(s => s.Code == code));

    private Task<int> AuditAsync(string code) => factory.InDbAsync(async db =>
    {
        var id = (await db.VoucherSchemes.SingleAsync(s => s.Code == code)).Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await db.AuditEntries.CountAsync(a => a.EntityType == nameof(VoucherScheme) && a.EntityId == id);
    });

    [Theory]
    [InlineData("nl", "20,75", "250.000", "schema-nl")]
    [InlineData("en", "20.75", "250,000", "schema-en")]
    public async Task A_coordinator_makes_a_scheme_with_only_the_required_fields_and_decimals_as_typed(string culture, string percent, string ceiling, string code)
    {
        var client = await SignInAsync(factory, Coordinator);
        var form = await Form.OpenAsync(client, $"/regelingen/nieuw?pact=techniekpact&culture={culture}");
        form["Input.Code"] = code;
        form["Input.Name"] = "Testregeling " + culture;
        form["Input.OrganisationId"] = (await OrganisationAsync()).ToString(System.Globalization.CultureInfo.InvariantCulture);
        form["Input.Ceiling"] = ceiling;
        form["Input.MaxPerVoucher"] = "2500";
        form["Input.CoFundingPercent"] = percent;
        var opens = DateTime.Parse(form["Input.OpensAt"], System.Globalization.CultureInfo.InvariantCulture);
        var response = await form.SubmitAsync(client);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/regelingen/{code}/beheer?opgeslagen=1", response.Headers.Location!.OriginalString);
        var scheme = (await SchemeAsync(code))!;
        Assert.Equal(0.2075m, scheme.CoFundingShare);
        Assert.Equal(250_000m, scheme.Ceiling);
        Assert.Equal(2500m, scheme.MaxPerVoucher);
        Assert.Equal(DistributionRule.OrderOfArrival, scheme.Rule);
        Assert.Equal(VoucherRules.TargetGroups, scheme.TargetGroups);
        Assert.Equal(1000m, scheme.FourEyesThreshold);
        Assert.Equal(7, scheme.ConfirmEmailWithinDays);
        // Typed in Dutch time: an hour ahead of UTC in winter, two in summer (the last Sunday of March to that of October).
        var summer = opens.Month is > 3 and < 10 || (opens.Month == 3 && opens.Day > 24) || (opens.Month == 10 && opens.Day < 25);
        Assert.Equal(opens.AddHours(summer ? -2 : -1), scheme.OpensAt);
        Assert.Equal(1, await AuditAsync(code));

        // Opened and saved again unchanged: nothing is written, no version, no audit entry.
        var again = await Form.OpenAsync(client, $"/regelingen/{code}/bewerken?culture={culture}");
        Assert.Equal(percent, again["Input.CoFundingPercent"]);
        Assert.Equal(HttpStatusCode.Redirect, (await again.SubmitAsync(client)).StatusCode);
        Assert.Equal(scheme.Version, (await SchemeAsync(code))!.Version);
        Assert.Equal(1, await AuditAsync(code));
    }

    /// <summary>The demo's delivered vouchers once had no evidence and the review page failed on them: every officer page opens on the demo.</summary>
    [Fact]
    public async Task Every_officer_page_opens_on_the_demo_scheme()
    {
        var officer = await SignInAsync(factory, DemoVouchers.OfficerEmail);
        foreach (var page in new[] { "beheer", "beheer/bewijs", "beheer/betalingen", "beheer/signalen", "beheer/aanbieders", "bewerken", "trekkingen" })
        {
            var response = await officer.GetAsync($"/regelingen/{DemoVouchers.Gelderland}/{page}");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page}: {(int)response.StatusCode}");
        }
        var review = await officer.GetStringAsync($"/regelingen/{DemoVouchers.Gelderland}/beheer/bewijs");
        Assert.Contains("certificaat-V-DEMO0008.pdf", review);
    }

    [Fact]
    public async Task Bad_input_is_named_at_its_field_and_changes_nothing()
    {
        var officer = await SignInAsync(factory, DemoVouchers.OfficerEmail);
        var before = (await SchemeAsync(DemoVouchers.Gelderland))!;
        var audit = await AuditAsync(DemoVouchers.Gelderland);
        Assert.True(before.Reserved > 0, "the demo scheme has granted vouchers");

        async Task<string> RefusedAsync(string field, string value, string culture = "nl")
        {
            var form = await Form.OpenAsync(officer, $"/regelingen/{DemoVouchers.Gelderland}/bewerken?culture={culture}");
            form[field] = value;
            var response = await form.SubmitAsync(officer);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return await response.Content.ReadAsStringAsync();
        }

        Assert.Contains("Dit IBAN klopt niet", await RefusedAsync("Input.DebtorIban", "NL91ABNA0417164301"));
        Assert.Contains("This IBAN is not right", await RefusedAsync("Input.DebtorIban", "NL91ABNA0417164301", "en"));
        Assert.Contains("De aanvraagperiode moet eindigen na het begin", await RefusedAsync("Input.ClosesAt", "2020-01-01T09:00"));
        Assert.Contains("Het plafond kan niet lager dan wat al is gereserveerd en betaald", await RefusedAsync("Input.Ceiling", "1"));
        Assert.Contains("The ceiling cannot go below what is already reserved and paid", await RefusedAsync("Input.Ceiling", "1", "en"));
        Assert.Contains("Vul een percentage in van 0 tot 100", await RefusedAsync("Input.AdvancePercent", "120"));
        Assert.Contains("Ongeldige waarde", await RefusedAsync("Input.MaxPerVoucher", "veel"));
        // The framework's binder read Dutch 2.5 as 25 % and English 2,5 likewise: in range, saved ten times too high.
        Assert.Contains("‘2.5’ is geen getal: schrijf decimalen met een komma, zoals 2,5.", System.Net.WebUtility.HtmlDecode(await RefusedAsync("Input.CoFundingPercent", "2.5")));
        Assert.Contains("‘2,5’ is not a number: write decimals with a point, such as 2.5.", System.Net.WebUtility.HtmlDecode(await RefusedAsync("Input.CoFundingPercent", "2,5", "en")));
        Assert.Contains("Vul een heel getal in van 1 tot en met 60", await RefusedAsync("Input.ConfirmEmailWithinDays", "0"));
        Assert.Contains("Enter a whole number from 1 to 60", await RefusedAsync("Input.ConfirmEmailWithinDays", "61", "en"));
        Assert.Contains("De verdeling kan niet meer veranderen", await RefusedAsync("Input.Rule", nameof(DistributionRule.PeriodLottery)));

        var after = (await SchemeAsync(DemoVouchers.Gelderland))!;
        Assert.Equal((before.Ceiling, before.DebtorIban, before.ClosesAt, before.AdvanceShare, before.Rule, before.MaxPerVoucher, before.CoFundingShare, before.Version),
            (after.Ceiling, after.DebtorIban, after.ClosesAt, after.AdvanceShare, after.Rule, after.MaxPerVoucher, after.CoFundingShare, after.Version));
        Assert.Equal(audit, await AuditAsync(DemoVouchers.Gelderland));
    }

    [Fact]
    public async Task The_api_makes_and_changes_a_scheme_refuses_a_stale_version_and_a_stranger()
    {
        var coordinator = await SignInAsync(factory, Coordinator);
        var input = new
        {
            code = "api-regeling", name = "API-regeling", pact = "techniekpact", organisationId = await OrganisationAsync(), ceiling = 100000.50m, maxPerVoucher = 2500,
            coFundingPercent = 20.75m, rule = "DailyLottery", opensAt = "2027-03-01T09:00:00", closesAt = "2027-04-01T17:00:00", targetGroups = new[] { "technicus-doorgroeien" },
            debtorName = "Provincie (test)", debtorIban = "NL91 ABNA 0417 1643 00", debtorBic = "ABNANL2A",
        };
        var created = await coordinator.PostAsJsonAsync("/api/v1/voucher-schemes", input);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var settings = await coordinator.GetFromJsonAsync<JsonElement>("/api/v1/voucher-schemes/api-regeling/settings");
        Assert.Equal(20.75m, settings.GetProperty("coFundingPercent").GetDecimal());
        Assert.Equal("NL91ABNA0417164300", settings.GetProperty("debtorIban").GetString());
        var scheme = (await SchemeAsync("api-regeling"))!;
        Assert.Equal(new DateTime(2027, 3, 1, 8, 0, 0), scheme.OpensAt);

        // What GET returns, PUT accepts; a change moves the version on, the old version is then stale.
        var changed = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(settings.GetRawText())!;
        changed["ceiling"] = JsonSerializer.SerializeToElement(150000);
        var put = await coordinator.PutAsJsonAsync("/api/v1/voucher-schemes/api-regeling/settings", changed);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(150000m, (await SchemeAsync("api-regeling"))!.Ceiling);
        changed["ceiling"] = JsonSerializer.SerializeToElement(175000);
        Assert.Equal(HttpStatusCode.Conflict, (await coordinator.PutAsJsonAsync("/api/v1/voucher-schemes/api-regeling/settings", changed)).StatusCode);
        Assert.Equal(150000m, (await SchemeAsync("api-regeling"))!.Ceiling);

        // A code taken, and a member who is no officer: refused, nothing changed.
        Assert.Equal(HttpStatusCode.BadRequest, (await coordinator.PostAsJsonAsync("/api/v1/voucher-schemes", input)).StatusCode);
        var member = await SignInAsync(factory, "lid@pactwerk.demo");
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PutAsJsonAsync("/api/v1/voucher-schemes/api-regeling/settings", changed)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostAsJsonAsync("/api/v1/voucher-schemes", input with { })).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await member.GetAsync("/regelingen/api-regeling/bewerken")).StatusCode);
        Assert.Equal(150000m, (await SchemeAsync("api-regeling"))!.Ceiling);
    }
}

public sealed class VoucherSchemeFormTestsSqlite(SqliteFactory factory) : VoucherSchemeFormTests<SqliteFactory>(factory);
public sealed class VoucherSchemeFormTestsPostgres(PostgresFactory factory) : VoucherSchemeFormTests<PostgresFactory>(factory);
