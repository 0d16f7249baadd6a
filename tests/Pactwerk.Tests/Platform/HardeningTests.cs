using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Platform;

/// <summary>Security headers on every kind of response, and the rate limit on sign-in.</summary>
public sealed class HardeningTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    [Theory]
    [InlineData("GET", "/")]
    [InlineData("GET", "/regio/TP-OOST")]
    [InlineData("GET", "/api/v1/region-sets")]
    [InlineData("GET", "/api/v1/regions/XX")]
    [InlineData("GET", "/bestaat-niet")]
    [InlineData("GET", "/api/v1/me")]
    [InlineData("GET", "/health")]
    [InlineData("GET", "/openapi/v1.json")]
    [InlineData("GET", "/css/site.css")]
    [InlineData("GET", "/scalar")]
    [InlineData("POST", "/inloggen")]
    public async Task Every_response_carries_the_security_headers(string method, string url)
    {
        var response = await Anonymous(factory).SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = method == "POST" ? new FormUrlEncodedContent([]) : null });
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));

        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline' 'unsafe-eval", csp);
        Assert.DoesNotMatch("script-src[^;]*unsafe-inline", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task An_api_write_with_the_session_cookie_but_without_the_antiforgery_header_is_refused()
    {
        var client = await SignInAsync(factory, "lid@pactwerk.demo");
        client.DefaultRequestHeaders.Remove(Web.Features.Accounts.WriteGuards.AntiforgeryHeader);

        var response = await client.PostAsJsonAsync("/api/v1/me/tokens", new { name = "csrf", expiresOn = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(3)) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("antiforgery", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await factory.InDbAsync(db => db.ApiTokens.CountAsync(t => t.Name == "csrf")));
    }

    [Fact]
    public async Task Unreadable_input_gets_a_4xx_with_the_security_headers_never_a_500()
    {
        var member = await SignInAsync(factory, "lid@pactwerk.demo");
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var gas = await factory.InDbAsync(db => db.PactActions.Where(a => a.Slug == "gas-2-0").Select(a => a.Id).SingleAsync());

        var badJson = await member.PostAsync("/api/v1/me/tokens", new StringContent("{niet-json", System.Text.Encoding.UTF8, "application/json"));
        var nullRegion = await coordinator.PutAsJsonAsync($"/api/v1/actions/{gas}", new { title = "GAS", summary = "x", kind = "Event", regions = (string[]?)null, version = 0 });
        var hugePage = await coordinator.GetAsync($"/api/v1/audit?page={int.MaxValue}&pageSize=200");
        var missingAction = await Session.PostFormAsync(coordinator, "/initiatieven/999999/bewerken", new() { ["Input.StartsOn"] = "abc" }, "/account");

        Assert.Equal(HttpStatusCode.BadRequest, badJson.StatusCode);
        Assert.Contains("script-src 'self'", string.Join(";", badJson.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal(HttpStatusCode.BadRequest, nullRegion.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, hugePage.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missingAction.StatusCode);
    }

    [Fact]
    public async Task Errors_show_no_internals()
    {
        var response = await Anonymous(factory).PostAsync("/api/v1/me/tokens", new StringContent("{niet-json", System.Text.Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest);
        Assert.DoesNotContain("   at ", body);
        Assert.DoesNotContain("Exception", body);
    }
}

/// <summary>Sign-in attempts beyond the limit get 429, whatever the password.</summary>
public sealed class RateLimitTests(RateLimitTests.StrictFactory factory) : IClassFixture<RateLimitTests.StrictFactory>
{
    public sealed class StrictFactory : SqliteFactory
    {
        public StrictFactory() => With("RateLimits:AuthPerMinute", "3").With("Demo:Enabled", "true");
    }

    [Fact]
    public async Task The_fourth_sign_in_attempt_within_a_minute_is_refused()
    {
        var client = Anonymous(factory);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
            statuses.Add((await PostSignInAsync(client, "lid@pactwerk.demo", "fout-" + i)).StatusCode);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }
}
