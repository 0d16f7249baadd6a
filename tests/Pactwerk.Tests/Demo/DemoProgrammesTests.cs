using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Demo;
using Pactwerk.Web.Features.Programmes;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Demo;

/// <summary>
/// The demo's Make IT Work: the programme page lists its past and open cohorts, and every figure it shows the programme's
/// staff is the count of the database's candidate records, counted here one by one (not by the code that shows them);
/// the public sees the same counts or the small-cell marker. The demo's HvA editor passes the programme's staff check.
/// </summary>
public abstract partial class DemoProgrammesTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    [GeneratedRegex("<td[^>]*>([^<]*)</td>")]
    private static partial Regex Cell();

    private sealed record Counted(int Applied, int[] Passed, int Started, int Certificates, int Jobs, int Women);

    /// <summary>The figures of every Make IT Work cohort, counted candidate by candidate from the stored records.</summary>
    private async Task<List<(Cohort Cohort, Counted Counted)>> CountAsync()
    {
        var programme = await factory.InDbAsync(db => db.Set<Programme>().AsNoTracking().Include(p => p.Steps).Include(p => p.Cohorts)
            .SingleAsync(p => p.Code == DemoProgrammes.Code));
        var steps = programme.Steps.OrderBy(s => s.Position).ToList();
        var result = new List<(Cohort, Counted)>();
        foreach (var cohort in programme.Cohorts.OrderBy(c => c.StartDate))
        {
            var candidates = await factory.InDbAsync(db => db.Set<Candidate>().AsNoTracking().Include(c => c.Steps).Where(c => c.CohortId == cohort.Id).ToListAsync());
            int applied = 0, started = 0, certificates = 0, jobs = 0, women = 0;
            var passed = new int[steps.Count];
            foreach (var candidate in candidates)
            {
                applied++;
                for (var i = 0; i < steps.Count; i++)
                    if (candidate.Steps.Any(s => s.IntakeStepId == steps[i].Id && s.Decision == StepDecision.Passed))
                        passed[i]++;
                if (!candidate.Steps.Any(s => s.IntakeStepId == steps[^1].Id && s.Decision == StepDecision.Passed))
                    continue;
                started++;
                if (candidate.Certificate == true) certificates++;
                if (candidate.JobStartedOn is not null) jobs++;
                if (candidate.Gender == Gender.Woman) women++;
            }
            result.Add((cohort, new Counted(applied, passed, started, certificates, jobs, women)));
        }
        return result;
    }

    /// <summary>The cells of one cohort's row: start, seats, applied, each step, certificates, jobs, women.</summary>
    private static List<string> Row(string page, string cohortName)
    {
        var at = page.IndexOf($"<th scope=\"row\">{cohortName} ", StringComparison.Ordinal);
        Assert.True(at >= 0, $"no row for {cohortName}");
        var row = page[at..page.IndexOf("</tr>", at, StringComparison.Ordinal)];
        return Cell().Matches(row).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value).Trim()).ToList();
    }

    [Fact]
    public async Task The_programme_page_shows_make_it_work_s_cohorts_with_figures_counted_from_the_records()
    {
        factory.CreateClient();
        var counted = await CountAsync();
        // Three past cohorts that ended, and one open cohort that takes applications.
        Assert.Equal(4, counted.Count);
        Assert.Equal(3, counted.Count(c => c.Cohort.Status == CohortStatus.Closed && c.Cohort.EndDate < DateOnly.FromDateTime(DateTime.UtcNow)));
        var open = Assert.Single(counted, c => c.Cohort.Status == CohortStatus.Open).Cohort;
        // Plausible figures, near the publication's: most started; over 80 % of starters certificate and job; women near a third.
        var past = counted.Where(c => c.Cohort.Status == CohortStatus.Closed).Select(c => c.Counted).ToList();
        Assert.All(past, c => Assert.InRange(c.Started, 8, c.Applied - 1));
        Assert.InRange(100.0 * past.Sum(c => c.Certificates) / past.Sum(c => c.Started), 85, 100);
        Assert.InRange(100.0 * past.Sum(c => c.Jobs) / past.Sum(c => c.Started), 85, 100);
        Assert.InRange(100.0 * past.Sum(c => c.Women) / past.Sum(c => c.Started), 25, 45);

        var staff = await SignInAsync(factory, DemoProgrammes.StaffEmail);
        var page = await staff.GetStringAsync($"/programmas/{DemoProgrammes.Code}");
        var publicPage = await Anonymous(factory).GetStringAsync($"/programmas/{DemoProgrammes.Code}");
        foreach (var (cohort, c) in counted)
        {
            var cells = Row(page, cohort.Name);
            Assert.Equal(c.Applied.ToString(CultureInfo.InvariantCulture), cells[2]);
            Assert.Equal(c.Passed.Select(n => n.ToString(CultureInfo.InvariantCulture)), cells.Skip(3).Take(c.Passed.Length));
            var outcomes = cells.Skip(3 + c.Passed.Length).ToList();
            foreach (var (cell, count) in outcomes.Zip(new[] { c.Certificates, c.Jobs, c.Women }))
            {
                Assert.StartsWith(count.ToString(CultureInfo.InvariantCulture) + " (", cell);
                if (c.Started > 0)
                {
                    var share = decimal.Parse(cell[(cell.IndexOf('(') + 1)..cell.IndexOf('%')], NumberStyles.Number, CultureInfo.GetCultureInfo("nl-NL"));
                    Assert.Equal(Math.Round(100m * count / c.Started, 1, MidpointRounding.AwayFromZero), share);
                }
            }
            // The public sees each count, or why it is hidden: never another number.
            var shown = Row(publicPage, cohort.Name);
            var expected = new[] { c.Applied }.Concat(c.Passed).Concat(new[] { c.Certificates, c.Jobs, c.Women }).ToList();
            foreach (var (cell, count) in shown.Skip(2).Zip(expected))
            {
                var number = cell.Split(' ')[0];
                Assert.True(number == count.ToString(CultureInfo.InvariantCulture) || number is "<5" or "×", $"{cohort.Name}: '{cell}' for {count}");
            }
        }
        Assert.Contains($"href=\"/programmas/{DemoProgrammes.Code}/{open.Code}/aanmelden\"", publicPage);

        // The demo editor of the Hogeschool runs the intake; the open cohort's invented applicants are named as such.
        var intake = await staff.GetAsync($"/programmas/{DemoProgrammes.Code}/{open.Code}/intake");
        Assert.Equal(HttpStatusCode.OK, intake.StatusCode);
        var intakePage = WebUtility.HtmlDecode(await intake.Content.ReadAsStringAsync());
        foreach (var (person, _) in DemoProgrammes.OpenApplicants)
            Assert.Contains(DemoProgrammes.DisplayName(person.Name), intakePage);
        // The network's employers and their places per cohort are in, and take part in the network.
        var employers = await factory.InDbAsync(db => db.Set<ProgrammeEmployer>().CountAsync(e => db.Set<Programme>().Any(p => p.Id == e.ProgrammeId && p.Code == DemoProgrammes.Code)));
        Assert.Equal(DemoProgrammes.Employers.Count, employers);
    }
}

public sealed class DemoProgrammesSqlite(SqliteFactory factory) : DemoProgrammesTests<SqliteFactory>(factory);
public sealed class DemoProgrammesPostgres(PostgresFactory factory) : DemoProgrammesTests<PostgresFactory>(factory);
