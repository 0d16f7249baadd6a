using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Tests.LearningPlaces;
using Pactwerk.Web.Features.Demo;
using Pactwerk.Web.Features.Matching;
using static Pactwerk.Tests.Infrastructure.Session;
using static Pactwerk.Tests.Matching.MatchingTestData;

namespace Pactwerk.Tests.Matching;

/// <summary>
/// Training that closes the gap: a scheme's officer records which competences a voucher course teaches; a bad list or
/// another pact's coordinator is refused and writes nothing; and a ranking's explanation names the course under a missing
/// competence only when it teaches up to the level asked, on the API and on the candidate's page.
/// </summary>
public abstract class CourseCompetencesTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private Task<int[]> GelderlandCoursesAsync() => factory.InDbAsync(db => db.VoucherCourses
        .Join(db.VoucherProviders, c => c.ProviderId, p => p.Id, (c, p) => new { c.Id, p.SchemeId })
        .Join(db.VoucherSchemes.Where(s => s.Code == DemoVouchers.Gelderland), c => c.SchemeId, s => s.Id, (c, _) => c.Id).OrderBy(id => id).ToArrayAsync());

    private Task<(int Links, int Audit)> StateAsync() => factory.InDbAsync(async db => (await db.Set<CourseCompetence>().CountAsync(), await db.AuditEntries.CountAsync()));

    [Theory]
    [InlineData("nl", "Alleen een functionaris van de regeling van deze cursus, of een beheerder, legt vast welke competenties de cursus leert; er is niets gewijzigd.")]
    [InlineData("en", "Only an officer of this course's scheme, or an administrator, records which competences the course teaches; nothing was changed.")]
    public async Task The_schemes_officer_records_what_a_course_teaches_and_others_or_bad_lists_write_nothing(string culture, string forbidden)
    {
        var course = (await GelderlandCoursesAsync())[0];
        var (a, b) = await CompetencesAsync(factory, 2) is [var x, var y, ..] ? (x, y) : throw new InvalidOperationException();
        var officer = await SignInAsync(factory, DemoVouchers.OfficerEmail);
        var put = await officer.PutAsJsonAsync($"/api/v1/voucher-courses/{course}/competences", new[] { new { competenceId = a, level = 3 }, new { competenceId = b, level = 1 } });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var read = await Anonymous(factory).GetFromJsonAsync<JsonElement>($"/api/v1/voucher-courses/{course}/competences");
        Assert.Equal([(a, 3), (b, 1)], read.EnumerateArray().Select(l => (l.GetProperty("competenceId").GetInt32(), l.GetProperty("level").GetInt32())).OrderBy(l => l.Item1 == a ? 0 : 1));
        var stored = await factory.InDbAsync(db => db.Set<CourseCompetence>().AsNoTracking().Where(l => l.CourseId == course).ToListAsync());
        Assert.Equal([(a, 3), (b, 1)], stored.OrderBy(l => l.CompetenceId == a ? 0 : 1).Select(l => (l.CompetenceId, l.Level)));

        var other = await SignInAsync(factory, Coordinator);
        Assert.Equal(HttpStatusCode.Redirect, (await other.GetAsync($"/taal?culture={culture}&returnUrl=%2F")).StatusCode);
        var before = await StateAsync();
        var refused = await other.PutAsJsonAsync($"/api/v1/voucher-courses/{course}/competences", Array.Empty<object>());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(forbidden, (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());

        var bad = await officer.PutAsJsonAsync($"/api/v1/voucher-courses/{course}/competences", new[] { new { competenceId = a, level = 5 }, new { competenceId = -7, level = 2 }, new { competenceId = b, level = 2 }, new { competenceId = b, level = 3 } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("competences").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal([$"Het niveau van competentie {a} is 1, 2, 3 of 4.", "Competentie -7 bestaat niet.", $"Competentie {b} staat er twee keer in; noem elke competentie één keer."], errors);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.PutAsJsonAsync("/api/v1/voucher-courses/999999/competences", Array.Empty<object>())).StatusCode);

        // Sent back unchanged: nothing written.
        Assert.Equal(HttpStatusCode.OK, (await officer.PutAsJsonAsync($"/api/v1/voucher-courses/{course}/competences", new[] { new { competenceId = b, level = 1 }, new { competenceId = a, level = 3 } })).StatusCode);
        Assert.Equal(before, await StateAsync());
    }

    [Theory]
    [InlineData("nl", "Ontbreekt geheel")]
    [InlineData("en", "Missing entirely")]
    public async Task The_explanation_names_the_courses_that_teach_a_missing_competence_up_to_the_level_asked(string culture, string missing)
    {
        var courses = await GelderlandCoursesAsync();
        Assert.True(courses.Length >= 2, "the demo scheme has fewer than two courses");
        var competences = await CompetencesAsync(factory, 4);
        var (held, gap) = (competences[2], competences[3]);
        var officer = await SignInAsync(factory, DemoVouchers.OfficerEmail);
        // The first course teaches the gap up to level 3, the second only to 1: only the first closes a gap that asks 2.
        Assert.Equal(HttpStatusCode.OK, (await officer.PutAsJsonAsync($"/api/v1/voucher-courses/{courses[0]}/competences", new[] { new { competenceId = gap, level = 3 } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officer.PutAsJsonAsync($"/api/v1/voucher-courses/{courses[1]}/competences", new[] { new { competenceId = gap, level = 1 } })).StatusCode);
        var titles = await factory.InDbAsync(db => db.VoucherCourses.Where(c => courses.Take(2).Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Title));

        var (_, _, place) = await LearningPlacesTestData.DbPlaceAsync(factory, "Vogellanden");
        var staff = await LearningPlacesTestData.StaffAsync(factory, LearningPlacesTestData.Vogellanden);
        Assert.Equal(HttpStatusCode.OK, (await staff.PutAsJsonAsync($"/api/v1/learning-places/{place}/requirements", new[]
        {
            new { competenceId = held, required = true, weight = 3, minimumLevel = 2 }, new { competenceId = gap, required = false, weight = 2, minimumLevel = 2 },
        })).StatusCode);
        var (candidate, _) = await PersonAsync(factory);
        var id = (await PutProfileAsync(candidate, "Joost Gat " + culture, true, [(held, 3, "diploma")])).GetProperty("id").GetInt32();

        var places = await candidate.GetFromJsonAsync<JsonElement>($"/api/v1/candidates/{id}/places");
        var explanation = places.EnumerateArray().Single(p => p.GetProperty("learningPlaceId").GetInt32() == place).GetProperty("explanation").EnumerateArray().ToList();
        var gapRow = explanation.Single(e => e.GetProperty("competenceId").GetInt32() == gap);
        Assert.Equal("Missing", gapRow.GetProperty("fit").GetString());
        Assert.Equal([courses[0]], gapRow.GetProperty("courses").EnumerateArray().Select(c => c.GetProperty("id").GetInt32()));
        Assert.Empty(explanation.Single(e => e.GetProperty("competenceId").GetInt32() == held).GetProperty("courses").EnumerateArray());

        Assert.Equal(HttpStatusCode.Redirect, (await candidate.GetAsync($"/taal?culture={culture}&returnUrl=%2F")).StatusCode);
        var page = new HtmlParser().ParseDocument(await candidate.GetStringAsync("/mijn-competenties/leerplekken"));
        var row = page.QuerySelectorAll($"#uitleg-{place} tbody tr").Single(r => r.TextContent.Contains(missing));
        Assert.Contains(titles[courses[0]], row.TextContent);
        Assert.DoesNotContain(titles[courses[1]], row.TextContent);
    }
}

public sealed class CourseCompetencesSqlite(SqliteFactory factory) : CourseCompetencesTests<SqliteFactory>(factory);
public sealed class CourseCompetencesPostgres(PostgresFactory factory) : CourseCompetencesTests<PostgresFactory>(factory);
