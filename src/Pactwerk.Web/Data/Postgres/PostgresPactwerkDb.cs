using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Pactwerk.Web.Features.Audit;

namespace Pactwerk.Web.Data.Postgres;

/// <summary>The PostgreSQL flavour of the database; owns the migrations in this folder.</summary>
public sealed class PostgresPactwerkDb(DbContextOptions<PostgresPactwerkDb> options, IAuditActor actor) : PactwerkDb(options, actor);

/// <summary>Lets `dotnet ef migrations add` build the PostgreSQL context; no server is contacted.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresPactwerkDb>
{
    public PostgresPactwerkDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresPactwerkDb>().UseNpgsql("Host=localhost;Database=pactwerk_design")
            .UseApplicationServiceProvider(IdentitySchema.DesignTimeServices).Options, SystemAuditActor.Instance);
}
