using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Monitor.Definitions;

/// <summary>A new indicator with its first definition, previewed before it is saved; the same editor as POST /api/v1/indicators.</summary>
[Authorize(Policy = Policies.Coordinator)]
public sealed class NewIndicatorModel(PactwerkDb db, MonitorEngineHost host, IndicatorEditor editor) : DefinitionPageModel(db, host, editor)
{
    [BindProperty] public IndicatorInput Input { get; set; } = new() { Definition = new DefinitionInput { Numerator = new MeasureInput() } };

    public override DefinitionInput Definition => Input.Definition ??= new DefinitionInput { Numerator = new MeasureInput() };
    public override string DefinitionPrefix => "Definition.";
    protected override string PreviewCode => Input.Code;

    public Task OnGetAsync(CancellationToken ct) => LoadChoicesAsync(ct);

    public Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        SuggestCode();
        return PreviewAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        SuggestCode();
        ReadChoices();
        var answer = await SaveAsync(() => Editor.CreateAsync(Input, ct), i => $"/beheer/indicatoren/{i.Code}?opgeslagen=true");
        if (answer is not null)
            return answer;
        await LoadChoicesAsync(ct);
        return Page();
    }

    /// <summary>A code left empty is suggested from the Dutch name; the coordinator sees it in the form and may change it.</summary>
    private void SuggestCode()
    {
        if (string.IsNullOrWhiteSpace(Input.Code) && !string.IsNullOrWhiteSpace(Input.Name))
        {
            var slug = Slugs.From(Input.Name);
            Input.Code = slug.Length > 60 ? slug[..60].TrimEnd('-') : slug;
        }
    }
}
