using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Knowledge;

/// <summary>A member brings in a case (…/casussen/nieuw) or changes one; the same rules as the API.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class EditLearningNetworkCaseModel(PactwerkDb db, LearningNetworkAccess access, LearningNetworkCaseEditor editor) : EditPageModel
{
    public int? Id { get; private set; }
    public int NetworkId { get; private set; }
    public bool Mine { get; private set; } = true;
    [BindProperty] public LearningNetworkCaseInput Input { get; set; } = new();
    public IReadOnlyList<LearningNetworkSessionDto> Sessions { get; private set; } = [];

    protected override string Localise(string message) => KnowledgeMessages.Localise(Localiser, message);

    public async Task<IActionResult> OnGetAsync(int network, int? id, CancellationToken ct)
    {
        if (!await LoadAsync(network, id, ct))
            return NotFound();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int network, int? id, CancellationToken ct)
    {
        var submitted = Input;
        if (!await LoadAsync(network, id, ct))
            return NotFound();
        Input = submitted;
        // A member who may not change this case is told so on the form.
        return await SaveAsync(() => id is null ? editor.CreateAsync(network, Input, ct) : editor.UpdateAsync(network, id.Value, Input, ct),
            c => $"/lerende-netwerken/{network}/casussen/{c.Id}", forbiddenAt: "") ?? Page();
    }

    /// <summary>Non-members get "not found" (and the attempt is logged), as on the case page.</summary>
    private async Task<bool> LoadAsync(int network, int? id, CancellationToken ct)
    {
        (NetworkId, Id) = (network, id);
        if (id is null)
        {
            if (!await access.MayUseCasesAsync(network, ct))
                return false;
        }
        else
        {
            if (await access.ReadCaseAsync(network, id.Value, ct) is not { } c)
                return false;
            Mine = c.BroughtInByUserId == (await access.ScopeAsync(ct)).UserId;
            Input = new LearningNetworkCaseInput { Title = c.Title, Question = c.Question, DiscussionNotes = c.DiscussionNotes, SessionId = c.SessionId, Version = c.Version };
        }
        var visible = await access.VisibleNetworkAsync(network, ct);
        Sessions = (await LearningNetworkApi.DescribeAsync(db, access, visible!, ct)).Sessions;
        return true;
    }
}
