using System.Globalization;

namespace Pactwerk.Web.Features.Programmes;

/// <summary>The programmes' messages, in Dutch as the API gives them; those with a value are formats filled by <see cref="Format"/>.</summary>
public static class ProgrammeMessages
{
    public const string NoProgramme = "Er is geen programma '{0}'.";
    public const string NoCohort = "Er is geen cohort '{0}' bij dit programma.";
    public const string NoCandidate = "Er is geen kandidaat met nummer {0} in dit cohort.";
    public const string NotStaff = "Alleen de staf van het programma, de coördinatoren van het pact en beheerders kunnen dit doen.";
    public const string SignInToApply = "Log in om u aan te melden; u meldt zich aan voor uzelf.";
    public const string CohortClosed = "Dit cohort neemt geen aanmeldingen meer aan.";
    public const string AlreadyApplied = "U bent al aangemeld voor dit cohort.";
    public const string GenderUnknown = "Kies bij gender Woman, Man, Other of NotGiven (zeg ik liever niet).";
    public const string MunicipalityMissing = "Vul uw woongemeente in, als naam of CBS-code zoals GM0363.";
    public const string MunicipalityUnknown = "'{0}' is geen gemeente; geef de naam of de CBS-code, zoals GM0363.";
    public const string MunicipalityAmbiguous = "'{0}' past bij meer dan één gemeente: {1}. Kies er één of geef de CBS-code.";
    public const string StepUnknown = "Er is geen stap '{0}' in de intake van dit programma.";
    public const string StepOutOfOrder = "De volgende stap van deze kandidaat is '{0}'; stap '{1}' kan nu niet worden vastgelegd. Er is niets vastgelegd.";
    public const string StepsFinished = "Deze kandidaat is gestart of gestopt; er is geen volgende stap. Er is niets vastgelegd.";
    public const string DecisionUnknown = "Kies een besluit: Passed (door), Failed (afgewezen) of Withdrawn (teruggetrokken).";
    public const string DateInvalid = "Vul de datum van het besluit in als jjjj-mm-dd.";
    public const string DateTooEarly = "De datum van het besluit ligt vóór de aanmelding of de vorige stap ({0}); er is niets vastgelegd.";
    public const string NoParticipant = "Er is geen deelnemer met nummer {0} in dit cohort: alleen wie gestart is heeft voortgang en resultaat.";
    public const string ModuleUnknown = "Kies een module van dit programma.";
    public const string ModuleAlreadyCompleted = "Deze module is voor deze deelnemer al vastgelegd; er is niets vastgelegd.";
    public const string BeforeCohortStart = "De datum ligt vóór de start van het cohort ({0}).";
    public const string CertificateDateMissing = "Vul de datum van het certificaat in als jjjj-mm-dd.";
    public const string CertificateDateWithout = "Een datum van het certificaat hoort alleen bij een behaald certificaat.";
    public const string EmployerTooLong = "De naam van de werkgever is te lang (hoogstens 200 tekens).";
    public const string EmployerTwice = "Kies een werkgever uit het netwerk óf typ een andere werkgever, niet allebei.";
    public const string EmployerUnknown = "Er is geen organisatie met nummer {0}.";
    public const string EmployerOutsideNetwork = "{0} hoort niet bij het werkgeversnetwerk van dit programma; kies een werkgever uit het netwerk of vul de naam in als andere werkgever.";
    public const string EmployerMissing = "Kies bij een baan de werkgever uit het netwerk of typ de naam van de werkgever.";
    public const string JobDateMissing = "Vul de startdatum van de baan in als jjjj-mm-dd.";
    public const string CohortFull = "Het cohort is vol: alle {0} plaatsen zijn bezet. Er is niemand gestart.";
    public const string SetUpForbidden = "Alleen de redacteuren van de uitvoerende organisatie, de coördinatoren van het pact en beheerders kunnen een programma inrichten.";
    public const string CodeMissing = "Vul een code in: kleine letters, cijfers en streepjes, zoals make-it-work.";
    public const string CodeInvalid = "De code mag alleen kleine letters, cijfers en streepjes bevatten (hoogstens 60 tekens), zoals make-it-work.";
    public const string CodeReserved = "De code '{0}' is een vast deel van de adressen onder /programmas/; kies een andere code.";
    public const string CodeTaken = "Er is al een programma met de code '{0}'; kies een andere code.";
    public const string CodeFixed = "De code van een programma verandert niet: hij staat in links en in de API.";
    public const string NameMissing = "Vul de naam van het programma in (hoogstens 200 tekens).";
    public const string DescriptionTooLong = "De beschrijving is te lang (hoogstens 4000 tekens).";
    public const string PactMissing = "Kies het pact waar het programma bij hoort.";
    public const string PactFixed = "Het pact van een programma verandert niet.";
    public const string OwnerMissing = "Kies de organisatie die het programma uitvoert.";
    public const string PartnerUnknown = "Een van de partners is geen organisatie; kies de partners uit de lijst.";
    public const string SectorUnknown = "Kies een sector uit de lijst, of geen.";
    public const string TargetInvalid = "Vul een percentage in van 0 tot en met 100, met hoogstens één decimaal (zoals 92,5).";
    public const string StepsInvalid = "Elke stap van de intake heeft een code (kleine letters, cijfers en streepjes) en een naam (hoogstens 100 tekens).";
    public const string StepsTwice = "De stap '{0}' staat twee keer in de intake; elke code één keer.";
    public const string StepsFixed = "Er zijn al kandidaten aangemeld: de stappen van de intake en hun volgorde liggen vast, alleen hun namen kunnen nog veranderen.";
    public const string NotOwnApplication = "Er is geen aanmelding van u met nummer {0}; er is niets veranderd.";
    public const string CohortCodeInvalid = "Vul de code van het cohort in: kleine letters, cijfers en streepjes (hoogstens 40 tekens), zoals 2027-1.";
    public const string CohortCodeTaken = "Dit programma heeft al een cohort met de code '{0}'.";
    public const string CohortHasCandidates = "Dit cohort heeft aanmeldingen en blijft daarom bestaan; sluit het als het geen aanmeldingen meer mag krijgen.";
    public const string ProgrammeHasCandidates = "Dit programma heeft aanmeldingen en blijft daarom bestaan; sluit zijn cohorten als het geen aanmeldingen meer mag krijgen.";
    public const string ConfirmDelete = "Vink aan dat u het programma wilt verwijderen.";
    public const string CohortNameMissing = "Vul de naam van het cohort in (hoogstens 200 tekens).";
    public const string CohortStartMissing = "Vul de startdatum van het cohort in als jjjj-mm-dd.";
    public const string CohortEndInvalid = "Vul de einddatum in als jjjj-mm-dd, na de startdatum.";
    public const string SeatsInvalid = "Vul het aantal plaatsen in als een heel getal groter dan 0.";
    public const string SeatsBelowStarted = "Er zijn al {0} deelnemers gestart; het cohort heeft minstens zoveel plaatsen nodig.";
    public const string EmployersInvalid = "Kies bij elke werkgever een organisatie en vul de plaatsen per cohort in als een heel getal van 0 of meer.";
    public const string EmployerTwiceInNetwork = "Een organisatie staat twee keer in het netwerk; elke werkgever één keer.";
    public const string ModulesInvalid = "Elke module heeft een naam (hoogstens 200 tekens) en is op school of bij de werkgever.";
    public const string ModuleInUse = "De module '{0}' is al door deelnemers afgerond en kan niet weg.";
    public const string ModuleWeeksInvalid = "Vul de lengte van de module in als een heel aantal weken van 1 tot en met 104, of laat het leeg.";

    public static string Format(string format, params object?[] values) => string.Format(CultureInfo.GetCultureInfo("nl-NL"), format, values);

    private static readonly Pactwerk.Web.Shared.MessageFormats Formats = new(typeof(ProgrammeMessages));

    /// <summary>A message in the reader's language (the pages and the API): by its format when it has one, else as a whole.</summary>
    public static string Localise(Microsoft.Extensions.Localization.IStringLocalizer t, string message) => Formats.Localise(t, message);
}
