using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Pactwerk.Web.Features.WorkshopDays;

/// <summary>A refusal with its Dutch text (the translation key) and the values it names.</summary>
public sealed record Refusal(string Message, params object[] Args)
{
    public string In(IStringLocalizer t) => t[Message, Args].Value;
    public string Dutch => string.Format(CultureInfo.GetCultureInfo("nl-NL"), Message, Args);
}

/// <summary>The workshop days' messages; the Dutch text is the key of its English translation.</summary>
public static class WorkshopDayMessages
{
    public static string NameRequired => "Geef de naam van de workshopdagen.";
    public static string VenueRequired => "Geef de locatie.";
    public static string SlugInvalid => "De code bestaat uit 3 tot 60 kleine letters, cijfers en streepjes.";
    public static string SlugTaken => "Er zijn al workshopdagen met de code '{0}'.";
    public static string SlugFixedAddress => "De code '{0}' is al een vast adres van de site (/workshopdagen/{0}); kies een andere.";
    public static string PerClassRange => "Een klas volgt 1 tot 5 workshops.";
    public static string ActionOfOtherPact => "Kies een actie van hetzelfde pact.";
    public static string DayTaken => "Deze dag staat er al in.";
    public static string UnknownDay => "Kies een dag van deze workshopdagen.";
    public static string SlotTaken => "Er begint al een ronde om {0}.";
    public static string WorkshopIncomplete => "Geef de titel, de aanbieder, het thema en de leeftijdsgroep van de workshop.";
    public static string WorkshopSizes => "Capaciteit (1 tot 500 leerlingen) en duur (10 tot 480 minuten) moeten gegeven zijn.";
    public static string ShiftIncomplete => "Geef de taak, een begin voor het einde en het aantal vrijwilligers (1 tot 500).";
    public static string AfterAllocation => "De indeling is al gemaakt; het programma verandert niet meer.";

    public static string RegistrationClosed => "De aanmelding is gesloten.";
    public static string SchoolRequired => "Geef de naam van de school, de gemeente, de naam van de leerkracht en een geldig e-mailadres.";
    public static string UnknownMunicipality => "Er is geen gemeente '{0}'. Typ de naam van de gemeente (bijvoorbeeld De Ronde Venen) of haar CBS-code (GM0736).";
    public static string AmbiguousMunicipality => "'{0}' past bij meer dan één gemeente: {1}. Typ de code.";
    public static string NoClasses => "Meld minstens één klas aan.";
    public static string ClassIncomplete => "Geef bij klas {0} de naam, het leerjaar, het aantal leerlingen en de dag.";
    public static string ClassTooLarge => "Klas {0} heeft {1} leerlingen; de grootste workshop op die dag biedt plaats aan {2}. Splits de klas in twee groepen.";
    public static string ClassTimes => "Klas {0}: het vertrek moet na de aankomst liggen.";
    public static string ClassWindowTooShort => "Klas {0}: tussen aankomst en vertrek passen {1} workshops; elke klas volgt er {2}.";
    public static string TooManyPreferences => "Klas {0}: kies hoogstens 5 workshops.";
    public static string ClassNameTwice => "Twee klassen heten '{0}' op dezelfde dag: geef elke klas een eigen naam.";
    public static string PreferenceTwice => "Klas {0}: workshop '{1}' staat twee keer in de voorkeuren.";
    public static string PreferenceOtherDay => "Klas {0}: workshop '{1}' is op een andere dag dan de dag van de klas.";
    public static string PreferenceUnknown => "Klas {0}: die workshop bestaat niet bij deze workshopdagen.";
    public static string PreferenceTooSmall => "Klas {0}: workshop '{1}' biedt plaats aan {2} leerlingen, de klas heeft er {3}.";
    public static string DayFull => "Op deze dag is nog plaats voor {0} leerlingen; klas {1} heeft er {2}. Kies een andere dag.";
    public static string TooManyClasses => "Meld hoogstens 20 klassen tegelijk aan.";
    public static string RegistrationLapsed => "Deze aanmelding is verlopen: het e-mailadres is niet binnen {0} uur bevestigd, dus de klassen houden geen plaats meer vast. Meld opnieuw aan.";

    public static string NoClassesToAllocate => "Er zijn nog geen klassen met een bevestigd e-mailadres om in te delen.";
    public static string AllocationInfeasible => "Er is geen indeling die aan alle regels voldoet: er is te weinig plaats, of een vastgezette klas laat geen ruimte.";
    public static string AllocationTimedOut => "De rekentijd was op voordat er een indeling was gevonden. Probeer het opnieuw.";
    public static string NotAllocated => "Maak eerst een indeling.";
    public static string AlreadyPublished => "De indeling is al gepubliceerd.";
    public static string MoveUnknown => "Kies een klas, een workshop die ze nu heeft, en een andere ronde of workshop op haar dag.";
    public static string MoveOutsideWindow => "Die ronde valt buiten de aankomst en het vertrek van de klas.";
    public static string MoveOverlaps => "Die ronde overlapt met een andere workshop van de klas.";
    public static string MoveFull => "Daar is geen plaats meer: {0} van {1} plaatsen bezet, de klas heeft {2} leerlingen.";
    public static string MoveTwice => "De klas heeft die workshop al.";

    public static string CancelUnknown => "Deze klas is niet gevonden bij deze aanmelding of workshopdagen; controleer de link.";
    public static string AlreadyCancelled => "Klas {0} is al afgemeld.";
    public static string CancelAfterDay => "De dag van klas {0} is voorbij; afmelden kan niet meer.";
    public static string ResultsNotPublished => "De indeling is nog niet gepubliceerd: er is nog niets te tellen.";
    public static string CheckInNotPublished => "De indeling is nog niet gepubliceerd: er is nog geen klas om in te checken.";
    public static string CheckInCodeRequired => "Typ of scan de incheckcode van de klas.";
    public static string CheckInCodeUnknown => "De code {0} is onbekend. Controleer de code op het rooster van de school.";
    public static string CheckInCodeOtherEvent => "De code {0} hoort bij andere workshopdagen: {1}.";
    public static string CheckInTwice => "{0} van {1} is al ingecheckt om {2} (aanwezig: {3}).";
    public static string CheckInPresentRange => "Het aantal aanwezige leerlingen is een heel getal van 1 tot en met {0}, de grootte van de klas.";

    public static string VolunteerNameRequired => "Geef je naam (hoogstens 200 tekens).";
    public static string VolunteerEmailInvalid => "Geef een geldig e-mailadres; daar komt de link om je aanmelding te bevestigen.";
    public static string VolunteerPhoneInvalid => "Een telefoonnummer heeft hoogstens {0} tekens: cijfers, spaties en + - ( ).";
    public static string ShiftUnknown => "Kies een dienst van deze workshopdagen.";
    public static string ShiftFull => "De dienst '{0}' is vol: er zijn genoeg vrijwilligers. Kies een andere dienst.";
    public static string ShiftPast => "De dag van de dienst '{0}' is voorbij; aanmelden kan niet meer.";
    public static string ShiftTwice => "Met dit e-mailadres ben je al aangemeld voor de dienst '{0}'.";
    public static string ShiftOverlaps => "Met dit e-mailadres ben je op die dag al aangemeld voor '{0}' van {1} tot {2}; die dienst overlapt met deze.";
    public static string SignUpUnknown => "Deze aanmelding als vrijwilliger is niet gevonden; controleer de link.";
    public static string AlreadyWithdrawn => "Je bent al afgemeld voor de dienst '{0}'.";
    public static string VolunteerAlreadyOff => "{0} staat al niet meer op de dienst '{1}'.";
    public static string VolunteerLapsed => "Deze aanmelding als vrijwilliger is verlopen: het e-mailadres is niet binnen {0} uur bevestigd, dus de plaats is weer vrij. Meld je opnieuw aan.";
}
