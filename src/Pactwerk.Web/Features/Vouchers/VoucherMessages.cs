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

    // The voucher's life after the grant (VoucherLife, VoucherLifeApi and their pages).
    public const string VoucherNotFound = "Er is geen voucher met deze code, of u hebt er geen toegang toe.";
    public const string AttendanceInvalid = "Vul de aanwezigheid in als een heel percentage van 0 tot en met 100, zoals 92.";
    public const string CompletedOnInvalid = "Vul de datum van afronding in als jjjj-mm-dd, zoals 2027-03-31.";
    public const string CompletedOnInFuture = "De datum van afronding ligt in de toekomst; bewijs kan pas na afronding worden ingediend.";
    public const string CertificateMissing = "Voeg het certificaat of diploma toe (PDF, PNG of JPEG).";
    public const string CertificateTooLarge = "Het certificaat is te groot: hoogstens {0} MB.";
    public const string CertificateWrongType = "Het certificaat moet een PDF-, PNG- of JPEG-bestand zijn.";
    public const string CertificateNotFound = "Er is geen certificaat bij deze voucher, of u hebt er geen toegang toe.";
    public const string EvidenceInvalid = "Het bewijs is niet in orde; er is niets opgeslagen";
    public const string OnlyProviderConfirms = "Alleen de aanbieder van deze voucher bevestigt de inschrijving.";
    public const string StartMismatch = "Deze voucher is voor een opleiding met een andere startdatum; kijk de datum na met de deelnemer. Er is niets veranderd.";
    public const string EnrolmentStartMissing = "Geef de startdatum van de opleiding (start) als jjjj-mm-dd, zoals 2027-02-01: daarmee controleert Pactwerk dat de vouchercode van de deelnemer bij u is; er is niets veranderd.";
    public const string OnlyGrantedEnrols = "Alleen een toegekende voucher kan worden ingeschreven; er is niets veranderd.";
    public const string OnlyProviderSubmits = "Alleen de aanbieder van deze voucher dient het bewijs in.";
    public const string OnlyEnrolledDelivers = "Bewijs kan alleen worden ingediend voor een ingeschreven voucher (aanbieder en deelnemer hebben de inschrijving bevestigd); er is niets veranderd.";
    public const string OnlyOfficersLinkUsers = "Alleen de behandelaars van deze regeling wijzen accounts toe aan aanbieders.";
    public const string LinkEmailMissing = "Vul het e-mailadres van het account in.";
    public const string LinkInvalid = "De koppeling is niet in orde; er is niets opgeslagen";
    public const string NoProvider = "Deze regeling heeft geen aanbieder met nummer {0}.";
    public const string ProviderNotVetted = "Deze aanbieder is (nog) niet goedgekeurd; alleen een goedgekeurde aanbieder krijgt accounts.";
    public const string NoAccount = "Er is geen account met dit e-mailadres.";
    public const string OnlyOfficersReview = "Alleen de behandelaars van deze regeling beoordelen het bewijs.";
    public const string OnlyOfficersRefuse = "Alleen de behandelaars van deze regeling weigeren aanvragen.";
    public const string NoApplication = "Deze regeling heeft geen aanvraag met nummer '{0}'.";
    public const string NotRefusable = "Alleen een aanvraag of voucher die nog niet is goedgekeurd of afgesloten kan worden geweigerd; er is niets veranderd.";
    public const string OnlyOfficersApprove = "Alleen de behandelaars van deze regeling keuren bewijs goed.";
    public const string OnlyDeliveredApproved = "Alleen een voucher waarvan het bewijs is ingediend kan worden goedgekeurd; er is niets veranderd.";
    public const string OnlyOfficersSendBack = "Alleen de behandelaars van deze regeling sturen bewijs terug.";
    public const string OnlyDeliveredSentBack = "Alleen een voucher waarvan het bewijs is ingediend kan worden teruggestuurd; er is niets veranderd.";
    public const string ReasonMissing = "Geef de reden van het besluit (hoogstens 1000 tekens).";
    public const string ConfirmEmailFirst = "Bevestig eerst je e-mailadres met de link in onze e-mail; daarna kun je je inschrijving bevestigen. Er is niets veranderd.";
    public const string EnrolmentInvalid = "De bevestiging van de inschrijving is niet in orde; er is niets veranderd";
    public const string DecisionInvalid = "Het besluit is niet in orde; er is niets veranderd";

    public const string SchemeCodeMissing = "Geef de regeling een code (kleine letters, cijfers en streepjes, zoals gelders-vakmanschap).";
    public const string SchemeCodeInvalid = "Een code bestaat uit kleine letters, cijfers en streepjes, zoals gelders-vakmanschap (hoogstens 40 tekens).";
    public const string SchemeCodeTaken = "Er is al een regeling met de code {0}; kies een andere.";
    public const string SchemeCodeFixed = "De code van een regeling verandert niet: links en aanvragen dragen haar.";
    public const string SchemePactUnknown = "Kies het pact waar de regeling bij hoort.";
    public const string SchemeCreateForbidden = "Alleen de coördinatoren van het pact maken een regeling.";
    public const string NotOfficer = "Alleen de behandelaars van deze regeling wijzigen haar.";
    public const string SchemeNameMissing = "Geef de naam van de regeling (hoogstens 300 tekens).";
    public const string SchemeOrganisationMissing = "Kies de organisatie die de regeling uitvoert.";
    public const string SchemeActionNotInPact = "Het initiatief hoort niet bij dit pact; kies een initiatief van het pact of laat het leeg.";
    public const string SchemeCeilingInvalid = "Vul het subsidieplafond in euro's in, meer dan 0 (bijvoorbeeld 250000 of 250.000,00).";
    public const string SchemeCeilingBelowHeld = "Het plafond kan niet lager dan wat al is gereserveerd en betaald: {0}.";
    public const string SchemeMaxInvalid = "Vul het maximum per voucher in euro's in, meer dan 0.";
    public const string SchemePercentInvalid = "Vul een percentage in van 0 tot 100 (een eigen bijdrage onder 100), bijvoorbeeld 20,75.";
    public const string SchemeRuleMissing = "Kies hoe het budget wordt verdeeld.";
    public const string SchemeOpensMissing = "Vul in wanneer de aanvraagperiode begint.";
    public const string SchemeClosesMissing = "Vul in wanneer de aanvraagperiode eindigt.";
    public const string SchemeClosesBeforeOpens = "De aanvraagperiode moet eindigen na het begin.";
    public const string SchemeWholeNumber = "Vul een heel getal in van {0} tot en met {1}.";
    public const string SchemeTargetGroupsInvalid = "Kies minstens één doelgroep uit: {0}.";
    public const string SchemeSectorsInvalid = "Een sector is een code van kleine letters, cijfers en streepjes, zoals techniek.";
    public const string SchemeLevelsInvalid = "Kies niveaus uit: {0}.";
    public const string SchemeOccupationsInvalid = "Zet één kansberoep per regel, hoogstens 200 tekens per beroep en 500 beroepen.";
    public const string SchemeThresholdInvalid = "Vul de grens voor het vier-ogenprincipe in euro's in, van 0 tot 1.000.000.";
    public const string SchemeDebtorNameTooLong = "De naam van de rekeninghouder is hoogstens 70 tekens (zo staat hij in het betaalbestand).";
    public const string SchemeBicInvalid = "Een BIC is 8 of 11 letters en cijfers, zoals RABONL2U.";
    public const string SchemeRuleFixed = "De verdeling kan niet meer veranderen: er zijn al aanvragen gedaan onder de huidige.";
    public const string SchemeOpeningFixed = "Het begin van de aanvraagperiode kan niet meer veranderen: er zijn al aanvragen gedaan.";

    private static readonly MessageFormats Formats = new(typeof(VoucherMessages));

    public static string Format(string format, params object?[] values) => MessageFormats.Format(format, values);

    /// <summary>A message in the reader's language: by its format when it has one, else as a whole.</summary>
    public static string Localise(IStringLocalizer t, string message) => Formats.Localise(t, message);

    public static Dictionary<string, string[]> Localise(IStringLocalizer t, IDictionary<string, string[]> errors) => Formats.Localise(t, errors);
}
