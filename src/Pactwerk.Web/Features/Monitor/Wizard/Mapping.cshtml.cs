using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.Monitor.Import;

namespace Pactwerk.Web.Features.Monitor.Wizard;

/// <summary>The wizard's second step: choose a profile that fits the held file, or build one from its columns.</summary>
[Authorize(Policy = Policies.Coordinator)]
public sealed class MappingModel(HeldUploads uploads, MappingBuilder builder, ImportProfileStore profiles, PactwerkDb db) : PageModel
{
    public HeldUpload Upload { get; private set; } = null!;
    public FileSample Sample { get; private set; } = new([], []);
    public IReadOnlyList<ProfileFit> Fits { get; private set; } = [];
    public IReadOnlyList<(string Code, string Name)> Elements { get; private set; } = [];
    public IReadOnlyList<(string Code, string Name, Disclosure Disclosure)> Sources { get; private set; } = [];
    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    [BindProperty] public MappingInput Mapping { get; set; } = new();

    public string? ErrorId(string field) => Errors.ContainsKey(field) ? $"fout-{field}" : null;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing)
            return missing;
        // Back from the preview: the mapping built for this file, to correct it.
        if (Upload.ProfileCode is { } code && await profiles.FindStoredAsync(code, ct) is { } stored)
        {
            var mapping = ProfileMapping.Parse(stored.Mapping);
            Mapping = MappingInput.From(mapping, stored.Code, stored.Name, Elements.Any(e => e.Code == mapping.ElementCode));
        }
        else
            Mapping = new MappingInput { Delimiter = Upload.Delimiter == '\t' ? "tab" : Upload.Delimiter.ToString(), ProfileName = Path.GetFileNameWithoutExtension(Upload.FileName) };
        return Page();
    }

    public async Task<IActionResult> OnPostChooseAsync(Guid id, string? profile, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing)
            return missing;
        var fit = Fits.FirstOrDefault(f => string.Equals(f.Profile.Code, profile, StringComparison.OrdinalIgnoreCase));
        if (fit is null)
            Errors[""] = ["Kies een profiel uit de lijst."];
        else if (!fit.Fits)
            Errors[""] = [fit.NeedsYearColumns && fit.Missing.Count == 0
                ? $"Profiel {fit.Profile.Code} past niet bij dit bestand: het verwacht jaarkolommen (zoals 2023)."
                : $"Profiel {fit.Profile.Code} past niet bij dit bestand: kolom(men) {string.Join(", ", fit.Missing)} ontbreken."];
        if (Errors.Count > 0)
        {
            Mapping = new MappingInput { Delimiter = Upload.Delimiter.ToString() };
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var tracked = await db.Set<HeldUpload>().SingleAsync(u => u.Id == id, ct);
        tracked.ProfileCode = fit!.Profile.Code;
        await db.SaveChangesAsync(ct);
        return Redirect($"/monitor/import/{id}/voorbeeld");
    }

    public async Task<IActionResult> OnPostBuildAsync(Guid id, CancellationToken ct)
    {
        ModelState.Clear();
        if (await LoadAsync(id, ct) is { } missing)
            return missing;
        var (saved, errors) = await builder.SaveAsync(Upload, Mapping, ct);
        if (saved is not null)
            return Redirect($"/monitor/import/{id}/voorbeeld");
        Errors = errors;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken ct)
    {
        if (await uploads.FindAsync(id, ct) is { } upload)
            await uploads.RemoveAsync(upload, ct);
        return Redirect("/monitor/import");
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await uploads.FindAsync(id, ct) is not { } upload)
            return NotFound();
        Upload = upload;
        Sample = HeldUploads.Sample(upload);
        Fits = await uploads.FitsAsync(Sample, ct);
        Elements = (await db.DataElements.AsNoTracking().Where(e => e.Level == Pactwerk.Monitoring.ElementLevel.Municipality).OrderBy(e => e.Code)
            .Select(e => new { e.Code, e.Name }).ToListAsync(ct)).Select(e => (e.Code, e.Name)).ToList();
        Sources = (await db.DataSources.AsNoTracking().OrderBy(s => s.Name).Select(s => new { s.Code, s.Name, s.Disclosure }).ToListAsync(ct)).Select(s => (s.Code, s.Name, s.Disclosure)).ToList();
        return null;
    }
}
