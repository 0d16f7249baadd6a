using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.Demo;
using Pactwerk.Web.Features.LearningAccounts;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.LearningAccounts;

/// <summary>
/// Funders' officers move money and read people's statements only with two-factor on, as the vouchers' officers
/// act: without it every deposit (single and file), departure, upload page and statement of another person is refused
/// with the way to set it up, and nothing is written; the holder reads their own account without it; the demo's
/// officers stay exempt in the demo.
/// </summary>
public abstract class LearningAccountTwoFactorTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private const string Officer = "tweestaps@provincie.test";
    private const string Holder = "tweestaps-houder@example.org";
    private const string Code = "prov-2fa";
    private const string Page = $"/leerrekening/fondsen/{Code}/stortingen";

    private async Task<long> ArrangeAsync()
    {
        var funderId = 0;
        await factory.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<PactwerkDb>();
            if (await db.LearningFunders.AnyAsync(f => f.Code == Code))
                return;
            var users = services.GetRequiredService<UserManager<PactwerkUser>>();
            var pact = await db.Pacts.Where(p => p.Code == "techniekpact").Select(p => p.Id).SingleAsync();
            var landstede = await db.Organisations.Where(o => o.Name == "Landstede Groep").Select(o => o.Id).SingleAsync();
            var funder = new Funder { Code = Code, Name = "Provincie Tweestaps", Kind = FunderKind.Province, Priority = 2, OrganisationId = landstede };
            db.LearningFunders.Add(funder);
            foreach (var (email, organisation) in new[] { (Officer, (int?)landstede), (Holder, null) })
            {
                var user = new PactwerkUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email, CreatedAt = DateTime.UtcNow };
                Assert.True((await users.CreateAsync(user, DemoPassword)).Succeeded);
                if (organisation is { } o)
                    db.RoleAssignments.Add(new RoleAssignment { UserId = user.Id, Kind = RoleKind.PartnerEditor, ValidFrom = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1), PactId = pact, OrganisationId = o });
            }
            await db.SaveChangesAsync();
            funderId = funder.Id;
        });
        if (funderId == 0)
            return await factory.InDbAsync(db => db.LearningAccounts.Where(a => a.HolderEmail == Holder).Select(a => a.Id).SingleAsync());
        var account = await LearningAccountBuilder.AccountAsync(factory, Holder);
        await LearningAccountBuilder.DepositAsync(factory, account, funderId, 40_000);
        return account;
    }

    private sealed record Tally(int Accounts, int Deposits, int Postings, int Files, int StatementReads);

    private Task<Tally> TallyAsync() => factory.InDbAsync(async db => new Tally(await db.LearningAccounts.CountAsync(), await db.LearningDeposits.CountAsync(),
        await db.LedgerPostings.CountAsync(), await db.LearningDepositFiles.CountAsync(), await db.AuditEntries.CountAsync(a => a.Action == LearningAccountAuditActions.StatementRead)));

    private static object Input(string email, string reference) =>
        new { email, amount = 125.50m, validUntil = "2030-12-31", followsPerson = true, reference };

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string page, string csv)
    {
        var token = AntiforgeryToken(await client.GetStringAsync(page));
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return await client.PostAsync(page, new MultipartFormDataContent { { file, "Upload", "stortingen.csv" }, { new StringContent(token), "__RequestVerificationToken" } });
    }

    private static async Task AssertTwoFactorRefusalAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(TwoFactorRefusal.Title, problem.GetProperty("title").GetString());
        Assert.Contains("/account/tweestapsverificatie", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_officer_without_two_factor_is_refused_everywhere_and_told_how_and_with_it_gets_in_while_the_holder_needs_none()
    {
        var account = await ArrangeAsync();
        var officer = await SignInAsync(factory, Officer);
        var before = await TallyAsync();

        await AssertTwoFactorRefusalAsync(await officer.PostAsJsonAsync($"/api/v1/funders/{Code}/deposits", Input("nieuw-2fa@example.org", "T-1")));
        await AssertTwoFactorRefusalAsync(await officer.PostAsync($"/api/v1/funders/{Code}/deposits", Csv("email;amount;reference;validUntil\nnieuw-2fa@example.org;10;T-2;2030-12-31\n")));
        await AssertTwoFactorRefusalAsync(await officer.PostAsJsonAsync($"/api/v1/funders/{Code}/departures", new { email = Holder, leftOn = "2026-01-01" }));
        await AssertTwoFactorRefusalAsync(await officer.GetAsync($"/api/v1/learning-accounts/{account}/statement"));
        var page = await officer.GetAsync(Page);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal($"/account/tweestapsverificatie?returnUrl={Uri.EscapeDataString(Page)}", page.Headers.Location!.OriginalString);
        Assert.Contains("Voor de pagina die je wilde openen is tweestapsverificatie nodig", await officer.GetStringAsync(page.Headers.Location!.OriginalString));
        // Nothing written, not even the audit line of a read.
        Assert.Equal(before, await TallyAsync());

        // The holder reads their own account, by /me and by its number, without two-factor.
        var holder = await SignInAsync(factory, Holder);
        Assert.Equal(400m, (await holder.GetFromJsonAsync<JsonElement>("/api/v1/learning-accounts/me")).GetProperty("available").GetDecimal());
        Assert.Equal(HttpStatusCode.OK, (await holder.GetAsync($"/api/v1/learning-accounts/{account}/statement")).StatusCode);
        // Someone who is no officer at all still meets the funder's own refusal, not a call for two-factor.
        var stranger = await holder.PostAsJsonAsync($"/api/v1/funders/{Code}/deposits", Input("nieuw-2fa@example.org", "T-3"));
        Assert.Equal(HttpStatusCode.Forbidden, stranger.StatusCode);
        Assert.NotEqual(TwoFactorRefusal.Title, (await stranger.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        Assert.Equal(before, await TallyAsync());

        // With two-factor on, the same session gets in.
        await Accounts.TwoFactorTests<TFactory>.EnableAsync(officer);
        Assert.Equal(HttpStatusCode.Created, (await officer.PostAsJsonAsync($"/api/v1/funders/{Code}/deposits", Input("nieuw-2fa@example.org", "T-1"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await officer.PostAsync($"/api/v1/funders/{Code}/deposits", Csv("email;amount;reference;validUntil\nnieuw-2fa@example.org;10;T-2;2030-12-31\n"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync(Page)).StatusCode);
        var seen = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/learning-accounts/{account}/statement");
        Assert.Equal(400m, seen.GetProperty("deposited").GetDecimal());
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync($"/api/v1/funders/{Code}/departures", new { email = Holder, leftOn = "2026-01-01" })).StatusCode);
        var after = await TallyAsync();
        Assert.Equal(before with { Accounts = before.Accounts + 1, Deposits = before.Deposits + 2, Files = before.Files + 1, StatementReads = before.StatementReads + 1 },
            after with { Postings = before.Postings });
        Assert.True(after.Postings >= before.Postings + 2);
    }

    [Fact]
    public async Task The_demo_sector_fund_officer_is_exempt_in_the_demo_and_uploads_a_file()
    {
        var fund = await SignInAsync(factory, DemoLearningAccounts.SectorFundOfficerEmail);
        Assert.False(await factory.InDbAsync(db => db.Users.Where(u => u.Email == DemoLearningAccounts.SectorFundOfficerEmail).Select(u => u.TwoFactorEnabled).SingleAsync()));
        const string page = "/leerrekening/fondsen/techniektalent/stortingen";
        var before = await factory.InDbAsync(db => db.LearningDeposits.CountAsync());
        var upload = await UploadAsync(fund, page, "email;amount;reference;validUntil\ndemo-2fa@example.org;75,25;DEMO-2FA-1;2030-12-31\n");
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        Assert.Equal(before + 1, await factory.InDbAsync(db => db.LearningDeposits.CountAsync()));
        Assert.Equal(7_525L, await factory.InDbAsync(db => db.LearningDeposits.Where(d => d.Reference == "DEMO-2FA-1").Select(d => d.Amount).SingleAsync()));
    }
}

public sealed class LearningAccountTwoFactorSqlite(SqliteFactory factory) : LearningAccountTwoFactorTests<SqliteFactory>(factory);
public sealed class LearningAccountTwoFactorPostgres(PostgresFactory factory) : LearningAccountTwoFactorTests<PostgresFactory>(factory);
