using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.LearningAccounts;
using static Pactwerk.Tests.Infrastructure.Session;
using static Pactwerk.Tests.Accounts.TwoFactorSessions;

namespace Pactwerk.Tests.LearningAccounts;

/// <summary>
/// Funders' officers pay into people's accounts through the API; the holder sees their own account, an
/// officer what their funder paid, an administrator everything; anyone else is refused, and bad or repeated
/// deposits change nothing.
/// </summary>
public abstract class LearningAccountsApiTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private const string ProvinceOfficer = "officer@provincie.test";
    private const string FundOfficer = "officer@fonds.test";
    private const string Holder = "Holder@Example.org";
    private const string Stranger = "stranger@example.org";
    private const string Admin = "beheerder@pactwerk.demo";
    private static readonly SemaphoreSlim Once = new(1, 1);

    private async Task ArrangeAsync()
    {
        await Once.WaitAsync();
        try
        {
            await factory.InScopeAsync(async services =>
            {
                var db = services.GetRequiredService<PactwerkDb>();
                if (await db.LearningFunders.AnyAsync(f => f.Code == "prov-api"))
                    return;
                var users = services.GetRequiredService<UserManager<PactwerkUser>>();
                var pact = await db.Pacts.Where(p => p.Code == "techniekpact").Select(p => p.Id).SingleAsync();
                var landstede = await db.Organisations.Where(o => o.Name == "Landstede Groep").Select(o => o.Id).SingleAsync();
                var vogellanden = await db.Organisations.Where(o => o.Name == "Vogellanden").Select(o => o.Id).SingleAsync();
                db.LearningFunders.Add(new Funder { Code = "prov-api", Name = "Provincie Api", Kind = FunderKind.Province, Priority = 2, OrganisationId = landstede });
                db.LearningFunders.Add(new Funder { Code = "fonds-api", Name = "Fonds Api", Kind = FunderKind.SectorFund, Priority = 1, OrganisationId = vogellanden });
                foreach (var (email, organisation) in new[] { (ProvinceOfficer, (int?)landstede), (FundOfficer, vogellanden), (Holder, null), (Stranger, null) })
                {
                    var user = new PactwerkUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email, CreatedAt = DateTime.UtcNow };
                    Assert.True((await users.CreateAsync(user, DemoPassword)).Succeeded);
                    if (organisation is { } o)
                        db.RoleAssignments.Add(new RoleAssignment { UserId = user.Id, Kind = RoleKind.PartnerEditor, ValidFrom = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1), PactId = pact, OrganisationId = o });
                }
                await db.SaveChangesAsync();
            });
        }
        finally
        {
            Once.Release();
        }
    }

    private static object Input(string email, object amount, string reference, string? validUntil = "2030-12-31", string? validFrom = null, string[]? sectors = null) =>
        new { email, amount, validFrom, validUntil, sectors, levels = (string[]?)null, occupations = (string[]?)null, followsPerson = true, reference };

    private Task<(int Deposits, int Accounts, int Postings)> CountsAsync() => factory.InDbAsync(async db =>
        (await db.LearningDeposits.CountAsync(), await db.LearningAccounts.CountAsync(), await db.LedgerPostings.CountAsync()));

    [Fact]
    public async Task An_officer_deposits_once_per_reference_and_the_holder_sees_it_whatever_the_case_of_their_address()
    {
        await ArrangeAsync();
        var officer = await SignInWithTwoFactorAsync(factory, ProvinceOfficer);
        var made = await officer.PostAsJsonAsync("/api/v1/funders/prov-api/deposits", Input("holder@example.org", 250.75m, "P-0001", sectors: ["zorg"]));
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        var deposit = await made.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(250.75m, deposit.GetProperty("amount").GetDecimal());
        var counts = await CountsAsync();

        // The same deposit again: answered with the first, nothing written.
        var again = await officer.PostAsJsonAsync("/api/v1/funders/prov-api/deposits", Input("HOLDER@example.org ", 250.75m, "P-0001", sectors: ["zorg"]));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(deposit.GetProperty("id").GetInt64(), (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64());
        // The same reference for another amount: refused, nothing written.
        var other = await officer.PostAsJsonAsync("/api/v1/funders/prov-api/deposits", Input("holder@example.org", 250.76m, "P-0001", sectors: ["zorg"]));
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Contains("P-0001", await other.Content.ReadAsStringAsync());
        Assert.Equal(counts, await CountsAsync());

        // A second funder pays into the same account: one account per person.
        var fund = await SignInWithTwoFactorAsync(factory, FundOfficer);
        Assert.Equal(HttpStatusCode.Created, (await fund.PostAsJsonAsync("/api/v1/funders/fonds-api/deposits", Input("holder@example.org", 1000, "F-1", "2029-06-30"))).StatusCode);

        var holder = await SignInAsync(factory, Holder);
        var mine = await holder.GetFromJsonAsync<JsonElement>("/api/v1/learning-accounts/me");
        Assert.Equal(deposit.GetProperty("accountId").GetInt64(), mine.GetProperty("id").GetInt64());
        Assert.Equal(1250.75m, mine.GetProperty("available").GetDecimal());
        Assert.Equal(1250.75m, mine.GetProperty("deposited").GetDecimal());
        // Per funder in the scheme's order (the fund has priority 1), per deposit in order of expiry.
        Assert.Equal(["fonds-api", "prov-api"], mine.GetProperty("funders").EnumerateArray().Select(f => f.GetProperty("code").GetString()));
        Assert.Equal([1000m, 250.75m], mine.GetProperty("funders").EnumerateArray().Select(f => f.GetProperty("available").GetDecimal()));
        Assert.Equal(["2029-06-30", "2030-12-31"], mine.GetProperty("deposits").EnumerateArray().Select(d => d.GetProperty("validUntil").GetString()));
        Assert.Equal(2, mine.GetProperty("movements").GetArrayLength());
        Assert.Equal(0m, mine.GetProperty("movements")[0].GetProperty("lines").EnumerateArray().Sum(l => l.GetProperty("amount").GetDecimal()));
        Assert.Equal(HttpStatusCode.OK, (await holder.GetAsync($"/api/v1/learning-accounts/{mine.GetProperty("id").GetInt64()}/statement")).StatusCode);

        // The deposit is in the audit trail, with who made it.
        var audited = await factory.InDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == LearningAccountAuditActions.Deposited && e.EntityId == deposit.GetProperty("id").GetInt64().ToString()));
        Assert.Equal(1, audited);
    }

    [Fact]
    public async Task A_wrong_deposit_is_refused_with_every_reason_and_changes_nothing()
    {
        await ArrangeAsync();
        var officer = await SignInWithTwoFactorAsync(factory, ProvinceOfficer);
        var counts = await CountsAsync();
        var empty = await officer.PostAsJsonAsync("/api/v1/funders/prov-api/deposits", new { });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var errors = (await empty.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(LearningAccountMessages.EmailMissing, errors.GetProperty("email")[0].GetString());
        Assert.Equal(LearningAccountMessages.AmountInvalid, errors.GetProperty("amount")[0].GetString());
        Assert.Equal(LearningAccountMessages.ValidUntilMissing, errors.GetProperty("validUntil")[0].GetString());
        Assert.Equal(LearningAccountMessages.ReferenceMissing, errors.GetProperty("reference")[0].GetString());

        foreach (var (input, field) in new (object, string)[]
        {
            (Input("holder@example.org", 20.755m, "P-X"), "amount"),
            (Input("holder@example.org", -5, "P-X"), "amount"),
            (Input("holder@example.org", 100_000.01m, "P-X"), "amount"),
            (Input("geen-adres", 10, "P-X"), "email"),
            (Input("holder@example.org", 10, "P-X", "2027-01-01", "2027-02-01"), "validUntil"),
            (Input("holder@example.org", 10, new string('x', 101)), "reference"),
            (Input("holder@example.org", 10, "P-X", sectors: [""]), "sectors"),
        })
        {
            var response = await officer.PostAsJsonAsync("/api/v1/funders/prov-api/deposits", input);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _), field);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await officer.PostAsJsonAsync("/api/v1/funders/bestaat-niet/deposits", Input("holder@example.org", 10, "P-X"))).StatusCode);

        // In English the same reasons come in English, and an unknown funder too.
        var english = await officer.PostAsJsonAsync("/api/v1/funders/prov-api/deposits?culture=en", new { });
        Assert.Equal(HttpStatusCode.BadRequest, english.StatusCode);
        var inEnglish = (await english.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("Enter the person's e-mail address.", inEnglish.GetProperty("email")[0].GetString());
        Assert.Equal("Enter the amount in euros, above 0 and in whole cents, such as 250.75.", inEnglish.GetProperty("amount")[0].GetString());
        Assert.Equal("Enter your own reference for the deposit.", inEnglish.GetProperty("reference")[0].GetString());
        var unknown = await officer.PostAsJsonAsync("/api/v1/funders/bestaat-niet/deposits?culture=en", Input("holder@example.org", 10, "P-X"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("Funder bestaat-niet does not exist.", (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(counts, await CountsAsync());
    }

    [Fact]
    public async Task Only_a_funders_officers_deposit_for_it_and_a_statement_shows_each_reader_only_what_they_may_see()
    {
        await ArrangeAsync();
        var province = await SignInWithTwoFactorAsync(factory, ProvinceOfficer);
        var fund = await SignInWithTwoFactorAsync(factory, FundOfficer);
        Assert.Equal(HttpStatusCode.Created, (await province.PostAsJsonAsync("/api/v1/funders/prov-api/deposits", Input("matrix@example.org", 300, "P-M1"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await fund.PostAsJsonAsync("/api/v1/funders/fonds-api/deposits", Input("matrix@example.org", 200, "F-M1"))).StatusCode);
        var account = await factory.InDbAsync(db => db.LearningAccounts.Where(a => a.HolderEmail == "matrix@example.org").Select(a => a.Id).SingleAsync());
        var counts = await CountsAsync();

        // Another funder's officer, a signed-in person and an anonymous caller may not deposit for the province.
        Assert.Equal(HttpStatusCode.Forbidden, (await fund.PostAsJsonAsync("/api/v1/funders/prov-api/deposits", Input("matrix@example.org", 10, "P-M2"))).StatusCode);
        var stranger = await SignInAsync(factory, Stranger);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.PostAsJsonAsync("/api/v1/funders/prov-api/deposits", Input(Stranger, 10, "P-M3"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Anonymous(factory).PostAsJsonAsync("/api/v1/funders/prov-api/deposits", Input(Stranger, 10, "P-M4"))).StatusCode);
        Assert.Equal(counts, await CountsAsync());

        // The statement: each funder's officer sees only their own deposit; the administrator both; a stranger nothing.
        var seenByProvince = await province.GetFromJsonAsync<JsonElement>($"/api/v1/learning-accounts/{account}/statement");
        Assert.Equal(["prov-api"], seenByProvince.GetProperty("deposits").EnumerateArray().Select(d => d.GetProperty("funder").GetString()));
        Assert.Equal(300m, seenByProvince.GetProperty("deposited").GetDecimal());
        Assert.All(seenByProvince.GetProperty("movements").EnumerateArray().SelectMany(m => m.GetProperty("lines").EnumerateArray()), l => Assert.Equal("prov-api", l.GetProperty("funder").GetString()));
        var seenByAdmin = await (await SignInAsync(factory, Admin)).GetFromJsonAsync<JsonElement>($"/api/v1/learning-accounts/{account}/statement");
        Assert.Equal(500m, seenByAdmin.GetProperty("deposited").GetDecimal());
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"/api/v1/learning-accounts/{account}/statement")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Anonymous(factory).GetAsync($"/api/v1/learning-accounts/{account}/statement")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync("/api/v1/learning-accounts/me")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await province.GetAsync("/api/v1/learning-accounts/987654321/statement")).StatusCode);

        // A read by anyone but the holder is audited, with whose deposits they saw.
        var reads = await factory.InDbAsync(db => db.AuditEntries.Where(e => e.Action == LearningAccountAuditActions.StatementRead && e.EntityId == account.ToString()).CountAsync());
        Assert.Equal(2, reads);
    }

    [Fact]
    public async Task After_a_change_of_employer_the_money_that_follows_the_person_stays_and_the_rest_expires()
    {
        await ArrangeAsync();
        var province = await SignInWithTwoFactorAsync(factory, ProvinceOfficer);
        var fund = await SignInWithTwoFactorAsync(factory, FundOfficer);
        // The fund (here: the old employer's sector) paid € 400,00 that stays with the sector and € 100,00 that follows the person; the province € 250,00.
        var staying = new { email = "wissel@example.org", amount = 400m, validUntil = "2030-01-31", followsPerson = false, reference = "F-W1" };
        Assert.Equal(HttpStatusCode.Created, (await fund.PostAsJsonAsync("/api/v1/funders/fonds-api/deposits", staying)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await fund.PostAsJsonAsync("/api/v1/funders/fonds-api/deposits", Input("wissel@example.org", 100, "F-W2"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await province.PostAsJsonAsync("/api/v1/funders/prov-api/deposits", Input("wissel@example.org", 250, "P-W1"))).StatusCode);
        var account = await factory.InDbAsync(db => db.LearningAccounts.Where(a => a.HolderEmail == "wissel@example.org").Select(a => a.Id).SingleAsync());

        // Another funder's officer cannot say the person left the fund; a departure without a day changes nothing.
        Assert.Equal(HttpStatusCode.Forbidden, (await province.PostAsJsonAsync("/api/v1/funders/fonds-api/departures", new { email = "wissel@example.org", leftOn = "2026-01-01" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await fund.PostAsJsonAsync("/api/v1/funders/fonds-api/departures", new { email = "wissel@example.org" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fund.PostAsJsonAsync("/api/v1/funders/fonds-api/departures", new { email = "nooit@example.org", leftOn = "2026-01-01" })).StatusCode);

        var leftOn = LearningDay.Today(TimeProvider.System).AddDays(-3);
        var response = await fund.PostAsJsonAsync("/api/v1/funders/fonds-api/departures", new { email = "Wissel@example.org", leftOn = leftOn.ToString("yyyy-MM-dd") });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(400m, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("expired").GetDecimal());

        var statement = await (await SignInAsync(factory, Admin)).GetFromJsonAsync<JsonElement>($"/api/v1/learning-accounts/{account}/statement");
        Assert.Equal(750m, statement.GetProperty("deposited").GetDecimal());
        Assert.Equal(350m, statement.GetProperty("available").GetDecimal());
        Assert.Equal(400m, statement.GetProperty("expired").GetDecimal());
        var stopped = statement.GetProperty("deposits").EnumerateArray().Single(d => d.GetProperty("reference").GetString() == "F-W1");
        Assert.Equal(leftOn.AddDays(-1).ToString("yyyy-MM-dd"), stopped.GetProperty("validUntil").GetString());
        Assert.Equal(PostingKind.Expire.ToString(), statement.GetProperty("movements").EnumerateArray().Last().GetProperty("kind").GetString());
        Assert.Equal(1, await factory.InDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == LearningAccountAuditActions.Departed && e.EntityId == account.ToString())));
    }
}

public sealed class LearningAccountsApiSqlite(SqliteFactory factory) : LearningAccountsApiTests<SqliteFactory>(factory);
public sealed class LearningAccountsApiPostgres(PostgresFactory factory) : LearningAccountsApiTests<PostgresFactory>(factory);
