using System.Net;
using System.Net.Http.Headers;
using System.Text;
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
/// The funder's deposit upload page (<c>/leerrekening/fondsen/{code}/stortingen</c>) in Dutch and English: a file with one
/// bad row names its line and field and writes nothing (counted in the tables), a good file writes its deposits and reports
/// the totals, the same file again writes nothing and says so; nobody but the funder's officers and administrators gets in.
/// </summary>
public abstract class DepositUploadPageTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private const string Officer = "upload@provincie.test";
    private const string Outsider = "upload@ander.test";
    private const string Code = "prov-upload";
    private const string Page = $"/leerrekening/fondsen/{Code}/stortingen";

    private Task ArrangeAsync() => factory.InScopeAsync(async services =>
    {
        var db = services.GetRequiredService<PactwerkDb>();
        if (await db.LearningFunders.AnyAsync(f => f.Code == Code))
            return;
        var users = services.GetRequiredService<UserManager<PactwerkUser>>();
        var pact = await db.Pacts.Where(p => p.Code == "techniekpact").Select(p => p.Id).SingleAsync();
        var landstede = await db.Organisations.Where(o => o.Name == "Landstede Groep").Select(o => o.Id).SingleAsync();
        var vogellanden = await db.Organisations.Where(o => o.Name == "Vogellanden").Select(o => o.Id).SingleAsync();
        db.LearningFunders.Add(new Funder { Code = Code, Name = "Provincie Upload", Kind = FunderKind.Province, Priority = 2, OrganisationId = landstede });
        foreach (var (email, organisation) in new[] { (Officer, landstede), (Outsider, vogellanden) })
        {
            var user = new PactwerkUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email, CreatedAt = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(user, DemoPassword)).Succeeded);
            db.RoleAssignments.Add(new RoleAssignment { UserId = user.Id, Kind = RoleKind.PartnerEditor, ValidFrom = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1), PactId = pact, OrganisationId = organisation });
        }
        await db.SaveChangesAsync();
    });

    private sealed record Tally(int Accounts, int Deposits, int Postings, int Lines, int Files);

    private Task<Tally> TallyAsync() => factory.InDbAsync(async db => new Tally(await db.LearningAccounts.CountAsync(), await db.LearningDeposits.CountAsync(),
        await db.LedgerPostings.CountAsync(), await db.LedgerLines.CountAsync(), await db.LearningDepositFiles.CountAsync()));

    /// <summary>The file sent as a browser sends it: multipart, with the antiforgery token of a page the client may see.</summary>
    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string csv, string tokenPage = Page, string page = Page)
    {
        var token = AntiforgeryToken(await client.GetStringAsync(tokenPage));
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return await client.PostAsync(page, new MultipartFormDataContent { { file, "Upload", "stortingen.csv" }, { new StringContent(token), "__RequestVerificationToken" } });
    }

    [Fact]
    public async Task A_file_with_one_bad_row_names_the_line_and_writes_nothing_then_a_good_file_is_written_once_in_Dutch_and_English()
    {
        await ArrangeAsync();
        var officer = await SignInWithTwoFactorAsync(factory, Officer);

        // The officer finds the page from the learning-account page.
        Assert.Contains(Page, await officer.GetStringAsync("/leerrekening"));
        var empty = await officer.GetStringAsync(Page);
        Assert.Contains("Stortingen uploaden voor Provincie Upload", empty);
        Assert.Contains("<code>validUntil</code>", empty);

        // No file: said at the field, nothing written.
        var before = await TallyAsync();
        var token = AntiforgeryToken(empty);
        var none = await officer.PostAsync(Page, new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } });
        Assert.Contains("Kies een CSV-bestand met stortingen.", await none.Content.ReadAsStringAsync());

        // One bad row (line 3: an amount that could be 1.25 or 1250): the page names it, nothing is written.
        const string header = "email;amount;reference;validUntil;sectors\n";
        var bad = header + "pagina-a@upload.test;1250,00;U-1;2030-12-31;zorg|techniek\n" + "pagina-b@upload.test;1.250;U-2;2030-12-31;\n";
        var refused = await UploadAsync(officer, bad);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var refusedPage = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("Niets opgeslagen: 1 regel is niet in orde", refusedPage);
        Assert.Matches(@"<th scope=""row"">3</th><td>\s*<code>amount</code>", refusedPage);
        Assert.Equal(before, await TallyAsync());

        // The good file: every row written, the totals as summed here (1250 + 20.75 + 100.50) and counted in the tables.
        var good = header + "pagina-a@upload.test;1250,00;U-1;2030-12-31;zorg|techniek\n" + "pagina-b@upload.test;20,75;U-2;2030-12-31;\n"
            + "pagina-a@upload.test;100.50;U-3;2031-06-30;\n";
        var written = await UploadAsync(officer, good);
        Assert.Equal(HttpStatusCode.OK, written.StatusCode);
        var writtenPage = await written.Content.ReadAsStringAsync();
        Assert.Contains("Opgeslagen: alle regels zijn verwerkt.", writtenPage);
        Assert.Contains("<dt>Regels</dt><dd>3</dd>", writtenPage);
        Assert.Contains("<dt>Nieuwe stortingen</dt><dd>3</dd>", writtenPage);
        Assert.Contains("<dt>Leerrekeningen geopend</dt><dd>2</dd>", writtenPage);
        Assert.Contains($"<dt>Totaalbedrag</dt><dd>{WebUtility.HtmlEncode("€ 1.371,25")}</dd>", writtenPage);
        var after = await TallyAsync();
        Assert.Equal(before with { Accounts = before.Accounts + 2, Deposits = before.Deposits + 3, Postings = before.Postings + 3, Lines = before.Lines + 6, Files = before.Files + 1 }, after);
        var amounts = await factory.InDbAsync(db => db.LearningDeposits.Where(d => d.Funder.Code == Code).OrderBy(d => d.Reference).Select(d => d.Amount).ToListAsync());
        Assert.Equal([125000L, 2075L, 10050L], amounts);

        // The same file again: said so, nothing written twice.
        var again = await UploadAsync(officer, good);
        Assert.Contains("Dit bestand is al eerder verwerkt", await again.Content.ReadAsStringAsync());
        Assert.Equal(after, await TallyAsync());

        // In English: the summary and the message of the bad row. The officer's one session with two-factor switches
        // language, and back to Dutch at the end, since the other tests of this app go on with it.
        var english = officer;
        Assert.Equal(HttpStatusCode.Redirect, (await english.GetAsync("/taal?culture=en&returnUrl=%2F")).StatusCode);
        Assert.Contains("Upload deposits for Provincie Upload", await english.GetStringAsync(Page));
        var inEnglish = WebUtility.HtmlDecode(await (await UploadAsync(english, header + "pagina-c@upload.test;5;U-4;31-12-2030;\n")).Content.ReadAsStringAsync());
        Assert.Contains("Nothing saved: 1 row is not in order", inEnglish);
        Assert.Contains("Give a date as yyyy-mm-dd.", inEnglish);
        Assert.Equal(after, await TallyAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await english.GetAsync("/taal?culture=nl&returnUrl=%2F")).StatusCode);
    }

    [Fact]
    public async Task Only_the_funders_officers_and_administrators_get_in()
    {
        await ArrangeAsync();
        var before = await TallyAsync();
        // A partner editor of another organisation: refused on the page and for a file, and not offered the link.
        var outsider = await SignInAsync(factory, Outsider);
        var page = await outsider.GetAsync(Page);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/geen-toegang", page.Headers.Location!.OriginalString);
        Assert.DoesNotContain(Page, await outsider.GetStringAsync("/leerrekening"));
        var post = await UploadAsync(outsider, "email;amount;reference;validUntil\nweg@upload.test;5;X-1;2030-12-31\n", tokenPage: "/leerrekening");
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Contains("/geen-toegang", post.Headers.Location!.OriginalString);
        Assert.Equal(before, await TallyAsync());
        // A funder that does not exist; anonymous visitors are sent to sign in.
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync("/leerrekening/fondsen/bestaat-niet/stortingen")).StatusCode);
        var anonymous = await Anonymous(factory).GetAsync(Page);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/inloggen", anonymous.Headers.Location!.OriginalString);
        // An administrator may.
        var admin = await SignInAsync(factory, "beheerder@pactwerk.demo");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(Page)).StatusCode);
    }
}

public sealed class DepositUploadPageSqlite(SqliteFactory factory) : DepositUploadPageTests<SqliteFactory>(factory);
public sealed class DepositUploadPagePostgres(PostgresFactory factory) : DepositUploadPageTests<PostgresFactory>(factory);
