using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Programmes;
using static Pactwerk.Tests.Infrastructure.Session;
using static Pactwerk.Tests.Programmes.ProgrammesTestData;

namespace Pactwerk.Tests.Programmes;

/// <summary>The public programme pages, in Dutch and English: the list, and a programme's cohorts with the small-cell rule for the public.</summary>
public abstract partial class ProgrammePagesTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    [GeneratedRegex("data-figure=\"certificates\">([^<]*)<")]
    private static partial Regex Certificates();

    [Fact]
    public async Task The_programme_page_shows_the_cohorts_figures_hiding_small_counts_from_the_public_but_not_from_the_staff()
    {
        var code = await ProgrammeAsync(factory, seats: 10);
        var ready = await ReadyToStartAsync(factory, code, 7);
        var staff = await SignInAsync(factory, HvaStaff);
        // Seven started, three of them with a certificate: counted here, 3 is a small cell.
        foreach (var id in ready)
            Assert.Equal(HttpStatusCode.Created, (await DecideAsync(staff, code, id, "start", "Passed", "2027-02-01")).StatusCode);
        await factory.InDbAsync(db => db.Set<Candidate>().Where(c => ready.Take(3).Contains(c.Id)).ExecuteUpdateAsync(u => u.SetProperty(c => c.Certificate, true)));

        var list = await Anonymous(factory).GetStringAsync("/programmas");
        Assert.Contains($"href=\"/programmas/{code}\"", list);
        Assert.Contains("Omscholingsprogramma&#x27;s", list);

        var publicPage = await Anonymous(factory).GetStringAsync($"/programmas/{code}");
        Assert.Equal("&lt;5 (×)", Certificates().Match(publicPage).Groups[1].Value.Trim());
        Assert.Contains("<th scope=\"col\"", publicPage);
        var staffPage = await staff.GetStringAsync($"/programmas/{code}");
        Assert.Equal("3 (42,9%)", Certificates().Match(staffPage).Groups[1].Value.Trim());

        Assert.Equal(HttpStatusCode.Redirect, (await staff.GetAsync("/taal?culture=en&returnUrl=%2F")).StatusCode);
        var english = await staff.GetStringAsync($"/programmas/{code}");
        Assert.Contains("Intake and results per cohort, against the targets", english);
        Assert.Equal("3 (42.9%)", Certificates().Match(english).Groups[1].Value.Trim());
        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous(factory).GetAsync("/programmas/bestaat-niet")).StatusCode);
    }
}

public sealed class ProgrammePagesSqlite(SqliteFactory factory) : ProgrammePagesTests<SqliteFactory>(factory);
public sealed class ProgrammePagesPostgres(PostgresFactory factory) : ProgrammePagesTests<PostgresFactory>(factory);
