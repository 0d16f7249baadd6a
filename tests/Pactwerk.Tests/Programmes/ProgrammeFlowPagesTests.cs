using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Programmes;
using static Pactwerk.Tests.Infrastructure.Session;
using static Pactwerk.Tests.Programmes.ProgrammesTestData;

namespace Pactwerk.Tests.Programmes;

/// <summary>
/// The programme flow as people fill its forms: a person applies on the cohort's page (Dutch and English, only the required
/// field, bad input and an unchanged resubmit that write nothing) and follows their steps on their own page; the programme's
/// staff record each next step on the intake page, where a full cohort, a skipped step and a candidate of another programme
/// are refused with a message and nothing changes. Who may: anonymous is sent to sign in, an applicant is refused the intake.
/// </summary>
public abstract class ProgrammeFlowPagesTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private static string Text(string html) => new HtmlParser().ParseDocument(html).QuerySelector("main")!.TextContent;

    private static async Task<HttpClient> InEnglishAsync(HttpClient client)
    {
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/taal?culture=en&returnUrl=%2F")).StatusCode);
        return client;
    }

    private Task<List<Candidate>> CandidatesAsync(string programme) =>
        factory.InDbAsync(db => db.Set<Candidate>().AsNoTracking().Include(c => c.Steps)
            .Where(c => db.Set<Cohort>().Any(h => h.Id == c.CohortId && db.Set<Programme>().Any(p => p.Id == h.ProgrammeId && p.Code == programme))).ToListAsync());

    [Fact]
    public async Task A_person_applies_with_only_the_municipality_and_sees_the_application_but_bad_input_and_a_resubmit_write_nothing()
    {
        var programme = await ProgrammeAsync(factory);
        var applicant = await ApplicantAsync(factory, "pagina.aanmelder@example.test");
        var page = await applicant.GetStringAsync($"/programmas/{programme}");
        Assert.Contains($"href=\"/programmas/{programme}/c1/aanmelden\"", page);
        Assert.DoesNotContain($"href=\"/programmas/{programme}/c1/intake\"", page);

        // An unknown municipality: the message by the field, linked from the summary, and nobody applied.
        var form = await Form.OpenAsync(applicant, $"/programmas/{programme}/c1/aanmelden");
        Assert.Equal("", form["Gender"]);
        form["Municipality"] = "Nergenshuizen";
        var refused = await form.SubmitAsync(applicant);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("'Nergenshuizen' is geen gemeente", Text(html));
        Assert.Contains("href=\"#municipality\"", html);
        Assert.Contains("aria-describedby=\"hint-municipality fout-municipality\"", html);
        Assert.Empty(await CandidatesAsync(programme));

        // Only the required field, typed as a name: applied, gender not given.
        form = Form.Read(html, $"/programmas/{programme}/c1/aanmelden");
        Assert.Equal("Nergenshuizen", form["Municipality"]);
        form["Municipality"] = "Amsterdam";
        var applied = await form.SubmitAsync(applicant);
        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        Assert.Equal("/programmas/mijn?aangemeld=true", applied.Headers.Location!.OriginalString);
        var stored = Assert.Single(await CandidatesAsync(programme));
        Assert.Equal(Gender.NotGiven, stored.Gender);
        Assert.Equal("GM0363", await factory.InDbAsync(db => db.Regions.Where(r => r.Id == stored.MunicipalityId).Select(r => r.Code).SingleAsync()));

        // The same form sent again: refused, still one application.
        var again = await form.SubmitAsync(applicant);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("U bent al aangemeld voor dit cohort.", Text(await again.Content.ReadAsStringAsync()));
        Assert.Single(await CandidatesAsync(programme));

        var mine = await applicant.GetStringAsync("/programmas/mijn?aangemeld=true");
        Assert.Contains("U bent aangemeld.", mine);
        Assert.Contains($"Programma {programme}, Cohort 1", mine);
        Assert.Contains("data-next-step=\"application\"", mine);
        Assert.Contains("Volgende stap: Aanmelding", Text(mine));

        // In English: the page, a refusal and the own page in English.
        await InEnglishAsync(applicant);
        var english = await Form.OpenAsync(applicant, $"/programmas/{programme}/c1/aanmelden");
        var englishRefusal = await english.SubmitAsync(applicant);
        Assert.Equal(HttpStatusCode.BadRequest, englishRefusal.StatusCode);
        Assert.Contains("You have already applied to this cohort.", Text(await englishRefusal.Content.ReadAsStringAsync()));
        Assert.Contains("Next step: Application", Text(await applicant.GetStringAsync("/programmas/mijn")));
        Assert.Single(await CandidatesAsync(programme));
    }

    [Fact]
    public async Task Another_person_applies_in_English_with_a_gender_and_a_bad_gender_is_refused()
    {
        var programme = await ProgrammeAsync(factory);
        var applicant = await InEnglishAsync(await ApplicantAsync(factory, "page.applicant@example.test"));
        var form = await Form.OpenAsync(applicant, $"/programmas/{programme}/c1/aanmelden");
        Assert.Contains("Apply to this cohort", await applicant.GetStringAsync($"/programmas/{programme}/c1/aanmelden"));
        form["Municipality"] = "GM0363";
        form["Gender"] = "Robot";
        var refused = await form.SubmitAsync(applicant);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("For gender, choose Woman, Man, Other or NotGiven", Text(await refused.Content.ReadAsStringAsync()));
        Assert.Empty(await CandidatesAsync(programme));
        form["Gender"] = "Woman";
        Assert.Equal(HttpStatusCode.Redirect, (await form.SubmitAsync(applicant)).StatusCode);
        Assert.Equal(Gender.Woman, Assert.Single(await CandidatesAsync(programme)).Gender);
    }

    [Fact]
    public async Task The_staff_record_each_next_step_on_the_intake_page_and_a_skipped_step_a_resubmit_and_a_full_cohort_change_nothing()
    {
        var programme = await ProgrammeAsync(factory, seats: 1);
        var applicant = await ApplicantAsync(factory, "pagina.intake@example.test");
        var id = await AppliedAsync(applicant, programme);
        var intake = $"/programmas/{programme}/c1/intake";

        // Anonymous is sent to sign in; the applicant is not the programme's staff.
        var anonymous = await Anonymous(factory).GetAsync(intake);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/inloggen", anonymous.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        var notStaff = await applicant.GetAsync(intake);
        Assert.Equal(HttpStatusCode.Redirect, notStaff.StatusCode);
        Assert.StartsWith("/geen-toegang", notStaff.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        var staff = await SignInAsync(factory, HvaStaff);
        Assert.Contains($"href=\"{intake}\"", await staff.GetStringAsync($"/programmas/{programme}"));
        var page = await staff.GetStringAsync(intake);
        Assert.Contains("pagina.intake@example.test", page);
        Assert.Contains("<th scope=\"col\">Assessment</th>", page);
        Assert.Contains($"<label for=\"decision-{id}\">", page);

        // The first step, as the page offers it: passed on the date typed.
        var form = await Form.OpenAsync(staff, intake);
        Assert.Equal(id.ToString(), form["CandidateId"]);
        Assert.Equal("application", form["Step"]);
        Assert.Equal("Passed", form["Decision"]);
        form["On"] = "2027-01-11";
        var recorded = await form.SubmitAsync(staff);
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        var step = Assert.Single(Assert.Single(await CandidatesAsync(programme)).Steps);
        Assert.Equal((new DateOnly(2027, 1, 11), StepDecision.Passed), (step.On, step.Decision));
        Assert.Contains("Het besluit over kandidaat", await staff.GetStringAsync(recorded.Headers.Location!.OriginalString));

        // The same form sent again (a second tab): the application is decided, nothing more is written.
        var again = await form.SubmitAsync(staff);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        var againText = Text(await again.Content.ReadAsStringAsync());
        Assert.Contains("Er is niets vastgelegd", againText);
        Assert.Contains("De volgende stap van deze kandidaat is 'assessment'", againText);
        Assert.Equal(1, await DecisionsAsync(factory, id));

        // A skipped step (selection before assessment), and a bad date: refused, each linked to its field, nothing written.
        form = await Form.OpenAsync(staff, intake);
        form["Step"] = "selection";
        var skipped = await form.SubmitAsync(staff);
        Assert.Equal(HttpStatusCode.BadRequest, skipped.StatusCode);
        Assert.Contains("stap 'selection' kan nu niet worden vastgelegd", Text(await skipped.Content.ReadAsStringAsync()));
        form["Step"] = "assessment";
        form["On"] = "2027-01-01";
        var early = await form.SubmitAsync(staff);
        var earlyHtml = await early.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Contains($"href=\"#on-{id}\"", earlyHtml);
        Assert.Contains($"aria-describedby=\"fout-on-{id}\"", earlyHtml);
        Assert.Equal(1, await DecisionsAsync(factory, id));

        // A candidate of another programme, sent to this one's page: not found here, nothing written.
        var other = await ProgrammeAsync(factory);
        var stranger = (await ReadyToStartAsync(factory, other, 1))[0];
        form["CandidateId"] = stranger.ToString();
        form["On"] = "2027-02-01";
        var foreign = await form.SubmitAsync(staff);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Contains($"Er is geen kandidaat met nummer {stranger} in dit cohort.", Text(await foreign.Content.ReadAsStringAsync()));
        Assert.Equal(5, await DecisionsAsync(factory, stranger));

        // A full cohort: one seat, two ready to start; the second start is refused in English and nobody more started.
        var ready = await ReadyToStartAsync(factory, programme, 2);
        await InEnglishAsync(staff);
        var englishPage = await staff.GetStringAsync(intake);
        Assert.Contains("Record the decision", englishPage);
        async Task<HttpResponseMessage> StartAsync(long candidate)
        {
            var start = Form.Read(englishPage, intake);
            start["CandidateId"] = candidate.ToString();
            start["Step"] = "start";
            start["On"] = "2027-02-01";
            return await start.SubmitAsync(staff);
        }
        Assert.Equal(HttpStatusCode.Redirect, (await StartAsync(ready[0])).StatusCode);
        var full = await StartAsync(ready[1]);
        Assert.Equal(HttpStatusCode.Conflict, full.StatusCode);
        Assert.Contains("The cohort is full: all 1 seats are taken. Nobody was started.", Text(await full.Content.ReadAsStringAsync()));
        Assert.Equal(5, await DecisionsAsync(factory, ready[1]));

        // The applicant sees the step the staff recorded.
        var mine = Text(await applicant.GetStringAsync("/programmas/mijn"));
        Assert.Contains("Aanmelding", mine);
        Assert.Contains("11 januari 2027", mine);
        Assert.Contains("Geslaagd", mine);
        Assert.Contains("Volgende stap: Assessment", mine);
    }
}

public sealed class ProgrammeFlowPagesSqlite(SqliteFactory factory) : ProgrammeFlowPagesTests<SqliteFactory>(factory);
public sealed class ProgrammeFlowPagesPostgres(PostgresFactory factory) : ProgrammeFlowPagesTests<PostgresFactory>(factory);
