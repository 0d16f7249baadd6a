namespace Pactwerk.Web.Features.WorkshopDays;

/// <summary>Workshop days (the Techniek Driedaagse): the programme, school registration without an account, the allocation with CP-SAT, the schedules, check-in at the door with live attendance, the counts fed to the monitor and the action's outputs, and volunteers signing up for shifts.</summary>
public static class WorkshopDaysModule
{
    public static IHostApplicationBuilder AddWorkshopDays(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<WorkshopDayEditor>();
        services.AddScoped<WorkshopDayQueries>();
        services.AddScoped<SchoolRegistrations>();
        services.AddScoped<WorkshopAllocations>();
        services.AddScoped<SchoolSchedules>();
        services.AddScoped<WaitingList>();
        services.AddScoped<CheckInCodes>();
        services.AddScoped<ClassCheckIns>();
        services.AddScoped<AttendanceQueries>();
        services.AddScoped<WorkshopDayMonitorFeed>();
        services.AddScoped<WorkshopDayOutputs>();
        services.AddScoped<WorkshopDayResults>();
        services.AddScoped<Agenda.IActionIndicators, WorkshopDayActionIndicators>();
        services.Configure<WorkshopDayFeedOptions>(builder.Configuration.GetSection("WorkshopDays:Feed"));
        services.AddHostedService<WorkshopDayFeedWorker>();
        services.AddScoped<VolunteerSignUps>();
        services.AddScoped<VolunteerRoster>();
        services.AddScoped<UnconfirmedLapse>();
        services.Configure<WorkshopDayLapseOptions>(builder.Configuration.GetSection("WorkshopDays:Lapse"));
        services.AddHostedService<UnconfirmedLapseWorker>();
        services.Configure<WorkshopAllocationOptions>(builder.Configuration.GetSection("WorkshopDays:Allocation"));
        services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(o =>
        {
            o.Conventions.AddPageRoute("/WorkshopDays/Pages/EditEvent", "workshopdagen/{slug}/bewerken");
            o.Conventions.AddPageRoute("/WorkshopDays/Pages/Register", "workshopdagen/aanmelding");
        });
        return builder;
    }

    public static WebApplication MapWorkshopDays(this WebApplication app, RouteGroupBuilder api)
    {
        api.MapWorkshopDaysApi();
        api.MapCheckInApi();
        api.MapVolunteersApi();
        app.MapGet("/workshopdagen/mijn-rooster.ics", SchoolScheduleCalendar.Get).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
