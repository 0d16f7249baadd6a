using Microsoft.Extensions.Localization;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Knowledge;

/// <summary>
/// The messages of practices, search, events and learning networks that carry a value. They are
/// made from a format with <see cref="Format"/>, so a page can find the format again and show the
/// message in the reader's language (<c>T[format, values]</c>, English in the resources); a message
/// without a value is translated as it is.
/// </summary>
public static class KnowledgeMessages
{
    public const string QueryTooLong = "De zoekvraag is te lang ({0} tekens); gebruik hoogstens {1} tekens.";
    public const string UnknownSector = "Onbekende sector '{0}'. Kies uit: {1}.";
    public const string UnknownTargetGroup = "Onbekende doelgroep '{0}'. Kies uit: {1}.";
    public const string UnknownPactChoose = "Onbekend pact '{0}'. Kies uit: {1}.";
    public const string NoObjectiveInPact = "Het pact {0} heeft geen doel met nummer {1}. Kies uit: {2}.";
    public const string UnknownSearchRegion = "Er is geen regio met code '{0}'. Kies uit: {1}, of de code van een gemeente (zoals GM0363).";
    public const string InvalidValue = "Ongeldige waarde '{0}' voor {1}.";
    public const string NoPact = "Er is geen pact met code '{0}'.";
    public const string CapacityBelowTaken = "Plaats {0} is al bezet; het aantal plaatsen kan niet lager dan {0}.";
    public const string NoRegion = "Er is geen regio met code '{0}'.";
    public const string NoRegions = "Er is geen regio met code {0}.";
    public const string NoAccounts = "Geen account met het e-mailadres: {0}.";
    public const string NoOrganisation = "Er is geen organisatie met nummer {0}.";
    public const string NoObjectiveNumbers = "Dit pact heeft geen doel met nummer {0}.";
    public const string NoPeople = "Er is geen persoon met nummer {0}.";
    public const string NoActions = "Dit pact heeft geen actie met nummer {0}.";
    public const string NotYourRegions = "Je mag geen praktijken beheren in {0} voor deze organisatie.";
    public const string NotWebAddress = "'{0}' is geen webadres: een link begint met https:// of http://.";
    public const string NoPractice = "Er is geen praktijk met nummer {0}.";
    public const string NoEvent = "Er is geen evenement met nummer {0}.";
    public const string NoPublicEvent = "Er is geen openbaar evenement met nummer {0}.";
    public const string NoNetwork = "Er is geen lerend netwerk met nummer {0} dat je mag zien.";
    public const string NoCase = "Er is geen casus met nummer {0} die je mag zien.";
    public const string NoSession = "Er is geen bijeenkomst met nummer {0} in een netwerk dat je mag zien.";

    private static readonly MessageFormats Formats = new(typeof(KnowledgeMessages));

    public static string Format(string format, params object?[] values) => MessageFormats.Format(format, values);

    /// <summary>A message in the reader's language: by its format when it has one, else as a whole.</summary>
    public static string Localise(IStringLocalizer t, string message) => Formats.Localise(t, message);

    public static Dictionary<string, string[]> Localise(IStringLocalizer t, IDictionary<string, string[]> errors) => Formats.Localise(t, errors);
}
