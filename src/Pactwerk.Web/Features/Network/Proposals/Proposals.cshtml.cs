using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Network;

/// <summary>
/// Proposed changes to shared records (/voorstellen): the open ones the reader may decide, with the
/// current and the proposed value of each field, and the reader's own proposals with their outcome.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class ProposalsModel(ProposalDesk desk) : EditPageModel("")
{
    public IReadOnlyList<ProposalDto> ToDecide { get; private set; } = [];
    public IReadOnlyList<ProposalDto> Mine { get; private set; } = [];
    public string? Done { get; private set; }

    public async Task OnGetAsync(string? besloten, CancellationToken ct)
    {
        Done = besloten switch { "aanvaard" => "Het voorstel is aanvaard en doorgevoerd.", "afgewezen" => "Het voorstel is afgewezen.", _ => null };
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAcceptAsync(int id, int version, string? note, CancellationToken ct) =>
        Answer(await desk.AcceptAsync(id, new ProposalDecision { Version = version, Note = note }, ct), Decided("aanvaard"), forbiddenAt: "")
        ?? await ReloadAsync(ct);

    public async Task<IActionResult> OnPostRejectAsync(int id, int version, string? note, CancellationToken ct) =>
        Answer(await desk.RejectAsync(id, new ProposalDecision { Version = version, Note = note }, ct), Decided("afgewezen"), forbiddenAt: "")
        ?? await ReloadAsync(ct);

    private static Func<ChangeProposal, string> Decided(string how) => _ => $"/voorstellen?besloten={how}";

    private async Task<IActionResult> ReloadAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var all = await desk.ListAsync(openOnly: false, ct);
        ToDecide = all.Where(p => p.MayDecide).ToList();
        Mine = all.Where(p => !p.MayDecide).ToList();
    }
}
