using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Regions;
using static Pactwerk.Web.Shared.Values;

namespace Pactwerk.Web.Features.Network;

/// <summary>An organisation as an editor or an import row gives it: text, checked by <see cref="OrganisationRules"/>.</summary>
public sealed class OrganisationInput
{
    [Required(ErrorMessage = "Geef een naam."), StringLength(300, ErrorMessage = "De naam is te lang (hoogstens 300 tekens).")]
    public string Name { get; set; } = "";
    /// <summary>Government, Education, Business or CivilSociety (or the Dutch word).</summary>
    [Required(ErrorMessage = "Kies een helix.")]
    public string Helix { get; set; } = "";
    [Required(ErrorMessage = "Kies een soort organisatie.")]
    public string Kind { get; set; } = "";
    public List<string> Sectors { get; set; } = [];
    /// <summary>CBS code of the municipality where it is located (GM0363).</summary>
    public string? MunicipalityCode { get; set; }
    /// <summary>The municipality as the GET returns it ({ "code": "GM0363", … }); used when <see cref="MunicipalityCode"/> is not given.</summary>
    [System.Text.Json.Serialization.JsonConverter(typeof(Web.Shared.ReadBackJson.Code))]
    public string? Municipality { get; set; }
    public string? KvkNumber { get; set; }
    public string? DuoCode { get; set; }
    [StringLength(400, ErrorMessage = "Het webadres is te lang (hoogstens 400 tekens).")]
    public string? Website { get; set; }
    [StringLength(2000, ErrorMessage = "De omschrijving is te lang (hoogstens 2000 tekens).")]
    public string? Description { get; set; }
    /// <summary>For an update: the version the editor started from.</summary>
    public int Version { get; set; }
}

/// <summary>Checked values, ready to be written onto an <see cref="Organisation"/>.</summary>
public sealed record OrganisationValues(string Name, Helix Helix, OrganisationKind Kind, List<string> Sectors, int? MunicipalityId,
    string? KvkNumber, string? DuoCode, string? Website, string? Description)
{
    public void ApplyTo(Organisation organisation)
    {
        organisation.Name = Name;
        organisation.Helix = Helix;
        organisation.Kind = Kind;
        organisation.Sectors = Sectors;
        organisation.MunicipalityId = MunicipalityId;
        organisation.KvkNumber = KvkNumber;
        organisation.DuoCode = DuoCode;
        organisation.Website = Website;
        organisation.Description = Description;
    }
}

/// <summary>
/// The rules an organisation must meet, for the editor and the CSV import alike. Loads the
/// municipalities and the existing organisations once, so that checking thousands of import rows
/// costs no query per row.
/// </summary>
public sealed partial class OrganisationRules
{
    /// <summary>Dutch words accepted beside the codes, so a spreadsheet in Dutch imports as it is.</summary>
    private static readonly Dictionary<string, Helix> DutchHelix = new(StringComparer.OrdinalIgnoreCase)
    {
        ["overheid"] = Helix.Government, ["onderwijs"] = Helix.Education, ["bedrijfsleven"] = Helix.Business,
        ["maatschappelijk"] = Helix.CivilSociety, ["maatschappelijke organisatie"] = Helix.CivilSociety,
    };

    private readonly Dictionary<string, (int Id, string Name)> _municipalities;
    private readonly List<Existing> _existing;

    private sealed record Existing(int Id, string Name, int? MunicipalityId, string? KvkNumber, string? DuoCode);

    private OrganisationRules(Dictionary<string, (int, string)> municipalities, List<Existing> existing) =>
        (_municipalities, _existing) = (municipalities, existing);

    public static async Task<OrganisationRules> LoadAsync(PactwerkDb db, CancellationToken ct)
    {
        var municipalities = await db.Regions.Where(r => r.RegionSet.Kind == RegionSetKind.Municipalities && r.ValidTo == null)
            .Select(r => new { r.Code, r.Id, r.Name }).ToDictionaryAsync(r => r.Code, r => (r.Id, r.Name), StringComparer.OrdinalIgnoreCase, ct);
        var existing = await db.Organisations.AsNoTracking()
            .Select(o => new Existing(o.Id, o.Name, o.MunicipalityId, o.KvkNumber, o.DuoCode)).ToListAsync(ct);
        return new OrganisationRules(municipalities, existing);
    }

    /// <summary>
    /// Checks one organisation. <paramref name="self"/> is the organisation being edited (it is not
    /// its own duplicate). Returns the errors per field, or the values; <c>DuplicateOf</c> names an
    /// existing organisation with the same identifier, or the same name in the same municipality.
    /// </summary>
    public (OrganisationValues? Values, Dictionary<string, string[]> Errors, int? DuplicateOf) Check(OrganisationInput input, int? self = null)
    {
        var errors = Web.Shared.EditSupport.Validate(input);
        var add = (string field, string message) => errors[field] = [.. errors.GetValueOrDefault(field, []), message];

        Helix? helix = null;
        var helixText = (input.Helix ?? "").Trim();
        if (DutchHelix.TryGetValue(helixText, out var dutch))
            helix = dutch;
        else if (TryParseName<Helix>(helixText, out var parsed))
            helix = parsed;
        else if (helixText.Length > 0)
            add(nameof(input.Helix), $"Onbekende helix '{helixText}'. Kies uit: {string.Join(", ", Enum.GetNames<Helix>())} (of overheid, onderwijs, bedrijfsleven, maatschappelijk).");
        var kind = (input.Kind ?? "").Trim().Length > 0
            ? OrganisationDirectory.ParseEnum<OrganisationKind>(input.Kind, nameof(input.Kind), "Onbekende soort organisatie", errors)
            : null;

        var sectors = (input.Sectors ?? []).Select(s => s.Trim().ToLowerInvariant()).Where(s => s.Length > 0).Distinct().ToList();
        foreach (var unknown in sectors.Where(s => !Network.Sectors.IsKnown(s)))
            add(nameof(input.Sectors), $"Onbekende sector '{unknown}'. Kies uit: {string.Join(", ", Network.Sectors.All)}.");

        int? municipalityId = null;
        if ((Blank(input.MunicipalityCode) ?? Blank(input.Municipality)) is { } code)
        {
            if (_municipalities.TryGetValue(code, out var municipality))
                municipalityId = municipality.Id;
            else
                add(nameof(input.MunicipalityCode), $"Er is geen gemeente met code '{code}'. Gebruik de CBS-code van een bestaande gemeente, zoals GM0363 (Amsterdam).");
        }

        var kvk = Blank(input.KvkNumber);
        if (kvk is not null && !KvkPattern().IsMatch(kvk))
            add(nameof(input.KvkNumber), $"Het KvK-nummer '{kvk}' bestaat niet uit acht cijfers.");
        var duo = Blank(input.DuoCode)?.ToUpperInvariant();
        if (duo is not null && !DuoPattern().IsMatch(duo))
            add(nameof(input.DuoCode), $"De DUO-instellingscode '{duo}' is geen code van twee cijfers en twee letters of cijfers (zoals 25BE).");

        var website = Blank(input.Website);
        if (website is not null && !(Uri.TryCreate(website, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            add(nameof(input.Website), $"Het webadres '{website}' is geen volledig adres dat met http:// of https:// begint.");

        if (errors.Count > 0)
            return (null, errors, null);

        var name = input.Name.Trim();
        var duplicate = _existing.FirstOrDefault(e => e.Id != self && (
            (kvk is not null && e.KvkNumber == kvk) || (duo is not null && e.DuoCode == duo)
            || (string.Equals(e.Name.Trim(), name, StringComparison.OrdinalIgnoreCase) && e.MunicipalityId == municipalityId)));
        return (new OrganisationValues(name, helix!.Value, kind!.Value, sectors, municipalityId, kvk, duo, website, Blank(input.Description)),
            errors, duplicate?.Id);
    }

    /// <summary>
    /// Where a row that matched an existing organisation (by name and municipality) gives another
    /// identifier than the one on record: not taken over, but said, so nobody believes it was.
    /// </summary>
    public IReadOnlyList<string> IdentifierConflicts(int existingId, OrganisationValues values)
    {
        var existing = _existing.Single(e => e.Id == existingId);
        var conflicts = new List<string>();
        if (values.KvkNumber is { } kvk && kvk != existing.KvkNumber)
            conflicts.Add($"het KvK-nummer {kvk} in het bestand wijkt af van het vastgelegde ({existing.KvkNumber ?? "geen"}); niet overgenomen");
        if (values.DuoCode is { } duo && duo != existing.DuoCode)
            conflicts.Add($"de DUO-code {duo} in het bestand wijkt af van de vastgelegde ({existing.DuoCode ?? "geen"}); niet overgenomen");
        return conflicts;
    }

    /// <summary>Remembers an organisation checked within the same batch, so a later row that repeats it is caught.</summary>
    public void Remember(int id, OrganisationValues values) =>
        _existing.Add(new Existing(id, values.Name, values.MunicipalityId, values.KvkNumber, values.DuoCode));

    [GeneratedRegex("^[0-9]{8}$")]
    private static partial Regex KvkPattern();

    [GeneratedRegex("^[0-9]{2}[A-Z0-9]{2}$")]
    private static partial Regex DuoPattern();
}
