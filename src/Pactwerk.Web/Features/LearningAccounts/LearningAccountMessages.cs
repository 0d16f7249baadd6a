namespace Pactwerk.Web.Features.LearningAccounts;

/// <summary>The messages of the learning accounts' rules, in Dutch as the API gives them (English in the resources).</summary>
public static class LearningAccountMessages
{
    public static string Format(string format, params object?[] values) => string.Format(System.Globalization.CultureInfo.InvariantCulture, format, values);

    public const string EmailMissing = "Vul het e-mailadres van de persoon in.";
    public const string EmailInvalid = "Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.";
    public const string AmountInvalid = "Vul het bedrag in euro in, groter dan 0 en in hele centen, zoals 250,75.";
    public const string AmountTooLarge = "Eén storting is hoogstens € 100.000,00.";
    public const string ValidUntilMissing = "Vul in tot wanneer het geld geldig is (jjjj-mm-dd).";
    public const string ValidPeriodInvalid = "De geldigheid eindigt vóór ze begint.";
    public const string ReferenceMissing = "Vul uw eigen kenmerk van de storting in.";
    public const string ReferenceTooLong = "Het kenmerk is hoogstens 100 tekens.";
    public const string EarmarkInvalid = "Een bestemming (sector, niveau of beroep) is leeg of langer dan 200 tekens, of het zijn er meer dan 50.";
    public const string NoFunder = "Financier {0} bestaat niet.";
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
}
