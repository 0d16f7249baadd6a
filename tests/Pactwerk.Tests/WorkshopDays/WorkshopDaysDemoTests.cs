using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Demo;
using Pactwerk.Web.Features.WorkshopDays;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.WorkshopDays;

/// <summary>
/// The demo's Techniek Driedaagse 2018: the publication's days, place and size, marked as invented, tied to the
/// pact's action; its coordinator can allocate it, and the schedule keeps every rule (read apart from the solver).
/// </summary>
public abstract class WorkshopDaysDemoTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    [Fact]
    public async Task The_demo_Driedaagse_has_three_thousand_pupils_and_its_coordinator_allocates_it()
    {
        var e = await factory.InDbAsync(db => db.WorkshopDayEvents.AsNoTracking().Include(x => x.Days).SingleAsync(x => x.Slug == DemoWorkshopDays.Slug));
        Assert.True(e.Invented);
        Assert.Equal(DemoWorkshopDays.Dates, e.Days.Select(d => d.Date).Order());
        Assert.Equal("techniek-driedaagse", await factory.InDbAsync(db => db.PactActions.Where(a => a.Id == e.ActionId).Select(a => a.Slug).SingleAsync()));
        // "Meer dan drieduizend leerlingen", "tientallen workshops", "honderden vrijwilligers": counted from the rows.
        var pupils = await factory.InDbAsync(db => db.SchoolClasses.Where(c => db.SchoolRegistrations.Any(r => r.Id == c.RegistrationId && r.EventId == e.Id)).SumAsync(c => c.Pupils));
        Assert.InRange(pupils, 3_000, 3_100);
        Assert.Equal(72, await factory.InDbAsync(db => db.Workshops.CountAsync(w => w.EventId == e.Id)));
        Assert.True(await factory.InDbAsync(db => db.VolunteerShifts.Where(s => s.EventId == e.Id).SumAsync(s => s.Needed)) >= 200);

        var page = WebUtility.HtmlDecode(await Anonymous(factory).GetStringAsync($"/workshopdagen/{DemoWorkshopDays.Slug}"));
        Assert.Contains("Techniek Driedaagse 2018", page);
        Assert.Contains("Mijdrecht", page);

        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var run = await coordinator.PostAsync($"/api/v1/workshop-days/{e.Id}/allocation", null);
        Assert.True(run.StatusCode == HttpStatusCode.OK, await run.Content.ReadAsStringAsync());
        var answer = await run.ReadAsync<JsonElement>();
        var problem = await WorkshopDayBuilder.ProblemAsync(factory, e.Id);
        var placements = answer.GetProperty("assignment").EnumerateArray()
            .Select(r => new Placement(r.GetProperty("classId").GetInt32(), r.GetProperty("workshopId").GetInt32(), r.GetProperty("slotId").GetInt32())).ToList();
        Assert.Empty(AllocationChecker.Violations(problem, placements));
        Assert.Equal(problem.Classes.Count * 3, placements.Count);
        Assert.Equal(AllocationChecker.Points(problem, placements), answer.GetProperty("objective").GetInt64());
        Assert.Equal(AllocationChecker.WorstSchool(problem, placements), answer.GetProperty("worstSchoolPerMille").GetInt32());
    }
}

public sealed class WorkshopDaysDemoSqlite(SqliteFactory factory) : WorkshopDaysDemoTests<SqliteFactory>(factory);
public sealed class WorkshopDaysDemoPostgres(PostgresFactory factory) : WorkshopDaysDemoTests<PostgresFactory>(factory);
