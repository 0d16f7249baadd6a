using System.Globalization;

namespace Pactwerk.Web.Features.Competences;

/// <summary>The competence framework's messages, in Dutch as the API and the command give them; those with a value are formats filled by <see cref="Format"/>.</summary>
public static class CompetenceMessages
{
    public const string NoPact = "Er is geen pact met code '{0}'.";
    public const string NoCompetence = "Er is geen competentie met code '{0}' in dit pact.";
    public const string PactAmbiguous = "De code '{0}' staat in het kader van meer dan één pact; geef het pact (pact=…).";
    public const string NotCoordinator = "Alleen coördinatoren van het pact beheren het competentiekader.";
    public const string CodeMissing = "Vul een code in: letters, cijfers, '-', '.' of '_', hoogstens 100 tekens.";
    public const string NameMissing = "Vul de Nederlandse naam in (hoogstens 300 tekens).";
    public const string GroupTooLong = "Een soort is hoogstens 100 tekens.";
    public const string CodeInUse = "De code '{0}' is in dit pact al in gebruik.";
    public const string NoOccupation = "Er is geen beroep met code '{0}' in dit pact.";
    public const string FileEmpty = "{0}: het bestand is leeg.";
    public const string NotUtf8 = "{0}: het bestand is geen UTF-8; ESCO levert UTF-8, sla het zo op.";
    public const string UnknownColumn = "{0}, regel 1: onbekende kolom '{1}'; verwacht de kolommen van ESCO ({2}).";
    public const string MissingColumn = "{0}, regel 1: de kolom '{1}' ontbreekt.";
    public const string BadQuotes = "{0}, regel {1}: de aanhalingstekens kloppen niet.";
    public const string FieldCount = "{0}, regel {1}: verwacht {2} velden, gevonden {3}.";
    public const string EmptyValue = "{0}, regel {1}: '{2}' is leeg.";
    public const string DuplicateUri = "{0}, regel {1}: '{2}' staat al op regel {3}.";
    public const string DuplicateCode = "{0}, regel {1}: de code '{2}' staat al op regel {3}.";
    public const string CodeTaken = "{0}, regel {1}: de code '{2}' is in dit pact al van een andere competentie of ander beroep ({3}).";
    public const string UnknownSkill = "{0}, regel {1}: de competentie '{2}' staat niet in het vaardighedenbestand en niet in het kader van dit pact.";
    public const string UnknownOccupation = "{0}, regel {1}: het beroep '{2}' staat niet in het beroepenbestand en niet in het kader van dit pact.";
    public const string RelationTypeInvalid = "{0}, regel {1}: relationType '{2}' is geen essential of optional.";
    public const string DuplicateRelation = "{0}, regel {1}: deze relatie staat al op regel {2}.";
    public const string EnglishFirstDutch = "{0}, regel {1}: '{2}' staat nog niet in het kader; importeer eerst het Nederlandse bestand.";
    public const string LabelTooLong = "{0}, regel {1}: een naam is hoogstens 300 tekens, een code hoogstens 100.";
    public const string Rejected = "Het bestand is geweigerd; er is niets veranderd.";
    public const string Imported = "Geïmporteerd: {0} competenties nieuw, {1} bijgewerkt; {2} beroepen nieuw, {3} bijgewerkt; {4} relaties nieuw, {5} bijgewerkt.";
    public const string Unchanged = "Niets veranderd: het kader bevat dit bestand al.";
    public const string LanguageInvalid = "Kies de taal van het bestand: nl of en.";
    public const string NameTooLong = "Een naam is hoogstens 300 tekens.";

    public static string Format(string format, params object?[] values) => string.Format(CultureInfo.GetCultureInfo("nl-NL"), format, values);

    private static readonly Pactwerk.Web.Shared.MessageFormats Formats = new(typeof(CompetenceMessages));

    /// <summary>A message in the reader's language (the pages): by its format when it has one, else as a whole.</summary>
    public static string Localise(Microsoft.Extensions.Localization.IStringLocalizer t, string message) => Formats.Localise(t, message);
}
