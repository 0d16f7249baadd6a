using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Monitoring;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Audit;
using Pactwerk.Web.Features.Regions;

namespace Pactwerk.Web.Features.Monitor.Import;

public enum ImportStatus
{
    Committed,
    /// <summary>The same file was imported before: nothing changed.</summary>
    NoChange,
    Rejected,
}

public sealed record ImportReport(ImportStatus Status, string Profile, string FileName, int? ReleaseId, int RowsRead, int ObservationsWritten,
    int SuppressedCells, IReadOnlyList<string> Periods, IReadOnlyList<RejectedRow> Rejected, string Message,
    IReadOnlyList<ShrinkingPeriod>? Shrinking = null);

/// <summary>A period an import would shrink: the current observations and municipalities, and what the file holds instead.</summary>
public sealed record ShrinkingPeriod(string Element, string Period, int ObservationsBefore, int ObservationsAfter, int MunicipalitiesBefore, int MunicipalitiesAfter);

public sealed class MonitorOptions
{
    public const string Section = "Monitor";
    /// <summary>Largest file an import accepts.</summary>
    public long MaxImportBytes { get; set; } = 100L * 1024 * 1024;
    /// <summary>How long the import wizard holds an uploaded file that was neither committed nor cancelled.</summary>
    public int HeldUploadMinutes { get; set; } = 120;
    /// <summary>The first year a period may start in; earlier years are refused with their line.</summary>
    public int FirstPlausibleYear { get; set; } = 1950;
    /// <summary>The last year a period may start in; empty means next year.</summary>
    public int? LastPlausibleYear { get; set; }
    /// <summary>The share (in percent) of a period's current observations an import may remove before it needs an explicit confirmation.</summary>
    public double ShrinkingShareThreshold { get; set; } = 20;
    /// <summary>Days after a withdrawal before `monitor compact` removes the withdrawn release's observations.</summary>
    public int CompactWithdrawnAfterDays { get; set; } = 30;
}

/// <summary>
/// Imports a file with a profile, all or nothing: every row is checked first; then, in one
/// transaction, the release is recorded, the element's current values for the file's periods are
/// retired (kept as history) and the new ones written. The engine serves them right after commit.
/// </summary>
public sealed class MonitorImportService(PactwerkDb db, MonitorEngineHost engine, IAuditActor actor, TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<MonitorOptions> options, ImportProfileStore profiles)
{
    /// <summary>A file read with a profile but not written: the wizard's preview and report.</summary>
    public sealed record Preview(ImportProfile Profile, ParsedFile Parsed, IReadOnlyDictionary<int, string> RegionNames);

    /// <summary>Reads a file with a profile and checks every row, without writing anything; a rejection says why.</summary>
    public async Task<(Preview? Preview, ImportReport? Rejection)> ReadAsync(string profileCode, string fileName, byte[] content, CancellationToken ct)
    {
        var profile = await profiles.FindAsync(profileCode, ct);
        if (profile is null)
            return (null, Rejected(profileCode, fileName, $"Onbekend importprofiel '{profileCode}'. Bekend: {string.Join(", ", await profiles.CodesAsync(ct))}."));
        if (content.LongLength > options.Value.MaxImportBytes)
            return (null, Rejected(profile.Code, fileName, $"Het bestand is {Web.Shared.Uploads.Megabytes(content.LongLength)} MB; de grens is {Web.Shared.Uploads.Megabytes(options.Value.MaxImportBytes)} MB."));
        var municipalities = await db.Regions.Where(r => r.RegionSet.Kind == RegionSetKind.Municipalities && r.ValidTo == null)
            .Select(r => new { r.Id, r.Code, r.Name }).ToListAsync(ct);
        var names = municipalities.ToDictionary(m => m.Id, m => m.Name);
        // A file may name its municipalities instead of coding them; names are matched without regard to case.
        var regions = profile.MunicipalityByName
            ? municipalities.GroupBy(m => m.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().Id, StringComparer.OrdinalIgnoreCase)
            : municipalities.ToDictionary(m => m.Code, m => m.Id);
        if (profile.RegionCode is { } regionCode)
        {
            var region = await db.Regions.Where(r => r.Code == regionCode && r.ValidTo == null).Select(r => new { r.Id, r.Name }).SingleOrDefaultAsync(ct);
            if (region is null)
                return (null, Rejected(profile.Code, fileName, $"Profiel {profile.Code} hoort bij regio {regionCode}, maar die staat niet in de regio-indelingen. Laad eerst de referentiegegevens."));
            regions[regionCode] = region.Id;
            names[region.Id] = region.Name;
        }
        var lastYear = options.Value.LastPlausibleYear ?? clock.GetUtcNow().Year + 1;
        return (new Preview(profile, DelimitedFileReader.Read(profile, content, regions, (options.Value.FirstPlausibleYear, lastYear)), names), null);
    }

    /// <summary>
    /// The release this very file (same checksum) already became under the profile, withdrawn or not: importing it
    /// again changes nothing, which the wizard's preview says before anyone presses Importeren.
    /// </summary>
    public Task<DataRelease?> EarlierReleaseAsync(string profileCode, byte[] content, CancellationToken ct)
    {
        var checksum = Checksum(content);
        return db.DataReleases.AsNoTracking().FirstOrDefaultAsync(r => r.Dataset == profileCode && r.Checksum == checksum, ct);
    }

    private static string Checksum(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <param name="publishedOn">The publisher's release date, when known; the import time is recorded anyway.</param>
    /// <param name="replaceShrinking">
    /// Confirms an import that removes more than <see cref="MonitorOptions.ShrinkingShareThreshold"/> percent of a period's
    /// current observations or municipalities; without it such an import is refused with the before/after counts.
    /// </param>
    public async Task<ImportReport> ImportAsync(string profileCode, string fileName, byte[] content, CancellationToken ct, DateOnly? publishedOn = null,
        bool replaceShrinking = false)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var report = await ImportUntimedAsync(profileCode, fileName, content, ct, publishedOn, replaceShrinking);
        Web.Shared.PactwerkMetrics.ImportDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds,
            new KeyValuePair<string, object?>("profile", report.Profile), new KeyValuePair<string, object?>("status", report.Status.ToString()));
        return report;
    }

    private async Task<ImportReport> ImportUntimedAsync(string profileCode, string fileName, byte[] content, CancellationToken ct, DateOnly? publishedOn,
        bool replaceShrinking)
    {
        var (preview, rejection) = await ReadAsync(profileCode, fileName, content, ct);
        if (rejection is not null)
            return rejection;
        var profile = preview!.Profile;

        if (publishedOn is { } day && day > DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))
            return Rejected(profile.Code, fileName, $"De publicatiedatum {day:yyyy-MM-dd} ligt in de toekomst.");
        var earlier = await EarlierReleaseAsync(profile.Code, content, ct);
        if (earlier is { WithdrawnAt: { } withdrawn })
            return Rejected(profile.Code, fileName, $"Dit bestand is al geïmporteerd (release {earlier.Id}) en op {withdrawn:yyyy-MM-dd HH:mm} UTC ingetrokken; een ingetrokken release komt niet terug. Er is niets veranderd.");
        if (earlier is not null)
            return new ImportReport(ImportStatus.NoChange, profile.Code, fileName, earlier.Id, earlier.RowsRead, 0, earlier.SuppressedCells,
                [earlier.Periods], [], $"Dit bestand is al geïmporteerd op {earlier.ImportedAt:yyyy-MM-dd HH:mm} UTC (release {earlier.Id}); er is niets veranderd.");

        var parsed = preview.Parsed;
        if (parsed.Rejected.Count > 0)
            return new ImportReport(ImportStatus.Rejected, profile.Code, fileName, null, parsed.RowsRead, 0, 0, [], parsed.Rejected,
                $"{parsed.Rejected.Count} regel(s) afgekeurd; er is niets geïmporteerd.");

        var periods = parsed.Elements.SelectMany(e => e.Periods.Select(p => new Period(e.PeriodKind, p))).Distinct().Order().Select(p => p.ToString()).ToList();
        if (!replaceShrinking && await ShrinkingAsync(parsed, ct) is { Count: > 0 } shrinking)
            return new ImportReport(ImportStatus.Rejected, profile.Code, fileName, null, parsed.RowsRead, 0, 0, periods,
                [new RejectedRow(0, ShrinkingMessage(shrinking))], ShrinkingMessage(shrinking), shrinking);
        // SQLite checks three foreign keys per inserted row; every id written here was just looked up
        // or created, so the checks are switched off for this connection while the import writes
        // (SQLite only allows that outside a transaction) and on again after.
        await using var foreignKeys = await SqliteForeignKeysOffAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var source = await db.DataSources.FirstOrDefaultAsync(s => s.Code == profile.SourceCode, ct)
            ?? db.DataSources.Add(new DataSource { Code = profile.SourceCode, Name = profile.SourceName, Url = profile.SourceUrl, Disclosure = profile.Disclosure, License = profile.SourceLicense }).Entity;
        // A source's disclosure decides what every reader sees of its figures: a profile never changes it silently.
        if (source.Disclosure != profile.Disclosure)
            return Rejected(profile.Code, fileName,
                $"Bron {source.Code} is {DisclosureText(source.Disclosure)}, maar profiel {profile.Code} leest haar cijfers als {DisclosureText(profile.Disclosure)}. Er is niets geïmporteerd.");
        await db.SaveChangesAsync(ct);
        var dimensions = string.Join('|', profile.Dimensions.Select(d => d.Dimension));
        var elements = new List<(DataElement Element, ParsedElement Parsed)>();
        foreach (var parsedElement in parsed.Elements)
        {
            var element = await db.DataElements.FirstOrDefaultAsync(e => e.Code == parsedElement.Code, ct);
            if (element is null)
            {
                element = db.DataElements.Add(new DataElement
                {
                    Code = parsedElement.Code, Name = ElementName(profile, parsedElement.Code), NameEn = ElementNameEn(profile, parsedElement.Code),
                    Unit = parsedElement.Unit, PeriodKind = parsedElement.PeriodKind, Level = profile.Level, DataSourceId = source.Id, Dimensions = dimensions,
                }).Entity;
            }
            else if (element.Dimensions != dimensions || element.PeriodKind != parsedElement.PeriodKind || element.Level != profile.Level
                     || element.Unit != parsedElement.Unit || element.DataSourceId != source.Id)
            {
                return Rejected(profile.Code, fileName,
                    $"Gegevenselement {element.Code} bestaat al met andere kenmerken (dimensies {element.Dimensions}, {element.PeriodKind}, {element.Level}, eenheid {element.Unit}) dan dit bestand geeft (dimensies {dimensions}, {parsedElement.PeriodKind}, {profile.Level}, eenheid {parsedElement.Unit}).");
            }
            elements.Add((element, parsedElement));
        }
        var release = db.DataReleases.Add(new DataRelease
        {
            DataSourceId = source.Id, Dataset = profile.Code, FileName = Path.GetFileName(fileName), Checksum = Checksum(content),
            ImportedAt = clock.GetUtcNow().UtcDateTime, PublishedOn = publishedOn, ImportedBy = actor.Name, RowsRead = parsed.RowsRead,
            ObservationsWritten = parsed.Cells.Count, SuppressedCells = parsed.SuppressedCells,
            Periods = periods.Count == 1 ? periods[0] : $"{periods[0]}–{periods[^1]}",
        }).Entity;
        var committed = new ImportReport(ImportStatus.Committed, profile.Code, fileName, null, parsed.RowsRead, parsed.Cells.Count, parsed.SuppressedCells,
            periods, [], $"{parsed.Cells.Count} waarnemingen geïmporteerd ({parsed.SuppressedCells} onderdrukte cellen) uit {parsed.RowsRead} regels.");
        await db.SaveChangesAsync(ct);
        committed = committed with { ReleaseId = release.Id };
        release.Report = System.Text.Json.JsonSerializer.Serialize(committed, System.Text.Json.JsonSerializerOptions.Web);

        foreach (var (element, parsedElement) in elements)
        {
            // A newer release takes over the periods it holds; older values stay, no longer current.
            // One statement per period: an equality on the indexed period is a seek, where a list
            // parameter would make SQLite scan every observation of the element.
            foreach (var start in parsedElement.Periods)
                await db.Observations.Where(o => o.DataElementId == element.Id && o.IsCurrent && o.PeriodStart == start)
                    .ExecuteUpdateAsync(s => s.SetProperty(o => o.IsCurrent, false), ct);
            await ObservationWriter.WriteAsync(db, element.Id, release.Id, CellsOf(parsed, parsedElement.Code), ct);
        }
        db.RecordEvent(clock.GetUtcNow().UtcDateTime, AuditActions.ImportCommitted, nameof(DataRelease),
            release.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new { profile.Code, release.FileName, release.Checksum, release.PublishedOn, release.RowsRead, release.ObservationsWritten, release.SuppressedCells, release.Periods });
        await db.SaveChangesAsync(ct);
        var releaseRef = new ReleaseRef(release.Id, source.Name, release.FileName, release.ImportedAt, release.PublishedOn);
        // The engine serves the new figures once they are committed, before the cached pages are dropped.
        MonitorCacheEviction.AfterCommit(db, () =>
        {
            foreach (var (element, parsedElement) in elements)
                engine.Apply(element, parsedElement.Periods, CellsOf(parsed, parsedElement.Code)
                    .Select(c => (c.RegionId, c.PeriodStart, c.DimensionKey, c.Value)), releaseRef, source.Disclosure);
        });
        await tx.CommitAsync(ct);
        return committed;
    }

    /// <summary>
    /// The cells of one element. A file of one element (the usual case) hands over its list as it is,
    /// so a writer that needs a collection does not copy ten million cells again.
    /// </summary>
    private static IEnumerable<ParsedCell> CellsOf(ParsedFile parsed, string element) =>
        parsed.Elements.Count == 1 && parsed.Elements[0].Code == element ? parsed.Cells : parsed.Cells.Where(c => c.Element == element);

    /// <summary>
    /// The periods this file would shrink: an import replaces every current observation of the periods it holds, so a
    /// partial file (a handful of municipalities, one valid row) would silently empty the rest of the period.
    /// </summary>
    public async Task<IReadOnlyList<ShrinkingPeriod>> ShrinkingAsync(ParsedFile parsed, CancellationToken ct)
    {
        var share = options.Value.ShrinkingShareThreshold / 100;
        var shrinking = new List<ShrinkingPeriod>();
        foreach (var element in parsed.Elements)
        {
            var id = await db.DataElements.Where(e => e.Code == element.Code).Select(e => (int?)e.Id).SingleOrDefaultAsync(ct);
            if (id is null)
                continue;
            var current = await db.Observations.Where(o => o.DataElementId == id && o.IsCurrent && element.Periods.Contains(o.PeriodStart))
                .GroupBy(o => o.PeriodStart).Select(g => new { Start = g.Key, Count = g.Count(), Regions = g.Select(o => o.RegionId).Distinct().Count() })
                .ToListAsync(ct);
            foreach (var before in current)
            {
                var cells = parsed.Cells.Where(c => c.Element == element.Code && c.PeriodStart == before.Start).ToList();
                var after = (Count: cells.Count, Regions: cells.Select(c => c.RegionId).Distinct().Count());
                if (before.Count - after.Count > share * before.Count || before.Regions - after.Regions > share * before.Regions)
                    shrinking.Add(new ShrinkingPeriod(element.Code, new Period(element.PeriodKind, before.Start).ToString(),
                        before.Count, after.Count, before.Regions, after.Regions));
            }
        }
        return shrinking;
    }

    private string ShrinkingMessage(IReadOnlyList<ShrinkingPeriod> shrinking) =>
        $"Dit bestand zou de huidige cijfers van {shrinking.Count} periode(n) voor meer dan {options.Value.ShrinkingShareThreshold:0.#}% vervangen door minder: "
        + string.Join("; ", shrinking.Select(s => $"{s.Element} {s.Period}: {s.ObservationsBefore} → {s.ObservationsAfter} waarnemingen, {s.MunicipalitiesBefore} → {s.MunicipalitiesAfter} gemeenten"))
        + ". Er is niets geïmporteerd. Is dit bewust een gedeeltelijke vervanging, bevestig het dan (--replace-shrinking, het API-veld replaceShrinking=true, of de bevestiging in de wizard).";

    private async Task<IAsyncDisposable?> SqliteForeignKeysOffAsync(CancellationToken ct)
    {
        if (!db.Database.IsSqlite())
            return null;
        await db.Database.OpenConnectionAsync(ct);
        await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys = OFF", ct);
        return new Restore(db);
    }

    private sealed class Restore(PactwerkDb db) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys = ON");
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>A profile of one element names it; elements read from a column are named after their code.</summary>
    private static string ElementName(ImportProfile profile, string code) =>
        profile.ElementColumn is null ? profile.ElementName : char.ToUpperInvariant(code[0]) + code[1..].Replace('_', ' ');

    private static string ElementNameEn(ImportProfile profile, string code) =>
        profile.ElementColumn is null ? profile.ElementNameEn : ElementName(profile, code) + " (Dutch source name)";

    private static string DisclosureText(Disclosure disclosure) =>
        disclosure == Disclosure.Published ? "gepubliceerd" : "vertrouwelijk";

    private static ImportReport Rejected(string profile, string fileName, string reason) =>
        new(ImportStatus.Rejected, profile, fileName, null, 0, 0, 0, [], [new RejectedRow(0, reason)], reason);
}
