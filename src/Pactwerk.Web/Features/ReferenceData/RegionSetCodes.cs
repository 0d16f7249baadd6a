namespace Pactwerk.Web.Features.ReferenceData;

/// <summary>Codes of the region sets the reference loader maintains.</summary>
public static class RegionSetCodes
{
    public const string Country = "land";
    public const string CountryCode = "NL";
    public const string Municipalities = "gemeenten";
    public const string Provinces = "provincies";
    public const string Corop = "corop";
    public const string LabourMarketRegions = "arbeidsmarktregios";
    public const string TechniekpactLandsdelen = "techniekpact-landsdelen";

    /// <summary>Region code of a Techniekpact landsdeel, e.g. TP-OOST: unique beside the CBS codes.</summary>
    public static string LandsdeelCode(string landsdeel) => "TP-" + landsdeel.ToUpperInvariant();
}
