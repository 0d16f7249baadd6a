using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Tests.Knowledge;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Platform;

/// <summary>
/// Control characters (a NUL byte above all) are refused with a 400 at the edge, on both databases,
/// in query parameters, form fields and JSON bodies, and nothing is written; bad input is logged as
/// a warning without a stack trace, at most a few lines a minute per client, then one summary line.
/// </summary>
public abstract class BadInputTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory, IHasClock, IHasLog
{
    /// <summary>The parameters the outside probe found answering 500 on PostgreSQL, and their neighbours.</summary>
    public static TheoryData<string> QueryParameters => new()
    {
        "/api/v1/organisations?q=", "/api/v1/organisations?helix=", "/api/v1/organisations?kind=", "/api/v1/organisations?sector=",
        "/api/v1/organisations?region=", "/api/v1/organisations?sort=", "/organisaties?q=", "/organisaties?region=",
        "/api/v1/events?pact=", "/api/v1/events?region=", "/api/v1/events?from=", "/api/v1/monitor/values?indicator=",
        "/api/v1/monitor/values?regionSet=", "/api/v1/monitor/values?region=", "/api/v1/monitor/values?period=", "/api/v1/monitor/values?breakdown=",
        "/api/v1/practices?q=", "/api/v1/practices?region=", "/api/v1/practices?sector=", "/api/v1/practices?pact=",
        "/praktijken?q=", "/evenementen?pact=", "/api/v1/audit?action=",
    };

    [Theory]
    [MemberData(nameof(QueryParameters))]
    public async Task A_nul_byte_in_a_query_parameter_is_refused_with_400(string url)
    {
        var response = await Anonymous(factory).GetAsync(url + "Amster%00dam");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        if (url.StartsWith("/api/", StringComparison.Ordinal))
        {
            var problem = await response.ReadAsync<JsonElement>();
            Assert.Contains("stuurteken", problem.GetProperty("detail").GetString());
        }
        else
            Assert.Contains("Ongeldig verzoek", await response.Content.ReadAsStringAsync());
        // Other control characters too; tab, CR and LF are text and pass the edge.
        Assert.Equal(HttpStatusCode.BadRequest, (await Anonymous(factory).GetAsync(url + "a%1Bb")).StatusCode);
        var tab = await Anonymous(factory).GetAsync(url + "Amster%09dam");
        Assert.True((int)tab.StatusCode < 500, $"{url}: {(int)tab.StatusCode}");
        Assert.DoesNotContain("stuurteken", await tab.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// An optional value that does not bind gets the same problem as any unreadable request, in the reader's language:
    /// the generated request delegates answer it with a bare 400 that WebModule turns into this problem.
    /// </summary>
    [Theory]
    [InlineData("/api/v1/organisations?page=geen-getal", "nl", "Ongeldig verzoek", "Het verzoek kon niet worden gelezen. Controleer de parameters en de JSON.")]
    [InlineData("/api/v1/practices?page=twee", "en", "Bad request", "The request could not be read. Check the parameters and the JSON.")]
    [InlineData("/api/v1/actions?objective=x", "nl", "Ongeldig verzoek", "Het verzoek kon niet worden gelezen. Controleer de parameters en de JSON.")]
    public async Task An_optional_value_that_does_not_bind_is_a_400_problem_in_the_readers_language(string url, string language, string title, string detail)
    {
        var client = Anonymous(factory);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadAsync<JsonElement>();
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.Equal(detail, problem.GetProperty("detail").GetString());
    }

    /// <summary>A body the framework cannot read (thrown, through the exception handler) is explained in English to an English reader too.</summary>
    [Fact]
    public async Task Unreadable_json_is_explained_in_the_readers_language()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        coordinator.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var people = await factory.InDbAsync(db => db.People.CountAsync());
        var response = await coordinator.PostAsync("/api/v1/people", new StringContent("{\"name\": 12}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadAsync<JsonElement>();
        Assert.Equal("Bad request", problem.GetProperty("title").GetString());
        Assert.Equal("The JSON could not be read: invalid value at $.name.", problem.GetProperty("detail").GetString());
        Assert.Equal(people, await factory.InDbAsync(db => db.People.CountAsync()));
    }

    [Fact]
    public async Task Json_writes_with_a_nul_byte_are_refused_and_write_nothing()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var people = await factory.InDbAsync(db => db.People.CountAsync());
        var practices = await factory.InDbAsync(db => db.Set<Pactwerk.Web.Features.Knowledge.Practice>().CountAsync());

        var person = await coordinator.PostAsJsonAsync("/api/v1/people", new { name = "Kees\u0000Nul", jobTitle = "docent" });
        var practice = await coordinator.PostAsJsonAsync("/api/v1/practices", new { title = "Stage\u0000plek", summary = "x", body = "y" });
        var escapedInRawJson = await coordinator.PostAsync("/api/v1/people",
            new StringContent("{\"name\":\"Kees\",\"jobTitle\":\"do\\u0007cent\"}", Encoding.UTF8, "application/json"));

        foreach (var response in new[] { person, practice, escapedInRawJson })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("stuurteken", (await response.ReadAsync<JsonElement>()).GetProperty("detail").GetString());
        }
        Assert.Equal(people, await factory.InDbAsync(db => db.People.CountAsync()));
        Assert.Equal(practices, await factory.InDbAsync(db => db.Set<Pactwerk.Web.Features.Knowledge.Practice>().CountAsync()));
        // A line break in a text is text, not a control character to refuse.
        var multiLine = await coordinator.PostAsJsonAsync("/api/v1/people", new { name = "Kees Regel", jobTitle = "docent\r\nen mentor" });
        Assert.Equal(HttpStatusCode.Created, multiLine.StatusCode);
    }

    [Fact]
    public async Task A_form_field_with_a_nul_byte_is_refused_and_writes_nothing()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var id = await factory.InDbAsync(db => db.People.Where(p => p.Name != "").OrderBy(p => p.Id).Select(p => p.Id).FirstAsync());
        var before = await factory.InDbAsync(db => db.People.AsNoTracking().SingleAsync(p => p.Id == id));
        var page = await coordinator.GetStringAsync($"/personen/{id}/bewerken");
        var response = await coordinator.PostAsync($"/personen/{id}/bewerken", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryToken(page), ["Input.Name"] = "Naam\u0000Met Nul", ["Input.JobTitle"] = "x",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Ongeldig verzoek", await response.Content.ReadAsStringAsync());
        Assert.Equal(before.Name, await factory.InDbAsync(db => db.People.Where(p => p.Id == id).Select(p => p.Name).SingleAsync()));
    }

    [Fact]
    public async Task Bad_input_is_a_rate_limited_warning_without_a_stack_trace()
    {
        factory.Clock.Advance(TimeSpan.FromMinutes(10));
        factory.Log.Clear();
        var client = Anonymous(factory);
        for (var i = 0; i < 12; i++)
            Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/api/v1/organisations?page=geen-getal-{i}")).StatusCode);
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/api/v1/organisations?q=%00{i}")).StatusCode);

        var entries = factory.Log.ToList();
        Assert.DoesNotContain(entries, e => e.Level >= LogLevel.Error);
        Assert.DoesNotContain(entries, e => e.Exception is not null && e.Category.Contains("ExceptionHandler", StringComparison.Ordinal));
        var warnings = entries.Where(e => e.Category == "Pactwerk.Web.Shared.BadInputLog" && e.Message.StartsWith("Bad request from", StringComparison.Ordinal)).ToList();
        // The limit in this factory is 5 a minute: 5 lines, 10 counted.
        Assert.Equal(5, warnings.Count);
        Assert.All(warnings, w => Assert.Equal(LogLevel.Warning, w.Level));
        Assert.All(warnings, w => Assert.Null(w.Exception));

        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/organisations?q=%00")).StatusCode);
        var after = factory.Log.Where(e => e.Category == "Pactwerk.Web.Shared.BadInputLog").Except(entries).ToList();
        Assert.Equal(2, after.Count);
        Assert.StartsWith("10 more bad requests from", after[0].Message);
        Assert.StartsWith("Bad request from", after[1].Message);
    }
}

public interface IHasLog
{
    CapturedLog Log { get; }
}

public sealed record LogEntry(string Category, LogLevel Level, string Message, Exception? Exception);

/// <summary>Every log entry the app writes, kept for the test to read.</summary>
public sealed class CapturedLog : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();
    public void Clear() => _entries.Clear();
    public List<LogEntry> ToList() => [.. _entries];
    public List<LogEntry> Where(Func<LogEntry, bool> filter) => _entries.Where(filter).ToList();
    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);
    public void Dispose() { }

    private sealed class Logger(CapturedLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            log._entries.Enqueue(new LogEntry(category, logLevel, formatter(state, exception), exception));
    }
}

public sealed class BadInputSqliteFactory : SqliteFactory, IHasClock, IHasLog
{
    public BadInputSqliteFactory() => With("BadInput:LoggedPerMinute", "5");
    public TestClock Clock { get; } = new();
    public CapturedLog Log { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(l => l.AddProvider(Log));
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
    }
}

public sealed class BadInputPostgresFactory : PostgresFactory, IHasClock, IHasLog
{
    public BadInputPostgresFactory() => With("BadInput:LoggedPerMinute", "5");
    public TestClock Clock { get; } = new();
    public CapturedLog Log { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(l => l.AddProvider(Log));
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
    }
}

public sealed class BadInputSqlite(BadInputSqliteFactory factory) : BadInputTests<BadInputSqliteFactory>(factory);
public sealed class BadInputPostgres(BadInputPostgresFactory factory) : BadInputTests<BadInputPostgresFactory>(factory);
