using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Audit;
using Pactwerk.Web.Features.Regions;

namespace Pactwerk.Web.Features.ReferenceData;

public sealed record ReferenceDataLoadResult(string Source, bool Changed, int RegionsAdded, int RegionsUpdated, int MembershipsOpened, int MembershipsClosed);

/// <summary>
/// Brings the regions in the database in line with the reference files, in one transaction.
/// New regions and memberships start at the load's valid-from date; ones that are no longer in
/// the files are closed at that date rather than deleted, so earlier years keep their structure.
/// </summary>
public sealed class ReferenceDataImporter(PactwerkDb db, TimeProvider clock,
    Monitor.GeoShapes? shapes = null)
{
    /// <param name="successors">For municipalities that end with this load: the municipality each went into (code → code).</param>
    public async Task<ReferenceDataLoadResult> LoadAsync(IReferenceDataSource source, DateOnly validFrom, CancellationToken ct = default,
        IReadOnlyDictionary<string, string>? successors = null)
    {
        var files = new Dictionary<string, string?>();
        foreach (var file in RegionFileParser.Files)
            files[file] = await source.ReadTextAsync(file, ct);
        var dataset = RegionFileParser.Parse(files);
        var checksum = Checksum(files);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var sync = new Sync(db, validFrom);
        await sync.LoadExistingAsync(ct);

        var country = sync.Set(RegionSetCodes.Country, "Land", "Country", RegionSetKind.Official, 0);
        var municipalities = sync.Set(RegionSetCodes.Municipalities, "Gemeenten", "Municipalities", RegionSetKind.Municipalities, 5);
        var provinces = sync.Set(RegionSetCodes.Provinces, "Provincies", "Provinces", RegionSetKind.Official, 1);
        var corop = sync.Set(RegionSetCodes.Corop, "COROP-gebieden", "COROP areas", RegionSetKind.Official, 2);
        var labour = sync.Set(RegionSetCodes.LabourMarketRegions, "Arbeidsmarktregio's", "Labour-market regions", RegionSetKind.Official, 3);
        var landsdelen = sync.Set(RegionSetCodes.TechniekpactLandsdelen, "Landsdelen Techniekpact", "Techniekpact landsdelen", RegionSetKind.PactGrouping, 4);

        sync.Region(country, RegionSetCodes.CountryCode, "Nederland");
        foreach (var m in dataset.Municipalities) sync.Region(municipalities, m.Code, m.Name);
        foreach (var p in dataset.Provinces) sync.Region(provinces, p.Code, p.Name);
        foreach (var c in dataset.CoropAreas) sync.Region(corop, c.Code, c.Name);
        foreach (var a in dataset.LabourMarketRegions) sync.Region(labour, a.Code, a.Name);
        foreach (var name in dataset.Landsdelen.Select(l => l.Landsdeel).Distinct())
            sync.Region(landsdelen, RegionSetCodes.LandsdeelCode(name), name);
        sync.CloseRegionsNotSeen();
        await db.SaveChangesAsync(ct);
        foreach (var (ended, successor) in successors ?? new Dictionary<string, string>())
            sync.Succeed(ended, successor);
        await db.SaveChangesAsync(ct);

        var landsdeelOfProvince = dataset.Landsdelen.ToDictionary(l => l.ProvinceCode, l => RegionSetCodes.LandsdeelCode(l.Landsdeel));
        var wanted = new HashSet<(string Region, string Municipality)>();
        foreach (var m in dataset.Municipalities)
        {
            wanted.Add((RegionSetCodes.CountryCode, m.Code));
            wanted.Add((m.ProvinceCode, m.Code));
            wanted.Add((m.CoropCode, m.Code));
            wanted.Add((m.LabourMarketRegionCode, m.Code));
            if (landsdeelOfProvince.TryGetValue(m.ProvinceCode, out var landsdeel))
                wanted.Add((landsdeel, m.Code));
        }
        await sync.MembershipsAsync(wanted, ct);

        var result = new ReferenceDataLoadResult(source.Location, sync.Changed, sync.Added, sync.Updated, sync.Opened, sync.Closed);
        if (sync.Changed)
        {
            db.ReferenceDataLoads.Add(new ReferenceDataLoad
            {
                Source = source.Location, Checksum = checksum, ValidFrom = validFrom, LoadedAt = clock.GetUtcNow().UtcDateTime,
                RegionsAdded = sync.Added, RegionsUpdated = sync.Updated, MembershipsOpened = sync.Opened, MembershipsClosed = sync.Closed,
            });
            db.RecordEvent(clock.GetUtcNow().UtcDateTime, AuditActions.ImportCommitted, nameof(ReferenceDataLoad), checksum[..12],
                new { Source = source.Location, ValidFrom = validFrom, result.RegionsAdded, result.RegionsUpdated, result.MembershipsOpened, result.MembershipsClosed });
            await db.SaveChangesAsync(ct);
            // The maps are drawn from the memberships: drawn anew once committed, before the cached pages go.
            if (shapes is not null)
                Monitor.MonitorCacheEviction.AfterCommit(db, shapes.Clear);
        }
        await tx.CommitAsync(ct);
        return result;
    }

    private static string Checksum(Dictionary<string, string?> files)
    {
        var all = string.Join("\n\u0000", files.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => f.Key + "\n" + f.Value));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(all)));
    }

    /// <summary>The in-memory diff between what the database holds and what the files say.</summary>
    private sealed class Sync(PactwerkDb db, DateOnly validFrom)
    {
        private Dictionary<string, RegionSet> _sets = [];
        private Dictionary<string, Region> _regions = [];
        private readonly HashSet<string> _seen = [];

        public int Added { get; private set; }
        public int Updated { get; private set; }
        public int Opened { get; private set; }
        public int Closed { get; private set; }
        public bool Changed => Added + Updated + Opened + Closed > 0;

        public async Task LoadExistingAsync(CancellationToken ct)
        {
            _sets = await db.RegionSets.ToDictionaryAsync(s => s.Code, ct);
            _regions = await db.Regions.ToDictionaryAsync(r => r.Code, ct);
        }

        public RegionSet Set(string code, string name, string nameEn, RegionSetKind kind, int order)
        {
            if (_sets.TryGetValue(code, out var set))
                return set;
            set = new RegionSet { Code = code, Name = name, NameEn = nameEn, Kind = kind, SortOrder = order };
            db.RegionSets.Add(set);
            _sets[code] = set;
            return set;
        }

        public void Region(RegionSet set, string code, string name)
        {
            _seen.Add(code);
            if (!_regions.TryGetValue(code, out var region))
            {
                region = new Region { RegionSet = set, Code = code, Name = name, ValidFrom = validFrom };
                db.Regions.Add(region);
                _regions[code] = region;
                Added++;
            }
            else if (region.Name != name || region.ValidTo is not null)
            {
                region.Name = name;
                region.ValidTo = null;
                Updated++;
            }
        }

        public void Succeed(string ended, string successor)
        {
            var region = _regions[ended];
            var id = _regions[successor].Id;
            if (region.SuccessorId == id)
                return;
            region.SuccessorId = id;
            Updated++;
        }

        public void CloseRegionsNotSeen()
        {
            var managed = _sets.Values.Select(s => s.Id).ToHashSet();
            foreach (var region in _regions.Values.Where(r => !_seen.Contains(r.Code) && r.ValidTo is null && managed.Contains(r.RegionSetId)))
            {
                region.ValidTo = validFrom;
                Updated++;
            }
        }

        public async Task MembershipsAsync(HashSet<(string Region, string Municipality)> wanted, CancellationToken ct)
        {
            var codeById = _regions.Values.ToDictionary(r => r.Id, r => r.Code);
            var open = await db.RegionMemberships.Where(m => m.ValidTo == null).ToListAsync(ct);
            var have = new HashSet<(string, string)>();
            foreach (var membership in open)
            {
                var key = (codeById[membership.RegionId], codeById[membership.MunicipalityId]);
                if (wanted.Contains(key))
                    have.Add(key);
                else
                {
                    membership.ValidTo = validFrom;
                    Closed++;
                }
            }
            foreach (var (region, municipality) in wanted.Where(w => !have.Contains(w)))
            {
                db.RegionMemberships.Add(new RegionMembership
                {
                    RegionId = _regions[region].Id, MunicipalityId = _regions[municipality].Id, ValidFrom = validFrom,
                });
                Opened++;
            }
            await db.SaveChangesAsync(ct);
        }
    }
}
