using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Programmes;
using static Pactwerk.Tests.Infrastructure.Session;
using static Pactwerk.Tests.Programmes.ProgrammesTestData;

namespace Pactwerk.Tests.Programmes;

/// <summary>
/// A cohort's live figures, against the records counted one by one here: the staff see every count; the public see a
/// count only when it is the true count and gives nobody away — every count under five is "&lt;5", and no two shown
/// figures differ by fewer than five people (who dropped out at a step, who have no certificate, no job, or are not women).
/// </summary>
public abstract class CohortFiguresTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    /// <summary>30 applicants: how far each got, and the outcome of those who started.</summary>
    private static readonly (int Passed, bool Certificate, bool Job, Gender Gender)[] People = [.. Enumerable.Range(0, 30).Select(i => (
        Passed: i < 20 ? 6 : i < 24 ? 2 : 1,
        Certificate: i < 18,
        Job: i is >= 3 and < 18,
        Gender: i % 3 == 0 ? Gender.Woman : i % 3 == 1 ? Gender.Man : Gender.NotGiven))];

    private async Task<string> CohortAsync()
    {
        var code = await ProgrammeAsync(factory, seats: 25);
        await factory.InDbAsync(async db =>
        {
            var programme = await db.Set<Programme>().Include(p => p.Steps).Include(p => p.Cohorts).SingleAsync(p => p.Code == code);
            var steps = programme.Steps.OrderBy(s => s.Position).ToList();
            db.AddRange(People.Select(p => new Candidate
            {
                CohortId = programme.Cohorts.Single().Id, UserId = "fig-" + Guid.NewGuid().ToString("N"), AppliedAt = new DateTime(2027, 1, 4, 9, 0, 0, DateTimeKind.Utc), Gender = p.Gender,
                Certificate = p.Passed == 6 ? p.Certificate : null, JobStartedOn = p.Passed == 6 && p.Job ? new DateOnly(2027, 10, 1) : null,
                Steps = steps.Select((s, i) => new CandidateStep
                {
                    IntakeStepId = s.Id, On = new DateOnly(2027, 1, 10 + i), RecordedBy = "test", RecordedAt = DateTime.UtcNow,
                    Decision = i < p.Passed ? StepDecision.Passed : StepDecision.Failed,
                }).Take(Math.Min(p.Passed + 1, steps.Count)).ToList(),
            }));
            return await db.SaveChangesAsync();
        });
        return code;
    }

    private static Dictionary<string, int> Counted()
    {
        var started = People.Where(p => p.Passed == 6).ToList();
        var counts = new Dictionary<string, int> { ["applied"] = People.Length };
        for (var i = 0; i < Steps.Length; i++)
            counts[Steps[i]] = People.Count(p => p.Passed > i);
        counts["certificates"] = started.Count(p => p.Certificate);
        counts["jobs"] = started.Count(p => p.Job);
        counts["women"] = started.Count(p => p.Gender == Gender.Woman);
        return counts;
    }

    private static Dictionary<string, JsonElement> Shown(JsonElement cohort)
    {
        var figures = cohort.GetProperty("figures");
        var shown = new Dictionary<string, JsonElement> { ["applied"] = figures.GetProperty("applied") };
        foreach (var step in figures.GetProperty("intake").EnumerateArray())
            shown[step.GetProperty("step").GetString()!] = step.GetProperty("passed");
        foreach (var name in new[] { "certificates", "jobs", "women" })
            shown[name] = figures.GetProperty(name);
        return shown;
    }

    [Fact]
    public async Task The_staff_see_every_count_and_rate_as_counted_from_the_records()
    {
        var code = await CohortAsync();
        var staff = await SignInAsync(factory, HvaStaff);

        var cohort = Assert.Single((await staff.GetFromJsonAsync<JsonElement>($"/api/v1/programmes/{code}/cohorts")).EnumerateArray());
        var counted = Counted();
        foreach (var (name, figure) in Shown(cohort))
            Assert.Equal(counted[name], figure.GetProperty("count").GetInt32());
        // 20 started: 18 certificates, 15 jobs, 7 women (every third of the first twenty).
        Assert.Equal(90.0m, cohort.GetProperty("figures").GetProperty("certificateRate").GetDecimal());
        Assert.Equal(75.0m, cohort.GetProperty("figures").GetProperty("jobRate").GetDecimal());
        Assert.Equal(35.0m, cohort.GetProperty("figures").GetProperty("womenShare").GetDecimal());
    }

    [Fact]
    public async Task The_public_see_true_counts_only_and_nothing_that_gives_away_fewer_than_five_people()
    {
        var code = await CohortAsync();
        var cohort = Assert.Single((await Anonymous(factory).GetFromJsonAsync<JsonElement>($"/api/v1/programmes/{code}/cohorts")).EnumerateArray());
        var counted = Counted();
        var shown = Shown(cohort);
        int? Value(string name) => shown[name].GetProperty("count").ValueKind == JsonValueKind.Number ? shown[name].GetProperty("count").GetInt32() : null;

        foreach (var name in shown.Keys)
        {
            if (Value(name) is { } value)
                Assert.Equal(counted[name], value);
            else
                Assert.Contains(shown[name].GetProperty("hidden").GetString(), new[] { "<5", "×" });
            if (counted[name] < 5)
                Assert.Equal("<5", shown[name].GetProperty("hidden").GetString());
        }
        var pairs = new List<(string, string)> { ("applied", Steps[0]) };
        pairs.AddRange(Steps.Zip(Steps.Skip(1)));
        pairs.AddRange(new[] { "certificates", "jobs", "women" }.Select(n => ("start", n)));
        foreach (var (whole, part) in pairs)
            if (Value(whole) is { } w && Value(part) is { } p)
                Assert.True(w - p >= 5, $"{whole} {w} and {part} {p} give away {w - p}");
        // Two of the twenty who started have no certificate: the certificate count and its rate are hidden; 15 jobs
        // (5 without) and 7 women (13 not) are shown.
        Assert.Null(Value("certificates"));
        Assert.Equal(JsonValueKind.Null, cohort.GetProperty("figures").GetProperty("certificateRate").ValueKind);
        Assert.Equal(15, Value("jobs"));
        Assert.Equal(75.0m, cohort.GetProperty("figures").GetProperty("jobRate").GetDecimal());
        Assert.Equal(7, Value("women"));
    }
}

public sealed class CohortFiguresSqlite(SqliteFactory factory) : CohortFiguresTests<SqliteFactory>(factory);
public sealed class CohortFiguresPostgres(PostgresFactory factory) : CohortFiguresTests<PostgresFactory>(factory);
