using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Matching;

public sealed record RequirementRow(int Id, string Code, string Name);

/// <summary>
/// The table in which a place's or a vacancy's requirements are filled in (<c>_RequirementRows.cshtml</c>): per competence of
/// the framework "vereist", "gewenst" or not asked, a weight and a minimum level, as typed. Both forms read it here into the
/// same <see cref="RequirementInput"/>s, so one set of rules (<see cref="RequirementSet"/>) judges them.
/// </summary>
public sealed record RequirementsForm(IReadOnlyList<RequirementRow> Rows, Dictionary<int, string?> Asked, Dictionary<int, string?> Weight,
    Dictionary<int, string?> MinimumLevel, IDictionary<string, string[]> Errors, string Caption)
{
    public static async Task<List<RequirementRow>> RowsAsync(PactwerkDb db, CancellationToken ct) =>
        (await db.Competences.AsNoTracking().OrderBy(c => c.Code).Select(c => new { c.Id, c.Code, c.NameNl, c.NameEn }).ToListAsync(ct))
            .Select(c => new RequirementRow(c.Id, c.Code, MatchingPageText.Name(c.NameNl, c.NameEn))).ToList();

    /// <summary>The asked rows as the writers take them. A weight or level that is not a whole number goes as 0, so the writer's own message names the competence.</summary>
    public static List<RequirementInput> Read(Dictionary<int, string?> asked, Dictionary<int, string?> weight, Dictionary<int, string?> minimumLevel)
    {
        static int Whole(string? text) => int.TryParse(text?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;
        return asked.Where(a => a.Value is "vereist" or "gewenst")
            .Select(a => new RequirementInput(a.Key, a.Value == "vereist", Whole(weight.GetValueOrDefault(a.Key)), Whole(minimumLevel.GetValueOrDefault(a.Key)))).ToList();
    }

    public static void Fill(IEnumerable<RequirementDto> held, Dictionary<int, string?> asked, Dictionary<int, string?> weight, Dictionary<int, string?> minimumLevel)
    {
        foreach (var r in held)
        {
            asked[r.CompetenceId] = r.Required ? "vereist" : "gewenst";
            weight[r.CompetenceId] = r.Weight.ToString(CultureInfo.InvariantCulture);
            minimumLevel[r.CompetenceId] = r.MinimumLevel.ToString(CultureInfo.InvariantCulture);
        }
    }
}
