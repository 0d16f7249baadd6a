using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Demo;
using Pactwerk.Web.Features.Network;

namespace Pactwerk.Tests.Demo;

/// <summary>Demo content: loaded once, only in demo mode, only into an empty database.</summary>
public abstract class DemoTests
{
    protected abstract PactwerkFactory NewFactory();

    [Fact]
    public async Task Demo_mode_loads_the_publications_network_once()
    {
        await using var factory = NewFactory();
        factory.CreateClient();

        var leads = await factory.InDbAsync(db => db.PactRoles.Where(r => r.Kind == PactRoleKind.RegionLead && r.ValidTo == null)
            .Select(r => r.Region!.Code + "=" + r.Person.Name).ToListAsync());
        var initiatives = await factory.InDbAsync(db => db.PactActions.Select(a => a.Slug).ToListAsync());
        var seededAgain = await factory.InDbAsync(db => DemoSeeder.SeedAsync(db));

        Assert.Equal(["TP-NOORD=Cees Bijl", "TP-NOORDWEST=Pim van den Berg", "TP-OOST=Eddy van Hijum", "TP-ZUIDOOST=Ton Wilthagen", "TP-ZUIDWEST=Said Kasmi"],
            leads.Order(StringComparer.Ordinal));
        foreach (var slug in new[] { "gas-2-0", "make-it-work", "techniek-driedaagse", "technieketen", "levenlang-gelders-vakmanschap",
                     "overijsselse-techniekuitdaging", "smart-health", "zorgtrainingscentrum-zwolle", "bestuurlijk-lerend-netwerk-zorg-en-onderwijs" })
            Assert.Contains(slug, initiatives);
        Assert.False(seededAgain);
    }

    [Fact]
    public async Task Demo_mode_loads_the_agenda_with_the_publications_figures_and_plans_once()
    {
        await using var factory = NewFactory();
        factory.CreateClient();

        var outputs = (await factory.InDbAsync(db => db.ActionOutputs
            .Select(o => new { Slug = db.PactActions.Where(a => a.Id == o.ActionId).Select(a => a.Slug).First(), o.Year, o.Unit, o.Quantity }).ToListAsync()))
            .Select(o => $"{o.Slug}/{o.Year}/{o.Unit}={o.Quantity.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}").ToList();
        var gas = await factory.InDbAsync(db => db.PactActions.Include(a => a.Funding).SingleAsync(a => a.Slug == "gas-2-0"));
        var plans = await factory.InDbAsync(db => db.Plans.Select(p => new
        {
            Region = p.Region == null ? null : p.Region.Code,
            Revisions = p.Revisions.OrderBy(r => r.Number).Select(r => r.Status.ToString()).ToList(),
        }).ToListAsync());
        var objectives = await factory.InDbAsync(db => db.Objectives.CountAsync(o => o.IsDemoContent));
        var seededAgain = await factory.InDbAsync(db => DemoAgenda.SeedAsync(db, factory.Services.GetRequiredService<Web.Features.Monitor.MonitorEngineHost>(), default));

        // The publication: Make IT Work starts four cohorts a year with 85 employers; the Techniek Driedaagse 2018 reached over 3,000 pupils.
        Assert.Contains("make-it-work/2018/Cohorts=4", outputs);
        Assert.Contains("make-it-work/2018/CompaniesInvolved=85", outputs);
        Assert.Contains("techniek-driedaagse/2018/PupilsReached=3000", outputs);
        Assert.Equal("Regionaal investeringsfonds mbo", Assert.Single(gas.Funding).Funder);
        Assert.NotNull(Web.Features.Agenda.ContinuityRisk.EndingWithoutFollowUp(gas, new DateOnly(2026, 11, 27), 12));
        Assert.Equal(["Superseded", "Adopted"], plans.Single(p => p.Region is null).Revisions);
        Assert.Equal(["TP-NOORD", "TP-OOST"], plans.Where(p => p.Region is not null).Select(p => p.Region!).Order(StringComparer.Ordinal));
        Assert.Equal(DemoAgenda.Objectives.Count, objectives);
        Assert.False(seededAgain);
    }

    [Fact]
    public async Task Every_demo_organisation_is_seeded_at_its_seat_and_takes_part_in_the_network()
    {
        await using var factory = NewFactory();
        factory.CreateClient();

        var seeded = await factory.InDbAsync(db => db.Organisations
            .Select(o => new
            {
                o.Name,
                MunicipalityCode = o.Municipality == null ? null : o.Municipality.Code,
                Signs = db.PactSignatories.Any(s => s.OrganisationId == o.Id),
                HasPeople = db.People.Any(p => p.OrganisationId == o.Id) || db.PactRoles.Any(r => r.OrganisationId == o.Id),
                LeadsInitiative = db.PactActions.Any(a => a.LeadOrganisationId == o.Id),
                // The invented IT employers of Make IT Work (DemoProgrammes) take part through the programme's employer network.
                InEmployerNetwork = db.Set<Web.Features.Programmes.ProgrammeEmployer>().Any(e => e.OrganisationId == o.Id),
            })
            .ToListAsync());

        var byName = seeded.ToDictionary(o => o.Name, StringComparer.Ordinal);
        foreach (var o in DemoContent.Organisations)
        {
            Assert.True(byName.TryGetValue(o.Name, out var row), $"'{o.Name}' was not seeded");
            Assert.Equal(o.MunicipalityCode, row.MunicipalityCode);
        }
        Assert.All(seeded, o => Assert.True(o.Signs || o.HasPeople || o.LeadsInitiative || o.InEmployerNetwork,
            $"'{o.Name}' signs no pact and has no person or initiative"));
    }

    [Fact]
    public async Task Without_demo_mode_the_database_holds_regions_but_no_pacts()
    {
        await using var factory = NewFactory().With("Demo:Enabled", "false");
        factory.CreateClient();

        Assert.Equal(0, await factory.InDbAsync(db => db.Pacts.CountAsync()));
        Assert.Equal(0, await factory.InDbAsync(db => db.People.CountAsync()));
        Assert.Equal(342, await factory.InDbAsync(db => db.Regions.CountAsync(r => r.Code.StartsWith("GM"))));
    }
}

public sealed class DemoTestsSqlite : DemoTests
{
    protected override PactwerkFactory NewFactory() => new SqliteFactory();
}

public sealed class DemoTestsPostgres : DemoTests
{
    protected override PactwerkFactory NewFactory() => new PostgresFactory();
}
