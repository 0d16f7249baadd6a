using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Programmes;
using static Pactwerk.Tests.Infrastructure.Session;
using static Pactwerk.Tests.Programmes.ProgrammesTestData;

namespace Pactwerk.Tests.Programmes;

/// <summary>
/// After the start: the staff record the modules a participant completed and their outcome (certificate, job), through the
/// API and the participant's page; bad input and an unchanged save write nothing; the months to the job are computed from the
/// cohort's end; and the cohort's figures equal the outcomes counted one by one here.
/// </summary>
public abstract class OutcomesTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private static string Text(string html) => new HtmlParser().ParseDocument(html).QuerySelector("main")!.TextContent;

    /// <summary>A programme with three modules and two employers of the network, and <paramref name="count"/> started participants.</summary>
    private async Task<(string Code, List<long> Participants, int Employer)> StartedAsync(int count, HttpClient staff)
    {
        var code = await ProgrammeAsync(factory, seats: 20);
        var employer = await factory.InDbAsync(async db =>
        {
            var programme = await db.Set<Programme>().SingleAsync(p => p.Code == code);
            var organisations = await db.Organisations.OrderBy(o => o.Id).Select(o => o.Id).Take(2).ToListAsync();
            db.AddRange(organisations.Select(o => new ProgrammeEmployer { ProgrammeId = programme.Id, OrganisationId = o, PlacesPerCohort = 3 }));
            db.AddRange(new[] { ("Programmeren", ModuleSetting.AtSchool), ("Stage", ModuleSetting.AtEmployer), ("Eindproject", ModuleSetting.AtEmployer) }
                .Select((m, i) => new ProgrammeUnit { ProgrammeId = programme.Id, Position = i + 1, Name = m.Item1, Setting = m.Item2 }));
            await db.SaveChangesAsync();
            return organisations[0];
        });
        var ready = await ReadyToStartAsync(factory, code, count);
        foreach (var id in ready)
            Assert.Equal(HttpStatusCode.Created, (await DecideAsync(staff, code, id, "start", "Passed", "2027-03-01")).StatusCode);
        return (code, ready, employer);
    }

    private static Task<HttpResponseMessage> OutcomeAsync(HttpClient client, string code, long id, object body) =>
        client.PutAsJsonAsync($"/api/v1/programmes/{code}/cohorts/c1/participants/{id}/outcome", body);

    [Fact]
    public async Task The_cohort_figures_equal_the_outcomes_recorded_counted_one_by_one()
    {
        var staff = await SignInAsync(factory, HvaStaff);
        var (code, participants, employer) = await StartedAsync(9, staff);
        // Women among the participants, as they told at their application.
        var women = participants.Where((_, i) => i % 3 == 0).ToList();
        await factory.InDbAsync(db => db.Set<Candidate>().Where(c => women.Contains(c.Id)).ExecuteUpdateAsync(u => u.SetProperty(c => c.Gender, Gender.Woman)));

        var certificates = 0;
        var jobs = 0;
        for (var i = 0; i < participants.Count; i++)
        {
            var certificate = i != 4;
            var job = i is not (2 or 5);
            certificates += certificate ? 1 : 0;
            jobs += job ? 1 : 0;
            var response = await OutcomeAsync(staff, code, participants[i], new
            {
                certificate, certificateOn = certificate ? "2027-08-31" : null,
                jobOrganisationId = job && i % 2 == 0 ? employer : (int?)null, jobEmployer = job && i % 2 == 1 ? "Kleine Softwaremaker B.V." : null,
                jobStartedOn = job ? "2027-10-15" : null,
            });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var cohorts = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/programmes/{code}/cohorts");
        var figures = cohorts[0].GetProperty("figures");
        Assert.Equal(9, figures.GetProperty("started").GetProperty("count").GetInt32());
        Assert.Equal(8, certificates);
        Assert.Equal(7, jobs);
        Assert.Equal(certificates, figures.GetProperty("certificates").GetProperty("count").GetInt32());
        Assert.Equal(jobs, figures.GetProperty("jobs").GetProperty("count").GetInt32());
        Assert.Equal(women.Count, figures.GetProperty("women").GetProperty("count").GetInt32());
        Assert.Equal(Math.Round(100m * certificates / 9, 1), figures.GetProperty("certificateRate").GetDecimal());
        Assert.Equal(Math.Round(100m * jobs / 9, 1), figures.GetProperty("jobRate").GetDecimal());
        Assert.Equal(Math.Round(100m * women.Count / 9, 1), figures.GetProperty("womenShare").GetDecimal());

        // The months to the job: from 31 August to 15 October is one whole month.
        var list = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/programmes/{code}/cohorts/c1/participants");
        Assert.Equal(9, list.GetArrayLength());
        var first = list.EnumerateArray().Single(p => p.GetProperty("id").GetInt64() == participants[0]);
        Assert.Equal(1, first.GetProperty("jobMonthsAfterEnd").GetInt32());
        Assert.Equal(employer, first.GetProperty("jobOrganisationId").GetInt32());
        var typed = list.EnumerateArray().Single(p => p.GetProperty("id").GetInt64() == participants[1]);
        Assert.Equal("Kleine Softwaremaker B.V.", typed.GetProperty("jobEmployer").GetString());
        Assert.Equal(JsonValueKind.Null, list.EnumerateArray().Single(p => p.GetProperty("id").GetInt64() == participants[2]).GetProperty("jobMonthsAfterEnd").ValueKind);
    }

    [Fact]
    public async Task Modules_and_outcome_on_the_participants_page_bad_input_and_an_unchanged_save_write_nothing()
    {
        var staff = await SignInAsync(factory, HvaStaff);
        var (code, participants, employer) = await StartedAsync(1, staff);
        var id = participants[0];
        var page = $"/programmas/{code}/c1/deelnemers/{id}";
        Assert.Contains($"href=\"{page}\"", await staff.GetStringAsync($"/programmas/{code}/c1/intake"));

        // A module, with only its required fields.
        var module = await Form.OpenAsync(staff, page, "Module");
        Assert.Equal("1", module["Module"]);
        module["CompletedOn"] = "2027-04-30";
        Assert.Equal(HttpStatusCode.Redirect, (await module.SubmitAsync(staff)).StatusCode);
        // Sent again: that module is done, nothing more written; a date before the cohort's start is refused.
        var again = await module.SubmitAsync(staff);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("Deze module is voor deze deelnemer al vastgelegd", Text(await again.Content.ReadAsStringAsync()));
        module = await Form.OpenAsync(staff, page, "Module");
        Assert.Equal("2", module["Module"]);
        module["CompletedOn"] = "2027-01-01";
        var early = await module.SubmitAsync(staff);
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Contains("href=\"#completedOn\"", await early.Content.ReadAsStringAsync());
        Assert.Equal(1, await factory.InDbAsync(db => db.Set<ModuleProgress>().CountAsync(m => m.CandidateId == id)));

        // The outcome: a certificate without its date and two employers at once are refused; nothing stored.
        var outcome = await Form.OpenAsync(staff, page, "Outcome");
        outcome["Certificate"] = "true";
        outcome["JobOrganisationId"] = employer.ToString();
        outcome["JobEmployer"] = "Nog een werkgever";
        outcome["JobStartedOn"] = "2027-09-01";
        var refused = await outcome.SubmitAsync(staff);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var refusedText = Text(await refused.Content.ReadAsStringAsync());
        Assert.Contains("Vul de datum van het certificaat in", refusedText);
        Assert.Contains("niet allebei", refusedText);
        var stored = await factory.InDbAsync(db => db.Set<Candidate>().AsNoTracking().SingleAsync(c => c.Id == id));
        Assert.Null(stored.Certificate);
        Assert.Null(stored.JobStartedOn);

        outcome["CertificateOn"] = "2027-08-31";
        outcome["JobEmployer"] = "";
        Assert.Equal(HttpStatusCode.Redirect, (await outcome.SubmitAsync(staff)).StatusCode);
        stored = await factory.InDbAsync(db => db.Set<Candidate>().AsNoTracking().SingleAsync(c => c.Id == id));
        Assert.Equal((true, new DateOnly(2027, 8, 31), employer, new DateOnly(2027, 9, 1)), (stored.Certificate, stored.CertificateOn, stored.JobOrganisationId, stored.JobStartedOn));
        Assert.Null(stored.JobEmployerName);

        // The form as the page now shows it, saved unchanged (in English): nothing written, no event in the trail.
        Assert.Equal(HttpStatusCode.Redirect, (await staff.GetAsync("/taal?culture=en&returnUrl=%2F")).StatusCode);
        var events = await factory.InDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == nameof(Candidate) && a.EntityId == id.ToString()));
        var unchanged = await (await Form.OpenAsync(staff, page, "Outcome")).SubmitAsync(staff);
        Assert.Equal(HttpStatusCode.OK, unchanged.StatusCode);
        Assert.Contains("Nothing changed; nothing was saved.", Text(await unchanged.Content.ReadAsStringAsync()));
        Assert.Equal(events, await factory.InDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == nameof(Candidate) && a.EntityId == id.ToString())));
        Assert.Contains("Found a job 0 months after the end of the cohort.", Text(await staff.GetStringAsync(page)));

        // Not the staff, and not a participant: refused or not found, nothing written.
        var applicant = await ApplicantAsync(factory, "uitkomst.kijker@example.test");
        Assert.Equal(HttpStatusCode.Forbidden, (await OutcomeAsync(applicant, code, id, new { certificate = false })).StatusCode);
        var notStarted = await AppliedAsync(applicant, code);
        var notParticipant = await OutcomeAsync(staff, code, notStarted, new { certificate = true, certificateOn = "2027-08-31" });
        Assert.Equal(HttpStatusCode.NotFound, notParticipant.StatusCode);
        Assert.Contains("only those who started", await DetailAsync(notParticipant));
        Assert.Null(await factory.InDbAsync(db => db.Set<Candidate>().Where(c => c.Id == notStarted).Select(c => c.Certificate).SingleAsync()));
    }

    [Theory]
    [InlineData("nl", "{0} hoort niet bij het werkgeversnetwerk van dit programma; kies een werkgever uit het netwerk of vul de naam in als andere werkgever.",
        "Er is niets veranderd; er is niets opgeslagen.")]
    [InlineData("en", "{0} is not in this programme's employer network; choose an employer from the network or fill in the name as another employer.",
        "Nothing changed; nothing was saved.")]
    public async Task An_organisation_outside_the_network_is_refused_and_a_job_at_an_employer_that_left_it_stays_as_recorded(string culture, string outside,
        string unchanged)
    {
        var staff = await SignInAsync(factory, HvaStaff);
        await InCultureAsync(staff, culture);
        var (code, participants, employer) = await StartedAsync(2, staff);
        var network = await factory.InDbAsync(db => db.Set<ProgrammeEmployer>().Where(e => db.Set<Programme>().Any(p => p.Id == e.ProgrammeId && p.Code == code))
            .Select(e => e.OrganisationId).ToListAsync());
        var stranger = await factory.InDbAsync(db => db.Organisations.Where(o => !network.Contains(o.Id)).OrderBy(o => o.Id).Select(o => new { o.Id, o.Name }).FirstAsync());
        var page = $"/programmas/{code}/c1/deelnemers/{participants[0]}";
        Task<(int? Organisation, DateOnly? Started, int Events)> StoredAsync(long id) => factory.InDbAsync(async db =>
        {
            var job = await db.Set<Candidate>().Where(c => c.Id == id).Select(c => new { c.JobOrganisationId, c.JobStartedOn }).SingleAsync();
            return (job.JobOrganisationId, job.JobStartedOn, await db.AuditEntries.CountAsync(a => a.EntityType == nameof(Candidate) && a.EntityId == id.ToString()));
        });

        // Without script the field is the select of the network, posting an organisation's id; with script it searches the network's own lookup.
        var document = new HtmlParser().ParseDocument(await staff.GetStringAsync(page));
        var select = document.QuerySelector("select#jobOrganisationId")!;
        Assert.Equal("JobOrganisationId", select.GetAttribute("name"));
        var options = select.QuerySelectorAll("option").Select(o => o.GetAttribute("value")!).ToList();
        Assert.Equal("", options[0]);
        Assert.Equal(network.Order(), options.Skip(1).Select(int.Parse).Order());
        Assert.Equal($"/api/v1/programmes/{code}/employers/lookup", select.Closest("[data-picker]")!.GetAttribute("data-source"));

        // An organisation outside the network, by the API and by the page's form: refused at the field, nothing written.
        var before = await StoredAsync(participants[0]);
        var refused = await OutcomeAsync(staff, code, participants[0], new { jobOrganisationId = stranger.Id, jobStartedOn = "2027-09-01" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(string.Format(outside, stranger.Name), await ErrorAsync(refused, "jobOrganisationId"));
        var form = await Form.OpenAsync(staff, page, "Outcome");
        (form["JobOrganisationId"], form["JobStartedOn"]) = (stranger.Id.ToString(), "2027-09-01");
        var posted = await form.SubmitAsync(staff);
        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        document = new HtmlParser().ParseDocument(await posted.Content.ReadAsStringAsync());
        Assert.Equal(string.Format(outside, stranger.Name), document.QuerySelector("#fout-jobOrganisationId")!.TextContent.Trim());
        Assert.Equal("#jobOrganisationId", document.QuerySelector("#fouten a")!.GetAttribute("href"));
        Assert.Equal(before, await StoredAsync(participants[0]));

        // A job at an employer of the network; then the employer leaves the network. The job stays as recorded, the page still
        // shows it and an unchanged save writes nothing; a new job there is refused.
        Assert.Equal(HttpStatusCode.OK, (await OutcomeAsync(staff, code, participants[0], new { jobOrganisationId = employer, jobStartedOn = "2027-09-01" })).StatusCode);
        await factory.InDbAsync(db => db.Set<ProgrammeEmployer>().Where(e => e.OrganisationId == employer && db.Set<Programme>().Any(p => p.Id == e.ProgrammeId && p.Code == code))
            .ExecuteDeleteAsync());
        var recorded = await StoredAsync(participants[0]);
        form = await Form.OpenAsync(staff, page, "Outcome");
        Assert.Equal(employer.ToString(), form["JobOrganisationId"]);
        var again = await form.SubmitAsync(staff);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains(unchanged, Text(await again.Content.ReadAsStringAsync()));
        Assert.Equal(recorded, await StoredAsync(participants[0]));
        Assert.Equal((employer, new DateOnly(2027, 9, 1)), (recorded.Organisation, recorded.Started));
        var gone = await factory.InDbAsync(db => db.Organisations.Where(o => o.Id == employer).Select(o => o.Name).SingleAsync());
        var elsewhere = await OutcomeAsync(staff, code, participants[1], new { jobOrganisationId = employer, jobStartedOn = "2027-09-01" });
        Assert.Equal(HttpStatusCode.BadRequest, elsewhere.StatusCode);
        Assert.Equal(string.Format(outside, gone), await ErrorAsync(elsewhere, "jobOrganisationId"));
        Assert.Null((await StoredAsync(participants[1])).Organisation);
    }
}

public sealed class OutcomesSqlite(SqliteFactory factory) : OutcomesTests<SqliteFactory>(factory);
public sealed class OutcomesPostgres(PostgresFactory factory) : OutcomesTests<PostgresFactory>(factory);
