namespace Pactwerk.Web.Features.LearningAccounts;

/// <summary>The messages of the learning accounts' rules, in Dutch as the API gives them (English in the resources).</summary>
public static class LearningAccountMessages
{
    public static string Format(string format, params object?[] values) => string.Format(System.Globalization.CultureInfo.InvariantCulture, format, values);

    private static readonly Pactwerk.Web.Shared.MessageFormats Formats = new(typeof(LearningAccountMessages));

    /// <summary>A message of these rules in the reader's language, found again by its format.</summary>
    public static string Localise(Microsoft.Extensions.Localization.IStringLocalizer t, string message) => Formats.Localise(t, message);

    public static Dictionary<string, string[]> Localise(Microsoft.Extensions.Localization.IStringLocalizer t, IDictionary<string, string[]> errors) => Formats.Localise(t, errors);

    public const string EmailMissing = "Vul het e-mailadres van de persoon in.";
    public const string EmailInvalid = "Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.";
    public const string AmountInvalid = "Vul het bedrag in euro in, groter dan 0 en in hele centen, zoals 250,75.";
    public const string AmountTooLarge = "Eén storting is hoogstens € 100.000,00.";
    public const string ValidUntilMissing = "Vul in tot wanneer het geld geldig is (jjjj-mm-dd).";
    public const string ValidPeriodInvalid = "De geldigheid eindigt vóór ze begint.";
    public const string ReferenceMissing = "Vul uw eigen kenmerk van de storting in.";
    public const string ReferenceTooLong = "Het kenmerk is hoogstens 100 tekens.";
    public const string EarmarkInvalid = "Een bestemming (sector, niveau of beroep) is leeg of langer dan 200 tekens, of het zijn er meer dan 50.";
    public const string MunicipalityUnknown = "Gemeente {0} kennen we niet: vul een gemeente van nu in, met haar naam of CBS-code (zoals GM0363).";
    public const string MunicipalityAmbiguous = "{0} past bij meer dan één gemeente ({1}): vul de CBS-code in.";
    public const string BirthYearInvalid = "Vul een geboortejaar in van 1900 tot en met {0}.";
    public const string BirthYearNotNumber = "Vul het geboortejaar in als vier cijfers, zoals 1985.";
    public const string NoFunder = "Financier {0} bestaat niet.";
    public const string ReportDateInvalid = "Vul de datum in als jjjj-mm-dd, zoals 2026-12-31.";
    public const string ReportPeriodInverted = "De periode begint op {0}, na het einde ({1}): kies een begindatum op of vóór de einddatum.";
    public const string ReportDaysInvalid = "Vul het aantal dagen in als een heel getal van 1 tot en met {0}.";
    public const string NotFunderOfficer = "U mag niet storten of rapporteren voor deze financier.";
    public const string ReferenceTaken = "Kenmerk {0} is al gebruikt voor een andere storting van deze financier; er is niets veranderd.";
    public const string LeftOnMissing = "Vul in op welke dag de persoon is vertrokken (jjjj-mm-dd).";
    public const string NoDepositsOfFunder = "Deze financier heeft niets gestort op een leerrekening van deze persoon.";
    public const string NoAccountForYou = "Er is geen leerrekening op uw bevestigde e-mailadres.";
    public const string NotYourAccount = "U mag deze leerrekening niet inzien.";
    public const string NoAccount = "Deze leerrekening bestaat niet; er is niets veranderd.";
    public const string EmptyPosting = "Een boeking zonder regels wordt niet geboekt; er is niets veranderd.";
    public const string ZeroLine = "Een boekingsregel van € 0 wordt niet geboekt; er is niets veranderd.";
    public const string UnknownDeposit = "De boeking noemt een storting die niet op deze leerrekening staat; er is niets veranderd.";
    public const string Unbalanced = "De regels van een boeking tellen per storting niet op tot nul; er is niets veranderd.";
    public const string NotEnough = "Daarvoor is niet genoeg geld in de stortingen; er is niets veranderd.";
    public const string NoFittingMoney = "Er is niet genoeg geld op de leerrekening dat voor deze opleiding mag worden gebruikt; er is niets geboekt.";
    public const string NoReservation = "Deze reservering bestaat niet op deze leerrekening; er is niets veranderd.";
    public const string AlreadySettled = "Deze reservering is al vrijgegeven of besteed; er is niets veranderd.";
    public const string NoPosting = "Deze boeking bestaat niet op deze leerrekening; er is niets veranderd.";
    public const string AlreadyReversed = "Deze boeking is al tegengeboekt; er is niets veranderd.";
    public const string MisfitNotYet = "De storting is pas geldig vanaf {0}.";
    public const string MisfitExpired = "De storting was geldig tot en met {0}.";
    public const string MisfitSector = "De sector {0} valt niet onder de bestemming van de storting ({1}).";
    public const string MisfitLevel = "Het niveau {0} valt niet onder de bestemming van de storting ({1}).";
    public const string MisfitOccupation = "Het beroep {0} valt niet onder de bestemming van de storting ({1}).";
    public const string NothingLeft = "Er is niets meer beschikbaar van deze storting.";
    public const string NotNeeded = "Niet nodig: de prijs is al betaald met geld dat eerder aan de beurt is.";
    public const string FitsAny = "De storting heeft geen bestemming: elke opleiding past.";
    public const string FitsSector = "De sector {0} valt onder de bestemming van de storting.";
    public const string FitsLevel = "Het niveau {0} valt onder de bestemming van de storting.";
    public const string FitsOccupation = "Het beroep {0} valt onder de bestemming van de storting.";
    public const string PaysByExpiry = "Vervalt op {0}: geld dat eerder vervalt, wordt eerst gebruikt.";
    public const string PaysByPriority = "Financier {0} komt in de regeling als nummer {1} aan de beurt bij geld dat op dezelfde dag vervalt.";
    public const string CourseMissing = "Kies een opleiding uit de catalogus.";
    public const string NoCourse = "Opleiding {0} staat niet in de catalogus, of de aanbieder is (nog) niet goedgekeurd.";
    public const string StartInvalid = "Vul de startdatum in als jjjj-mm-dd, zoals 2027-02-01.";
    public const string StartNotOffered = "De opleiding start niet op {0}; kies een startdatum van de opleiding die nog komt.";
    public const string NoStartLeft = "Deze opleiding heeft geen startdatum meer die nog komt.";
    public const string CoPaymentOff = "Uw leerrekening dekt € {0} van de prijs van € {1}; een eigen bijdrage is in deze regeling niet mogelijk. Er is niets geboekt.";
    public const string CoPaymentTooLarge = "Uw leerrekening dekt € {0} van de prijs van € {1}; de eigen bijdrage van € {2} is meer dan het deel ({3}%) dat u zelf mag bijdragen. Er is niets geboekt.";
    public const string CoPaymentNotAccepted = "Uw leerrekening dekt € {0} van de prijs van € {1}; bevestig dat u zelf € {2} bijdraagt. Er is niets geboekt.";
    public const string CoPaymentChanged = "De bedragen zijn veranderd sinds u ze zag: uw leerrekening dekt nu € {0} van de prijs van € {1} en uw eigen bijdrage is € {2}, niet € {3}. Er is niets geboekt.";
    public const string CoPaymentInvalid = "Vul uw eigen bijdrage in euro in, 0 of meer en in hele centen, zoals 200,00.";
    public const string NoBooking = "Deze boeking bestaat niet, of is niet van u; er is niets veranderd.";
    public const string NotCancellable = "Deze boeking kan niet meer worden geannuleerd: ze is al geannuleerd, of de levering is al bevestigd. Er is niets veranderd.";
    public const string NotConfirmable = "Deze boeking is geannuleerd of al afgerond; er is niets veranderd.";
    public const string BeforeStart = "De levering kan pas worden bevestigd vanaf de startdatum ({0}); er is niets veranderd.";
    public const string ProviderIsHolder = "U bent zelf de houder van deze leerrekening: een andere gebruiker van de aanbieder moet de levering bevestigen. Er is niets veranderd.";
    public const string NotProviderOfBooking = "U handelt niet namens de aanbieder van deze boeking.";
    public const string ReversalOfReversal = "Een tegenboeking wordt niet zelf tegengeboekt: boek het opnieuw; er is niets veranderd.";
    public const string FileTooLarge = "Het bestand is groter dan {0} MB; splits het in delen en stuur ze een voor een.";
    public const string FileHeaderUnreadable = "De kopregel kon niet worden gelezen: noem elke kolom één keer, gescheiden door ; of , of een tab.";
    public const string FileEmpty = "Het bestand is leeg: verwacht een kopregel met de velden en daaronder één storting per regel.";
    public const string FileNoRows = "Het bestand heeft alleen een kopregel: zet daaronder één storting per regel.";
    public const string FileUnknownColumn = "Onbekende kolom: gebruik email, amount, reference, validFrom, validUntil, sectors, levels, occupations en followsPerson.";
    public const string FileMissingColumn = "Deze kolom ontbreekt in de kopregel.";
    public const string FileColumnCount = "De regel heeft niet evenveel velden als de kopregel.";
    public const string FileDateInvalid = "Vul een datum in als jjjj-mm-dd.";
    public const string FileFollowsInvalid = "Vul ja of nee in.";
    public const string FileReferenceTwice = "Dit kenmerk staat al op een eerdere regel van dit bestand.";
    public const string FileReferenceTaken = "Dit kenmerk is al gebruikt voor een andere storting van deze financier.";
    public const string FileTooManyRows = "Het bestand heeft meer dan 1.000.000 stortingen; splits het in delen.";
    public const string DisputeReasonMissing = "Schrijf wat er niet is geleverd, zodat de regeling het kan nagaan.";
    public const string DisputeReasonTooLong = "Uw toelichting is hoogstens 1000 tekens.";
    public const string DisputeBeforeStart = "Vóór de startdatum ({0}) annuleert u de boeking; melden dat ze niet is geleverd kan vanaf de startdatum. Er is niets veranderd.";
    public const string NotDisputable = "Alleen een gereserveerde boeking die u nog niet als geleverd hebt bevestigd, kunt u melden als niet geleverd; er is niets veranderd.";
    public const string DisputeWaits = "Over deze boeking is gemeld dat ze niet is geleverd: een medewerker van de regeling beslist. Er is niets veranderd.";
    public const string DeadlinePassed = "De houder bevestigde de levering niet binnen {0} dagen na de startdatum.";
    public const string LapsedReason = "De aanbieder bevestigde de levering niet binnen {0} dagen na de startdatum; het geld is vrijgegeven.";
    public const string NotDisputed = "Over deze boeking loopt geen melding (meer); er is niets veranderd.";
    public const string ResolutionMissing = "Kies of de opleiding is geleverd.";
    public const string ResolutionReasonMissing = "Schrijf waarop uw beslissing berust.";
    public const string ProviderDidNotConfirm = "De aanbieder heeft de levering niet bevestigd: zonder die bevestiging wordt niet betaald. Er is niets veranderd.";
    public const string NotSchemeOfficer = "U beslist niet over boekingen van deze regeling.";
    public const string OfficerIsParty = "U bent zelf de houder of handelt namens de aanbieder van deze boeking: een andere medewerker van de regeling beslist. Er is niets veranderd.";
}
