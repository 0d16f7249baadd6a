using Microsoft.Extensions.Localization;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Vouchers;

/// <summary>
/// The messages of the voucher rules, in Dutch as the API gives them. Those with a value are made
/// from a format with <see cref="Format"/>, so the pages to come can find the format again and
/// translate it (as KnowledgeMessages does).
/// </summary>
public static class VoucherMessages
{
    public const string EmailMissing = "Vul je e-mailadres in.";
    public const string EmailInvalid = "Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.";
    public const string BirthMissing = "Vul je geboortedatum in.";
    public const string BirthInvalid = "Vul je geboortedatum in als jjjj-mm-dd, zoals 1985-03-31.";
    public const string TargetGroupMissing = "Kies tot welke doelgroep je hoort.";
    public const string MunicipalityMissing = "Kies de gemeente waar je woont.";
    public const string MunicipalityUnknown = "Regel woongemeente: '{0}' is geen Nederlandse gemeente; kies je gemeente uit de lijst (of geef de CBS-code, zoals GM0200).";
    public const string CourseMissing = "Kies een opleiding.";
    public const string StartMissing = "Kies de startdatum van de opleiding.";
    public const string StartInvalid = "Vul de startdatum in als jjjj-mm-dd, zoals 2027-02-01.";
    public const string AlreadyApplied = "Met dit e-mailadres is al een aanvraag gedaan voor deze regeling; per persoon kan dat één keer.";
    public const string OutsideWindow = "Regel aanvraagperiode: aanvragen kan van {0} tot {1}.";
    public const string TargetGroupNotInScheme = "Regel doelgroep: deze regeling is voor: {0}.";
    public const string TooYoung = "Regel leeftijd: je moet minstens {0} jaar oud zijn.";
    public const string CourseNotInScheme = "Regel opleiding: opleiding {0} hoort niet bij deze regeling, of de aanbieder is nog niet goedgekeurd.";
    public const string SectorNotEligible = "Regel sector: opleidingen in de sector {0} vallen niet onder deze regeling.";
    public const string LevelNotEligible = "Regel niveau: opleidingen op niveau {0} vallen niet onder deze regeling.";
    public const string OccupationNotEligible = "Regel kansberoep: {0} staat niet op de lijst van kansberoepen van deze regeling.";
    public const string StartNotOffered = "De opleiding start niet op {0}; kies een van de startdatums van de opleiding.";
    public const string TooLate = "Regel termijn: aanvragen kan tot {0} dagen na de eerste lesdag ({1}).";
    public const string NoScheme = "Er is geen regeling met code '{0}'.";
    public const string InvalidLink = "Deze link is niet geldig, of de aanvraag is al ingetrokken.";
    public const string KvkInvalid = "Een KvK-nummer heeft precies 8 cijfers.";
    public const string IbanInvalid = "Dit IBAN klopt niet: controleer het rekeningnummer (het controlegetal past er niet bij).";
    public const string NameMissing = "Vul de naam van de aanbieder in.";
    public const string QualityMissing = "Vul de kwaliteitsregistratie in, zoals CRKBO of NRTO met het nummer.";
    public const string NotALottery = "Deze regeling verdeelt op volgorde van binnenkomst; er wordt niet geloot.";
    public const string DrawAfterClose = "Er wordt geloot na de sluiting van de aanvraagperiode ({0}).";
    public const string ProviderAlreadyRegistered = "Dit KvK-nummer is al aangemeld voor deze regeling.";

    private static readonly MessageFormats Formats = new(typeof(VoucherMessages));

    public static string Format(string format, params object?[] values) => MessageFormats.Format(format, values);

    /// <summary>A message in the reader's language: by its format when it has one, else as a whole.</summary>
    public static string Localise(IStringLocalizer t, string message) => Formats.Localise(t, message);

    public static Dictionary<string, string[]> Localise(IStringLocalizer t, IDictionary<string, string[]> errors) => Formats.Localise(t, errors);
}
