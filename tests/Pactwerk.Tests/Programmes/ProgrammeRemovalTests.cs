using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Programmes;
using static Pactwerk.Tests.Infrastructure.Session;
using static Pactwerk.Tests.Programmes.ProgrammesTestData;

namespace Pactwerk.Tests.Programmes;

/// <summary>
/// Removing a programme or a cohort nobody applied to (<see cref="ProgrammeEditor.DeleteAsync"/>,
/// <see cref="ProgrammeParts.DeleteCohortAsync"/>), through the API and the pages, in Dutch and English: what has
/// applications stays, with a message, and nothing is removed; a removal takes every part of the programme with it and each
/// removed row is in the audit trail.
/// </summary>
public abstract class ProgrammeRemovalTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private static string Text(string html) => new HtmlParser().ParseDocument(html).QuerySelector("main")!.TextContent;

    private Task<int> RowsAsync(string code) => factory.InDbAsync(async db =>
    {
        var id = await db.Set<Programme>().Where(p => p.Code == code).Select(p => (int?)p.Id).SingleOrDefaultAsync();
        if (id is null)
            return 0;
        // Every row that belongs to the programme, counted table by table.
        return 1 + await db.Set<Cohort>().CountAsync(c => c.ProgrammeId == id) + await db.Set<IntakeStep>().CountAsync(s => s.ProgrammeId == id)
            + await db.Set<ProgrammeEmployer>().CountAsync(e => e.ProgrammeId == id) + await db.Set<ProgrammeUnit>().CountAsync(m => m.ProgrammeId == id)
            + await db.Set<ProgrammePartner>().CountAsync(p => p.ProgrammeId == id);
    });

    private Task<int> DeletedAuditAsync() => factory.InDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == Pactwerk.Web.Features.Audit.AuditActions.Deleted));

    private async Task AddPartsAsync(string code) => await factory.InDbAsync(async db =>
    {
        var programme = await db.Set<Programme>().SingleAsync(p => p.Code == code);
        var hva = programme.OwnerOrganisationId;
        var other = await db.Organisations.Where(o => o.Id != hva).OrderBy(o => o.Id).Select(o => o.Id).FirstAsync();
        db.Add(new ProgrammeEmployer { ProgrammeId = programme.Id, OrganisationId = other, PlacesPerCohort = 3 });
        db.Add(new ProgrammePartner { ProgrammeId = programme.Id, OrganisationId = other });
        db.Add(new ProgrammeUnit { ProgrammeId = programme.Id, Position = 1, Name = "Programmeren", Setting = ModuleSetting.AtSchool });
        db.Add(new Cohort { ProgrammeId = programme.Id, Code = "c2", Name = "Cohort 2", StartDate = new(2027, 9, 1), EndDate = new(2028, 2, 28), Seats = 12 });
        await db.SaveChangesAsync();
        return 0;
    });

    [Fact]
    public async Task An_empty_programme_goes_with_all_its_parts_through_the_api_and_every_row_is_audited()
    {
        var code = await ProgrammeAsync(factory);
        await AddPartsAsync(code);
        var rows = await RowsAsync(code);
        // The programme, 2 cohorts, 6 steps, 1 employer, 1 module, 1 partner.
        Assert.Equal(1 + 2 + 6 + 1 + 1 + 1, rows);
        var audit = await DeletedAuditAsync();
        var staff = await SignInAsync(factory, HvaStaff);

        Assert.Equal(HttpStatusCode.NoContent, (await staff.DeleteAsync($"/api/v1/programmes/{code}")).StatusCode);
        Assert.Equal(0, await RowsAsync(code));
        Assert.Equal(audit + rows, await DeletedAuditAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await staff.DeleteAsync($"/api/v1/programmes/{code}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/api/v1/programmes/{code}")).StatusCode);
    }

    [Theory]
    [InlineData("nl", "Dit programma heeft aanmeldingen en blijft daarom bestaan", "Dit cohort heeft aanmeldingen en blijft daarom bestaan")]
    [InlineData("en", "This programme has applications and therefore stays", "This cohort has applications and therefore stays")]
    public async Task What_someone_applied_to_stays_with_a_message_and_nothing_is_removed(string culture, string programmeMessage, string cohortMessage)
    {
        var code = await ProgrammeAsync(factory);
        await AddPartsAsync(code);
        var applicant = await ApplicantAsync(factory, $"removal-{culture}-{Guid.NewGuid():N}@example.org");
        await AppliedAsync(applicant, code);
        var (rows, audit) = (await RowsAsync(code), await DeletedAuditAsync());
        var staff = await SignInAsync(factory, HvaStaff);

        var programme = await staff.DeleteAsync($"/api/v1/programmes/{code}?culture={culture}");
        var cohort = await staff.DeleteAsync($"/api/v1/programmes/{code}/cohorts/c1?culture={culture}");
        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict), (programme.StatusCode, cohort.StatusCode));
        Assert.Contains(programmeMessage, await DetailAsync(programme));
        Assert.Contains(cohortMessage, await DetailAsync(cohort));
        Assert.Equal((rows, audit), (await RowsAsync(code), await DeletedAuditAsync()));

        // The cohort nobody applied to may go; the one with the application stays.
        Assert.Equal(HttpStatusCode.NoContent, (await staff.DeleteAsync($"/api/v1/programmes/{code}/cohorts/c2")).StatusCode);
        Assert.Equal(rows - 1, await RowsAsync(code));
        Assert.Equal(["c1"], await factory.InDbAsync(db => db.Set<Cohort>().Where(c => db.Set<Programme>().Any(p => p.Id == c.ProgrammeId && p.Code == code)).Select(c => c.Code).ToListAsync()));
    }

    [Fact]
    public async Task Only_the_programmes_staff_remove_and_an_unknown_cohort_is_not_found()
    {
        var code = await ProgrammeAsync(factory);
        var rows = await RowsAsync(code);
        var member = await SignInAsync(factory, "lid@pactwerk.demo");
        Assert.Equal(HttpStatusCode.Forbidden, (await member.DeleteAsync($"/api/v1/programmes/{code}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.DeleteAsync($"/api/v1/programmes/{code}/cohorts/c1")).StatusCode);
        Assert.Equal(rows, await RowsAsync(code));
        var staff = await SignInAsync(factory, HvaStaff);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.DeleteAsync($"/api/v1/programmes/{code}/cohorts/geen")).StatusCode);
        Assert.Equal(rows, await RowsAsync(code));
    }

    [Theory]
    [InlineData("nl", "Vink aan dat u het programma wilt verwijderen.", "Het programma is verwijderd.", "Cohort verwijderen")]
    [InlineData("en", "Tick the box to confirm that you want to remove the programme.", "The programme has been removed.", "Remove cohort")]
    public async Task On_the_pages_a_cohort_goes_with_one_button_and_a_programme_once_the_box_is_ticked(string culture, string unticked, string removed, string cohortButton)
    {
        var code = await ProgrammeAsync(factory);
        await AddPartsAsync(code);
        var staff = await SignInAsync(factory, HvaStaff);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.GetAsync($"/taal?culture={culture}&returnUrl=%2F")).StatusCode);
        var rows = await RowsAsync(code);

        // Both cohorts are empty: each has its own remove button.
        var parts = await staff.GetStringAsync($"/programmas/{code}/onderdelen");
        Assert.Equal(2, new HtmlParser().ParseDocument(parts).QuerySelectorAll("form[action$='handler=DeleteCohort'] button").Count(b => b.TextContent.Trim() == cohortButton));
        var removeC2 = Form.Read("<main>" + new HtmlParser().ParseDocument(parts).QuerySelectorAll("form[action$='handler=DeleteCohort']")
            .Single(f => f.QuerySelector("input[name=CohortCode]")!.GetAttribute("value") == "c2").OuterHtml + "</main>", $"/programmas/{code}/onderdelen");
        var gone = await removeC2.SubmitAsync(staff);
        Assert.Equal(HttpStatusCode.Redirect, gone.StatusCode);
        Assert.Equal(rows - 1, await RowsAsync(code));

        // The programme: not without the box ticked.
        var edit = await Form.OpenAsync(staff, $"/programmas/{code}/bewerken", "Delete");
        var refused = await edit.SubmitAsync(staff);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains(unticked, Text(html));
        Assert.Contains("href=\"#ConfirmDelete\"", html);
        Assert.Equal(rows - 1, await RowsAsync(code));

        var again = Form.Read(html, $"/programmas/{code}/bewerken", "Delete");
        again.Tick("ConfirmDelete", "true");
        var done = await again.SubmitAsync(staff);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal("/programmas?verwijderd=true", done.Headers.Location!.OriginalString);
        Assert.Contains(removed, Text(await staff.GetStringAsync(done.Headers.Location.OriginalString)));
        Assert.Equal(0, await RowsAsync(code));
    }

    [Fact]
    public async Task With_an_application_the_pages_offer_no_removal()
    {
        var code = await ProgrammeAsync(factory);
        var applicant = await ApplicantAsync(factory, $"removal-page-{Guid.NewGuid():N}@example.org");
        await AppliedAsync(applicant, code);
        var staff = await SignInAsync(factory, HvaStaff);
        Assert.DoesNotContain("handler=Delete", await staff.GetStringAsync($"/programmas/{code}/bewerken"));
        Assert.DoesNotContain("handler=DeleteCohort", await staff.GetStringAsync($"/programmas/{code}/onderdelen"));
    }
}

public sealed class ProgrammeRemovalSqlite(SqliteFactory factory) : ProgrammeRemovalTests<SqliteFactory>(factory);
public sealed class ProgrammeRemovalPostgres(PostgresFactory factory) : ProgrammeRemovalTests<PostgresFactory>(factory);
