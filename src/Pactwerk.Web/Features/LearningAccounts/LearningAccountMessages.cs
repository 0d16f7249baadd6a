namespace Pactwerk.Web.Features.LearningAccounts;

/// <summary>The messages of the learning accounts' rules, in Dutch as the API gives them (English in the resources).</summary>
public static class LearningAccountMessages
{
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
}
