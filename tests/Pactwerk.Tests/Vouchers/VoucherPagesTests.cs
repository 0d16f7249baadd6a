using System.Net;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Vouchers;

/// <summary>
/// The applicant's pages as people use them, in Dutch and English: the schemes and their budget, the application
/// form (a Dutch date, only the required fields, every failed rule at its field, nothing saved on error), the status
/// page behind the link (no-store, waiting list position) and a withdrawal with its confirmation step.
/// </summary>
public abstract class VoucherPagesTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    [Fact]
    public async Task The_demo_schemes_are_listed_from_the_pacts_page_with_their_rules_and_budget()
    {
        var client = Anonymous(factory);
        Assert.Contains("href=\"/regelingen?pact=techniekpact\"", await client.GetStringAsync("/pact/techniekpact"));
        var list = await client.GetStringAsync("/regelingen?pact=techniekpact");
        Assert.Contains("Leve(n)lang Gelders Vakmanschap (demo)", list);
        Assert.Contains("Overijsselse Techniekuitdaging (demo)", list);
        Assert.DoesNotContain("Techniekuitdaging", await client.GetStringAsync("/regelingen?pact=zorgpact"));
        // The demo's ceiling is € 250,000 and nobody has applied in this class's demo scheme.
        var page = await client.GetStringAsync("/regelingen/gelders-vakmanschap");
        Assert.Contains("€ 250.000,00", page);
        Assert.Contains("href=\"/regelingen/gelders-vakmanschap/aanvragen\"", page);
        // Vetted providers' courses only: the Achterhoek school waits for the officer. 25 % co-funding of € 2.400,00 is € 1.800,00.
        Assert.Contains("Omscholing tot elektromonteur (demo, verzonnen)", page);
        Assert.Contains("€ 1.800,00", page);
        Assert.DoesNotContain("Techniekschool Achterhoek", page);
        var english = await client.GetStringAsync("/regelingen/gelders-vakmanschap?culture=en");
        Assert.Contains("Lifelong Gelderland Craftsmanship (demo)", english);
        Assert.Contains("€ 250,000.00", english);
        Assert.Contains("The voucher pays the course&#x27;s price less your own contribution of 25%", english);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/regelingen/bestaat-niet")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/regelingen/bestaat-niet/aanvragen")).StatusCode);
    }

    [Fact]
    public async Task An_applicant_fills_only_the_required_fields_with_a_Dutch_date_and_lands_on_the_status_page()
    {
        var scheme = await VoucherSchemeBuilder.SchemeAsync(factory, "pagina-nl", ceiling: 10_000m, price: 1_000m, coFunding: 0.25m);
        var client = Anonymous(factory);
        var response = await ApplyAsync(client, scheme, "", "an@example.org", "17-05-1990");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var status = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/regelingen/aanvraag?key=", status);
        var page = await client.GetAsync(status);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("no-store", page.Headers.CacheControl!.ToString());
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("PAGINA-NL-000001", html);
        Assert.Contains("Toegekend", html);
        Assert.Contains("€ 750,00", html); // 1.000,00 less 25 %
        var saved = await factory.InDbAsync(db => db.VoucherApplications.SingleAsync(a => a.Email == "an@example.org" && db.VoucherSchemes.Any(s => s.Id == a.SchemeId && s.Code == "pagina-nl")));
        Assert.Equal(new DateOnly(1990, 5, 17), saved.DateOfBirth);
        Assert.Equal("nl", saved.Language);
    }

    [Fact]
    public async Task In_English_every_failed_rule_is_named_at_its_field_and_nothing_is_saved()
    {
        var scheme = await VoucherSchemeBuilder.SchemeAsync(factory, "pagina-en", ceiling: 10_000m, price: 1_000m);
        var client = Anonymous(factory);
        var url = "/regelingen/pagina-en/aanvragen?culture=en";
        var empty = await PostFormAsync(client, url, new() { ["Input.Email"] = "", ["Input.DateOfBirth"] = "31-02-1990" });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var html = await empty.Content.ReadAsStringAsync();
        Assert.Contains("Your application was not saved", html);
        Assert.Contains("<a href=\"#Input_Email\">Enter your e-mail address.</a>", html);
        Assert.Contains("Enter your date of birth as dd-mm-yyyy, e.g. 17-05-1990.", html);
        Assert.Contains("Choose the target group you belong to.", html);
        Assert.Contains("<a href=\"#Input_Choice\">Choose a course.</a>", html);
        Assert.Contains("aria-describedby=\"hint-Email fout-Input_Email\"", html);
        // Rules: too young, and the value typed stays in the form.
        var young = DateTime.UtcNow.AddYears(-16).ToString("dd-MM-yyyy");
        var rules = await ApplyAsync(client, scheme, "?culture=en", "jong@example.org", young);
        Assert.Equal(HttpStatusCode.BadRequest, rules.StatusCode);
        html = await rules.Content.ReadAsStringAsync();
        Assert.Contains("Rule age: you must be at least 18 years old.", html);
        Assert.Contains("value=\"jong@example.org\"", html);
        Assert.Equal(0, await factory.InDbAsync(db => db.VoucherApplications.CountAsync(a => db.VoucherSchemes.Any(s => s.Id == a.SchemeId && s.Code == "pagina-en"))));
        Assert.Equal(0, await factory.InDbAsync(db => db.VoucherSchemes.Where(s => s.Code == "pagina-en").Select(s => s.Arrivals).SingleAsync()));
        // Then right: stored in English, and the status page speaks it.
        var ok = await ApplyAsync(client, scheme, "?culture=en", "ok@example.org", "1990-05-17");
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Contains("Granted", await client.GetStringAsync(ok.Headers.Location!.OriginalString));
        Assert.Equal("en", await factory.InDbAsync(db => db.VoucherApplications.Where(a => a.Email == "ok@example.org").Select(a => a.Language).SingleAsync()));
    }

    [Fact]
    public async Task A_withdrawal_asks_to_confirm_and_the_next_on_the_waiting_list_moves_up()
    {
        // Room for exactly one voucher of € 1.000,00.
        var scheme = await VoucherSchemeBuilder.SchemeAsync(factory, "pagina-wacht", ceiling: 1_000m, price: 1_000m);
        var first = (await ApplyAsync(Anonymous(factory), scheme, "", "eerste@example.org", "01-01-1980")).Headers.Location!.OriginalString;
        var second = (await ApplyAsync(Anonymous(factory), scheme, "", "tweede@example.org", "02-02-1982")).Headers.Location!.OriginalString;
        var third = (await ApplyAsync(Anonymous(factory), scheme, "", "derde@example.org", "03-03-1983")).Headers.Location!.OriginalString;
        var reader = Anonymous(factory);
        var secondPage = await reader.GetStringAsync(second);
        Assert.Contains("Op de wachtlijst", secondPage);
        Assert.Contains("<dd id=\"plaats\">1</dd>", secondPage);
        Assert.Contains("<dd id=\"plaats\">2</dd>", await reader.GetStringAsync(third));

        // Opening the withdrawal link withdraws nothing: it asks.
        var ask = await reader.GetStringAsync(first + "&intrekken=true");
        Assert.Contains("Ja, trek mijn aanvraag in", ask);
        Assert.Contains("Toegekend", await reader.GetStringAsync(first));
        var key = Uri.UnescapeDataString(first.Split("key=")[1]);
        var withdrawn = await PostFormAsync(reader, "/regelingen/aanvraag", new() { ["Key"] = key }, first + "&intrekken=true");
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.Contains("Ingetrokken", await withdrawn.Content.ReadAsStringAsync());
        Assert.Contains("Toegekend", await reader.GetStringAsync(second));
        Assert.Contains("<dd id=\"plaats\">1</dd>", await reader.GetStringAsync(third));
        Assert.Equal(1_000m, await factory.InDbAsync(db => db.VoucherSchemes.Where(s => s.Code == "pagina-wacht").Select(s => s.Reserved).SingleAsync()));
        // A second withdrawal of the same application changes nothing.
        var again = await PostFormAsync(reader, "/regelingen/aanvraag", new() { ["Key"] = key }, first);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(1_000m, await factory.InDbAsync(db => db.VoucherSchemes.Where(s => s.Code == "pagina-wacht").Select(s => s.Reserved).SingleAsync()));
    }

    [Fact]
    public async Task A_wrong_link_says_so_in_the_readers_language()
    {
        var response = await Anonymous(factory).GetAsync("/regelingen/aanvraag?key=verzonnen&culture=en");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("This link is not valid, or the application has already been withdrawn.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Only_the_schemes_officers_see_its_dashboard_with_the_budget_and_the_waiting_list_by_number()
    {
        var scheme = await VoucherSchemeBuilder.SchemeAsync(factory, "beheer-a", ceiling: 1_500m, price: 1_000m);
        await ApplyAsync(Anonymous(factory), scheme, "", "een@example.org", "01-01-1980");
        await ApplyAsync(Anonymous(factory), scheme, "", "twee@example.org", "02-02-1982");
        await ApplyAsync(Anonymous(factory), scheme, "", "drie@example.org", "03-03-1983");
        const string url = "/regelingen/beheer-a/beheer";
        // The scheme is run by the Hogeschool van Amsterdam: its editor is an officer; one € 1.000,00 voucher fits the € 1.500,00 ceiling.
        var officer = await SignInAsync(factory, "redacteur@hva.demo");
        var page = await officer.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("id=\"plafond\">€ 1.500,00<", html);
        Assert.Contains("id=\"gereserveerd\">€ 1.000,00<", html);
        Assert.Contains("id=\"beschikbaar\">€ 500,00<", html);
        Assert.Contains("id=\"toegekend\">1<", html);
        Assert.Contains("id=\"wachtend\">2<", html);
        Assert.True(html.IndexOf("BEHEER-A-000002", StringComparison.Ordinal) is var second and > 0 && html.IndexOf("BEHEER-A-000003", StringComparison.Ordinal) > second);
        Assert.DoesNotContain("twee@example.org", html);
        Assert.Contains("href=\"/regelingen/beheer-a/beheer\"", await officer.GetStringAsync("/regelingen/beheer-a"));
        // A member, and the officer of another scheme, see nothing of it; anonymous is sent to sign in.
        foreach (var other in new[] { "lid@pactwerk.demo", "regeling@gelderland.demo" })
        {
            var refused = await (await SignInAsync(factory, other)).GetAsync(url);
            Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
            Assert.DoesNotContain("BEHEER-A-000002", await refused.Content.ReadAsStringAsync());
        }
        Assert.Equal(HttpStatusCode.OK, (await (await SignInAsync(factory, "regeling@gelderland.demo")).GetAsync("/regelingen/gelders-vakmanschap/beheer")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await Anonymous(factory).GetAsync(url)).StatusCode);
        Assert.DoesNotContain("href=\"/regelingen/beheer-a/beheer\"", await Anonymous(factory).GetStringAsync("/regelingen/beheer-a"));
    }

    [Fact]
    public async Task The_officer_vets_a_provider_with_a_reason_and_a_decision_without_one_changes_nothing()
    {
        var scheme = await VoucherSchemeBuilder.SchemeAsync(factory, "beheer-b", ceiling: 10_000m, price: 1_000m, vet: false);
        const string url = "/regelingen/beheer-b/beheer/aanbieders";
        var id = scheme.ProviderId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var officer = await SignInAsync(factory, "redacteur@hva.demo");
        var noReason = await PostFormAsync(officer, url, new() { ["Provider"] = id, ["Decision"] = "approve", ["Reason"] = " " });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("Geef de reden van het besluit (hoogstens 1000 tekens).", await noReason.Content.ReadAsStringAsync());
        var english = await PostFormAsync(officer, url + "?culture=en", new() { ["Provider"] = id, ["Reason"] = "Gecontroleerd" });
        Assert.Equal(HttpStatusCode.BadRequest, english.StatusCode);
        Assert.Contains("Choose approve or reject.", await english.Content.ReadAsStringAsync());
        // A member cannot decide.
        var member = await SignInAsync(factory, "lid@pactwerk.demo");
        Assert.NotEqual(HttpStatusCode.OK, (await member.GetAsync(url)).StatusCode);
        Assert.False(await factory.InDbAsync(db => db.VoucherProviders.Where(p => p.Id == scheme.ProviderId).Select(p => p.Vetted).SingleAsync()));
        Assert.False(await factory.InDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "voucher-provider-approved" && e.EntityId == id)));

        var approved = await PostFormAsync(officer, url, new() { ["Provider"] = id, ["Decision"] = "approve", ["Reason"] = "CRKBO-registratie gecontroleerd" });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Contains("Opleider beheer-b is goedgekeurd.", await approved.Content.ReadAsStringAsync());
        Assert.True(await factory.InDbAsync(db => db.VoucherProviders.Where(p => p.Id == scheme.ProviderId).Select(p => p.Vetted).SingleAsync()));
        Assert.True(await factory.InDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "voucher-provider-approved" && e.EntityId == id)));
        // Now its course shows on the public page.
        Assert.Contains("Elektrotechniek", await Anonymous(factory).GetStringAsync("/regelingen/beheer-b"));
    }

    [Fact]
    public async Task A_provider_registers_with_a_Dutch_price_and_a_wrong_IBAN_is_named_at_its_field_and_saves_nothing()
    {
        var scheme = await VoucherSchemeBuilder.SchemeAsync(factory, "aanmeld", ceiling: 10_000m, price: 1_000m);
        const string url = "/regelingen/aanmeld/aanbieders/aanmelden";
        Dictionary<string, string> Fields(string iban, string price) => new()
        {
            ["Input.Name"] = "Opleider Aanmeld", ["Input.KvkNumber"] = "87654321", ["Input.Iban"] = iban, ["Input.QualityRegistration"] = "CRKBO 4242",
            ["Input.Title"] = "Installatietechniek", ["Input.Level"] = "mbo-4", ["Input.TargetOccupation"] = "Installatiemonteur", ["Input.Hours"] = "80",
            ["Input.Price"] = price, ["Input.StartDates"] = "01-02-2027, 1-9-2027",
        };
        async Task<int> Providers() => await factory.InDbAsync(db => db.VoucherProviders.CountAsync(p => db.VoucherSchemes.Any(s => s.Id == p.SchemeId && s.Code == "aanmeld")));
        var client = Anonymous(factory);
        // The last digit changed: the check digits no longer fit.
        var wrong = await PostFormAsync(client, url, Fields("NL91 ABNA 0417 1643 01", "1.250,00"));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var html = await wrong.Content.ReadAsStringAsync();
        Assert.Contains("<a href=\"#Input_Iban\">Dit IBAN klopt niet", html);
        Assert.Contains("id=\"fout-Input_Iban\"", html);
        Assert.Equal(1, await Providers());
        var english = await PostFormAsync(client, url + "?culture=en", Fields("NL91 ABNA 0417 1643 01", "twaalf"));
        Assert.Equal(HttpStatusCode.BadRequest, english.StatusCode);
        Assert.Contains("Enter the price as an amount in euros, such as 1,250.00.", await english.Content.ReadAsStringAsync());
        Assert.Equal(1, await Providers());

        var right = await PostFormAsync(client, url, Fields(VoucherSchemeBuilder.GoodIban, "1.250,00"));
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("Opleider Aanmeld is aangemeld.", await right.Content.ReadAsStringAsync());
        var saved = await factory.InDbAsync(db => db.VoucherProviders.Include(p => p.Courses).SingleAsync(p => p.KvkNumber == "87654321"));
        Assert.False(saved.Vetted);
        Assert.Equal("NL91ABNA0417164300", saved.Iban);
        Assert.Equal(1_250.00m, saved.Courses.Single().Price);
        Assert.Equal([new DateOnly(2027, 2, 1), new DateOnly(2027, 9, 1)], saved.Courses.Single().StartDates);
        // English decimals the English way.
        var fields = Fields(VoucherSchemeBuilder.GoodIban, "1,250.50");
        fields["Input.KvkNumber"] = "87654322";
        Assert.Equal(HttpStatusCode.OK, (await PostFormAsync(client, url + "?culture=en", fields)).StatusCode);
        Assert.Equal(1_250.50m, await factory.InDbAsync(db => db.VoucherCourses.Where(c => c.Provider.KvkNumber == "87654322").Select(c => c.Price).SingleAsync()));
        _ = scheme;
    }

    private static Task<HttpResponseMessage> ApplyAsync(HttpClient client, VoucherSchemeBuilder.Built scheme, string query, string email, string birth) =>
        PostFormAsync(client, $"/regelingen/{scheme.Code}/aanvragen{query}", new()
        {
            ["Input.Email"] = email, ["Input.DateOfBirth"] = birth, ["Input.TargetGroup"] = "werkzoekend-naar-techniek",
            ["Input.Municipality"] = VoucherSchemeBuilder.Municipality, ["Input.Choice"] = $"{scheme.CourseId}:{scheme.Start:yyyy-MM-dd}",
        });
}

public sealed class VoucherPagesSqlite(SqliteFactory factory) : VoucherPagesTests<SqliteFactory>(factory);
public sealed class VoucherPagesPostgres(PostgresFactory factory) : VoucherPagesTests<PostgresFactory>(factory);
