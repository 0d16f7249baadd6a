using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Pactwerk.Web.Data;

/// <summary>
/// The data-protection key ring on the database, so that any number of instances on one database protect and
/// read cookies, antiforgery tokens, sign-in links and stored secrets with the same keys, whichever instance
/// answers. The table belongs to <see cref="PactwerkDb"/>'s migrations; this context only reads and writes it,
/// because the framework's key store saves synchronously and <see cref="PactwerkDb"/> saves only asynchronously
/// (its audit trail).
/// </summary>
public sealed class KeyRingDb(DbContextOptions<KeyRingDb> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public static void Register(IServiceCollection services, Action<DbContextOptionsBuilder> provider)
    {
        services.AddDbContext<KeyRingDb>(provider);
        // One application name: the default derives it from the content root, which differs between machines.
        services.AddDataProtection().SetApplicationName("Pactwerk").PersistKeysToDbContext<KeyRingDb>();
    }

    /// <summary>
    /// The framework's data-protection service reads the key ring as it starts; from this database, that
    /// must come after the migrations (<see cref="DatabaseInitialiser"/>), or a fresh database logs three
    /// failures about a missing table on its first start. Moved behind every hosted service registered so far.
    /// </summary>
    public static void StartAfterTheDatabase(IServiceCollection services)
    {
        // The framework's type is internal; found by name. Were it renamed, the order stays as it was (noisy, not wrong).
        foreach (var ring in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Name == "DataProtectionHostedService").ToList())
        {
            services.Remove(ring);
            services.Add(ring);
        }
    }
}
