using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.ReferenceData;

namespace Pactwerk.Tests.ReferenceData;

public static class ReferenceDataTestHelpers
{
    /// <summary>Everything the loader writes, as text, to compare a database before and after.</summary>
    public static async Task<string> SnapshotAsync(PactwerkFactory factory) => await factory.InDbAsync(async db =>
    {
        var sets = await db.RegionSets.OrderBy(s => s.Code).Select(s => $"{s.Code}|{s.Name}|{s.PactId}").ToListAsync();
        var regions = await db.Regions.OrderBy(r => r.Code).Select(r => $"{r.Code}|{r.Name}|{r.RegionSetId}|{r.ValidFrom}|{r.ValidTo}").ToListAsync();
        var memberships = await db.RegionMemberships.OrderBy(m => m.Id)
            .Select(m => $"{m.Region.Code}>{m.Municipality.Code}|{m.ValidFrom}|{m.ValidTo}").ToListAsync();
        var loads = await db.ReferenceDataLoads.OrderBy(l => l.Id).Select(l => $"{l.Checksum}|{l.LoadedAt:O}").ToListAsync();
        return string.Join("\n", sets.Concat(regions).Concat(memberships).Concat(loads));
    });

    public static async Task<ReferenceDataLoadResult> LoadAsync(PactwerkFactory factory, IReferenceDataSource source, DateOnly? validFrom = null)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<ReferenceDataImporter>();
        return await importer.LoadAsync(source, validFrom ?? new DateOnly(2025, 1, 1));
    }

    public static Task<int> CountAsync(PactwerkFactory factory, Func<PactwerkDb, Task<int>> count) => factory.InDbAsync(count);
}
