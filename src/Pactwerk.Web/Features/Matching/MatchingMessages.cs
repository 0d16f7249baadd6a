using System.Globalization;

namespace Pactwerk.Web.Features.Matching;

/// <summary>Matching's messages, in Dutch as the API gives them; those with a value are formats filled by <see cref="Format"/>.</summary>
public static class MatchingMessages
{
    public const string NoCandidate = "Er is geen kandidaat met nummer {0}.";
    public const string NoProfile = "U heeft nog geen kandidaatprofiel; vul uw competenties in en geef toestemming om gematcht te worden.";
    public const string NoPlace = "Er is geen leerplek met nummer {0}.";
    public const string NoProposal = "Er is geen voorstel met nummer {0}.";
    public const string EmailUnconfirmed = "Bevestig eerst uw e-mailadres; daaraan herkent Pactwerk uw kandidaatprofiel.";
    public const string NameMissing = "Vul uw naam in (hoogstens 200 tekens).";
    public const string BirthYearInvalid = "Vul een geboortejaar in van 1900 tot en met dit jaar, of laat het leeg.";
    public const string GenderTooLong = "Geslacht is hoogstens 40 tekens, of laat het leeg.";
    public const string CompetenceUnknown = "Competentie {0} bestaat niet.";
    public const string CompetenceTwice = "Competentie {0} staat er twee keer in; noem elke competentie één keer.";
    public const string LevelInvalid = "Het niveau van competentie {0} is 1, 2, 3 of 4.";
    public const string EvidenceTooLong = "Het bewijs bij competentie {0} is hoogstens 200 tekens.";
    public const string WeightInvalid = "Het gewicht van competentie {0} is 1 tot en met 5.";
    public const string Stale = "Iemand anders heeft dit intussen gewijzigd; er is niets opgeslagen.";
    public const string NotCoordinator = "Alleen een coördinator kan dit doen.";
    public const string NotPlaceStaff = "Alleen wie namens de organisatie van de leerplek optreedt, of een coördinator, kan dit zien of wijzigen.";
    public const string NotCandidateViewer = "Alleen de kandidaat zelf of een coördinator kan dit zien.";
    public const string NoConsent = "Kandidaat {0} heeft geen toestemming (meer) gegeven om gematcht te worden; er is niets voorgesteld.";
    public const string AlreadyProposed = "Deze kandidaat is al voorgesteld voor deze leerplek; er is niets voorgesteld.";
    public const string OtherOrganisation = "Alleen de organisatie van de leerplek beslist over dit voorstel; er is niets gewijzigd.";
    public const string AlreadyDecided = "Over dit voorstel is al beslist; er is niets gewijzigd.";
    public const string NotAccepted = "De organisatie heeft dit voorstel (nog) niet geaccepteerd; er is niets gewijzigd.";
    public const string AlreadyAnswered = "U heeft dit voorstel al beantwoord; er is niets gewijzigd.";
    public const string NotYourProposal = "Alleen de kandidaat zelf beantwoordt dit voorstel; er is niets gewijzigd.";
    public const string NoCourse = "Er is geen vouchercursus met nummer {0}.";
    public const string NotCourseOfficer = "Alleen een functionaris van de regeling van deze cursus, of een beheerder, legt vast welke competenties de cursus leert; er is niets gewijzigd.";
    public const string ReasonMissing = "Vul de reden in waarom u afwijst (hoogstens 1000 tekens).";

    public const string NoVacancy = "Er is geen vacature met nummer {0}.";
    public const string NotVacancyStaff = "Alleen wie namens de organisatie van de vacature optreedt, kan dit doen; er is niets gewijzigd.";
    public const string VacancyOrganisationMissing = "Kies de organisatie die de vacature publiceert.";
    public const string VacancyNoOrganisation = "Er is geen organisatie met nummer {0}.";
    public const string VacancyTitleMissing = "Vul de functie van de vacature in (hoogstens 200 tekens).";
    public const string VacancySectorUnknown = "Kies een sector uit de lijst.";
    public const string VacancyMunicipalityMissing = "Vul de gemeente in waar het werk is, als naam of CBS-code zoals GM0363.";
    public const string VacancyMunicipalityUnknown = "'{0}' is geen gemeente; geef de naam of de CBS-code, zoals GM0363.";
    public const string HoursInvalid = "Vul het aantal uren per week in: meer dan 0 en hoogstens 40, met hoogstens twee decimalen (zoals 20,75).";
    public const string OpenUntilInvalid = "Vul in tot wanneer de vacature openstaat, als dag-maand-jaar (6-7-2027) of jjjj-mm-dd, vandaag of later.";
    public const string RequirementsMissing = "Noem minstens één competentie die de vacature vraagt.";
    public const string VacancyStale = "Iemand anders heeft deze vacature intussen gewijzigd; er is niets opgeslagen.";

    public const string AlreadyProposedForVacancy = "Deze kandidaat is al voorgesteld voor deze vacature; er is niets voorgesteld.";
    public const string OtherVacancyOrganisation = "Alleen de organisatie van de vacature beslist over dit voorstel; er is niets gewijzigd.";
    public const string VacancyClosed = "Vacature {0} staat niet meer open; er is niets voorgesteld.";
    public const string PlaceClosed = "Leerplek {0} wordt niet meer aangeboden: de laatste periode is voorbij; er is niets voorgesteld.";
    public const string ProposalOpeningMissing = "Noem één leerplek of één vacature waarvoor de kandidaat wordt voorgesteld, niet allebei.";

    public const string CompetenceNotChosen = "Kies de competentie die de cursus leert.";

    public static string Format(string format, params object?[] values) => string.Format(CultureInfo.GetCultureInfo("nl-NL"), format, values);

    private static readonly Pactwerk.Web.Shared.MessageFormats Formats = new(typeof(MatchingMessages));

    public static string Localise(Microsoft.Extensions.Localization.IStringLocalizer t, string message) => Formats.Localise(t, message);
}
