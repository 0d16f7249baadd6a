using System.Net;
using System.Net.Http.Json;
using System.Text;
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
/// The holder's municipality and birth year as funders give them with a deposit (JSON or CSV): read as a CBS code and a
/// year, refused per field with nothing written when wrong, kept when the account opens, filled in only where empty.
/// </summary>
public abstract class HolderFactsTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private const string Officer = "feiten@provincie.test";
    private const string Holder = "feit-houder@example.org";
    private static readonly SemaphoreSlim Once = new(1, 1);

    private async Task ArrangeAsync()
    {
        await Once.WaitAsync();
        try
        {
            await factory.InScopeAsync(async services =>
            {
                var db = services.GetRequiredService<PactwerkDb>();
                if (await db.LearningFunders.AnyAsync(f => f.Code == "prov-feiten"))
                    return;
                var users = services.GetRequiredService<UserManager<PactwerkUser>>();
                var pact = await db.Pacts.Where(p => p.Code == "techniekpact").Select(p => p.Id).SingleAsync();
                var landstede = await db.Organisations.Where(o => o.Name == "Landstede Groep").Select(o => o.Id).SingleAsync();
                db.LearningFunders.Add(new Funder { Code = "prov-feiten", Name = "Provincie Feiten", Kind = FunderKind.Province, Priority = 2, OrganisationId = landstede });
                var user = new PactwerkUser { UserName = Officer, Email = Officer, EmailConfirmed = true, DisplayName = Officer, CreatedAt = DateTime.UtcNow };
                Assert.True((await users.CreateAsync(user, DemoPassword)).Succeeded);
                var holder = new PactwerkUser { UserName = Holder, Email = Holder, EmailConfirmed = true, DisplayName = Holder, CreatedAt = DateTime.UtcNow };
                Assert.True((await users.CreateAsync(holder, DemoPassword)).Succeeded);
                db.RoleAssignments.Add(new RoleAssignment { UserId = user.Id, Kind = RoleKind.PartnerEditor, ValidFrom = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1), PactId = pact, OrganisationId = landstede });
                await db.SaveChangesAsync();
            });
        }
        finally
        {
            Once.Release();
        }
    }

    private static object Input(string email, string reference, string? municipality, int? birthYear) =>
        new { email, amount = 100m, validUntil = "2030-12-31", reference, municipality, birthYear };

    private Task<(string? Municipality, int? BirthYear)> FactsAsync(string email) => factory.InDbAsync(async db =>
        await db.LearningAccounts.Where(a => a.HolderEmail == email).Select(a => new ValueTuple<string?, int?>(a.MunicipalityCode, a.BirthYear)).SingleAsync());

    private Task<(int Accounts, int Deposits, int Postings)> CountsAsync() => factory.InDbAsync(async db =>
        (await db.LearningAccounts.CountAsync(), await db.LearningDeposits.CountAsync(), await db.LedgerPostings.CountAsync()));

    [Fact]
    public async Task A_deposit_with_a_municipality_name_and_birth_year_stores_the_code_and_year_and_a_later_one_does_not_overwrite()
    {
        await ArrangeAsync();
        var officer = await SignInWithTwoFactorAsync(factory, Officer);
        var made = await officer.PostAsJsonAsync("/api/v1/funders/prov-feiten/deposits", Input("feit1@example.org", "FT-1", " zwolle ", 1984));
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        Assert.Equal(("GM0193", 1984), await FactsAsync("feit1@example.org"));

        // A later deposit naming other facts leaves them as they are.
        var later = await officer.PostAsJsonAsync("/api/v1/funders/prov-feiten/deposits", Input("feit1@example.org", "FT-2", "GM0363", 1990));
        Assert.Equal(HttpStatusCode.Created, later.StatusCode);
        Assert.Equal(("GM0193", 1984), await FactsAsync("feit1@example.org"));

        // An account opened without them is filled in by the next deposit that gives them, field by field.
        Assert.Equal(HttpStatusCode.Created, (await officer.PostAsJsonAsync("/api/v1/funders/prov-feiten/deposits", Input("feit2@example.org", "FT-3", null, null))).StatusCode);
        Assert.Equal((null, null), await FactsAsync("feit2@example.org"));
        Assert.Equal(HttpStatusCode.Created, (await officer.PostAsJsonAsync("/api/v1/funders/prov-feiten/deposits", Input("feit2@example.org", "FT-4", null, 1970))).StatusCode);
        Assert.Equal((null, 1970), await FactsAsync("feit2@example.org"));
        Assert.Equal(HttpStatusCode.Created, (await officer.PostAsJsonAsync("/api/v1/funders/prov-feiten/deposits", Input("feit2@example.org", "FT-5", "GM0193", 1999))).StatusCode);
        Assert.Equal(("GM0193", 1970), await FactsAsync("feit2@example.org"));
    }

    [Fact]
    public async Task The_holder_sees_and_corrects_their_facts_an_unchanged_save_changes_nothing_and_a_later_deposit_does_not_overwrite()
    {
        await ArrangeAsync();
        var officer = await SignInWithTwoFactorAsync(factory, Officer);
        Assert.Equal(HttpStatusCode.Created, (await officer.PostAsJsonAsync("/api/v1/funders/prov-feiten/deposits", Input(Holder, "FH-1", "Zwolle", 1984))).StatusCode);
        var holder = await SignInAsync(factory, Holder);
        var page = await holder.GetStringAsync("/leerrekening");
        Assert.Contains("<option value=\"GM0193\" selected=\"selected\">", page);
        Assert.Contains("value=\"1984\"", page);
        Task<int> AuditedAsync() => factory.InDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == LearningAccountAuditActions.FactsCorrected));
        var audited = await AuditedAsync();

        var saved = await PostFormAsync(holder, "/leerrekening?handler=Facts", new() { ["municipality"] = "GM0363", ["birthYear"] = " 1985 " }, formPage: "/leerrekening");
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains("Uw gemeente en geboortejaar zijn opgeslagen.", await saved.Content.ReadAsStringAsync());
        Assert.Equal(("GM0363", 1985), await FactsAsync(Holder));
        Assert.Equal(audited + 1, await AuditedAsync());

        // The same again: nothing written, nothing audited.
        var same = await PostFormAsync(holder, "/leerrekening?handler=Facts", new() { ["municipality"] = "GM0363", ["birthYear"] = "1985" }, formPage: "/leerrekening");
        Assert.Contains("Er is niets veranderd.", await same.Content.ReadAsStringAsync());
        Assert.Equal(audited + 1, await AuditedAsync());

        // A later funder deposit leaves the holder's correction alone.
        Assert.Equal(HttpStatusCode.Created, (await officer.PostAsJsonAsync("/api/v1/funders/prov-feiten/deposits", Input(Holder, "FH-2", "GM0193", 1970))).StatusCode);
        Assert.Equal(("GM0363", 1985), await FactsAsync(Holder));

        // In English, a wrong year: refused with the field named, nothing changed.
        Assert.Equal(HttpStatusCode.Redirect, (await holder.GetAsync("/taal?culture=en&returnUrl=%2F")).StatusCode);
        var wrong = await PostFormAsync(holder, "/leerrekening?handler=Facts", new() { ["municipality"] = "GM0363", ["birthYear"] = "1890" }, formPage: "/leerrekening");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var wrongPage = await wrong.Content.ReadAsStringAsync();
        Assert.Contains("id=\"fout-Facts_BirthYear\">Enter a year of birth from 1900 to", wrongPage);
        Assert.Contains("Where you live and your year of birth", wrongPage);
        Assert.Equal(("GM0363", 1985), await FactsAsync(Holder));

        // Only the required fields (none): both emptied, which the holder may do.
        var empty = await PostFormAsync(holder, "/leerrekening?handler=Facts", new(), formPage: "/leerrekening");
        Assert.Contains("Your municipality and year of birth have been saved.", await empty.Content.ReadAsStringAsync());
        Assert.Equal((null, null), await FactsAsync(Holder));
        Assert.Equal(audited + 2, await AuditedAsync());
    }

    [Fact]
    public async Task A_wrong_municipality_or_birth_year_is_refused_naming_the_field_and_nothing_is_written()
    {
        await ArrangeAsync();
        var officer = await SignInWithTwoFactorAsync(factory, Officer);
        var before = await CountsAsync();
        var tooYoung = DateTime.UtcNow.Year - 13;
        var response = await officer.PostAsJsonAsync("/api/v1/funders/prov-feiten/deposits", Input("fout@example.org", "FT-F1", "Atlantis", tooYoung));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("Atlantis", errors.GetProperty("municipality")[0].GetString());
        Assert.Contains((tooYoung - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), errors.GetProperty("birthYear")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.PostAsJsonAsync("/api/v1/funders/prov-feiten/deposits", Input("fout@example.org", "FT-F2", null, 1899))).StatusCode);
        Assert.Equal(before, await CountsAsync());
        Assert.False(await factory.InDbAsync(db => db.LearningAccounts.AnyAsync(a => a.HolderEmail == "fout@example.org")));
    }

    [Fact]
    public async Task A_file_with_the_new_columns_opens_accounts_with_the_facts_fills_in_empty_ones_and_refuses_bad_ones()
    {
        await ArrangeAsync();
        var officer = await SignInWithTwoFactorAsync(factory, Officer);
        // An account already there without facts, and one whose facts the file must not overwrite.
        Assert.Equal(HttpStatusCode.Created, (await officer.PostAsJsonAsync("/api/v1/funders/prov-feiten/deposits", Input("leeg@bestand-feiten.test", "FB-0", null, null))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await officer.PostAsJsonAsync("/api/v1/funders/prov-feiten/deposits", Input("vol@bestand-feiten.test", "FB-00", "GM0363", 1960))).StatusCode);

        var bad = "email;amount;reference;validUntil;municipality;birthYear\n"
            + "nieuw1@bestand-feiten.test;10,00;FB-X1;2030-12-31;Atlantis;1980\n"
            + "nieuw2@bestand-feiten.test;10,00;FB-X2;2030-12-31;Zwolle;19x0\n";
        var before = await CountsAsync();
        var refused = await officer.PostAsync("/api/v1/funders/prov-feiten/deposits", new StringContent(bad, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var rows = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("badRows").EnumerateArray()
            .Select(r => (r.GetProperty("line").GetInt32(), r.GetProperty("field").GetString())).ToList();
        Assert.Equal([(2, "municipality"), (3, "birthYear")], rows);
        Assert.Equal(before, await CountsAsync());

        var good = "email;amount;reference;validUntil;municipality;birthYear\n"
            + "nieuw1@bestand-feiten.test;10,00;FB-1;2030-12-31;zwolle;1980\n"
            + "nieuw2@bestand-feiten.test;10,00;FB-2;2030-12-31;;\n"
            + "leeg@bestand-feiten.test;10,00;FB-3;2030-12-31;GM0193;1975\n"
            + "vol@bestand-feiten.test;10,00;FB-4;2030-12-31;GM0193;1975\n";
        Assert.Equal(HttpStatusCode.Created, (await officer.PostAsync("/api/v1/funders/prov-feiten/deposits", new StringContent(good, Encoding.UTF8, "text/csv"))).StatusCode);
        Assert.Equal(("GM0193", 1980), await FactsAsync("nieuw1@bestand-feiten.test"));
        Assert.Equal((null, null), await FactsAsync("nieuw2@bestand-feiten.test"));
        Assert.Equal(("GM0193", 1975), await FactsAsync("leeg@bestand-feiten.test"));
        Assert.Equal(("GM0363", 1960), await FactsAsync("vol@bestand-feiten.test"));
    }
}

public sealed class HolderFactsSqlite(SqliteFactory factory) : HolderFactsTests<SqliteFactory>(factory);
public sealed class HolderFactsPostgres(PostgresFactory factory) : HolderFactsTests<PostgresFactory>(factory);
