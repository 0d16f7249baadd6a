using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Pactwerk.Web.Features.Agenda;
using Pactwerk.Web.Features.Network;
using Pactwerk.Web.Features.Pacts;
using Pactwerk.Web.Features.ReferenceData;
using Pactwerk.Web.Features.Regions;

namespace Pactwerk.Web.Data;

/// <summary>
/// The one database of an installation. Each provider has a subclass only so that it can carry
/// its own migration set (see Data/Sqlite and Data/Postgres); the model is defined here once.
/// </summary>
public abstract class PactwerkDb(DbContextOptions options) : DbContext(options)
{
    public DbSet<RegionSet> RegionSets => Set<RegionSet>();
    public DbSet<Region> Regions => Set<Region>();
    public DbSet<RegionMembership> RegionMemberships => Set<RegionMembership>();
    public DbSet<ReferenceDataLoad> ReferenceDataLoads => Set<ReferenceDataLoad>();
    public DbSet<Pact> Pacts => Set<Pact>();
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<PactRole> PactRoles => Set<PactRole>();
    public DbSet<PactAction> PactActions => Set<PactAction>();

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        // SQLite hands DateTime back without a kind, PostgreSQL as UTC: store and read UTC everywhere.
        builder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        builder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
    }

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.ApplyConfigurationsFromAssembly(typeof(PactwerkDb).Assembly);
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
