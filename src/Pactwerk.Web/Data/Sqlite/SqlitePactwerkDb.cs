using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Pactwerk.Web.Features.Audit;

namespace Pactwerk.Web.Data.Sqlite;

/// <summary>The SQLite flavour of the database; owns the migrations in this folder.</summary>
public sealed class SqlitePactwerkDb(DbContextOptions<SqlitePactwerkDb> options, IAuditActor actor) : PactwerkDb(options, actor);

/// <summary>Lets `dotnet ef migrations add` build the SQLite context without starting the app.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqlitePactwerkDb>
{
    public SqlitePactwerkDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlitePactwerkDb>().UseSqlite("Data Source=design-time.db")
            .UseApplicationServiceProvider(IdentitySchema.DesignTimeServices).Options, SystemAuditActor.Instance);
}
