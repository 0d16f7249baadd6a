using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Monitoring;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Audit;
using Pactwerk.Web.Features.Regions;

namespace Pactwerk.Web.Features.Monitor;

/// <summary>A confidential source another area keeps up to date from its own records (a voucher scheme's applications).</summary>
/// <param name="Dataset">Names the feed's releases, as an import profile names a file's.</param>
public sealed record FeedSource(string Code, string Name, string Dataset);

/// <summary>
/// One count the feed delivers, with the indicator that reads it: counted per municipality (CBS
/// code), calendar year and the one dimension <see cref="MonitorFeeds.Dimension"/>.
/// </summary>
public sealed record FeedElement(string Code, string Name, string NameEn, string Unit, string Description, string DescriptionEn);

/// <summary>
/// An indicator the feed defines over two of its elements: multiplier × Σ numerator / Σ denominator (a share
/// or a rate, such as booked hours per open hour), made once, like the element's own indicators.
/// </summary>
public sealed record FeedRatio(string Code, string Name, string NameEn, string Unit, string Numerator, string Denominator, double Multiplier,
    string Description, string DescriptionEn);

/// <summary>One cell: how many there were of an element in a municipality, year and sector.</summary>
public sealed record FeedCell(string Element, string Municipality, int Year, string Sector, int Count);

/// <param name="Changed">False when the counts were the same as the current release's: nothing was written.</param>
/// <param name="UnknownMunicipalities">Cells of municipalities that are not in today's reference data; left out.</param>
public sealed record FeedOutcome(bool Changed, int? ReleaseId, int Observations, int UnknownMunicipalities);

/// <summary>
/// Lets another area feed the monitor from its own records about people, as a <b>confidential</b>
/// source (no licence: it is not open data), so every figure made from it goes through the small-cell
/// rule of <see cref="MonitorFigures"/> like any other confidential source. A refresh replaces all
/// of the source's observations in one transaction: its earlier counts are not history worth keeping
/// (they are recomputed from records that still exist), so they are deleted rather than retired,
/// and each changed refresh is a release that says when and by whom. The engine takes the new
/// figures and the cached monitor is dropped when the transaction commits (<see cref="MonitorCacheEviction"/>).
/// </summary>
public sealed class MonitorFeeds(PactwerkDb db, MonitorEngineHost host, IAuditActor actor, TimeProvider clock)
{
    /// <summary>The one breakdown of a fed element.</summary>
    public const string Dimension = "SECTOR";

    /// <summary>
    /// Said of every indicator a feed makes, here and not by each feed: a fed source is always confidential (checked
    /// below), so its small cells are never shown (<see cref="MonitorFigures"/>), and its readers are told so.
    /// </summary>
    public const string ConfidentialNote = " Vertrouwelijk: kleine aantallen worden niet getoond.", ConfidentialNoteEn = " Confidential: small numbers are not shown.";

    public async Task<FeedOutcome> ReplaceAsync(FeedSource feed, IReadOnlyList<FeedElement> elements, IReadOnlyList<FeedCell> cells, CancellationToken ct,
        IReadOnlyList<FeedRatio>? ratios = null)
    {
        var municipalities = await db.Regions.AsNoTracking().Where(r => r.ValidTo == null && r.RegionSet.Kind == RegionSetKind.Municipalities)
            .ToDictionaryAsync(r => r.Code, r => r.Id, ct);
        var known = cells.Where(c => municipalities.ContainsKey(c.Municipality)).ToList();
        // Sorted, so the same counts always give the same checksum whatever order the query returned them in.
        var text = string.Join('\n', known.OrderBy(c => c.Element, StringComparer.Ordinal).ThenBy(c => c.Municipality, StringComparer.Ordinal)
            .ThenBy(c => c.Year).ThenBy(c => c.Sector, StringComparer.Ordinal).Select(c => $"{c.Element};{c.Municipality};{c.Year};{c.Sector};{c.Count}"));
        var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('|', elements.Select(e => e.Code)) + "\n" + text)));

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var source = await db.DataSources.FirstOrDefaultAsync(s => s.Code == feed.Code, ct);
        if (source is null)
        {
            source = db.DataSources.Add(new DataSource { Code = feed.Code, Name = feed.Name, Disclosure = Disclosure.Confidential, License = null }).Entity;
            await db.SaveChangesAsync(ct);
        }
        // Records about people are never shown as computed: a source someone made published is not fed.
        if (source.Disclosure != Disclosure.Confidential)
            throw new InvalidOperationException($"Source {feed.Code} is not confidential; a feed of records about people is not written into it.");
        var latest = await db.DataReleases.AsNoTracking().Where(r => r.DataSourceId == source.Id && r.Dataset == feed.Dataset && r.WithdrawnAt == null)
            .OrderByDescending(r => r.Id).Select(r => r.Checksum).FirstOrDefaultAsync(ct);
        if (latest == checksum)
            return new FeedOutcome(false, null, 0, cells.Count - known.Count);

        var ids = new Dictionary<string, DataElement>(StringComparer.Ordinal);
        foreach (var e in elements)
        {
            var element = await db.DataElements.FirstOrDefaultAsync(x => x.Code == e.Code, ct);
            if (element is null)
                element = db.DataElements.Add(new DataElement
                {
                    Code = e.Code, Name = e.Name, NameEn = e.NameEn, Unit = e.Unit, PeriodKind = PeriodKind.CalendarYear, Level = ElementLevel.Municipality,
                    DataSourceId = source.Id, Dimensions = Dimension,
                }).Entity;
            else if (element.DataSourceId != source.Id)
                throw new InvalidOperationException($"Data element {e.Code} belongs to another source.");
            ids[e.Code] = element;
            if (!await db.Indicators.AnyAsync(i => i.Code == e.Code, ct))
            {
                var indicator = new Indicator { Code = e.Code, Name = e.Name, NameEn = e.NameEn, Unit = e.Unit, Direction = Direction.HigherIsBetter, CurrentVersion = 1 };
                indicator.Versions.Add(new IndicatorVersion
                {
                    Version = 1, Definition = IndicatorDefinitions.Serialise(new IndicatorDefinition(e.Code, new Measure(e.Code, new Dictionary<string, IReadOnlyList<string>>()), null, 1)),
                    Description = e.Description + ConfidentialNote, DescriptionEn = e.DescriptionEn + ConfidentialNoteEn, Source = feed.Name, CreatedBy = actor.Name, CreatedAt = clock.GetUtcNow().UtcDateTime,
                });
                db.Indicators.Add(indicator);
            }
        }
        foreach (var r in ratios ?? [])
        {
            if (!ids.ContainsKey(r.Numerator) || !ids.ContainsKey(r.Denominator))
                throw new InvalidOperationException($"Ratio {r.Code} reads elements this feed does not deliver.");
            if (await db.Indicators.AnyAsync(i => i.Code == r.Code, ct))
                continue;
            var indicator = new Indicator { Code = r.Code, Name = r.Name, NameEn = r.NameEn, Unit = r.Unit, Direction = Direction.HigherIsBetter, CurrentVersion = 1 };
            indicator.Versions.Add(new IndicatorVersion
            {
                Version = 1, Definition = IndicatorDefinitions.Serialise(new IndicatorDefinition(r.Code, Measure.All(r.Numerator), Measure.All(r.Denominator), r.Multiplier)),
                Description = r.Description + ConfidentialNote, DescriptionEn = r.DescriptionEn + ConfidentialNoteEn, Source = feed.Name, CreatedBy = actor.Name, CreatedAt = clock.GetUtcNow().UtcDateTime,
            });
            db.Indicators.Add(indicator);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var years = known.Select(c => c.Year).Distinct().Order().ToList();
        var release = db.DataReleases.Add(new DataRelease
        {
            DataSourceId = source.Id, Dataset = feed.Dataset, FileName = $"{feed.Dataset}-{now:yyyyMMddHHmmss}", Checksum = checksum, ImportedAt = now,
            ImportedBy = actor.Name, RowsRead = cells.Count, ObservationsWritten = known.Count, SuppressedCells = 0,
            Periods = years.Count == 0 ? "—" : years.Count == 1 ? years[0].ToString(CultureInfo.InvariantCulture) : $"{years[0]}–{years[^1]}",
        }).Entity;
        await db.SaveChangesAsync(ct);

        var swaps = new List<(DataElement Element, List<int> Periods, List<ParsedCellView> Cells)>();
        foreach (var element in ids.Values)
        {
            var before = await db.Observations.Where(o => o.DataElementId == element.Id).Select(o => o.PeriodStart).Distinct().ToListAsync(ct);
            await db.Observations.Where(o => o.DataElementId == element.Id).ExecuteDeleteAsync(ct);
            var mine = known.Where(c => c.Element == element.Code)
                .Select(c => new ParsedCellView(municipalities[c.Municipality], c.Year, c.Sector, c.Count)).ToList();
            await Import.ObservationWriter.WriteAsync(db, element.Id, release.Id,
                mine.Select(c => new Import.ParsedCell(0, element.Code, c.RegionId, c.Year, c.Sector, c.Count)), ct);
            swaps.Add((element, before.Union(mine.Select(c => c.Year)).ToList(), mine));
        }
        var releaseRef = new ReleaseRef(release.Id, source.Name, release.FileName, release.ImportedAt, release.PublishedOn);
        // The engine serves the new counts once committed, and the periods that lost every count lose them in memory too.
        MonitorCacheEviction.AfterCommit(db, () =>
        {
            foreach (var (element, periods, mine) in swaps)
                host.Apply(element, periods, mine.Select(c => (c.RegionId, c.Year, c.Sector, (double?)c.Count)), releaseRef, Disclosure.Confidential);
        });
        await tx.CommitAsync(ct);
        return new FeedOutcome(true, release.Id, known.Count, cells.Count - known.Count);
    }

    private sealed record ParsedCellView(int RegionId, int Year, string Sector, int Count);
}
