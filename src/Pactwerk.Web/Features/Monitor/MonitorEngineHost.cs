using Microsoft.EntityFrameworkCore;
using Pactwerk.Monitoring;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Regions;

namespace Pactwerk.Web.Features.Monitor;

/// <summary>
/// Keeps the engine in step with the database: everything is read at start, one element again
/// after each import commit.
/// </summary>
public sealed class MonitorEngineHost(MonitorEngine engine)
{
    public MonitorEngine Engine => engine;

    public async Task LoadAllAsync(PactwerkDb db, CancellationToken ct)
    {
        var regions = await db.Regions.Where(r => r.ValidTo == null).Select(r => new { r.Id, r.RegionSet.Kind }).ToListAsync(ct);
        var members = (await db.RegionMemberships.Where(m => m.ValidTo == null).Select(m => new { m.RegionId, m.MunicipalityId }).ToListAsync(ct))
            .ToLookup(m => m.RegionId, m => m.MunicipalityId);
        var index = new RegionIndex(regions.Select(r => (r.Id, (IReadOnlyList<int>)(r.Kind == RegionSetKind.Municipalities ? [r.Id] : members[r.Id].ToList()))).ToList());
        var elements = new List<ElementData>();
        foreach (var element in await db.DataElements.AsNoTracking().ToListAsync(ct))
            elements.Add(await ReadAsync(db, element, index, ct));
        engine.Load(index, elements);
    }

    public async Task ReloadAsync(PactwerkDb db, int elementId, CancellationToken ct)
    {
        var element = await db.DataElements.AsNoTracking().SingleAsync(e => e.Id == elementId, ct);
        engine.Replace(await ReadAsync(db, element, engine.Regions, ct));
    }

    /// <summary>Streams the element's current observations, ordered by period, into columns.</summary>
    private static async Task<ElementData> ReadAsync(PactwerkDb db, DataElement element, RegionIndex index, CancellationToken ct)
    {
        var builder = new ElementDataBuilder(element.Code, element.Level, element.PeriodKind, element.DimensionList);
        var rows = db.Observations.AsNoTracking().Where(o => o.DataElementId == element.Id && o.IsCurrent).OrderBy(o => o.PeriodStart)
            .Select(o => new { o.RegionId, o.PeriodStart, o.DimensionKey, o.Value }).AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(ct))
            if (index.TryIndexOf(row.RegionId, out var region))
                builder.Add(region, row.PeriodStart, row.DimensionKey, row.Value);
        return builder.Build();
    }
}
