using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Matching;

/// <summary>
/// The candidate's own page: consent, competences from the framework with level and evidence, and the personal details,
/// all saved by <see cref="CandidateProfiles"/> as the API's PUT; the export to take away and leaving (erasure) through the
/// same writer; and the proposals made for them, each with its own page to answer.
/// </summary>
[Authorize]
public sealed class MyCompetencesModel(PactwerkDb db, CandidateProfiles profiles, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed record CompetenceRow(int Id, string Code, string Name, string? Group);
    public sealed record ProposalRow(int Id, string Place, ProposalState State);

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? BirthYear { get; set; }
    [BindProperty] public string? Gender { get; set; }
    [BindProperty] public bool Consent { get; set; }
    /// <summary>Level by competence id; empty when the candidate does not hold it.</summary>
    [BindProperty] public Dictionary<int, string?> Levels { get; set; } = [];
    [BindProperty] public Dictionary<int, string?> Evidence { get; set; } = [];
    [BindProperty] public int? Version { get; set; }
    /// <summary>Leaving asks a tick first, so one click does not erase a person's record.</summary>
    [BindProperty] public bool ConfirmErase { get; set; }

    public bool HasProfile { get; private set; }
    public int? CandidateId { get; private set; }
    public IReadOnlyList<CompetenceRow> Competences { get; private set; } = [];
    public IReadOnlyList<ProposalRow> ProposalRows { get; private set; } = [];
    public Dictionary<string, string[]> Errors { get; } = [];
    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "opgeslagen")] bool saved, [FromQuery(Name = "verwijderd")] bool erased, CancellationToken ct)
    {
        await LoadAsync(fill: true, ct);
        Notice = saved ? "Opgeslagen." : erased ? "Uw kandidaatprofiel, competenties en voorstellen zijn verwijderd." : null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // A year that is not a whole number goes to the writer as one out of range, so its own message names the field.
        int? year = string.IsNullOrWhiteSpace(BirthYear) ? null : int.TryParse(BirthYear.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var y) ? y : 0;
        var competences = Levels.Where(l => !string.IsNullOrWhiteSpace(l.Value))
            .Select(l => new CandidateCompetenceInput(l.Key, int.TryParse(l.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var level) ? level : 0,
                Evidence.GetValueOrDefault(l.Key)))
            .ToList();
        switch (await profiles.SaveMineAsync(new CandidateInput(Name, year, Gender, Consent, competences, Version), ct))
        {
            case CandidateOutcome.Saved or CandidateOutcome.Unchanged:
                return Redirect("/mijn-competenties?opgeslagen=true");
            case CandidateOutcome.Invalid invalid:
                MatchingPageText.AddErrors(Errors, invalid.Errors, t);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                break;
            case CandidateOutcome.Stale:
                Errors["name"] = [MatchingMessages.Localise(t, MatchingMessages.Stale)];
                Response.StatusCode = StatusCodes.Status409Conflict;
                break;
            case CandidateOutcome.Forbidden forbidden:
                Errors["name"] = [MatchingMessages.Localise(t, forbidden.Message)];
                Response.StatusCode = StatusCodes.Status403Forbidden;
                break;
        }
        await LoadAsync(fill: false, ct);
        return Page();
    }

    /// <summary>Everything held, as the API's export gives it, as a file to keep.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct) =>
        await profiles.ExportMineAsync(ct) is { } export
            ? File(JsonSerializer.SerializeToUtf8Bytes(export, JsonSerializerOptions.Web), "application/json", "mijn-kandidaatprofiel.json")
            : NotFound();

    public async Task<IActionResult> OnPostEraseAsync(CancellationToken ct)
    {
        if (!ConfirmErase)
        {
            Errors["confirmErase"] = [t["Vink aan dat u uw kandidaatprofiel wilt verwijderen; er is niets verwijderd."].Value];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(fill: true, ct);
            return Page();
        }
        return await profiles.EraseMineAsync(ct) ? Redirect("/mijn-competenties?verwijderd=true") : NotFound();
    }

    private async Task LoadAsync(bool fill, CancellationToken ct)
    {
        var mine = await profiles.MineAsync(ct);
        HasProfile = mine is not null;
        CandidateId = mine?.Id;
        Competences = (await db.Competences.AsNoTracking().OrderBy(c => c.Code).Select(c => new { c.Id, c.Code, c.NameNl, c.NameEn, c.Group }).ToListAsync(ct))
            .Select(c => new CompetenceRow(c.Id, c.Code, MatchingPageText.Name(c.NameNl, c.NameEn), c.Group)).ToList();
        if (mine is not null)
        {
            var proposals = await db.Set<Proposal>().AsNoTracking().Where(p => p.CandidateId == mine.Id).OrderByDescending(p => p.ProposedAt).ToListAsync(ct);
            // Places and vacancies alike, their titles read through the one resolver.
            var titles = new Dictionary<Scoring.Opening, string>();
            foreach (var kind in proposals.GroupBy(p => p.Opening.Kind))
                foreach (var (_, opening) in await Scoring.Openings.OfKindAsync(db, kind.Key, kind.Select(p => p.Opening.Id).ToList(), ct))
                    titles[opening.Opening] = opening.Title;
            ProposalRows = proposals.Select(p => new ProposalRow(p.Id, titles[p.Opening], p.State)).ToList();
            if (fill)
            {
                var profile = await profiles.DescribeAsync(mine, ct);
                (Name, BirthYear, Gender, Consent, Version) = (profile.Name, profile.BirthYear?.ToString(CultureInfo.InvariantCulture), profile.Gender, profile.Consent, profile.Version);
                Levels = profile.Competences.ToDictionary(c => c.CompetenceId, c => (string?)c.Level.ToString(CultureInfo.InvariantCulture));
                Evidence = profile.Competences.ToDictionary(c => c.CompetenceId, c => c.Evidence);
            }
        }
    }

    public string? Described(string field, string? hint = null) => Errors.ContainsKey(field) ? $"{hint} fout-{field}".Trim() : hint;
    public string? Invalid(string field) => Errors.ContainsKey(field) ? "true" : null;
}
