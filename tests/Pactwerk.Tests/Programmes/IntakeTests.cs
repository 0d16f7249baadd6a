using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Audit;
using Pactwerk.Web.Features.Programmes;
using static Pactwerk.Tests.Infrastructure.Session;
using static Pactwerk.Tests.Programmes.ProgrammesTestData;

namespace Pactwerk.Tests.Programmes;

/// <summary>
/// The intake as people go through it: a person applies for themselves, the programme's staff decide one step after the
/// other, and the applicant sees where they stand. Every wrong request — a step out of order, an unknown step, a decision
/// by someone who is not the programme's staff, a candidate of another programme, a start beyond the seats — is refused
/// with its message in Dutch or English, and writes nothing.
/// </summary>
public abstract class IntakeTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    [Fact]
    public async Task A_person_applies_the_staff_decide_step_by_step_and_the_applicant_sees_their_next_step()
    {
        var programme = await ProgrammeAsync(factory);
        var applicant = await ApplicantAsync(factory, "kandidaat.een@example.test");
        var staff = await SignInAsync(factory, HvaStaff);

        var id = await AppliedAsync(applicant, programme, municipality: "GM0363", gender: "Woman");
        Assert.Equal(HttpStatusCode.Created, (await DecideAsync(staff, programme, id, "application", "Passed", "2027-01-11")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await DecideAsync(staff, programme, id, "assessment", "Passed", "2027-01-18")).StatusCode);

        var mine = await applicant.GetFromJsonAsync<JsonElement>("/api/v1/programme-applications");
        var application = Assert.Single(mine.EnumerateArray());
        Assert.Equal(programme, application.GetProperty("programme").GetString());
        Assert.Equal("selection", application.GetProperty("nextStep").GetString());
        Assert.Equal(["application", "assessment"], application.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("step").GetString()!));
        Assert.Equal("2027-01-18", application.GetProperty("steps")[1].GetProperty("on").GetString());

        var stored = await factory.InDbAsync(db => db.Set<Candidate>().AsNoTracking().Include(c => c.Steps).SingleAsync(c => c.Id == id));
        var staffId = await factory.InDbAsync(db => db.Users.Where(u => u.Email == HvaStaff).Select(u => u.Id).SingleAsync());
        Assert.Equal(Gender.Woman, stored.Gender);
        Assert.Equal("GM0363", await factory.InDbAsync(db => db.Regions.Where(r => r.Id == stored.MunicipalityId).Select(r => r.Code).SingleAsync()));
        Assert.All(stored.Steps, s => Assert.Equal(staffId, s.RecordedBy));
        // The trail holds the application and both decisions, naming the candidate by number only.
        var trail = await factory.InDbAsync(db => db.AuditEntries.Where(a => a.EntityType == nameof(Candidate) && a.EntityId == id.ToString()).Select(a => a.Action).ToListAsync());
        Assert.Equal(1, trail.Count(a => a == ProgrammeAuditActions.Applied));
        Assert.Equal(2, trail.Count(a => a == ProgrammeAuditActions.StepDecided));

        // The staff see the candidate with the next step; the applicant sees nobody else's.
        var candidates = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/programmes/{programme}/cohorts/c1/candidates");
        Assert.Equal("selection", Assert.Single(candidates.EnumerateArray()).GetProperty("nextStep").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await applicant.GetAsync($"/api/v1/programmes/{programme}/cohorts/c1/candidates")).StatusCode);
    }

    [Fact]
    public async Task A_skipped_step_an_unknown_step_decision_or_date_and_a_date_before_the_last_step_are_refused_in_Dutch_and_English()
    {
        var programme = await ProgrammeAsync(factory);
        var applicant = await ApplicantAsync(factory, "kandidaat.twee@example.test");
        var staff = await SignInAsync(factory, HvaStaff);
        var id = await AppliedAsync(applicant, programme);

        var skipped = await DecideAsync(staff, programme, id, "selection", "Passed", "2027-01-11");
        Assert.Equal(HttpStatusCode.BadRequest, skipped.StatusCode);
        Assert.Equal("De volgende stap van deze kandidaat is 'application'; stap 'selection' kan nu niet worden vastgelegd. Er is niets vastgelegd.", await ErrorAsync(skipped, "step"));
        Assert.Equal("Er is geen stap 'interview' in de intake van dit programma.", await ErrorAsync(await DecideAsync(staff, programme, id, "interview", "Passed", "2027-01-11"), "step"));
        Assert.Equal("Kies een besluit: Passed (door), Failed (afgewezen) of Withdrawn (teruggetrokken).",
            await ErrorAsync(await DecideAsync(staff, programme, id, "application", "misschien", "2027-01-11"), "decision"));
        Assert.Equal("Kies een besluit: Passed (door), Failed (afgewezen) of Withdrawn (teruggetrokken).",
            await ErrorAsync(await DecideAsync(staff, programme, id, "application", "7", "2027-01-11"), "decision"));
        Assert.Equal("Vul de datum van het besluit in als jjjj-mm-dd.", await ErrorAsync(await DecideAsync(staff, programme, id, "application", "Passed", "11-01-2027"), "on"));
        Assert.Equal(0, await DecisionsAsync(factory, id));

        Assert.Equal(HttpStatusCode.Created, (await DecideAsync(staff, programme, id, "application", "Passed", "2027-01-11")).StatusCode);
        Assert.Equal("De datum van het besluit ligt vóór de aanmelding of de vorige stap (2027-01-11); er is niets vastgelegd.",
            await ErrorAsync(await DecideAsync(staff, programme, id, "assessment", "Passed", "2027-01-10"), "on"));
        // The same step twice is not the next step.
        Assert.Equal(HttpStatusCode.BadRequest, (await DecideAsync(staff, programme, id, "application", "Passed", "2027-01-12")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await staff.GetAsync("/taal?culture=en&returnUrl=%2F")).StatusCode);
        Assert.Equal("This candidate's next step is 'assessment'; step 'contract' cannot be recorded now. Nothing was recorded.",
            await ErrorAsync(await DecideAsync(staff, programme, id, "contract", "Passed", "2027-01-12"), "step"));
        Assert.Equal("The intake of this programme has no step 'interview'.", await ErrorAsync(await DecideAsync(staff, programme, id, "interview", "Passed", "2027-01-12"), "step"));
        Assert.Equal(1, await DecisionsAsync(factory, id));
    }

    [Fact]
    public async Task After_a_failed_step_there_is_no_next_step()
    {
        var programme = await ProgrammeAsync(factory);
        var id = await AppliedAsync(await ApplicantAsync(factory, "kandidaat.drie@example.test"), programme);
        var staff = await SignInAsync(factory, HvaStaff);

        Assert.Equal(HttpStatusCode.Created, (await DecideAsync(staff, programme, id, "application", "Passed", "2027-01-11")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await DecideAsync(staff, programme, id, "assessment", "Failed", "2027-01-18")).StatusCode);
        var after = await DecideAsync(staff, programme, id, "selection", "Passed", "2027-01-25");

        Assert.Equal("Deze kandidaat is gestart of gestopt; er is geen volgende stap. Er is niets vastgelegd.", await ErrorAsync(after, "step"));
        Assert.Equal(2, await DecisionsAsync(factory, id));
    }

    [Fact]
    public async Task Only_the_programmes_staff_decide_and_a_candidate_of_another_programme_is_not_found_on_this_ones_route()
    {
        var programme = await ProgrammeAsync(factory);
        var other = await ProgrammeAsync(factory, owner: "Hogeschool van Arnhem en Nijmegen");
        var applicant = await ApplicantAsync(factory, "kandidaat.vier@example.test");
        var id = await AppliedAsync(applicant, programme);
        var elsewhere = await AppliedAsync(applicant, other);
        var hva = await SignInAsync(factory, HvaStaff);

        Assert.Equal(HttpStatusCode.Forbidden, (await DecideAsync(applicant, programme, id, "application", "Passed", "2027-01-11")).StatusCode);
        var otherPact = await DecideAsync(await SignInAsync(factory, "coordinator@zorgpact.demo"), programme, id, "application", "Passed", "2027-01-11");
        Assert.Equal(HttpStatusCode.Forbidden, otherPact.StatusCode);
        Assert.Equal("Alleen de staf van het programma, de coördinatoren van het pact en beheerders kunnen dit doen.", await DetailAsync(otherPact));
        // The HvA's staff are not the HAN programme's staff; and on their own programme's route the HAN candidate does not exist.
        Assert.Equal(HttpStatusCode.Forbidden, (await DecideAsync(hva, other, elsewhere, "application", "Passed", "2027-01-11")).StatusCode);
        var wrongRoute = await DecideAsync(hva, programme, elsewhere, "application", "Passed", "2027-01-11");
        Assert.Equal(HttpStatusCode.NotFound, wrongRoute.StatusCode);
        Assert.Equal($"Er is geen kandidaat met nummer {elsewhere} in dit cohort.", await DetailAsync(wrongRoute));
        Assert.Equal(HttpStatusCode.Unauthorized, (await DecideAsync(Anonymous(factory), programme, id, "application", "Passed", "2027-01-11")).StatusCode);
        Assert.Equal(0, await DecisionsAsync(factory, id));
        Assert.Equal(0, await DecisionsAsync(factory, elsewhere));

        // The pact's coordinator is staff of every programme of the pact.
        Assert.Equal(HttpStatusCode.Created, (await DecideAsync(await SignInAsync(factory, "coordinator@techniekpact.demo"), programme, id, "application", "Passed", "2027-01-11")).StatusCode);
    }

    [Fact]
    public async Task Applying_twice_to_a_closed_cohort_without_a_municipality_or_with_an_unknown_gender_is_refused_and_writes_nothing()
    {
        var programme = await ProgrammeAsync(factory);
        var applicant = await ApplicantAsync(factory, "kandidaat.vijf@example.test");
        Task<int> Count() => factory.InDbAsync(db => db.Set<Candidate>().CountAsync(c => db.Set<Cohort>().Any(k => k.Id == c.CohortId && db.Set<Programme>().Any(p => p.Id == k.ProgrammeId && p.Code == programme))));

        Assert.Equal("Vul uw woongemeente in, als naam of CBS-code zoals GM0363.", await ErrorAsync(await ApplyAsync(applicant, programme, new { municipality = " " }), "municipality"));
        Assert.Equal("'Atlantis' is geen gemeente; geef de naam of de CBS-code, zoals GM0363.", await ErrorAsync(await ApplyAsync(applicant, programme, new { municipality = "Atlantis" }), "municipality"));
        Assert.Equal("Kies bij gender Woman, Man, Other of NotGiven (zeg ik liever niet).", await ErrorAsync(await ApplyAsync(applicant, programme, new { municipality = "Amsterdam", gender = "x" }), "gender"));
        Assert.Equal(HttpStatusCode.NotFound, (await ApplyAsync(applicant, programme, new { municipality = "Amsterdam" }, cohort: "c9")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ApplyAsync(Anonymous(factory), programme, new { municipality = "Amsterdam" })).StatusCode);
        Assert.Equal(0, await Count());

        // Only the municipality is required; gender is then not given.
        var id = await AppliedAsync(applicant, programme, municipality: "Amsterdam");
        Assert.Equal(Gender.NotGiven, await factory.InDbAsync(db => db.Set<Candidate>().Where(c => c.Id == id).Select(c => c.Gender).SingleAsync()));
        Assert.Equal("U bent al aangemeld voor dit cohort.", await ErrorAsync(await ApplyAsync(applicant, programme, new { municipality = "Amsterdam" }), "cohort"));

        await factory.InDbAsync(db => db.Set<Cohort>().Where(c => db.Set<Programme>().Any(p => p.Id == c.ProgrammeId && p.Code == programme))
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, CohortStatus.Closed)));
        var late = await ApplicantAsync(factory, "kandidaat.zes@example.test");
        Assert.Equal("Dit cohort neemt geen aanmeldingen meer aan.", await ErrorAsync(await ApplyAsync(late, programme, new { municipality = "Amsterdam" }), "cohort"));
        Assert.Equal(1, await Count());
    }

    [Fact]
    public async Task A_start_beyond_the_cohorts_seats_is_refused_and_a_failed_start_takes_no_seat()
    {
        var programme = await ProgrammeAsync(factory, seats: 1);
        var ready = await ReadyToStartAsync(factory, programme, 3);
        var staff = await SignInAsync(factory, HvaStaff);

        Assert.Equal(HttpStatusCode.Created, (await DecideAsync(staff, programme, ready[0], "start", "Failed", "2027-02-01")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await DecideAsync(staff, programme, ready[1], "start", "Passed", "2027-02-01")).StatusCode);
        var full = await DecideAsync(staff, programme, ready[2], "start", "Passed", "2027-02-01");

        Assert.Equal(HttpStatusCode.Conflict, full.StatusCode);
        Assert.Equal("Het cohort is vol: alle 1 plaatsen zijn bezet. Er is niemand gestart.", await DetailAsync(full));
        Assert.Equal(5, await DecisionsAsync(factory, ready[2]));
        // Withdrawing from the start takes no seat either.
        Assert.Equal(HttpStatusCode.Created, (await DecideAsync(staff, programme, ready[2], "start", "Withdrawn", "2027-02-01")).StatusCode);
    }
}

public sealed class IntakeSqlite(SqliteFactory factory) : IntakeTests<SqliteFactory>(factory);
public sealed class IntakePostgres(PostgresFactory factory) : IntakeTests<PostgresFactory>(factory);
