using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Knowledge;

/// <summary>One practice: its sections, its context, what to learn from elsewhere, and the review buttons for those allowed. The editor decides who may move it.</summary>
[AllowAnonymous]
public sealed class PracticePageModel(PracticeDetails details, PracticeEditor editor) : EditPageModel
{
    public PracticeDetail Practice { get; private set; } = null!;
    protected override string Localise(string message) => KnowledgeMessages.Localise(Localiser, message);

    [BindProperty]
    public PracticeReviewInput Review { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await details.FindAsync(id, ct) is not { } practice)
            return NotFound();
        Practice = practice;
        return Page();
    }

    public Task<IActionResult> OnPostSubmitAsync(int id, CancellationToken ct) => MoveAsync(id, editor.SubmitAsync(id, Review, ct), ct);

    public Task<IActionResult> OnPostPublishAsync(int id, CancellationToken ct) => MoveAsync(id, editor.PublishAsync(id, Review, ct), ct);

    public Task<IActionResult> OnPostSendBackAsync(int id, CancellationToken ct) => MoveAsync(id, editor.SendBackAsync(id, Review, ct), ct);

    private async Task<IActionResult> MoveAsync(int id, Task<EditOutcome<Practice>> move, CancellationToken ct)
    {
        var answer = Answer(await move, p => $"/praktijken/{p.Id}");
        if (answer is not null)
            return answer;
        var status = Response.StatusCode;
        var result = await OnGetAsync(id, ct);
        Response.StatusCode = status;
        return result;
    }
}
