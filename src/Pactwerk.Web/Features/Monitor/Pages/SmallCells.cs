namespace Pactwerk.Web.Features.Monitor.Pages;

/// <summary>
/// The small-cell rule for public output (what is hidden is decided once over every sum by
/// <see cref="SmallCellMap"/>). A figure whose numerator or denominator counts fewer
/// than five units (none included) is hidden. Where the rows of a group add up to a total that is
/// shown elsewhere (the categories of a breakdown add up to the region's value, the regions of a
/// set to the country), one hidden row alone could be worked out by subtraction: then the next
/// smallest row of the group is hidden too. Coordinators see every figure.
/// </summary>
public static class SmallCells
{
    public const int Threshold = 5;

    public const string Rule = "Cijfers die op minder dan 5 eenheden berusten (teller of noemer kleiner dan 5) tonen we niet aan bezoekers die niet zijn ingelogd: ze staan als \"<5\". Als één zo'n cel uit een totaal en de andere cellen terug te rekenen zou zijn, verbergen we ook de op een na kleinste cel van die groep (\"×\"). Coördinatoren zien alle cijfers.";

    /// <summary>The rule for figures of a published source, whose publisher already hid its small cells.</summary>
    public const string PublishedRule = "Deze cijfers komen uit een gepubliceerde bron: de uitgever heeft kleine aantallen zelf al afgeschermd (cellen \"<5\"). Elk cijfer dat we daaruit berekenen tonen we aan iedereen; de cellen <5 tellen niet mee, en bij elk cijfer staat hoeveel dat er zijn.";

    /// <summary>The rule that holds for figures of a source of this disclosure.</summary>
    public static string RuleFor(Disclosure disclosure) => disclosure == Disclosure.Published ? PublishedRule : Rule;

    /// <summary>The key of the text "373 cellen &lt;5 niet meegeteld" (one or more), to be localised with the count.</summary>
    public static string LeftOutKey(int cells) => cells == 1 ? "{0} cel <5 niet meegeteld" : "{0} cellen <5 niet meegeteld";
}
