using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Pactwerk.Tests.Infrastructure;

/// <summary>
/// A form as a person fills it: read from the page as the browser shows it (every field with the value
/// it shows), changed only where the person types, and sent as the browser sends it (checked boxes only,
/// the chosen options, the antiforgery token the page carries).
/// </summary>
public sealed class Form
{
    private readonly List<KeyValuePair<string, string>> _fields;

    private Form(string action, List<KeyValuePair<string, string>> fields) => (Action, _fields) = (action, fields);

    /// <summary>Where the form posts to (the page's address when it names none).</summary>
    public string Action { get; }

    /// <summary>The value a field shows; fails when the form has no such field.</summary>
    public string this[string name]
    {
        get => _fields.Single(f => f.Key == name).Value;
        set
        {
            var index = _fields.FindIndex(f => f.Key == name);
            if (index < 0)
                throw new InvalidOperationException($"The form has no field {name}.");
            _fields[index] = new(name, value);
        }
    }

    public IEnumerable<string> Names => _fields.Select(f => f.Key);

    /// <summary>Ticks a box (or picks one more option) the page showed unticked: one more value under its name.</summary>
    public void Tick(string name, string value) => _fields.Add(new(name, value));

    /// <summary>
    /// The form of the page's content (not the layout's sign-out form) that posts the given handler, or its first post form,
    /// as served from <paramref name="pageUrl"/>.
    /// </summary>
    public static Form Read(string html, string pageUrl, string? handler = null)
    {
        var document = new HtmlParser().ParseDocument(html);
        var content = document.QuerySelector("main") ?? throw new InvalidOperationException("The page has no main content.");
        var form = content.QuerySelectorAll("form").OfType<IHtmlFormElement>().Where(f => string.Equals(f.Method, "post", StringComparison.OrdinalIgnoreCase))
            .First(f => handler is null || (f.GetAttribute("action") ?? "").Contains($"handler={handler}", StringComparison.OrdinalIgnoreCase));
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && !input.IsDisabled:
                    if (input.Type is "checkbox" or "radio" && !input.IsChecked)
                        break;
                    if (input.Type is "submit" or "button" or "file")
                        break;
                    fields.Add(new(input.Name, input.Value));
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    fields.Add(new(area.Name, area.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    foreach (var option in select.Options.Where(o => o.IsSelected))
                        fields.Add(new(select.Name, option.Value));
                    if (!select.Options.Any(o => o.IsSelected) && select.Options.FirstOrDefault() is { } first && !select.IsMultiple)
                        fields.Add(new(select.Name, first.Value));
                    break;
            }
        }
        var action = form.GetAttribute("action");
        return new Form(string.IsNullOrEmpty(action) ? pageUrl : System.Net.WebUtility.HtmlDecode(action), fields);
    }

    /// <summary>Opens the page and reads its form.</summary>
    public static async Task<Form> OpenAsync(HttpClient client, string pageUrl, string? handler = null) =>
        Read(await client.GetStringAsync(pageUrl), pageUrl, handler);

    /// <summary>Sends the form as the browser would.</summary>
    public Task<HttpResponseMessage> SubmitAsync(HttpClient client) => client.PostAsync(Action, new FormUrlEncodedContent(_fields));
}
