using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Programmes;
using static Pactwerk.Tests.Programmes.ProgrammesTestData;

namespace Pactwerk.Tests.Programmes;

/// <summary>
/// An applicant corrects what they told when applying (<see cref="ProgrammePrivacy.CorrectAsync"/>) on /programmas/mijn and
/// through the API, in Dutch and English: the change is stored and audited by number and field names only; bad input and an
/// unchanged save write nothing; someone else's application cannot be changed.
/// </summary>
public abstract class ProgrammeCorrectionTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private static string Text(string html) => new HtmlParser().ParseDocument(html).QuerySelector("main")!.TextContent;

    private Task<Candidate> StoredAsync(long id) => factory.InDbAsync(db => db.Set<Candidate>().AsNoTracking().SingleAsync(c => c.Id == id));

    private Task<string?> MunicipalityAsync(Candidate c) => factory.InDbAsync(db => db.Regions.Where(r => r.Id == c.MunicipalityId).Select(r => r.Code).SingleOrDefaultAsync());

    private Task<int> AuditAsync() => factory.InDbAsync(db => db.AuditEntries.CountAsync());

    [Fact]
    public async Task The_applicant_corrects_municipality_and_gender_on_their_page_and_bad_input_and_an_unchanged_save_write_nothing()
    {
        var programme = await ProgrammeAsync(factory);
        var applicant = await ApplicantAsync(factory, "correctie.pagina@example.test");
        var id = await AppliedAsync(applicant, programme, municipality: "Amsterdam");
        var form = await Form.OpenAsync(applicant, "/programmas/mijn", "Correct");
        Assert.Equal(id.ToString(), form["CandidateId"]);
        Assert.Equal("Amsterdam", form["Municipality"]);
        Assert.Equal("", form["Gender"]);
        var audit = await AuditAsync();

        // Sent as shown: nothing written.
        Assert.Equal(HttpStatusCode.Redirect, (await form.SubmitAsync(applicant)).StatusCode);
        Assert.Equal(audit, await AuditAsync());

        form["Municipality"] = "Nergenshuizen";
        form["Gender"] = "Woman";
        var refused = await form.SubmitAsync(applicant);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("'Nergenshuizen' is geen gemeente", Text(html));
        Assert.Contains($"href=\"#municipality-{id}\"", html);
        Assert.Contains($"aria-describedby=\"hint-municipality-{id} fout-municipality-{id}\"", html);
        var unchanged = await StoredAsync(id);
        Assert.Equal((Gender.NotGiven, "GM0363"), (unchanged.Gender, await MunicipalityAsync(unchanged)));
        Assert.Equal(audit, await AuditAsync());

        form = Form.Read(html, "/programmas/mijn", "Correct");
        Assert.Equal("Nergenshuizen", form["Municipality"]);
        Assert.Equal("Woman", form["Gender"]);
        form["Municipality"] = "GM0344";
        var saved = await form.SubmitAsync(applicant);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("Uw gegevens zijn gecorrigeerd.", await applicant.GetStringAsync(saved.Headers.Location!.OriginalString));
        var stored = await StoredAsync(id);
        Assert.Equal((Gender.Woman, "GM0344"), (stored.Gender, await MunicipalityAsync(stored)));
        // One event, naming the candidate by number and the fields by name: nothing of what was told.
        var events = await factory.InDbAsync(db => db.AuditEntries.Where(a => a.Action == ProgrammeAuditActions.Corrected && a.EntityId == id.ToString()).ToListAsync());
        var entry = Assert.Single(events);
        Assert.Equal(audit + 1, await AuditAsync());
        var written = System.Text.Json.JsonSerializer.Serialize(entry);
        Assert.Contains("municipality", written);
        Assert.DoesNotContain("GM0344", written);
        Assert.DoesNotContain("Woman", written);
    }

    [Fact]
    public async Task Someone_elses_application_is_not_changed_through_the_page_or_the_API()
    {
        var programme = await ProgrammeAsync(factory);
        var owner = await ApplicantAsync(factory, "correctie.eigenaar@example.test");
        var other = await ApplicantAsync(factory, "correctie.ander@example.test");
        var id = await AppliedAsync(owner, programme, municipality: "Amsterdam", gender: "Man");
        await AppliedAsync(other, programme, municipality: "GM0344");
        var audit = await AuditAsync();

        var form = await Form.OpenAsync(other, "/programmas/mijn", "Correct");
        form["CandidateId"] = id.ToString();
        form["Municipality"] = "Rotterdam";
        var refused = await form.SubmitAsync(other);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Contains("Deze aanmelding is niet van u of is gewist; er is niets veranderd.", Text(await refused.Content.ReadAsStringAsync()));

        var api = await other.PutAsJsonAsync($"/api/v1/programme-applications/{id}", new { municipality = "Rotterdam", gender = "Woman" });
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal($"Er is geen aanmelding van u met nummer {id}; er is niets veranderd.", await DetailAsync(api));
        var english = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/programme-applications/{id}") { Content = JsonContent.Create(new { municipality = "Rotterdam" }) };
        english.Headers.AcceptLanguage.ParseAdd("en");
        Assert.Equal($"You have no application with number {id}; nothing was changed.", await DetailAsync(await other.SendAsync(english)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Session.Anonymous(factory).PutAsJsonAsync($"/api/v1/programme-applications/{id}", new { municipality = "Rotterdam" })).StatusCode);

        var stored = await StoredAsync(id);
        Assert.Equal((Gender.Man, "GM0363"), (stored.Gender, await MunicipalityAsync(stored)));
        Assert.Equal(audit, await AuditAsync());
    }

    [Fact]
    public async Task In_English_the_page_tells_a_bad_gender_and_the_API_corrects_with_a_CBS_code()
    {
        var programme = await ProgrammeAsync(factory);
        var applicant = await ApplicantAsync(factory, "correctie.engels@example.test");
        var id = await AppliedAsync(applicant, programme, municipality: "Amsterdam");
        Assert.Equal(HttpStatusCode.Redirect, (await applicant.GetAsync("/taal?culture=en&returnUrl=%2F")).StatusCode);
        var form = await Form.OpenAsync(applicant, "/programmas/mijn", "Correct");
        form["Municipality"] = "";
        var refused = await form.SubmitAsync(applicant);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Nothing was changed", Text(await refused.Content.ReadAsStringAsync()));

        var api = await applicant.PutAsJsonAsync($"/api/v1/programme-applications/{id}", new { municipality = "GM0344", gender = "Other" });
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        var stored = await StoredAsync(id);
        Assert.Equal((Gender.Other, "GM0344"), (stored.Gender, await MunicipalityAsync(stored)));
        var bad = await applicant.PutAsJsonAsync($"/api/v1/programme-applications/{id}", new { municipality = "GM0344", gender = "1" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(Gender.Other, (await StoredAsync(id)).Gender);
    }
}

public sealed class ProgrammeCorrectionSqlite(SqliteFactory factory) : ProgrammeCorrectionTests<SqliteFactory>(factory);
public sealed class ProgrammeCorrectionPostgres(PostgresFactory factory) : ProgrammeCorrectionTests<PostgresFactory>(factory);
