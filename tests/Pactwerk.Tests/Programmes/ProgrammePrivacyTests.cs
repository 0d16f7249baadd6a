using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Programmes;
using Pactwerk.Web.Shared;
using static Pactwerk.Tests.Infrastructure.Session;
using static Pactwerk.Tests.Programmes.ProgrammesTestData;

namespace Pactwerk.Tests.Programmes;

/// <summary>
/// The applicant's privacy: they download what is held about them, and withdraw and erase an application from their own
/// page; the cohort's counts stay, without the person. After a cohort ended longer ago than <c>Programmes:RetentionMonths</c>,
/// the cluster job erases its candidates' personal fields, and the cohort's figures — counted here one by one before the
/// job — are the same afterwards, while nothing personal remains.
/// </summary>
public abstract class ProgrammePrivacyTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private static string Email() => $"privacy-{Guid.NewGuid():N}"[..20] + "@example.org";

    [Fact]
    public async Task The_applicant_downloads_their_data_then_withdraws_and_erases_the_application_and_the_count_stays()
    {
        var code = await ProgrammeAsync(factory);
        var email = Email();
        var applicant = await ApplicantAsync(factory, email);
        var id = await AppliedAsync(applicant, code, "Amsterdam", "Woman");
        var staff = await SignInAsync(factory, HvaStaff);
        Assert.Equal(HttpStatusCode.Created, (await DecideAsync(staff, code, id, "application", "Passed", "2027-01-10")).StatusCode);

        var download = await applicant.GetAsync("/programmas/mijn?handler=Export");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/json", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        var data = await download.Content.ReadFromJsonAsync<JsonElement>();
        var held = Assert.Single(data.GetProperty("applications").EnumerateArray());
        Assert.Equal(id, held.GetProperty("id").GetInt64());
        Assert.Equal(code, held.GetProperty("programme").GetString());
        Assert.Equal("Amsterdam", held.GetProperty("municipality").GetString());
        Assert.Equal("Woman", held.GetProperty("gender").GetString());
        Assert.Equal("application", Assert.Single(held.GetProperty("steps").EnumerateArray()).GetProperty("step").GetString());

        // Someone else cannot erase it: refused, nothing changed.
        var other = await ApplicantAsync(factory, Email());
        var refused = await PostFormAsync(other, "/programmas/mijn?handler=Erase", new() { ["CandidateId"] = id.ToString() }, "/programmas/mijn");
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Contains("Deze aanmelding is niet van u of is al gewist; er is niets gewist.", await refused.Content.ReadAsStringAsync());
        Assert.Null((await StoredAsync(id)).ErasedAt);

        var page = await applicant.GetStringAsync("/programmas/mijn");
        Assert.Contains("Aanmelding intrekken en gegevens wissen", page);
        var erased = await PostFormAsync(applicant, "/programmas/mijn?handler=Erase", new() { ["CandidateId"] = id.ToString() }, "/programmas/mijn");
        Assert.Equal(HttpStatusCode.Redirect, erased.StatusCode);
        var after = await applicant.GetStringAsync(erased.Headers.Location!.ToString());
        Assert.Contains("Uw aanmelding is ingetrokken en uw gegevens zijn gewist.", after);
        Assert.DoesNotContain($"kandidaat-{id}", after);

        var stored = await StoredAsync(id);
        Assert.Null(stored.UserId);
        Assert.Null(stored.MunicipalityId);
        Assert.NotNull(stored.ErasedAt);
        // The withdrawal is recorded on the next step, by the applicant (not their account, which is gone).
        var withdrawn = Assert.Single(stored.Steps, s => s.Decision == StepDecision.Withdrawn);
        Assert.Equal(ProgrammePrivacy.RecordedByApplicant, withdrawn.RecordedBy);
        Assert.DoesNotContain(stored.Steps, s => s.RecordedBy.Contains(email, StringComparison.OrdinalIgnoreCase));
        // The cohort still counts one application and one passed first step, now of nobody.
        var cohorts = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/programmes/{code}/cohorts");
        var figures = cohorts[0].GetProperty("figures");
        Assert.Equal(1, figures.GetProperty("applied").GetProperty("count").GetInt32());
        Assert.Equal(1, figures.GetProperty("intake")[0].GetProperty("passed").GetProperty("count").GetInt32());
        // And the download holds nothing any more; the page offers no form for it.
        var empty = await applicant.GetFromJsonAsync<JsonElement>("/programmas/mijn?handler=Export");
        Assert.Equal(0, empty.GetProperty("applications").GetArrayLength());
        // A second erasure of the same application changes nothing.
        var again = await PostFormAsync(applicant, "/programmas/mijn?handler=Erase", new() { ["CandidateId"] = id.ToString() }, "/programmas/mijn");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task The_retention_job_erases_candidates_of_cohorts_ended_longer_ago_and_their_figures_stay_the_same()
    {
        var code = await ProgrammeAsync(factory);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        // Cohort c1 ended three years ago (past the default 24 months); cohort c2 ended a month ago and keeps its people.
        var (ended, recent) = await factory.InDbAsync(async db =>
        {
            var programme = await db.Set<Programme>().Include(p => p.Steps).Include(p => p.Cohorts).SingleAsync(p => p.Code == code);
            var c1 = programme.Cohorts.Single();
            (c1.StartDate, c1.EndDate, c1.Status) = (today.AddYears(-3).AddMonths(-6), today.AddYears(-3), CohortStatus.Closed);
            var c2 = new Cohort { ProgrammeId = programme.Id, Code = "c2", Name = "Cohort 2", StartDate = today.AddMonths(-7), EndDate = today.AddMonths(-1), Seats = 20, Status = CohortStatus.Closed };
            db.Add(c2);
            await db.SaveChangesAsync();
            var amsterdam = await db.Regions.Where(r => r.Code == "GM0363").Select(r => r.Id).SingleAsync();
            var steps = programme.Steps.OrderBy(s => s.Position).ToList();
            var genders = new[] { Gender.Woman, Gender.Man, Gender.Woman, Gender.Other, Gender.Man, Gender.Woman, Gender.NotGiven, Gender.Man };
            foreach (var cohort in new[] { c1, c2 })
                for (var i = 0; i < genders.Length; i++)
                {
                    // The first six start; of those, every one but the third earns the certificate, every one but the fifth a job.
                    var passed = i < 6 ? steps.Count : 2;
                    db.Add(new Candidate
                    {
                        CohortId = cohort.Id, UserId = $"retention-{Guid.NewGuid():N}", Gender = genders[i], MunicipalityId = amsterdam, AppliedAt = cohort.StartDate.AddDays(-30).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
                        Certificate = i < 6 ? i != 2 : null, CertificateOn = i < 6 && i != 2 ? cohort.EndDate : null,
                        JobStartedOn = i < 6 && i != 4 ? cohort.EndDate.AddDays(20) : null, JobEmployerName = i < 6 && i != 4 ? "Werkgever" : null,
                        Steps = [.. steps.Take(passed).Select(s => new CandidateStep { IntakeStepId = s.Id, On = cohort.StartDate, Decision = StepDecision.Passed, RecordedBy = "test", RecordedAt = DateTime.UtcNow })],
                    });
                }
            await db.SaveChangesAsync();
            return (c1.Id, c2.Id);
        });

        // The ended cohort's figures, counted one by one from its records before the job.
        var before = await factory.InDbAsync(db => db.Set<Candidate>().AsNoTracking().Include(c => c.Steps).Where(c => c.CohortId == ended).ToListAsync());
        var startId = await factory.InDbAsync(db => db.Set<IntakeStep>().Where(s => db.Set<Programme>().Any(p => p.Id == s.ProgrammeId && p.Code == code)).OrderBy(s => s.Position).Select(s => s.Id).ToListAsync());
        int applied = 0, started = 0, certificates = 0, jobs = 0, women = 0;
        foreach (var c in before)
        {
            applied++;
            if (!c.Steps.Any(s => s.IntakeStepId == startId[^1] && s.Decision == StepDecision.Passed))
                continue;
            started++;
            if (c.Certificate == true) certificates++;
            if (c.JobStartedOn is not null) jobs++;
            if (c.Gender == Gender.Woman) women++;
        }

        var job = factory.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<ProgrammeRetentionWorker>().Single();
        await factory.InDbAsync(db => db.JobLeases.Where(l => l.Name == job.Name).ExecuteDeleteAsync());
        Assert.True(await job.TickAsync(CancellationToken.None));

        var gone = await factory.InDbAsync(db => db.Set<Candidate>().AsNoTracking().Where(c => c.CohortId == ended).ToListAsync());
        Assert.Equal(before.Count, gone.Count);
        Assert.All(gone, c => Assert.True(c.UserId is null && c.MunicipalityId is null && c.ErasedAt is not null, $"candidate {c.Id} keeps personal fields"));
        var goneIds = gone.Select(c => c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(gone.Count, await factory.InDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == ProgrammeAuditActions.Erased && goneIds.Contains(e.EntityId!))));
        var kept = await factory.InDbAsync(db => db.Set<Candidate>().AsNoTracking().Where(c => c.CohortId == recent).ToListAsync());
        Assert.All(kept, c => Assert.True(c.UserId is not null && c.MunicipalityId is not null && c.ErasedAt is null));

        var staff = await SignInAsync(factory, HvaStaff);
        var figures = (await staff.GetFromJsonAsync<JsonElement>($"/api/v1/programmes/{code}/cohorts")).EnumerateArray()
            .Single(c => c.GetProperty("code").GetString() == "c1").GetProperty("figures");
        int Count(string name) => figures.GetProperty(name).GetProperty("count").GetInt32();
        Assert.Equal((applied, started, certificates, jobs, women), (Count("applied"), Count("started"), Count("certificates"), Count("jobs"), Count("women")));
        Assert.Equal((8, 6, 5, 5, 3), (applied, started, certificates, jobs, women));
    }

    private Task<Candidate> StoredAsync(long id) =>
        factory.InDbAsync(db => db.Set<Candidate>().AsNoTracking().Include(c => c.Steps).SingleAsync(c => c.Id == id));
}

public sealed class ProgrammePrivacySqlite(SqliteFactory factory) : ProgrammePrivacyTests<SqliteFactory>(factory);
public sealed class ProgrammePrivacyPostgres(PostgresFactory factory) : ProgrammePrivacyTests<PostgresFactory>(factory);
