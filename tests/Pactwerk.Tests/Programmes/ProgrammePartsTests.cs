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
/// A programme's cohorts, employer network and modules as its staff set them up (<see cref="ProgrammeParts"/>), through the API
/// and the page /programmas/{code}/onderdelen in Dutch and English: bad input is refused with a message and changes nothing, an
/// unchanged save writes nothing, a cohort keeps at least the seats of those who started, a completed module stays.
/// </summary>
public abstract class ProgrammePartsTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private static string Text(string html) => new HtmlParser().ParseDocument(html).QuerySelector("main")!.TextContent;

    private Task<int> AuditAsync() => factory.InDbAsync(db => db.AuditEntries.CountAsync());

    private Task<List<Cohort>> CohortsAsync(string programme) =>
        factory.InDbAsync(db => db.Set<Cohort>().AsNoTracking().Where(c => db.Set<Programme>().Any(p => p.Id == c.ProgrammeId && p.Code == programme)).OrderBy(c => c.Id).ToListAsync());

    private Task<int> OrganisationAsync(string name) => factory.InDbAsync(db => db.Organisations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync());

    [Fact]
    public async Task Cohorts_are_added_and_changed_bad_input_is_refused_and_seats_never_go_below_those_who_started()
    {
        var staff = await SignInAsync(factory, HvaStaff);
        var programme = await ProgrammeAsync(factory);
        // Three ready to start in c1 while it is the programme's only cohort.
        var ready = await ReadyToStartAsync(factory, programme, 3);
        var audit = await AuditAsync();

        var bad = await staff.PostAsJsonAsync($"/api/v1/programmes/{programme}/cohorts", new { code = "c1", name = "", startDate = "2027-09-01", endDate = "2027-09-01", seats = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("Dit programma heeft al een cohort met de code 'c1'.", errors.GetProperty("Code")[0].GetString());
        Assert.Equal("Vul de naam van het cohort in (hoogstens 200 tekens).", errors.GetProperty("Name")[0].GetString());
        Assert.Equal("Vul de einddatum in als jjjj-mm-dd, na de startdatum.", errors.GetProperty("EndDate")[0].GetString());
        Assert.Equal("Vul het aantal plaatsen in als een heel getal groter dan 0.", errors.GetProperty("Seats")[0].GetString());
        Assert.Single(await CohortsAsync(programme));
        Assert.Equal(audit, await AuditAsync());

        var added = await staff.PostAsJsonAsync($"/api/v1/programmes/{programme}/cohorts", new { code = "2027-2", name = "Najaar 2027", startDate = "2027-09-01", endDate = "2028-02-29", seats = 24 });
        Assert.True(added.StatusCode == HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        var cohort = (await CohortsAsync(programme)).Single(c => c.Code == "2027-2");
        Assert.Equal((new DateOnly(2027, 9, 1), new DateOnly(2028, 2, 29), 24, CohortStatus.Open), (cohort.StartDate, cohort.EndDate, cohort.Seats, cohort.Status));
        Assert.Equal(audit + 1, await AuditAsync());

        // Three started in c1 (counted here one by one from their decisions): three seats is the least it may have.
        foreach (var candidate in ready)
            Assert.Equal(HttpStatusCode.Created, (await DecideAsync(staff, programme, candidate, "start", "Passed", "2027-02-01")).StatusCode);
        audit = await AuditAsync();
        var c1 = new { name = "Cohort 1", startDate = "2027-03-01", endDate = "2027-08-31", seats = 2 };
        var below = await staff.PutAsJsonAsync($"/api/v1/programmes/{programme}/cohorts/c1", c1);
        Assert.Equal(HttpStatusCode.BadRequest, below.StatusCode);
        Assert.Equal("Er zijn al 3 deelnemers gestart; het cohort heeft minstens zoveel plaatsen nodig.", await ErrorAsync(below, "Seats"));
        var english = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/programmes/{programme}/cohorts/c1") { Content = JsonContent.Create(c1) };
        english.Headers.AcceptLanguage.ParseAdd("en");
        Assert.Equal("3 participants have already started; the cohort needs at least that many seats.", await ErrorAsync(await staff.SendAsync(english), "Seats"));
        Assert.Equal(20, (await CohortsAsync(programme)).Single(c => c.Code == "c1").Seats);

        // The same cohort sent back: nothing written. Three seats and closed: written once.
        Assert.Equal(HttpStatusCode.OK, (await staff.PutAsJsonAsync($"/api/v1/programmes/{programme}/cohorts/c1", c1 with { seats = 20 })).StatusCode);
        Assert.Equal(audit, await AuditAsync());
        Assert.Equal(HttpStatusCode.OK, (await staff.PutAsJsonAsync($"/api/v1/programmes/{programme}/cohorts/c1", new { c1.name, c1.startDate, c1.endDate, seats = 3, closed = true })).StatusCode);
        var closed = (await CohortsAsync(programme)).Single(c => c.Code == "c1");
        Assert.Equal((3, CohortStatus.Closed), (closed.Seats, closed.Status));
        Assert.Equal(audit + 1, await AuditAsync());
    }

    [Fact]
    public async Task The_employer_network_is_set_as_sent_and_bad_rows_change_nothing()
    {
        var staff = await SignInAsync(factory, HvaStaff);
        var programme = await ProgrammeAsync(factory);
        var (a, b) = (await OrganisationAsync("Hogeschool van Arnhem en Nijmegen"), await OrganisationAsync("Hogeschool van Amsterdam"));
        var audit = await AuditAsync();

        var negative = await staff.PutAsJsonAsync($"/api/v1/programmes/{programme}/employers", new[] { new { organisationId = a, placesPerCohort = -1 } });
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        Assert.Equal(ProgrammeMessages.EmployersInvalid, await ErrorAsync(negative, "Employers"));
        var twice = await staff.PutAsJsonAsync($"/api/v1/programmes/{programme}/employers", new[] { new { organisationId = a, placesPerCohort = 1 }, new { organisationId = a, placesPerCohort = 2 } });
        Assert.Equal(ProgrammeMessages.EmployerTwiceInNetwork, await ErrorAsync(twice, "Employers"));
        Assert.Equal(audit, await AuditAsync());

        var network = new[] { new { organisationId = a, placesPerCohort = 3 }, new { organisationId = b, placesPerCohort = 0 } };
        Assert.Equal(HttpStatusCode.OK, (await staff.PutAsJsonAsync($"/api/v1/programmes/{programme}/employers", network)).StatusCode);
        var stored = await factory.InDbAsync(db => db.Set<ProgrammeEmployer>().Where(e => db.Set<Programme>().Any(p => p.Id == e.ProgrammeId && p.Code == programme))
            .OrderBy(e => e.OrganisationId).Select(e => new { e.OrganisationId, e.PlacesPerCohort }).ToListAsync());
        Assert.Equal(network.OrderBy(n => n.organisationId).Select(n => (n.organisationId, n.placesPerCohort)), stored.Select(e => (e.OrganisationId, e.PlacesPerCohort)));
        Assert.Equal(audit + 2, await AuditAsync());
        Assert.Equal(HttpStatusCode.OK, (await staff.PutAsJsonAsync($"/api/v1/programmes/{programme}/employers", network)).StatusCode);
        Assert.Equal(audit + 2, await AuditAsync());

        // Another organisation's programme, and a member: refused.
        var han = await ProgrammeAsync(factory, owner: "Hogeschool van Arnhem en Nijmegen");
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PutAsJsonAsync($"/api/v1/programmes/{han}/employers", network)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await SignInAsync(factory, "lid@pactwerk.demo")).PutAsJsonAsync($"/api/v1/programmes/{programme}/employers", network)).StatusCode);
    }

    [Fact]
    public async Task Modules_are_set_in_order_and_a_completed_one_stays()
    {
        var staff = await SignInAsync(factory, HvaStaff);
        var programme = await ProgrammeAsync(factory);
        var modules = new object[]
        {
            new { position = 2, name = "Stage", setting = "AtEmployer" }, new { position = 1, name = "Basis programmeren", setting = "AtSchool" },
            new { position = 3, name = "Afstuderen", setting = "AtSchool" },
        };
        Assert.Equal(HttpStatusCode.OK, (await staff.PutAsJsonAsync($"/api/v1/programmes/{programme}/modules", modules)).StatusCode);
        var stored = await factory.InDbAsync(db => db.Set<ProgrammeUnit>().Where(m => db.Set<Programme>().Any(p => p.Id == m.ProgrammeId && p.Code == programme)).OrderBy(m => m.Position).ToListAsync());
        Assert.Equal(["Basis programmeren", "Stage", "Afstuderen"], stored.Select(m => m.Name));
        Assert.Equal([ModuleSetting.AtSchool, ModuleSetting.AtEmployer, ModuleSetting.AtSchool], stored.Select(m => m.Setting));

        // A participant completed the third: it cannot go; nothing changes, not even the rename sent with it.
        var candidate = (await ReadyToStartAsync(factory, programme, 1))[0];
        await factory.InDbAsync(db => { db.Add(new ModuleProgress { CandidateId = candidate, ModuleId = stored[2].Id, CompletedOn = new DateOnly(2027, 6, 1) }); return db.SaveChangesAsync(); });
        var audit = await AuditAsync();
        var refused = await staff.PutAsJsonAsync($"/api/v1/programmes/{programme}/modules", new[] { new { name = "Basis", setting = "AtSchool" }, new { name = "Stage", setting = "AtEmployer" } });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("De module 'Afstuderen' is al door deelnemers afgerond en kan niet weg.", await ErrorAsync(refused, "Modules"));
        var empty = await staff.PutAsJsonAsync($"/api/v1/programmes/{programme}/modules", new[] { new { name = "", setting = "AtSchool" } });
        Assert.Equal(ProgrammeMessages.ModulesInvalid, await ErrorAsync(empty, "Modules"));
        Assert.Equal(audit, await AuditAsync());
        Assert.Equal(HttpStatusCode.OK, (await staff.PutAsJsonAsync($"/api/v1/programmes/{programme}/modules", modules)).StatusCode);
        Assert.Equal(audit, await AuditAsync());
    }

    [Fact]
    public async Task The_page_in_Dutch_adds_a_cohort_with_only_the_required_fields_and_refuses_an_end_before_the_start()
    {
        var staff = await SignInAsync(factory, HvaStaff);
        var programme = await ProgrammeAsync(factory);
        var url = $"/programmas/{programme}/onderdelen";
        Assert.Contains($"href=\"{url}\"", await staff.GetStringAsync($"/programmas/{programme}"));
        var html = await staff.GetStringAsync(url);
        var form = Form.Read(html, url, "Cohort");
        // The first cohort form is the stored cohort c1; the new cohort's is the last.
        Assert.Equal("c1", form["CohortCode"]);
        var forms = new HtmlParser().ParseDocument(html).QuerySelectorAll("form[action$='handler=Cohort']");
        var fresh = Form.Read("<main>" + forms[^1].OuterHtml + "</main>", url);
        fresh["Cohort.Code"] = "2028-1";
        fresh["Cohort.Name"] = "Voorjaar 2028";
        fresh["Cohort.StartDate"] = "2028-03-01";
        fresh["Cohort.EndDate"] = "2028-02-01";
        fresh["Cohort.Seats"] = "20,5";
        var audit = await AuditAsync();

        // Seats that are no whole number are refused at their field before anything else is asked.
        var refused = await fresh.SubmitAsync(staff);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Ongeldige waarde ‘20,5’", Text(await refused.Content.ReadAsStringAsync()));
        fresh["Cohort.Seats"] = "20";
        refused = await fresh.SubmitAsync(staff);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var answer = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Vul de einddatum in als jjjj-mm-dd, na de startdatum.", Text(answer));
        Assert.Contains("href=\"#Cohort_EndDate\"", answer);
        Assert.Equal("2028-02-01", Form.Read("<main>" + new HtmlParser().ParseDocument(answer).QuerySelectorAll("form[action$='handler=Cohort']")[^1].OuterHtml + "</main>", url)["Cohort.EndDate"]);
        Assert.Single(await CohortsAsync(programme));
        Assert.Equal(audit, await AuditAsync());

        fresh["Cohort.EndDate"] = "2028-08-31";
        var saved = await fresh.SubmitAsync(staff);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var cohort = (await CohortsAsync(programme)).Single(c => c.Code == "2028-1");
        Assert.Equal(("Voorjaar 2028", new DateOnly(2028, 3, 1), new DateOnly(2028, 8, 31), 20, CohortStatus.Open), (cohort.Name, cohort.StartDate, cohort.EndDate, cohort.Seats, cohort.Status));

        // Every form of the page sent unchanged: nothing written.
        audit = await AuditAsync();
        html = await staff.GetStringAsync(url);
        foreach (var handler in new[] { "Employers", "Modules" })
            Assert.Equal(HttpStatusCode.Redirect, (await Form.Read(html, url, handler).SubmitAsync(staff)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Form.Read(html, url, "Cohort").SubmitAsync(staff)).StatusCode);
        Assert.Equal(audit, await AuditAsync());
    }

    [Fact]
    public async Task The_page_in_English_sets_the_network_and_refuses_a_row_without_places_in_English()
    {
        var staff = await SignInAsync(factory, HvaStaff);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.GetAsync("/taal?culture=en&returnUrl=%2F")).StatusCode);
        var programme = await ProgrammeAsync(factory);
        var url = $"/programmas/{programme}/onderdelen";
        var han = await OrganisationAsync("Hogeschool van Arnhem en Nijmegen");
        var form = await Form.OpenAsync(staff, url, "Employers");
        form["Employers[0].OrganisationId"] = han.ToString();

        var refused = await form.SubmitAsync(staff);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("For each employer choose an organisation and enter the places per cohort as a whole number of 0 or more.", Text(await refused.Content.ReadAsStringAsync()));
        Assert.Equal(0, await factory.InDbAsync(db => db.Set<ProgrammeEmployer>().CountAsync(e => db.Set<Programme>().Any(p => p.Id == e.ProgrammeId && p.Code == programme))));

        form["Employers[0].PlacesPerCohort"] = "4";
        Assert.Equal(HttpStatusCode.Redirect, (await form.SubmitAsync(staff)).StatusCode);
        Assert.Equal(4, await factory.InDbAsync(db => db.Set<ProgrammeEmployer>().Where(e => e.OrganisationId == han && db.Set<Programme>().Any(p => p.Id == e.ProgrammeId && p.Code == programme)).Select(e => e.PlacesPerCohort).SingleAsync()));

        var modules = await Form.OpenAsync(staff, url, "Modules");
        modules["Modules[0].Name"] = "Programming basics";
        Assert.Equal(HttpStatusCode.Redirect, (await modules.SubmitAsync(staff)).StatusCode);
        Assert.Equal("Programming basics", await factory.InDbAsync(db => db.Set<ProgrammeUnit>().Where(m => db.Set<Programme>().Any(p => p.Id == m.ProgrammeId && p.Code == programme)).Select(m => m.Name).SingleAsync()));
    }
}

public sealed class ProgrammePartsSqlite(SqliteFactory factory) : ProgrammePartsTests<SqliteFactory>(factory);
public sealed class ProgrammePartsPostgres(PostgresFactory factory) : ProgrammePartsTests<PostgresFactory>(factory);
