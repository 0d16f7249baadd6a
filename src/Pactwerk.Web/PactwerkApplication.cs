using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.Agenda;
using Pactwerk.Web.Features.Audit;
using Pactwerk.Web.Features.Competences;
using Pactwerk.Web.Features.Demo;
using Pactwerk.Web.Features.Knowledge;
using Pactwerk.Web.Features.LearningAccounts;
using Pactwerk.Web.Features.LearningPlaces;
using Pactwerk.Web.Features.Matching;
using Pactwerk.Web.Features.Monitor;
using Pactwerk.Web.Features.Monitor.Import;
using Pactwerk.Web.Features.Network;
using Pactwerk.Web.Features.Newsletter;
using Pactwerk.Web.Features.Pacts;
using Pactwerk.Web.Features.Programmes;
using Pactwerk.Web.Features.ReferenceData;
using Pactwerk.Web.Features.Rooms;
using Pactwerk.Web.Features.Regions;
using Pactwerk.Web.Features.Vouchers;
using Pactwerk.Web.Features.WorkshopDays;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web;

/// <summary>The composition root: every module's services, its endpoints and the command-line commands, in one place.</summary>
public static class PactwerkApplication
{
    public static IHostApplicationBuilder AddPactwerk(this IHostApplicationBuilder builder)
    {
        builder.AddPactwerkDatabase();
        builder.AddReferenceData();
        builder.AddRegions();
        builder.AddPacts();
        builder.AddMonitor();
        builder.AddAccounts();
        builder.AddAudit();
        builder.AddWeb();
        builder.AddTelemetry();
        builder.AddAgenda();
        builder.AddKnowledge();
        builder.AddNewsletter();
        builder.AddNetwork();
        builder.AddVouchers();
        builder.AddLearningAccounts();
        builder.AddRooms();
        builder.AddLearningPlaces();
        builder.AddWorkshopDays();
        builder.AddCompetences();
        builder.AddProgrammes();
        builder.AddMatching();
        builder.AddDemo();
        // Last: hosted services start in order, and the others expect a migrated database only once they do work
        // (telemetry, for one, must listen before the engine's first load is measured).
        builder.Services.AddScoped<Shared.JobLeases>();
        builder.Services.AddHostedService<DatabaseInitialiser>();
        KeyRingDb.StartAfterTheDatabase(builder.Services);
        return builder;
    }

    /// <summary>The exit code of a command given on the command line, or null when the arguments ask for the server.</summary>
    public static async Task<int?> RunCommandAsync(this WebApplication app, string[] args)
    {
        if (ReferenceDataCommand.Handles(args))
            return await ReferenceDataCommand.RunAsync(app.Services, args);
        if (ImportCommand.Handles(args))
            return await ImportCommand.RunAsync(app.Services, args);
        if (CompetenceImportCommand.Handles(args))
            return await CompetenceImportCommand.RunAsync(app.Services, args);
        if (CompactCommand.Handles(args))
            return await CompactCommand.RunAsync(app.Services, args);
        if (Data.Backup.BackupCommand.Handles(args))
            return await Data.Backup.BackupCommand.RunAsync(app.Services, args);
        return null;
    }

    public static WebApplication MapPactwerk(this WebApplication app)
    {
        app.UseWeb();
        var api = app.MapGroup("/api/v1");
        app.MapPacts(api);
        app.MapRegions(api);
        app.MapReferenceData(api);
        app.MapAgenda(api);
        app.MapKnowledge(api);
        app.MapAccounts(api);
        app.MapAudit(api);
        app.MapNetwork(api);
        app.MapMonitor(api);
        app.MapNewsletter(api);
        app.MapVouchers(api);
        app.MapLearningAccounts(api);
        app.MapRooms(api);
        app.MapLearningPlaces(api);
        app.MapWorkshopDays(api);
        app.MapCompetences(api);
        app.MapProgrammes(api);
        app.MapMatching(api);
        app.MapDemo(api);
        app.MapWeb();
        return app;
    }
}
