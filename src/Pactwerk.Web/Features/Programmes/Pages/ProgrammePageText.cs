using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Pactwerk.Web.Features.Programmes;

/// <summary>How the programmes' pages name decisions, genders and days in the reader's language.</summary>
public static class ProgrammePageText
{
    public static string Decision(IStringLocalizer t, StepDecision decision) => decision switch
    {
        StepDecision.Passed => t["Geslaagd"],
        StepDecision.Failed => t["Afgewezen"],
        _ => t["Teruggetrokken"],
    };

    public static string Gender(IStringLocalizer t, Gender gender) => gender switch
    {
        Programmes.Gender.Woman => t["Vrouw"],
        Programmes.Gender.Man => t["Man"],
        Programmes.Gender.Other => t["Anders"],
        _ => t["Zeg ik liever niet"],
    };

    public static string Day(DateOnly day) => day.ToString("d MMMM yyyy", CultureInfo.CurrentCulture);

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
