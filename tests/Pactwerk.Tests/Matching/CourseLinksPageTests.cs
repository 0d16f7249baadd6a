using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Demo;
using Pactwerk.Web.Features.Matching;
using static Pactwerk.Tests.Infrastructure.Session;
using static Pactwerk.Tests.Matching.MatchingTestData;

namespace Pactwerk.Tests.Matching;

/// <summary>
/// The officers' page for the competences voucher courses teach, in Dutch and English: the scheme's officer links and
/// unlinks, each change in the audit trail; no choice, a competence twice or a level out of range is named at the course's
/// field and writes nothing; a coordinator who is no officer, and an anonymous visitor, are turned away.
/// </summary>
public abstract class CourseLinksPageTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private const string Page = "/vouchercursussen/competenties";
    private static readonly HtmlParser Parser = new();

    private Task<(int Links, int Audit)> StateAsync() => factory.InDbAsync(async db => (await db.Set<CourseCompetence>().CountAsync(), await db.AuditEntries.CountAsync()));

    private async Task<(int Id, string Title)> CourseAsync()
    {
        var course = await factory.InDbAsync(db => db.VoucherCourses
            .Join(db.VoucherProviders.Where(p => p.Vetted), c => c.ProviderId, p => p.Id, (c, p) => new { c.Id, c.Title, p.SchemeId })
            .Join(db.VoucherSchemes.Where(s => s.Code == DemoVouchers.Gelderland), c => c.SchemeId, s => s.Id, (c, _) => new { c.Id, c.Title })
            .OrderByDescending(c => c.Id).FirstAsync());
        return (course.Id, course.Title);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string handler, int course, int? competence, string level = "2") =>
        PostFormAsync(client, $"{Page}?handler={handler}", new() { ["CourseId"] = course.ToString(), ["CompetenceId"] = competence?.ToString() ?? "", ["Level"] = level }, formPage: Page);

    [Theory]
    [InlineData("nl", "Kies de competentie die de cursus leert.", "Competentie {0} staat er twee keer in; noem elke competentie één keer.", "Het niveau van competentie {0} is 1, 2, 3 of 4.")]
    [InlineData("en", "Choose the competence the course teaches.", "Competence {0} is listed twice; name each competence once.", "The level of competence {0} is 1, 2, 3 or 4.")]
    public async Task The_schemes_officer_links_and_unlinks_competences_and_bad_input_writes_nothing(string culture, string notChosen, string twice, string level)
    {
        var (course, title) = await CourseAsync();
        var competences = await CompetencesAsync(factory, 3);
        var competence = culture == "nl" ? competences[1] : competences[2];
        var officer = await SignInAsync(factory, DemoVouchers.OfficerEmail);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.GetAsync($"/taal?culture={culture}&returnUrl=%2F")).StatusCode);
        var page = Parser.ParseDocument(await officer.GetStringAsync(Page));
        Assert.Equal(title, page.QuerySelector($"#cursus-{course}")!.TextContent.Trim());

        // Linked up to level 3: stored, shown under the course, and written to the audit trail.
        var before = await StateAsync();
        var added = await PostAsync(officer, "Add", course, competence, "3");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal(3, await factory.InDbAsync(db => db.Set<CourseCompetence>().Where(l => l.CourseId == course && l.CompetenceId == competence).Select(l => l.Level).SingleAsync()));
        Assert.Equal((before.Links + 1, before.Audit + 1), await StateAsync());
        Assert.Equal("Created", await factory.InDbAsync(db => db.AuditEntries.OrderByDescending(a => a.Id).Select(a => a.EntityType == nameof(CourseCompetence) ? a.Action : "other").FirstAsync()));
        page = Parser.ParseDocument(await officer.GetStringAsync(Page));
        var section = page.QuerySelector($"#cursus-{course}")!.ParentElement!;
        Assert.Contains(section.QuerySelectorAll("tbody th[scope=row]"), th => th.TextContent.Length > 0);
        Assert.Contains(section.QuerySelectorAll("input[name=CompetenceId][type=hidden]"), i => i.GetAttribute("value") == competence.ToString());

        // Bad input: named at the course's field in the reader's language, linked to from the summary; nothing written.
        var state = await StateAsync();
        foreach (var (competenceId, levelText, message) in new (int?, string, string)[]
                 {
                     (null, "2", notChosen), (competence, "2", string.Format(twice, competence)), (competences[0], "7", string.Format(level, competences[0])),
                 })
        {
            var refused = await PostAsync(officer, "Add", course, competenceId, levelText);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var document = Parser.ParseDocument(await refused.Content.ReadAsStringAsync());
            Assert.Equal($"#competence-{course}", document.QuerySelector("#fouten a")!.GetAttribute("href"));
            Assert.Equal(message, document.QuerySelector($"#fout-competence-{course}")!.TextContent.Trim());
            Assert.Equal("true", document.QuerySelector($"#competence-{course}")!.GetAttribute("aria-invalid"));
            Assert.Equal(state, await StateAsync());
        }

        // Removing what is not linked changes nothing; removing the link takes it away, audited.
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(officer, "Remove", course, competences[0])).StatusCode);
        Assert.Equal(state, await StateAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(officer, "Remove", course, competence)).StatusCode);
        Assert.Equal((state.Links - 1, state.Audit + 1), await StateAsync());
        Assert.False(await factory.InDbAsync(db => db.Set<CourseCompetence>().AnyAsync(l => l.CourseId == course && l.CompetenceId == competence)));

        // A coordinator who is no officer of the scheme, and an anonymous visitor, are turned away and write nothing.
        var coordinator = await SignInAsync(factory, Coordinator);
        Assert.StartsWith("/geen-toegang", (await coordinator.GetAsync(Page)).Headers.Location!.AbsolutePath);
        var posted = await coordinator.PostAsync($"{Page}?handler=Add", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["CourseId"] = course.ToString(), ["CompetenceId"] = competence.ToString(), ["Level"] = "2", ["__RequestVerificationToken"] = AntiforgeryToken(await coordinator.GetStringAsync("/account")) }));
        Assert.StartsWith("/geen-toegang", posted.Headers.Location!.AbsolutePath);
        Assert.StartsWith("/inloggen", (await Anonymous(factory).GetAsync(Page)).Headers.Location!.AbsolutePath);
        Assert.Equal((state.Links - 1, state.Audit + 1), await StateAsync());
    }
}

public sealed class CourseLinksPageSqlite(SqliteFactory factory) : CourseLinksPageTests<SqliteFactory>(factory);
public sealed class CourseLinksPagePostgres(PostgresFactory factory) : CourseLinksPageTests<PostgresFactory>(factory);
