using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Pactwerk.Web.Data;

/// <summary>
/// The version of Identity's tables: 3, which adds AspNetUserPasskeys. Identity's context reads it from the
/// app's <see cref="IdentityOptions"/>; the design-time factories (`dotnet ef migrations add`) have no app,
/// so they are given these services, and the migrations describe the same model the app runs with.
/// </summary>
public static class IdentitySchema
{
    public static readonly Version Version = IdentitySchemaVersions.Version3;

    public static IServiceProvider DesignTimeServices { get; } = new ServiceCollection()
        .AddSingleton(Options.Create(new IdentityOptions { Stores = { SchemaVersion = Version } }))
        .BuildServiceProvider();
}
