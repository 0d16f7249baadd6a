using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Pactwerk.Tests.Infrastructure;
using Xunit.Abstractions;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Forms;

/// <summary>
/// Every form of the site, found the way a person finds it: the pages reachable from the navigation and their
/// links, crawled as each role that may use them, in Dutch and in English. Each form is sent once with only its
/// required fields filled and once with its fields at a boundary (a decimal typed the reader's way, free text at
/// its maxlength, optional lists left empty). No answer is a 500 or the developer exception page, and what an
/// edit form saved reads back exactly as typed. The antiforgery token is the one the page carries.
/// </summary>
public sealed class AllFormsWalkTests(ITestOutputHelper output)
{
    private static readonly string[] Roles = ["beheerder@pactwerk.demo", "coordinator@techniekpact.demo", "oost@techniekpact.demo", "lid@pactwerk.demo"];

    /// <summary>Forms a generic walk cannot fill, each with the focused tests that cover it.</summary>
    public static readonly IReadOnlyDictionary<string, string> NotWalked = new Dictionary<string, string>
    {
        ["multipart/form-data"] = "a file upload: covered by ImportWizardTests, MonitorUploadTests, OrganisationTransferTests and DepositUploadPageTests with real files",
        ["/uitloggen"] = "signing out ends the walk's session: covered by the account tests",
        ["/taal"] = "the language switch is a link, not data: covered by the localisation tests",
    };

    /// <summary>Links not followed: downloads, the API and its documents, and what changes the session.</summary>
    private static bool Followable(string path) =>
        path.StartsWith('/') && !path.StartsWith("//", StringComparison.Ordinal)
        && !new[] { "/api", "/scalar", "/openapi", "/taal", "/uitloggen", "/fout", "/health", "/css", "/js", "/lib" }.Any(p => path.StartsWith(p, StringComparison.OrdinalIgnoreCase))
        && Path.GetExtension(path.Split('?')[0]) is "" ;

    /// <summary>A page's shape: its numbers as placeholders, so a list of a hundred records is walked through two of them.</summary>
    private static string Shape(string path) => System.Text.RegularExpressions.Regex.Replace(path.Split('?')[0], "/[0-9]+(?=/|$)", "/{n}");

    private sealed record Field(string Name, string Value, string Kind, bool Required, int? MaxLength, string? InputMode, bool InList);
    private sealed record FoundForm(string Page, string Action, string Key, List<Field> Fields, bool Multipart);

    [Fact]
    public async Task Every_form_as_every_role_in_Dutch_and_English_never_fails_and_reads_back_as_typed()
    {
        var failures = new List<string>();
        var walked = new HashSet<string>();
        foreach (var role in Roles)
        {
            // A fresh app per role: the forms that delete or send act on that role's own copy of the demo.
            await using var factory = new SqliteFactory();
            // The site is crawled once per role (in Dutch); its forms are then walked in both languages.
            var forms = await CrawlAsync(await SignInAsync(factory, role), failures, role);
            output.WriteLine($"{role}: {forms.Count} forms");
            foreach (var culture in new[] { "nl", "en" })
            {
                var client = await SignInAsync(factory, role);
                Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync($"/taal?culture={culture}&returnUrl=%2F")).StatusCode);
                foreach (var form in forms)
                {
                    if (form.Multipart)
                        continue;
                    walked.Add(form.Key);
                    await SendAsync(client, form, Required(form), failures, $"{role} {culture} required-only {form.Key}", culture, readBack: false);
                    // The form again from its page: the first send may have changed what it shows.
                    if (await ReopenAsync(client, form) is { } again)
                        await SendAsync(client, again, Boundary(again, culture), failures, $"{role} {culture} boundary {form.Key}", culture, readBack: true);
                }
            }
        }
        output.WriteLine($"{walked.Count} distinct forms walked:\n" + string.Join("\n", walked.Order()));
        // A walk that found next to nothing proves nothing.
        Assert.True(walked.Count >= 15, $"only {walked.Count} forms found");
        // The coordinators' indicator forms (a new indicator, a new version) are found from the monitor page and walked like every other.
        Assert.Contains("/beheer/indicatoren/nieuw", walked);
        Assert.Contains(walked, k => k.StartsWith("/beheer/indicatoren/", StringComparison.Ordinal) && k != "/beheer/indicatoren/nieuw");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static async Task<List<FoundForm>> CrawlAsync(HttpClient client, List<string> failures, string who)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var shapes = new Dictionary<string, int>();
        var queue = new Queue<string>(["/"]);
        var forms = new Dictionary<string, FoundForm>();
        while (queue.Count > 0 && seen.Count < 400)
        {
            var url = queue.Dequeue();
            if (!seen.Add(url))
                continue;
            var response = await client.GetAsync(url);
            var html = await response.Content.ReadAsStringAsync();
            if (Failed(response, html))
                failures.Add($"{who}: GET {url} answered {(int)response.StatusCode}");
            if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html")
                continue;
            var document = new HtmlParser().ParseDocument(html);
            // A browser sends only what the form carries. The test clients add the antiforgery header to every request, which
            // hid three forms whose literal action kept the form tag helper from adding the token: a real post was refused.
            foreach (var bare in document.QuerySelectorAll("form").OfType<IHtmlFormElement>()
                         .Where(f => string.Equals(f.GetAttribute("method"), "post", StringComparison.OrdinalIgnoreCase)
                             && f.QuerySelector("input[name='__RequestVerificationToken']") is null))
                failures.Add($"{who}: the form on {url} posting to {bare.GetAttribute("action") ?? url} carries no antiforgery token, so a browser's post is refused");
            foreach (var form in Forms(document, url))
                forms.TryAdd(form.Key, form);
            foreach (var href in document.QuerySelectorAll("a[href]").Select(a => WebUtility.HtmlDecode(a.GetAttribute("href")!).Split('#')[0].Split('?')[0]))
            {
                if (!Followable(href) || seen.Contains(href))
                    continue;
                var shape = Shape(href);
                if (shapes.GetValueOrDefault(shape) >= 2)
                    continue;
                shapes[shape] = shapes.GetValueOrDefault(shape) + 1;
                queue.Enqueue(href);
            }
        }
        return [.. forms.Values];
    }

    private static IEnumerable<FoundForm> Forms(IDocument document, string page)
    {
        var main = document.QuerySelector("main");
        if (main is null)
            yield break;
        foreach (var form in main.QuerySelectorAll("form").OfType<IHtmlFormElement>().Where(f => string.Equals(f.GetAttribute("method"), "post", StringComparison.OrdinalIgnoreCase)))
        {
            var action = WebUtility.HtmlDecode(form.GetAttribute("action") is { Length: > 0 } a ? a : page);
            if (NotWalked.Keys.Any(k => action.StartsWith(k, StringComparison.Ordinal)))
                continue;
            var fields = new List<Field>();
            var checkboxNames = form.Elements.OfType<IHtmlInputElement>().Where(i => i.Type == "checkbox").GroupBy(i => i.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
            foreach (var element in form.Elements)
            {
                switch (element)
                {
                    case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && !input.IsDisabled:
                        if (input.Type is "checkbox" or "radio" && !input.IsChecked || input.Type is "submit" or "button" or "file")
                            break;
                        fields.Add(new(input.Name, input.Value, input.Type, input.IsRequired, input.MaxLength > 0 ? input.MaxLength : null,
                            input.GetAttribute("inputmode"), input.Type == "checkbox" && checkboxNames.Contains(input.Name)));
                        break;
                    case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                        fields.Add(new(area.Name, area.Value, "textarea", area.IsRequired, area.MaxLength > 0 ? area.MaxLength : null, null, false));
                        break;
                    case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                        var chosen = select.Options.Where(o => o.IsSelected).ToList();
                        foreach (var option in chosen)
                            fields.Add(new(select.Name, option.Value, "select", select.IsRequired, null, null, select.IsMultiple));
                        if (chosen.Count == 0 && !select.IsMultiple && select.Options.FirstOrDefault() is { } first)
                            fields.Add(new(select.Name, first.Value, "select", select.IsRequired, null, null, false));
                        break;
                }
            }
            var handler = System.Text.RegularExpressions.Regex.Match(action, "handler=([A-Za-z]+)").Groups[1].Value;
            yield return new FoundForm(page, action, Shape(action) + (handler.Length > 0 ? "?handler=" + handler : ""), fields,
                string.Equals(form.GetAttribute("enctype"), "multipart/form-data", StringComparison.OrdinalIgnoreCase));
        }
    }

    private static async Task<FoundForm?> ReopenAsync(HttpClient client, FoundForm form)
    {
        var response = await client.GetAsync(form.Page);
        if (response.StatusCode != HttpStatusCode.OK)
            return null;
        return Forms(new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()), form.Page).FirstOrDefault(f => f.Key == form.Key);
    }

    private static bool FreeText(Field f) => f.Kind is "text" or "textarea" && f.InputMode is null
        && System.Text.RegularExpressions.Regex.IsMatch(f.Name, @"(Title|Name|Summary|Description|Note|Reason|Theme|Location|Agenda|Body|Text|Introduction|Context|Approach|Results|Lessons|Function|JobTitle)$");

    /// <summary>Only what the form requires: every optional text and list field left empty.</summary>
    private static List<KeyValuePair<string, string>> Required(FoundForm form) =>
        form.Fields.Where(f => f.Required || f.Kind is "hidden" or "select" or "radio" || f.Kind == "checkbox" && !f.InList)
            .Select(f => KeyValuePair.Create(f.Name, f.Value)).ToList();

    /// <summary>The boundary: decimals the reader's way, free text at its maxlength, optional lists empty.</summary>
    private static List<(KeyValuePair<string, string> Field, bool Typed)> Boundary(FoundForm form, string culture)
    {
        var fields = new List<(KeyValuePair<string, string>, bool)>();
        foreach (var f in form.Fields)
        {
            if (f.InList && !f.Required)
                continue;
            if (f.InputMode == "decimal")
                fields.Add((KeyValuePair.Create(f.Name, culture == "nl" ? "20,75" : "20.75"), true));
            else if (FreeText(f) && f.MaxLength is { } max)
                fields.Add((KeyValuePair.Create(f.Name, LongText(max)), true));
            else
                fields.Add((KeyValuePair.Create(f.Name, f.Value), false));
        }
        return fields;
    }

    /// <summary>Text of exactly <paramref name="length"/> characters, with Dutch letters and a quote in it.</summary>
    private static string LongText(int length) => string.Concat(Enumerable.Repeat("Coördinatie ‘é’ & <b>zó</b> ", length / 20 + 1))[..length].TrimEnd() is var t && t.Length == length ? t : t + new string('x', length - t.Length);

    private static Task SendAsync(HttpClient client, FoundForm form, List<KeyValuePair<string, string>> fields, List<string> failures, string what, string culture, bool readBack) =>
        SendAsync(client, form, fields.Select(f => (f, false)).ToList(), failures, what, culture, readBack);

    private static async Task SendAsync(HttpClient client, FoundForm form, List<(KeyValuePair<string, string> Field, bool Typed)> fields, List<string> failures, string what, string culture, bool readBack)
    {
        var response = await client.PostAsync(form.Action, new FormUrlEncodedContent(fields.Select(f => f.Field)));
        var html = await response.Content.ReadAsStringAsync();
        if (Failed(response, html))
        {
            failures.Add($"{what}: {(int)response.StatusCode}");
            return;
        }
        // What an edit form saved shows back as typed, when the form shows a record (its page is not a "new" page).
        if (!readBack || response.StatusCode != HttpStatusCode.Redirect || form.Page.EndsWith("/nieuw", StringComparison.Ordinal) || !fields.Any(f => f.Typed))
            return;
        var again = await ReopenAsync(client, form);
        if (again is null)
            return;
        // Only fields that showed a saved value: a create form on a list page shows empty fields again, by design.
        foreach (var (field, _) in fields.Where(f => f.Typed && form.Fields.Any(o => o.Name == f.Field.Key && o.Value.Length > 0)))
        {
            var shown = again.Fields.FirstOrDefault(f => f.Name == field.Key)?.Value;
            if (shown != field.Value)
                failures.Add($"{what}: {field.Key} was typed as '{Short(field.Value)}' and shows '{Short(shown)}' ({culture})");
        }
    }

    private static string Short(string? s) => s is null ? "(no field)" : s.Length <= 40 ? s : s[..40] + "…";

    private static bool Failed(HttpResponseMessage response, string html) =>
        (int)response.StatusCode >= 500 || html.Contains("An unhandled exception occurred", StringComparison.Ordinal) || html.Contains("Developer Exception", StringComparison.OrdinalIgnoreCase);
}
