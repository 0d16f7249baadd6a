using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Knowledge;

/// <summary>
/// A learning network: members and sessions for members and coordinators, who add and remove
/// members here (and plan sessions on their own form); its cases for members only.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class LearningNetworkPageModel(PactwerkDb db, LearningNetworkAccess access, LearningNetworkManager manager) : EditPageModel
{
    public LearningNetworkDto Network { get; private set; } = null!;
    public IReadOnlyList<LearningNetworkCaseDto> Cases { get; private set; } = [];
    public bool MayManage { get; private set; }
    public string? Email { get; private set; }
    public string? Saved { get; private set; }
    protected override string Localise(string message) => KnowledgeMessages.Localise(Localiser, message);

    public async Task<IActionResult> OnGetAsync(int id, string? saved, CancellationToken ct)
    {
        Saved = saved switch { "lid" => Localiser["Het lid is toegevoegd."].Value, "weg" => Localiser["Het lid is uit het netwerk gehaald."].Value, _ => null };
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAddMemberAsync(int id, string? email, CancellationToken ct)
    {
        var outcome = await manager.AddMemberAsync(id, email, ct);
        Email = email;
        return await AnswerAsync(id, outcome, "lid", ct);
    }

    public async Task<IActionResult> OnPostRemoveMemberAsync(int id, string? userId, CancellationToken ct) =>
        await AnswerAsync(id, await manager.RemoveMemberAsync(id, userId ?? "", ct), "weg", ct);

    private async Task<IActionResult> AnswerAsync(int id, EditOutcome<LearningNetworkMember> outcome, string saved, CancellationToken ct)
    {
        // Refused for this member (the last manager, someone outside the pact): said on the page.
        if (Answer(outcome, _ => $"/lerende-netwerken/{id}?saved={saved}", forbiddenAt: "") is { } answer)
            return answer;
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        if (await access.VisibleNetworkAsync(id, ct) is not { } network)
            return false;
        Network = await LearningNetworkApi.DescribeAsync(db, access, network, ct);
        MayManage = await manager.MayManageAsync(id, ct) == true;
        if (Network.IsMember)
            Cases = await LearningNetworkApi.CasesAsync(db, (await access.ScopeAsync(ct)).UserId!, c => c.NetworkId == id, ct);
        return true;
    }
}
