using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using MimeKit;

namespace Pactwerk.Tests.Infrastructure;

/// <summary>Signing in through the real form, choosing the language with the site's switch, and reading the mail sink, as a user would.</summary>
public static partial class Session
{
    public const string DemoPassword = Pactwerk.Web.Features.Demo.DemoAccounts.Password;

    public static HttpClient Anonymous(PactwerkFactory factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Signs in with the form (antiforgery token included) and returns the client holding the cookie.</summary>
    public static async Task<HttpClient> SignInAsync(PactwerkFactory factory, string email, string password = DemoPassword)
    {
        var client = Anonymous(factory);
        var response = await PostSignInAsync(client, email, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Sign-in of {email} failed: {(int)response.StatusCode}");
        // API writes with the session cookie carry the antiforgery token, as the site's own pages would.
        client.DefaultRequestHeaders.Add(Web.Features.Accounts.WriteGuards.AntiforgeryHeader, AntiforgeryToken(await client.GetStringAsync("/account")));
        return client;
    }

    /// <summary>Switches the client's language as a reader does, with the site's switch (<c>/taal</c>): a cookie every later request carries.</summary>
    public static async Task InCultureAsync(HttpClient client, string culture) =>
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync($"/taal?culture={culture}&returnUrl=%2F")).StatusCode);

    public static async Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string email, string password) =>
        await PostFormAsync(client, "/inloggen", new() { ["Email"] = email, ["Password"] = password });

    /// <summary>Gets the form's page for its antiforgery token, then posts the form.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, Dictionary<string, string> fields, string? formPage = null)
    {
        var page = await client.GetStringAsync(formPage ?? url);
        fields["__RequestVerificationToken"] = AntiforgeryToken(page);
        return await client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    public static string AntiforgeryToken(string html) => TokenField().Match(html) is { Success: true } m
        ? WebUtility.HtmlDecode(m.Groups[1].Value)
        : throw new InvalidOperationException("No antiforgery token on the page.");

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>())!;

    /// <summary>The messages in the sink addressed to <paramref name="to"/>, oldest first.</summary>
    public static List<MimeMessage> MailTo(PactwerkFactory factory, string to) =>
        !Directory.Exists(factory.MailFolder) ? [] : Directory.GetFiles(factory.MailFolder, "*.eml").Order()
            .Select(f => MimeMessage.Load(f))
            .Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, to, StringComparison.OrdinalIgnoreCase))).ToList();

    /// <summary>Waits for mail sent off the request path (password resets) to reach the sink.</summary>
    public static async Task<List<MimeMessage>> MailToAsync(PactwerkFactory factory, string to, int atLeast = 1)
    {
        for (var waited = 0; waited < 100; waited++)
        {
            var messages = MailTo(factory, to);
            if (messages.Count >= atLeast)
                return messages;
            await Task.Delay(100);
        }
        throw new TimeoutException($"No mail for {to} reached the sink.");
    }

    /// <summary>The set-password link in a message, as a path and query on this site.</summary>
    public static string LinkIn(MimeMessage message) =>
        new Uri(WebUtility.HtmlDecode(LinkHref().Match(message.HtmlBody ?? "").Groups[1].Value)).PathAndQuery;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("href=\"([^\"]+)\"")]
    private static partial Regex LinkHref();
}
