using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Monitoring;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Monitor.Import;

/// <summary>A mapping as the wizard builds it and the database keeps it (JSON in <see cref="StoredImportProfile.Mapping"/>).</summary>
public sealed record ProfileMapping(
    char Delimiter,
    string MunicipalityColumn,
    bool MunicipalityByName,
    string MunicipalityPrefix,
    bool Wide,
    string? PeriodColumn,
    string? ValueColumn,
    IReadOnlyList<DimensionColumn> Dimensions,
    string SuppressedMarker,
    string ElementCode,
    string ElementName,
    string Unit,
    PeriodKind PeriodKind,
    string SourceCode,
    string SourceName,
    Disclosure Disclosure = Disclosure.Confidential,
    string? License = null)
{
    /// <summary>Year columns of a wide file (2020, 2021, …), as DUO writes them.</summary>
    public static readonly Regex YearColumns = new("^(19|20)[0-9]{2}$", RegexOptions.Compiled);

    public ImportProfile ToProfile(string code) => new(
        Code: code, SourceCode: SourceCode, SourceName: SourceName, SourceUrl: null,
        ElementCode: ElementCode, ElementName: ElementName, ElementNameEn: ElementName, Unit: Unit, PeriodKind: PeriodKind,
        Delimiter: Delimiter, MunicipalityColumn: MunicipalityColumn, MunicipalityPrefix: MunicipalityByName ? "" : MunicipalityPrefix,
        Dimensions: Dimensions, SuppressedMarker: SuppressedMarker,
        WidePeriodColumns: Wide ? YearColumns : null, PeriodColumn: Wide ? null : PeriodColumn, ValueColumn: Wide ? null : ValueColumn,
        MunicipalityByName: MunicipalityByName, Disclosure: Disclosure, SourceLicense: License);

    public string Serialise() => JsonSerializer.Serialize(this, JsonSerializerOptions.Web);

    public static ProfileMapping Parse(string json) => JsonSerializer.Deserialize<ProfileMapping>(json, JsonSerializerOptions.Web)
        ?? throw new FormatException("Empty profile mapping.");
}

public sealed record ProfileSummary(string Code, string Name, bool FromCode, bool Used);

/// <summary>The import profiles: those in code, and those saved from the wizard in the database.</summary>
public sealed class ImportProfileStore(PactwerkDb db)
{
    public async Task<ImportProfile?> FindAsync(string? code, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code))
            return null;
        if (ImportProfiles.Find(code) is { } builtIn)
            return builtIn;
        var normalised = code.Trim().ToLowerInvariant();
        var stored = await db.Set<StoredImportProfile>().AsNoTracking().SingleOrDefaultAsync(p => p.Code == normalised, ct);
        return stored is null ? null : ProfileMapping.Parse(stored.Mapping).ToProfile(stored.Code);
    }

    public async Task<StoredImportProfile?> FindStoredAsync(string code, CancellationToken ct) =>
        await db.Set<StoredImportProfile>().AsNoTracking().SingleOrDefaultAsync(p => p.Code == code.Trim().ToLowerInvariant(), ct);

    public async Task<List<ProfileSummary>> AllAsync(CancellationToken ct)
    {
        var used = (await db.DataReleases.Select(r => r.Dataset).Distinct().ToListAsync(ct)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var stored = await db.Set<StoredImportProfile>().AsNoTracking().OrderBy(p => p.Code).ToListAsync(ct);
        return ImportProfiles.All.Select(p => new ProfileSummary(p.Code, p.ElementColumn is null ? p.ElementName : p.SourceName, true, used.Contains(p.Code)))
            .Concat(stored.Select(p => new ProfileSummary(p.Code, p.Name, false, used.Contains(p.Code)))).ToList();
    }

    public async Task<IReadOnlyList<string>> CodesAsync(CancellationToken ct) =>
        ImportProfiles.All.Select(p => p.Code).Concat(await db.Set<StoredImportProfile>().OrderBy(p => p.Code).Select(p => p.Code).ToListAsync(ct)).ToList();

    /// <summary>Whether a release was imported with the profile: from then on it may not change.</summary>
    public Task<bool> IsUsedAsync(string code, CancellationToken ct) => db.DataReleases.AnyAsync(r => r.Dataset == code, ct);
}
