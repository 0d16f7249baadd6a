using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Monitor.Editions;

/// <summary>What the PDF of an edition in a language came to.</summary>
public abstract record DocumentOutcome
{
    public sealed record Found(EditionDocument Document) : DocumentOutcome;
    public sealed record NotFound : DocumentOutcome;
    /// <summary>The document is not stored yet and cannot be made now (no Chromium): the edition page still serves the figures.</summary>
    public sealed record Unavailable(string Reason) : DocumentOutcome;
}

/// <summary>A stored document's language, size and checksum, for the download link and the catalogue.</summary>
public sealed record StoredDocument(string Pact, int Year, string Language, int Size, string Sha256);

/// <summary>
/// The PDF of an edition per language: made on the first request from the edition as the public reads it, stored with its
/// SHA-256, and from then on served as stored. A published edition's PDF never changes, whatever later data or rules do.
/// </summary>
public sealed class EditionDocuments(PactwerkDb db, EditionService editions, RazorDocument razor, ChromiumPdf chromium, TimeProvider clock, DocumentLocks locks, GeoShapes geo,
    ILogger<EditionDocuments> log)
{
    public static readonly string[] Languages = ["nl", "en"];
    public const string MediaType = "application/pdf";
    private const string View = "/Features/Monitor/Editions/_EditionPdf.cshtml";

    /// <summary>The persistent address of an edition's PDF in a language.</summary>
    public static string Address(string pact, int year, string language) => $"/pact/{pact}/monitor/edities/{year}.pdf?taal={language}";

    public async Task<DocumentOutcome> GetOrCreateAsync(HttpContext http, string pactCode, int year, string language, CancellationToken ct)
    {
        if (await Pacts.PactLookup.FindAsync(db, pactCode, ct) is not { } pact)
            return new DocumentOutcome.NotFound();
        var editionId = await db.Set<MonitorEdition>().Where(e => e.PactId == pact.Id && e.Year == year).Select(e => (int?)e.Id).SingleOrDefaultAsync(ct);
        if (editionId is not { } id)
            return new DocumentOutcome.NotFound();
        if (await StoredAsync(id, language, ct) is { } stored)
            return new DocumentOutcome.Found(stored);

        // One print per edition and language in this process; the unique index settles it between processes.
        using var held = await locks.HoldAsync($"{id}:{language}", ct);
        if (await StoredAsync(id, language, ct) is { } printedMeanwhile)
            return new DocumentOutcome.Found(printedMeanwhile);
        if (!chromium.Available)
            return new DocumentOutcome.Unavailable("chromium");
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var edition = (await editions.GetPublicAsync(pact.Code, year, ct))!;
        var set = await db.RegionSets.AsNoTracking().Where(s => s.Code == edition.RegionSet).Select(s => new { s.Name, s.NameEn }).SingleAsync(ct);
        using var shapes = await geo.GeoJsonAsync(edition.RegionSet, ct) is { } bytes ? System.Text.Json.JsonDocument.Parse(bytes) : null;
        var html = await razor.RenderAsync(http, View, new EditionPdfModel(edition, set.Name, set.NameEn, shapes?.RootElement), new CultureInfo(language));
        byte[] content;
        try
        {
            content = await chromium.PrintAsync(html, ct);
        }
        catch (PdfUnavailableException)
        {
            return new DocumentOutcome.Unavailable("chromium");
        }
        log.LogInformation("Edition {Pact} {Year} ({Language}) printed to PDF in {Milliseconds} ms: {Bytes} bytes", pact.Code, year, language,
            (long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, content.Length);
        var document = new EditionDocument
        {
            EditionId = id, Language = language, Content = content, Size = content.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)), CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(document);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            // Another server stored it a moment ago: serve that one, so every reader gets the same bytes.
            db.ChangeTracker.Clear();
            return new DocumentOutcome.Found((await StoredAsync(id, language, ct))!);
        }
        return new DocumentOutcome.Found(document);
    }

    private Task<EditionDocument?> StoredAsync(int editionId, string language, CancellationToken ct) =>
        db.Set<EditionDocument>().AsNoTracking().SingleOrDefaultAsync(d => d.EditionId == editionId && d.Language == language, ct);

    /// <summary>The stored documents of one edition, per language: the size beside its download link.</summary>
    public async Task<Dictionary<string, int>> SizesAsync(string pactCode, int year, CancellationToken ct) =>
        (await ListAsync(db, ct)).Where(d => d.Pact == pactCode.Trim().ToLowerInvariant() && d.Year == year).ToDictionary(d => d.Language, d => d.Size);

    /// <summary>Every stored document (without its content), by pact code and year.</summary>
    public static async Task<List<StoredDocument>> ListAsync(PactwerkDb db, CancellationToken ct) =>
        await db.Set<EditionDocument>().AsNoTracking()
            .Join(db.Set<MonitorEdition>(), d => d.EditionId, e => e.Id, (d, e) => new { d, e.PactId, e.Year })
            .Join(db.Pacts, x => x.PactId, p => p.Id, (x, p) => new StoredDocument(p.Code, x.Year, x.d.Language, x.d.Size, x.d.Sha256))
            .ToListAsync(ct);
}

/// <summary>One lock per key for the life of the process, so concurrent first requests wait for one print instead of printing twice.</summary>
public sealed class DocumentLocks
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new();

    public async Task<IDisposable> HoldAsync(string key, CancellationToken ct)
    {
        var gate = _locks.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        return new Release(gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
