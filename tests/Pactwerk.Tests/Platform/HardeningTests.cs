using System.Net;
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
