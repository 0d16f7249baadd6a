using System.Globalization;

namespace Pactwerk.Web.Features.LearningPlaces;

/// <summary>The learning places' messages, in Dutch as the API gives them; those with a value are formats filled by <see cref="Format"/>.</summary>
public static class LearningPlaceMessages
{
    public const string NoPlace = "Er is geen leerplek met nummer {0}.";
    public const string NoSupervisor = "Er is geen praktijkopleider met nummer {0} bij deze organisatie.";
    public const string NotStaff = "Alleen wie namens de organisatie van de leerplek optreedt, kan dit doen.";
    public const string NotPlacer = "Alleen een coördinator of wie namens de organisatie van de leerplek optreedt, plaatst een leerling.";
    public const string OrganisationMissing = "Kies de organisatie die de leerplek aanbiedt.";
    public const string NoOrganisation = "Er is geen organisatie met nummer {0}.";
    public const string TitleMissing = "Vul de naam van de leerplek in (hoogstens 200 tekens).";
    public const string KindUnknown = "Kies een soort leerplek: BolPlacement, BblWorkplace, WorkBasedPlace of HolidayPlace.";
    public const string SectorUnknown = "Kies een sector uit de lijst.";
    public const string MunicipalityMissing = "Vul de gemeente van de leerplek in, als naam of CBS-code zoals GM0363.";
    public const string MunicipalityUnknown = "'{0}' is geen gemeente; geef de naam of de CBS-code, zoals GM0363.";
    public const string MunicipalityAmbiguous = "'{0}' past bij meer dan één gemeente: {1}. Kies er één of geef de CBS-code.";
    public const string SeatsInvalid = "Vul een aantal plaatsen in van 1 tot 100.";
    public const string SbbMissing = "Een BOL- of BBL-plek vraagt het SBB-erkenningsnummer van het leerbedrijf.";
    public const string SbbInvalid = "Het SBB-erkenningsnummer bestaat uit 6 tot 9 cijfers, zoals 100234567.";
    public const string PeriodsMissing = "Vul minstens één periode in waarin de leerplek beschikbaar is.";
    public const string PeriodInvalid = "Periode {0}: vul van en tot in als dag-maand-jaar (6-7-2027) of jjjj-mm-dd, met het eind niet voor het begin en hoogstens twee jaar.";
    public const string SupervisorsMissing = "Koppel minstens één praktijkopleider van de organisatie aan de leerplek.";
    public const string DescriptionTooLong = "De beschrijving is hoogstens 2000 tekens.";
    public const string Stale = "Iemand anders heeft deze leerplek intussen gewijzigd; er is niets opgeslagen.";
    public const string NameMissing = "Vul de naam van de praktijkopleider in (hoogstens 200 tekens).";
    public const string CapacityInvalid = "Vul in hoeveel leerlingen de praktijkopleider tegelijk begeleidt: 1 tot 20.";
    public const string AbsenceInvalid = "Afwezigheid: vul van en tot in als dag-maand-jaar (6-7-2027) of jjjj-mm-dd, met het eind niet voor het begin.";
    public const string LearnerMissing = "Vul een kenmerk of schuilnaam van de leerling in (hoogstens 100 tekens), geen volledige naam of andere persoonsgegevens.";
    public const string PlacementPeriodInvalid = "Vul van en tot van de plaatsing in als dag-maand-jaar (6-7-2027) of jjjj-mm-dd, met het eind niet voor het begin.";
    public const string OutsideOffer = "De leerplek wordt niet aangeboden op {0}; plaats binnen een periode van de leerplek.";
    public const string SupervisorNotLinked = "Praktijkopleider {0} is niet aan deze leerplek gekoppeld.";
    public const string SeatsFull = "De leerplek is vol in week {0}: alle {1} plaatsen zijn bezet. Er is niemand geplaatst.";
    public const string SupervisionFull = "Geen begeleiding vrij in week {0}: de praktijkopleiders van deze leerplek zijn afwezig of begeleiden al het maximale aantal leerlingen. Er is niemand geplaatst.";
    public const string NoRegion = "Er is geen regio '{0}'.";
    public const string SectorFilterUnknown = "Er is geen sector '{0}'.";
    public const string YearInvalid = "Kies een jaar van 2000 tot 2100.";
    public const string YearScopeMissing = "Kies een organisatie of een regio, één van beide.";
    public const string FilterPeriodInvalid = "Vul van en tot in als jjjj-mm-dd, met het eind niet voor het begin.";

    public static string Format(string format, params object?[] values) => string.Format(CultureInfo.GetCultureInfo("nl-NL"), format, values);

    private static readonly Pactwerk.Web.Shared.MessageFormats Formats = new(typeof(LearningPlaceMessages));

    /// <summary>A message in the reader's language (the pages and the API): by its format when it has one, else as a whole.</summary>
    public static string Localise(Microsoft.Extensions.Localization.IStringLocalizer t, string message) => Formats.Localise(t, message);

    /// <summary>An ISO week as the messages name it: 2027-W28.</summary>
    public static string Week(DateOnly monday) => $"{ISOWeek.GetYear(monday.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(monday.ToDateTime(TimeOnly.MinValue)):00}";
}
