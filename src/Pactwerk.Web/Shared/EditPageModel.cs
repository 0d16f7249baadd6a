using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Pactwerk.Web.Shared;

/// <summary>
/// A page whose form an editor decides on, the same editor as the API. The page only binds what was
/// typed and answers the editor's outcome, the same way on every form: every message is an entry of
/// <see cref="PageModel.ModelState"/> under the bound name ("Input.Title"), a conflict keeps the typed
/// form and says what others changed since it was opened.
/// </summary>
/// <remarks>
/// The editor checks every rule, so what the page binds is not validated by the binder (see
/// <see cref="EditorChecksInput"/>): after binding, ModelState holds only the values the binder could not
/// read (a date or a number that is not one). Those are refused at their field before the editor is
/// asked; a field left empty is just empty.
/// </remarks>
/// <param name="inputPrefix">The bound input's prefix ("Input."); "" when the form's fields are the page's own.</param>
public abstract class EditPageModel(string inputPrefix = "Input.") : PageModel
{
    private const string StaleMessage = "Iemand anders heeft dit intussen gewijzigd; bekijk de pagina opnieuw.";
    private const string UnreadableMessage = "Ongeldige waarde ‘{0}’.";

    /// <summary>The bound input's prefix; the editor names its fields without it. A page with several forms sets the one answered.</summary>
    protected string InputPrefix { get; set; } = inputPrefix;

    /// <summary>After a save refused because someone else saved first: what they changed since the form was opened.</summary>
    public IReadOnlyList<ChangeByOther>? ChangesByOthers { get; private set; }

    /// <summary>The messages per field as the editor names them ("" for the form as a whole), in the order they were found.</summary>
    public IDictionary<string, string[]> Errors => ModelState.Where(e => e.Value is { Errors.Count: > 0 })
        .ToDictionary(e => FieldOf(e.Key), e => e.Value!.Errors.Select(x => x.ErrorMessage).ToArray());

    /// <summary>The id of the field's message, for its aria-describedby ("fout-Title"); null when it has none.</summary>
    public string? ErrorId(string field) => Errors.ContainsKey(field) ? $"fout-{field}" : null;

    /// <summary>The id of a field's input, which the summary links to ("Input_Title").</summary>
    public string FieldId(string field) => InputPrefix.Replace('.', '_') + field;

    /// <summary>
    /// A number field's text: after a post, exactly what was typed under <paramref name="name"/> (a value the binder could not
    /// read is shown back with its message, not emptied); otherwise <paramref name="shown"/>, the stored value as the page writes it.
    /// </summary>
    public string? AsTyped(string name, string? shown) => HttpMethods.IsPost(Request.Method) && Request.HasFormContentType
        && Request.Form.TryGetValue(name, out var typed) ? typed.ToString() : shown;

    /// <summary>"true" for aria-invalid when the field has a message.</summary>
    public string? Invalid(string field) => ErrorId(field) is null ? null : "true";

    protected IStringLocalizer Localiser => HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();

    /// <summary>An editor's message in the reader's language; the Knowledge pages also translate messages that name a value.</summary>
    protected virtual string Localise(string message) => Localiser[message].Value;

    /// <summary>
    /// Asks the editor unless the binder could not read a value, and answers the outcome (see <see cref="Answer{T}"/>).
    /// </summary>
    protected async Task<IActionResult?> SaveAsync<T>(Func<Task<EditOutcome<T>>> edit, Func<T, string> savedUrl,
        Action<T>? keepEditing = null, string? forbiddenAt = null)
    {
        // A number says why it could not be read (TypedNumberBinder); anything else gets the general sentence.
        var unreadable = ModelState.Where(e => e.Value is { Errors.Count: > 0 } && !string.IsNullOrWhiteSpace(e.Value.AttemptedValue))
            .Select(e => (Key: BoundField(e.Key), Message: e.Value!.Errors.Select(x => x.Exception).OfType<UnreadableNumberException>().FirstOrDefault()?.Message
                ?? Localiser[UnreadableMessage, e.Value.AttemptedValue!].Value)).ToList();
        // What was typed is in the bound input now; the binder's entries would be shown instead of it by the tag helpers.
        ModelState.Clear();
        if (unreadable.Count == 0)
            return Answer(await edit(), savedUrl, keepEditing, forbiddenAt);
        foreach (var (key, message) in unreadable)
            ModelState.AddModelError(key, message);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return null;
    }

    /// <summary>
    /// Saved: a redirect to <paramref name="savedUrl"/>. Not found, forbidden: those answers (forbidden told at the field
    /// <paramref name="forbiddenAt"/> with a 403 when given: the editor refused what was asked for, not the page).
    /// Invalid: the messages at their fields and a 400; a conflict the same with a 409. Stale: a 409 and, with
    /// <paramref name="keepEditing"/>, what others changed while the form keeps what was typed (keepEditing takes the current
    /// state, typically its version, so that saving again deliberately overwrites); without it a message to reload.
    /// Null means: show the page again.
    /// </summary>
    protected IActionResult? Answer<T>(EditOutcome<T> outcome, Func<T, string> savedUrl, Action<T>? keepEditing = null, string? forbiddenAt = null)
    {
        ModelState.Clear();
        switch (outcome)
        {
            case EditOutcome<T>.Saved saved:
                return new RedirectResult(savedUrl(saved.Entity));
            case EditOutcome<T>.NotFound:
                return NotFound();
            case EditOutcome<T>.Forbidden refused when forbiddenAt is not null:
                Tell(forbiddenAt, refused.Reason);
                Response.StatusCode = StatusCodes.Status403Forbidden;
                return null;
            case EditOutcome<T>.Forbidden:
                return Forbid();
            case EditOutcome<T>.Invalid invalid:
                foreach (var (field, messages) in invalid.Errors)
                    foreach (var message in messages)
                        Tell(field, message);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return null;
            case EditOutcome<T>.Conflict conflict:
                Tell("", conflict.Reason);
                Response.StatusCode = StatusCodes.Status409Conflict;
                return null;
            case EditOutcome<T>.Stale stale when keepEditing is not null:
                ChangesByOthers = stale.Changes;
                keepEditing(stale.Current);
                Response.StatusCode = StatusCodes.Status409Conflict;
                return null;
            case EditOutcome<T>.Stale:
                Tell("", StaleMessage);
                Response.StatusCode = StatusCodes.Status409Conflict;
                return null;
            default:
                throw new InvalidOperationException($"Unknown outcome {outcome.GetType().Name}.");
        }
    }

    private void Tell(string field, string message) =>
        ModelState.AddModelError(field.Length == 0 ? "" : InputPrefix + field, Localise(message));

    /// <summary>A bound name as the field the editor knows: "Input.Partners[0].OrganisationId" is the field Partners.</summary>
    private string BoundField(string key)
    {
        var field = key.StartsWith(InputPrefix, StringComparison.Ordinal) ? key[InputPrefix.Length..] : key;
        var end = field.IndexOfAny(['.', '[']);
        return InputPrefix + (end < 0 ? field : field[..end]);
    }

    private string FieldOf(string key) => key.StartsWith(InputPrefix, StringComparison.Ordinal) ? key[InputPrefix.Length..] : key;
}
