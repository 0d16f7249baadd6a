using System.Globalization;

namespace Pactwerk.Web.Features.Rooms;

/// <summary>The rooms' messages, in Dutch as the API gives them; those with a value are formats filled by <see cref="Format"/>.</summary>
public static class RoomMessages
{
    public const string NoRoom = "Er is geen lokaal met nummer {0}.";
    public const string NotOwner = "Alleen wie namens de eigenaar van het lokaal optreedt, kan dit doen.";
    public const string NotForOrganisation = "Je treedt niet op namens deze organisatie; boeken kan alleen namens je eigen organisatie.";
    public const string OrganisationMissing = "Kies namens welke organisatie je boekt.";
    public const string OwnerMissing = "Kies de organisatie die het lokaal deelt.";
    public const string NoOrganisation = "Er is geen organisatie met nummer {0}.";
    public const string NameMissing = "Vul de naam van het lokaal in.";
    public const string AddressMissing = "Vul het adres van het lokaal in.";
    public const string CapacityInvalid = "Vul een capaciteit in van 1 tot 500 personen.";
    public const string LeadTimeInvalid = "Vul een boektermijn in van 0 tot 8760 uur.";
    public const string MunicipalityUnknown = "'{0}' is geen gemeente; geef de naam of de CBS-code, zoals GM0200.";
    public const string MunicipalityAmbiguous = "'{0}' past bij meer dan één gemeente: {1}. Kies er één of geef de CBS-code.";
    public const string MunicipalityMissing = "Kies de gemeente van het lokaal: de eigenaar heeft geen vestigingsgemeente.";
    public const string UserKindUnknown = "'{0}' is geen soort gebruiker; kies uit OwnSchool, OtherSchool, Company of AdultEducation.";
    public const string HoursInvalid = "Openingstijden: vul per dag een openings- en sluitingstijd in als uu:mm, met de opening voor de sluiting (dag {0}).";
    public const string DayTwice = "Openingstijden: {0} staat er twee keer in.";
    public const string ClosureInvalid = "Sluiting: vul van en tot in als jjjj-mm-dd (van niet na tot) en een reden.";
    public const string DateMissing = "Vul de datum in als jjjj-mm-dd, zoals 2027-01-12.";
    public const string TimesMissing = "Vul de begin- en eindtijd in als uu:mm, zoals 19:00 en 21:30, met het begin voor het eind.";
    public const string UntilInvalid = "Vul 'wekelijks tot' in als jjjj-mm-dd, niet voor de eerste datum en hoogstens een jaar later.";
    public const string UserKindMissing = "Uit de gegevens van je organisatie blijkt niet wat voor gebruiker je bent: kies OtherSchool, Company of AdultEducation.";
    public const string UserKindNotAllowed = "Regel van de eigenaar: dit lokaal kan niet worden geboekt door {0}.";
    public const string ClosedThatDay = "Het lokaal is {0} niet open.";
    public const string OutsideHours = "Buiten de openingstijden: op {0} is het lokaal open van {1} tot {2}.";
    public const string InThePast = "{0} ligt in het verleden; boeken kan alleen voor een moment dat nog komt.";
    public const string WithinLeadTime = "Regel van de eigenaar: boek minstens {0} uur van tevoren ({1} is te vroeg).";
    public const string InClosure = "Het lokaal is gesloten op {0} ({1}); er is niets geboekt. Laat de reeks eerder stoppen of kies andere data.";
    public const string Clash = "Dit tijdslot is al bezet: {0} door {1} (boeking {2}, {3}); er is niets geboekt.";
    public const string SeriesClash = "{0} van de {1} data zijn al bezet; er is niets geboekt. Bezet: {2}. Boek de andere data met 'alleen vrije data boeken'.";
    public const string ClashLine = "{0} door {1} (boeking {2}, {3})";
    public const string AlreadyDecided = "Over deze boeking is al besloten ({0}).";
    public const string ReasonMissing = "Geef een reden bij een afwijzing.";
    public const string NotBooker = "Alleen wie namens de boekende organisatie optreedt, legt het gebruik vast.";
    public const string UseNotYet = "Het gebruik kan pas worden vastgelegd als de boeking is begonnen ({0}).";
    public const string UseNotApproved = "Alleen van een goedgekeurde boeking wordt het gebruik vastgelegd.";
    public const string NoBooking = "Er is geen boeking {0} van dit lokaal.";
    public const string PeriodInvalid = "Vul van en tot in als jjjj-mm-dd, van niet na tot, hoogstens twee jaar.";
    public const string NoRegion = "Er is geen regio '{0}'.";
    public const string NoRegionSet = "Er is geen regio-indeling '{0}'.";
    public const string Stale = "Iemand anders heeft dit lokaal intussen gewijzigd; er is niets opgeslagen.";
    public const string NotCoordinator = "Alleen coördinatoren van een pact vernieuwen de cijfers in de monitor.";

    /// <summary>
    /// The language the values in a message (day names, dates) are written in: the request's when it asked for English,
    /// Dutch otherwise (also outside a request), so an English reader never gets "dinsdag" inside an English sentence.
    /// </summary>
    public static CultureInfo Culture => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? CultureInfo.CurrentUICulture : CultureInfo.GetCultureInfo("nl-NL");

    /// <summary>A day of the week as the messages name it, in <see cref="Culture"/>: dinsdag / Tuesday.</summary>
    public static string DayName(DayOfWeek day) => Culture.DateTimeFormat.GetDayName(day);

    public static string Format(string format, params object?[] values) => string.Format(CultureInfo.GetCultureInfo("nl-NL"), format, values);

    private static readonly Pactwerk.Web.Shared.MessageFormats Formats = new(typeof(RoomMessages));

    /// <summary>A message in the reader's language (the pages): by its format when it has one, else as a whole.</summary>
    public static string Localise(Microsoft.Extensions.Localization.IStringLocalizer t, string message) => Formats.Localise(t, message);

    /// <summary>A kind of user as the messages name it.</summary>
    public static string KindName(RoomUserKind kind) => kind switch
    {
        RoomUserKind.OwnSchool => "de eigen school",
        RoomUserKind.OtherSchool => "andere scholen",
        RoomUserKind.Company => "bedrijven",
        _ => "volwassenenonderwijs",
    };

    public static string StatusName(RoomBookingStatus status) => status switch
    {
        RoomBookingStatus.Pending => "wacht op goedkeuring",
        RoomBookingStatus.Approved => "goedgekeurd",
        _ => "afgewezen door de eigenaar",
    };
}
