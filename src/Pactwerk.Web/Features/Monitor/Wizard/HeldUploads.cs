using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pactwerk.Monitoring;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Audit;
using Pactwerk.Web.Features.Monitor.Import;

namespace Pactwerk.Web.Features.Monitor.Wizard;

/// <summary>The first lines of a held file, split with its delimiter, for choosing columns.</summary>
public sealed record FileSample(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>How an existing profile fits a file's header: the columns it misses, if any.</summary>
public sealed record ProfileFit(ProfileSummary Profile, IReadOnlyList<string> Missing, bool NeedsYearColumns)
{
    public bool Fits => Missing.Count == 0 && !NeedsYearColumns;
}

/// <summary>
/// The wizard's server-side copies of uploaded files, one per upload and per user: the preview and
/// the commit read them, so a browser can never swap the file between the steps. Expired ones are
/// removed whenever the wizard is used.
/// </summary>
public sealed class HeldUploads(PactwerkDb db, IAuditActor actor, TimeProvider clock, IOptions<MonitorOptions> options, ImportProfileStore profiles)
{
    private static readonly char[] Delimiters = [';', ',', '\t', '|'];

    /// <summary>Holds a text file for the next steps; a binary file, or one without columns to map, is refused with the reason.</summary>
    public async Task<(HeldUpload? Upload, string? Refusal)> HoldAsync(string fileName, byte[] content, CancellationToken ct)
    {
        await RemoveExpiredAsync(ct);
        if (TextFileCheck.IsBinary(content))
            return (null, TextFileCheck.BinaryMessage);
        // UTF-8 first; anything else is read as Latin-1, the encoding of older Windows exports, and held as UTF-8.
        string encoding;
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content);
            encoding = "UTF-8";
        }
        catch (DecoderFallbackException)
        {
            text = Encoding.Latin1.GetString(content);
            encoding = "Latin-1";
        }
        var firstLine = text.TrimStart('\uFEFF').Split('\n', 2)[0];
        var delimiter = Delimiters.OrderByDescending(d => firstLine.Count(c => c == d)).First();
        // Every profile needs several columns (a municipality, a period, a value): a file of one column cannot be mapped.
        if (!firstLine.Contains(delimiter))
            return (null, "De eerste regel van dit bestand heeft maar één kolom (geen ; , tab of | gevonden). Een import heeft meerdere kolommen nodig, zoals gemeente, periode en waarde. Er is niets geïmporteerd.");
        var upload = new HeldUpload
        {
            Id = Guid.NewGuid(), FileName = Path.GetFileName(fileName), Content = encoding == "UTF-8" ? content : new UTF8Encoding(false).GetBytes(text),
            Encoding = encoding, Delimiter = delimiter, UploadedBy = actor.UserId ?? actor.Name, UploadedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(upload);
        await db.SaveChangesAsync(ct);
        return (upload, null);
    }

    /// <summary>The user's own held upload, when it has not expired.</summary>
    public async Task<HeldUpload?> FindAsync(Guid id, CancellationToken ct)
    {
        await RemoveExpiredAsync(ct);
        var owner = actor.UserId ?? actor.Name;
        return await db.Set<HeldUpload>().SingleOrDefaultAsync(u => u.Id == id && u.UploadedBy == owner, ct);
    }

    public async Task RemoveAsync(HeldUpload upload, CancellationToken ct)
    {
        db.Remove(upload);
        await db.SaveChangesAsync(ct);
    }

    public async Task<int> RemoveExpiredAsync(CancellationToken ct)
    {
        var limit = clock.GetUtcNow().UtcDateTime.AddMinutes(-options.Value.HeldUploadMinutes);
        return await db.Set<HeldUpload>().Where(u => u.UploadedAt < limit).ExecuteDeleteAsync(ct);
    }

    public static FileSample Sample(HeldUpload upload, char? delimiter = null, int rows = 5)
    {
        var text = Encoding.UTF8.GetString(upload.Content).TrimStart('\uFEFF');
        using var csv = new CsvParser(new StringReader(text), new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = (delimiter ?? upload.Delimiter).ToString(), BadDataFound = null, IgnoreBlankLines = true,
        });
        if (!csv.Read())
            return new FileSample([], []);
        var header = csv.Record!.Select(h => h.Trim()).ToList();
        var sample = new List<IReadOnlyList<string>>();
        while (sample.Count < rows && csv.Read())
            sample.Add(csv.Record!.Select(v => v.Trim()).ToList());
        return new FileSample(header, sample);
    }

    /// <summary>Every profile with the columns of this file it misses.</summary>
    public async Task<List<ProfileFit>> FitsAsync(FileSample sample, CancellationToken ct)
    {
        var fits = new List<ProfileFit>();
        foreach (var summary in await profiles.AllAsync(ct))
        {
            var profile = (await profiles.FindAsync(summary.Code, ct))!;
            var missing = DelimitedFileReader.RequiredColumns(profile).Where(c => !sample.Header.Contains(c, StringComparer.OrdinalIgnoreCase)).ToList();
            fits.Add(new ProfileFit(summary, missing, profile.IsWide && !sample.Header.Any(profile.WidePeriodColumns!.IsMatch)));
        }
        return fits;
    }
}

/// <summary>The wizard's mapping form: an existing profile, or a new one built from the file's columns.</summary>
public sealed class MappingInput
{
    public string ProfileCode { get; set; } = "";
    public string ProfileName { get; set; } = "";
    public string Delimiter { get; set; } = ";";
    public string MunicipalityColumn { get; set; } = "";
    /// <summary>"code" (GM0193 or 0193 with the prefix) or "name" (Zwolle).</summary>
    public string MunicipalityKind { get; set; } = "code";
    public string MunicipalityPrefix { get; set; } = "GM";
    /// <summary>"wide": one column per year; "long": a period column and a value column.</summary>
    public string Layout { get; set; } = "wide";
    public string PeriodColumn { get; set; } = "";
    public string ValueColumn { get; set; } = "";
    public List<string> DimensionColumns { get; set; } = [];
    public string SuppressedMarker { get; set; } = "<5";
    /// <summary>An existing element's code, or empty for a new one.</summary>
    public string Element { get; set; } = "";
    public string NewElementCode { get; set; } = "";
    public string NewElementName { get; set; } = "";
    public string NewElementUnit { get; set; } = "";
    public string NewElementPeriodKind { get; set; } = nameof(PeriodKind.CalendarYear);
    /// <summary>An existing source's code, or empty for a new one (an existing element keeps its own).</summary>
    public string Source { get; set; } = "";
    public string NewSourceCode { get; set; } = "";
    public string NewSourceName { get; set; } = "";
    /// <summary>"Published" or "Confidential": chosen on purpose for a new source, never defaulted.</summary>
    public string NewSourceDisclosure { get; set; } = "";
    /// <summary>A URI of <see cref="Catalog.SourceLicences.Known"/>, "other" (then <see cref="NewSourceLicenceOther"/>), or empty: not known.</summary>
    public string NewSourceLicence { get; set; } = "";
    public string NewSourceLicenceOther { get; set; } = "";

    /// <summary>Empty fields arrive as null from a form; the checks read them as empty text.</summary>
    public MappingInput Normalised()
    {
        foreach (var property in typeof(MappingInput).GetProperties().Where(p => p.PropertyType == typeof(string)))
            if (property.GetValue(this) is null)
                property.SetValue(this, "");
        DimensionColumns = (DimensionColumns ?? []).Where(d => d is not null).ToList();
        return this;
    }

    public static MappingInput From(ProfileMapping mapping, string code, string name, bool existingElement) => new()
    {
        ProfileCode = code, ProfileName = name, Delimiter = mapping.Delimiter == '\t' ? "tab" : mapping.Delimiter.ToString(),
        MunicipalityColumn = mapping.MunicipalityColumn, MunicipalityKind = mapping.MunicipalityByName ? "name" : "code", MunicipalityPrefix = mapping.MunicipalityPrefix,
        Layout = mapping.Wide ? "wide" : "long", PeriodColumn = mapping.PeriodColumn ?? "", ValueColumn = mapping.ValueColumn ?? "",
        DimensionColumns = mapping.Dimensions.Select(d => d.Column).ToList(), SuppressedMarker = mapping.SuppressedMarker,
        Element = existingElement ? mapping.ElementCode : "", NewElementCode = existingElement ? "" : mapping.ElementCode, NewElementName = existingElement ? "" : mapping.ElementName,
        NewElementUnit = existingElement ? "" : mapping.Unit, NewElementPeriodKind = mapping.PeriodKind.ToString(),
        Source = mapping.SourceCode, NewSourceCode = "", NewSourceName = "", NewSourceDisclosure = mapping.Disclosure.ToString(),
        NewSourceLicence = Catalog.SourceLicences.ToForm(mapping.License).Choice, NewSourceLicenceOther = Catalog.SourceLicences.ToForm(mapping.License).Other,
    };
}

/// <summary>Checks a mapping against the held file and saves it as a named profile.</summary>
public sealed partial class MappingBuilder(PactwerkDb db, IAuditActor actor, TimeProvider clock, ImportProfileStore profiles)
{
    public async Task<(StoredImportProfile? Profile, Dictionary<string, string[]> Errors)> SaveAsync(HeldUpload upload, MappingInput input, CancellationToken ct)
    {
        input = input.Normalised();
        var errors = new Dictionary<string, string[]>();
        void Error(string field, string message) => errors[field] = [.. errors.GetValueOrDefault(field) ?? [], message];

        var code = input.ProfileCode.Trim().ToLowerInvariant();
        if (!Code().IsMatch(code))
            Error(nameof(MappingInput.ProfileCode), "Een profielcode bestaat uit kleine letters, cijfers en streepjes (zoals cbs-mbo-techniek).");
        else if (ImportProfiles.Find(code) is not null)
            Error(nameof(MappingInput.ProfileCode), "Deze code hoort bij een vast profiel; kies een andere.");
        else if (await profiles.IsUsedAsync(code, ct))
            Error(nameof(MappingInput.ProfileCode), "Met dit profiel is al geïmporteerd, dus het verandert niet meer; sla de koppeling op onder een nieuwe code.");
        var name = input.ProfileName.Trim();
        if (name.Length is 0 or > 200)
            Error(nameof(MappingInput.ProfileName), "Geef het profiel een naam (hoogstens 200 tekens).");

        char delimiter = input.Delimiter switch { "tab" or "\\t" => '\t', { Length: 1 } d when ";,|".Contains(d[0]) => d[0], _ => '\0' };
        if (delimiter == '\0')
            Error(nameof(MappingInput.Delimiter), "Kies een scheidingsteken: ; , | of tab.");
        var sample = HeldUploads.Sample(upload, delimiter == '\0' ? null : delimiter, rows: 50);
        var header = sample.Header;
        bool InHeader(string column) => header.Contains(column, StringComparer.OrdinalIgnoreCase);

        var municipality = input.MunicipalityColumn.Trim();
        if (municipality.Length == 0)
            Error(nameof(MappingInput.MunicipalityColumn), "Kies de kolom met de gemeente (code of naam).");
        else if (!InHeader(municipality))
            Error(nameof(MappingInput.MunicipalityColumn), $"Kolom '{municipality}' staat niet in het bestand.");
        var byName = input.MunicipalityKind == "name";
        var prefix = byName ? "" : input.MunicipalityPrefix.Trim().ToUpperInvariant();
        if (prefix is not ("" or "GM"))
            Error(nameof(MappingInput.MunicipalityPrefix), "Het voorvoegsel van een gemeentecode is GM of leeg.");

        var wide = input.Layout != "long";
        string? periodColumn = null, valueColumn = null;
        if (wide)
        {
            if (!header.Any(ProfileMapping.YearColumns.IsMatch))
                Error(nameof(MappingInput.Layout), "Het bestand heeft geen jaarkolommen (zoals 2023); kies 'een kolom met de periode en een met de waarde'.");
        }
        else
        {
            periodColumn = input.PeriodColumn.Trim();
            valueColumn = input.ValueColumn.Trim();
            if (periodColumn.Length == 0 || !InHeader(periodColumn))
                Error(nameof(MappingInput.PeriodColumn), "Kies de kolom met de periode.");
            if (valueColumn.Length == 0 || !InHeader(valueColumn))
                Error(nameof(MappingInput.ValueColumn), "Kies de kolom met de waarde.");
            else
            {
                var index = header.ToList().FindIndex(h => string.Equals(h, valueColumn, StringComparison.OrdinalIgnoreCase));
                var marker = input.SuppressedMarker.Trim();
                var bad = sample.Rows.Where(r => r.Count > index).Select(r => r[index])
                    .FirstOrDefault(v => v.Length > 0 && v != marker && !double.TryParse(v, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _));
                if (bad is not null)
                    Error(nameof(MappingInput.ValueColumn), $"Kolom '{valueColumn}' bevat geen getallen (bijvoorbeeld '{bad}'); kies de kolom met de waarde.");
            }
        }
        var used = new[] { municipality, periodColumn, valueColumn }.OfType<string>().Where(c => c.Length > 0).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (used.Count < new[] { municipality, periodColumn, valueColumn }.OfType<string>().Count(c => c.Length > 0))
            Error(nameof(MappingInput.MunicipalityColumn), "Gemeente, periode en waarde moeten verschillende kolommen zijn.");
        var dimensions = input.DimensionColumns.Select(d => d.Trim()).Where(d => d.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        foreach (var d in dimensions.Where(d => !InHeader(d) || used.Contains(d)))
            Error(nameof(MappingInput.DimensionColumns), $"Kolom '{d}' kan geen indeling zijn.");
        if (wide && dimensions.Any(ProfileMapping.YearColumns.IsMatch))
            Error(nameof(MappingInput.DimensionColumns), "Een jaarkolom kan geen indeling zijn.");
        var suppressed = input.SuppressedMarker.Trim();
        if (suppressed.Length is 0 or > 10)
            Error(nameof(MappingInput.SuppressedMarker), "Geef het teken voor een onderdrukte cel (zoals <5), hoogstens 10 tekens.");

        string elementCode, elementName, unit, sourceCode, sourceName;
        PeriodKind kind;
        var disclosure = Disclosure.Confidential;
        // Only a new source takes a licence here; an existing source keeps its own.
        string? license = null;
        if (input.Element.Trim().Length > 0)
        {
            var element = await db.DataElements.AsNoTracking().SingleOrDefaultAsync(e => e.Code == input.Element.Trim(), ct);
            if (element is null)
            {
                Error(nameof(MappingInput.Element), $"Er is geen gegevenselement '{input.Element}'.");
                (elementCode, elementName, unit, kind, sourceCode, sourceName) = ("", "", "", PeriodKind.CalendarYear, "", "");
            }
            else
            {
                var source = await db.DataSources.AsNoTracking().SingleAsync(s => s.Id == element.DataSourceId, ct);
                (elementCode, elementName, unit, kind, sourceCode, sourceName) = (element.Code, element.Name, element.Unit, element.PeriodKind, source.Code, source.Name);
                disclosure = source.Disclosure;
                if (element.Level != ElementLevel.Municipality)
                    Error(nameof(MappingInput.Element), $"Gegevenselement {element.Code} heeft cijfers voor een regio als geheel, niet per gemeente.");
                if (!element.DimensionList.SequenceEqual(dimensions, StringComparer.Ordinal))
                    Error(nameof(MappingInput.DimensionColumns),
                        $"Gegevenselement {element.Code} is ingedeeld naar {(element.DimensionList.Count == 0 ? "niets" : string.Join(", ", element.DimensionList))}; kies precies die kolommen als indeling.");
            }
        }
        else
        {
            elementCode = input.NewElementCode.Trim().ToLowerInvariant();
            elementName = input.NewElementName.Trim();
            unit = input.NewElementUnit.Trim();
            if (!ElementCode().IsMatch(elementCode))
                Error(nameof(MappingInput.NewElementCode), "Geef een code voor het nieuwe gegevenselement: kleine letters, cijfers, _ en -.");
            else if (await db.DataElements.AnyAsync(e => e.Code == elementCode, ct))
                Error(nameof(MappingInput.NewElementCode), $"Gegevenselement {elementCode} bestaat al; kies het in de lijst.");
            if (elementName.Length is 0 or > 200)
                Error(nameof(MappingInput.NewElementName), "Geef het nieuwe gegevenselement een naam.");
            if (unit.Length is 0 or > 40)
                Error(nameof(MappingInput.NewElementUnit), "Geef de eenheid (zoals studenten).");
            if (!Enum.TryParse(input.NewElementPeriodKind, out kind))
                Error(nameof(MappingInput.NewElementPeriodKind), "Kies schooljaar of kalenderjaar.");
            if (input.Source.Trim().Length > 0)
            {
                var source = await db.DataSources.AsNoTracking().SingleOrDefaultAsync(s => s.Code == input.Source.Trim(), ct);
                if (source is null)
                    Error(nameof(MappingInput.Source), $"Er is geen bron '{input.Source}'.");
                (sourceCode, sourceName, disclosure) = (source?.Code ?? "", source?.Name ?? "", source?.Disclosure ?? Disclosure.Confidential);
            }
            else
            {
                (sourceCode, sourceName) = (input.NewSourceCode.Trim().ToLowerInvariant(), input.NewSourceName.Trim());
                if (!Code().IsMatch(sourceCode))
                    Error(nameof(MappingInput.NewSourceCode), "Geef een code voor de nieuwe bron: kleine letters, cijfers en streepjes.");
                else if (await db.DataSources.AnyAsync(s => s.Code == sourceCode, ct))
                    Error(nameof(MappingInput.NewSourceCode), $"Bron {sourceCode} bestaat al; kies haar in de lijst.");
                if (sourceName.Length is 0 or > 200)
                    Error(nameof(MappingInput.NewSourceName), "Geef de naam van de nieuwe bron.");
                if (!Enum.TryParse(input.NewSourceDisclosure.Trim(), ignoreCase: false, out disclosure) || !Enum.IsDefined(disclosure))
                    Error(nameof(MappingInput.NewSourceDisclosure),
                        "Kies of de nieuwe bron gepubliceerd is (de uitgever schermde kleine aantallen al af) of vertrouwelijk (eigen gegevens over personen).");
                (license, var licenceError) = Catalog.SourceLicences.Read(input.NewSourceLicence, input.NewSourceLicenceOther);
                if (licenceError is not null)
                    Error(input.NewSourceLicence.Trim() == Catalog.SourceLicences.Other ? nameof(MappingInput.NewSourceLicenceOther) : nameof(MappingInput.NewSourceLicence), licenceError);
            }
        }
        if (errors.Count > 0)
            return (null, errors);

        var mapping = new ProfileMapping(delimiter, municipality, byName, prefix, wide, periodColumn, valueColumn,
            dimensions.Select(d => new DimensionColumn(d, d)).ToList(), suppressed, elementCode, elementName, unit, kind, sourceCode, sourceName, disclosure, license);
        var stored = await db.Set<StoredImportProfile>().SingleOrDefaultAsync(p => p.Code == code, ct);
        if (stored is null)
            db.Add(stored = new StoredImportProfile { Code = code, Name = name, Mapping = mapping.Serialise(), CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedBy = actor.Name });
        else
            (stored.Name, stored.Mapping) = (name, mapping.Serialise());
        var tracked = await db.Set<HeldUpload>().SingleAsync(u => u.Id == upload.Id, ct);
        (tracked.ProfileCode, tracked.Delimiter) = (code, delimiter);
        await db.SaveChangesAsync(ct);
        return (stored, errors);
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z0-9][a-z0-9-]{1,59}$")]
    private static partial System.Text.RegularExpressions.Regex Code();

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,59}$")]
    private static partial System.Text.RegularExpressions.Regex ElementCode();
}
