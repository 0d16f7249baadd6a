using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.LearningAccounts;
using Pactwerk.Web.Features.Monitor;
using Pactwerk.Web.Features.Monitor.Import;
using Pactwerk.Web.Features.ReferenceData;
using Pactwerk.Web.Features.Vouchers;

namespace Pactwerk.Web.Features.Demo;

/// <summary>
/// Demo mode (Demo:Enabled): the publication's content seeded into an empty database. All demo
/// seeding is here, so no other area depends on the demo.
/// </summary>
public static class DemoModule
{
    public const string DuoFile = "duo/ingeschrevenen-hbo-2020-2023.csv";
    public const string PublishedFiguresFile = "techniekpact/published-national-figures.csv";

    /// <summary>
    /// With Demo:TwoFactorExempt, the demo accounts need no two-factor where it is required (the voucher officers'
    /// pages): their password is in the README, so a published secret beside it would be no second factor.
    /// They can still turn two-factor on and try it. Only in demo mode; the Production environment has none.
    /// </summary>
    public static IHostApplicationBuilder AddDemo(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.Services.PostConfigure<TwoFactorOptions>(o =>
        {
            if (Enabled(configuration) && configuration.GetValue("Demo:TwoFactorExempt", false))
                o.ExemptAccounts.UnionWith(DemoAccounts.All.Select(a => a.Email).Append(DemoVouchers.ProviderUserEmail));
        });
        return builder;
    }

    public static WebApplication MapDemo(this WebApplication app, RouteGroupBuilder api) => app;

    public static bool Enabled(IConfiguration configuration) => configuration.GetValue("Demo:Enabled", false);

    /// <summary>Pacts, organisations, people and accounts. They need the regions, so they wait until reference data is in.</summary>
    public static async Task SeedContentAsync(IServiceProvider scoped, IConfiguration configuration, ILogger logger, CancellationToken ct)
    {
        var db = scoped.GetRequiredService<PactwerkDb>();
        if (!Enabled(configuration))
            return;
        if (!await db.ReferenceDataLoads.AnyAsync(ct))
        {
            logger.LogWarning("Demo mode is on, but demo content waits for the reference data.");
            return;
        }
        if (await DemoSeeder.SeedAsync(db, ct))
            logger.LogInformation("Demo content from 'Sterk in keten en samenhang' loaded.");
        if (await DemoAccounts.SeedAsync(db, scoped.GetRequiredService<UserManager<PactwerkUser>>(), ct))
            logger.LogInformation("Demo accounts created (password {Password}); see the README.", DemoAccounts.Password);
        if (await DemoVouchers.SeedAsync(db, ct))
            logger.LogInformation("Demo voucher schemes of Gelderland and Overijssel loaded, open for applications.");
        if (await DemoRooms.SeedAsync(db, ct))
            logger.LogInformation("Demo technology rooms in Oost loaded, with a season of bookings.");
        if (await DemoLearningAccounts.SeedAsync(db, scoped.GetRequiredService<LearningLedger>(), scoped.GetRequiredService<TimeProvider>(), ct))
            logger.LogInformation("Demo learning accounts loaded: {Holder} holds money of three funders, one of them her former employer.", DemoLearningAccounts.HolderEmail);
        if (await DemoLearningPlaces.SeedAsync(db, scoped.GetRequiredService<TimeProvider>(), ct))
            logger.LogInformation("Demo learning places of Vogellanden and Siza loaded, with a summer holiday place and gap weeks; {Staff} acts for Vogellanden.", DemoLearningPlaces.StaffEmail);
        if (await DemoProgrammes.SeedAsync(db, scoped.GetRequiredService<UserManager<PactwerkUser>>(), scoped.GetRequiredService<TimeProvider>(), ct))
            logger.LogInformation("Demo programme Make IT Work loaded: three past cohorts with invented participants and an open cohort; {Staff} runs its intake.", DemoProgrammes.StaffEmail);
        if (await DemoCompetences.SeedAsync(db, ReferenceDataModule.Resolve(scoped, scoped.GetRequiredService<Microsoft.Extensions.Options.IOptions<ReferenceDataOptions>>().Value),
                scoped.GetRequiredService<Competences.CompetenceImport>(), logger, ct))
            logger.LogInformation("Demo competence frameworks of techniek and zorg loaded (hand-made, in ESCO's shape).");
        if (await DemoMatching.SeedAsync(db, scoped.GetRequiredService<TimeProvider>(), ct))
            logger.LogInformation("Demo matching loaded: invented candidates ranked for {Place}; {Coordinator} proposes, {Staff} decides blind, {Candidate} answers.",
                DemoMatching.Place, "coordinator@zorgpact.demo", DemoLearningPlaces.StaffEmail, DemoMatching.CandidateEmail);
        if (await DemoWorkshopDays.SeedAsync(db, ct))
            logger.LogInformation("Demo Techniek Driedaagse 2018 loaded: registration closed, ready for the coordinator to allocate at /workshopdagen/{Slug}/indeling.", DemoWorkshopDays.Slug);
        if (await DemoVouchers.SeedVoucherLifeAsync(db, scoped.GetRequiredService<UserManager<PactwerkUser>>(), scoped.GetRequiredService<VoucherApplications>(), ct)
            is { } voucher)
            logger.LogInformation("Demo voucher {Code} granted, ready to enrol: the provider confirms it at /aanbieder ({Provider}), the participant at their status page {StatusUrl}",
                voucher.VoucherCode, DemoVouchers.ProviderUserEmail, voucher.StatusUrl);
    }

    /// <summary>
    /// Needs the monitor's engine loaded: an empty monitor gets the DUO file from the reference-data
    /// location, which the import applies to the engine itself; then the indicators, and the agenda,
    /// events and practices that build on them.
    /// </summary>
    public static async Task SeedMonitorAndAgendaAsync(IServiceProvider scoped, IConfiguration configuration, ILogger logger, CancellationToken ct)
    {
        if (!Enabled(configuration))
            return;
        var db = scoped.GetRequiredService<PactwerkDb>();
        var host = scoped.GetRequiredService<MonitorEngineHost>();
        if (!await db.DataReleases.AnyAsync(ct) && await db.ReferenceDataLoads.AnyAsync(ct))
        {
            var options = scoped.GetRequiredService<Microsoft.Extensions.Options.IOptions<ReferenceDataOptions>>().Value;
            var source = ReferenceDataModule.Resolve(scoped, options);
            // DUO's enrolments per municipality, and the Techniekpact's published national figures as a second source.
            foreach (var (file, profile) in new[] { (DuoFile, ImportProfiles.DuoHboIngeschrevenen), (PublishedFiguresFile, ImportProfiles.TechniekpactPublishedFigures) })
            {
                var bytes = source is null ? null : await source.ReadBytesAsync(file, ct);
                if (bytes is null)
                {
                    logger.LogWarning("Demo mode: {File} was not found in the reference data, so the monitor goes without it.", file);
                    continue;
                }
                var report = await scoped.GetRequiredService<MonitorImportService>().ImportAsync(profile.Code, file, bytes, ct);
                logger.LogInformation("Demo mode: {File} imported with profile {Profile}: {Message}", file, profile.Code, report.Message);
            }
        }
        await DemoMonitor.SeedAsync(db, host, ct);
        // The agenda's plans set goals on the monitor's indicators, measured from its data.
        if (await DemoAgenda.SeedAsync(db, host, ct))
            logger.LogInformation("Demo agenda loaded: objectives, plans with their revisions, and the initiatives' funding and outputs.");
        if (await DemoEventsAndLearningNetworks.SeedAsync(db, ct))
            logger.LogInformation("Demo events, meetings and the Zorgpact's learning network loaded.");
        if (await DemoPractices.SeedAsync(db, ct))
            logger.LogInformation("Demo practices loaded: the publication's examples, published.");
        // The demo schemes' vouchers in the monitor at once, not only at the feed's first tick (unchanged counts write nothing).
        await scoped.GetRequiredService<Vouchers.VoucherMonitorFeed>().RefreshAllAsync(ct);
        // Likewise the rooms' utilisation and its indicator.
        await scoped.GetRequiredService<Rooms.RoomMonitorFeed>().RefreshAsync(ct);
        // And the funders' learning-account figures.
        await scoped.GetRequiredService<LearningAccounts.LearningAccountMonitorFeed>().RefreshAllAsync(ct);
        // And the learning places' filled weeks.
        await scoped.GetRequiredService<LearningPlaces.LearningPlaceMonitorFeed>().RefreshAsync(ct);
        // And the retraining programmes' intake and outcomes.
        await scoped.GetRequiredService<Programmes.ProgrammeMonitorFeed>().RefreshAsync(ct);
    }
}
