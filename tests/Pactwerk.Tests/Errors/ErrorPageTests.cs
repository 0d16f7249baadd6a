using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pactwerk.Tests.Infrastructure;

namespace Pactwerk.Tests.Errors;

/// <summary>
/// An unhandled exception outside Development: the friendly error page with a reference, never the developer
/// exception page, and the log entry of the exception carries the same reference.
/// </summary>
public sealed partial class ErrorPageTests(ErrorPageTests.ProductionFactory factory) : IClassFixture<ErrorPageTests.ProductionFactory>
{
    public const string FailHeader = "X-Test-Fail";
    public const string Failure = "Proefstoring in de paginafilter";

    /// <summary>The app in the Production environment, with a page filter that fails when a request asks it to.</summary>
    public sealed class ProductionFactory : SqliteFactory
    {
        public CapturedLog Log { get; } = new();

        public ProductionFactory() => With("ReferenceData:Path", new RegionFixture().WriteToTempFolder()).With("Demo:Enabled", "false")
            .With("Hosting:PublicBaseUrl", "https://pactwerk.example");

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<ILoggerProvider>(Log);
                services.Configure<MvcOptions>(o => o.Filters.Add(new FailingFilter()));
            });
        }
    }

    private sealed class FailingFilter : IAsyncPageFilter
    {
        public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

        public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next) =>
            // Not on the error page itself, which the handler runs for the same request.
            context.HttpContext.Request.Headers.ContainsKey(FailHeader) && context.HttpContext.Request.Path == "/" ? throw new InvalidOperationException(Failure) : next();
    }

    /// <summary>Every log entry the app writes, with its exception.</summary>
    public sealed class CapturedLog : ILoggerProvider
    {
        public ConcurrentQueue<(LogLevel Level, string Message, Exception? Exception)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);
        public void Dispose() { }

        private sealed class Logger(CapturedLog log) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                log.Entries.Enqueue((logLevel, formatter(state, exception), exception));
        }
    }

    [Theory]
    [InlineData("nl", "Er ging iets mis", "Noem deze referentie als u ons over deze fout schrijft: ")]
    [InlineData("en", "Something went wrong", "Quote this reference when you write to us about this error: ")]
    public async Task A_failure_shows_the_friendly_page_with_a_reference_that_the_log_entry_has_too(string culture, string title, string sentence)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/?culture={culture}");
        request.Headers.Add(FailHeader, "1");

        var response = await factory.CreateClient().SendAsync(request);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains($"<h1>{title}</h1>", page);
        // Not the developer exception page: no exception text, type or stack trace.
        Assert.DoesNotContain(Failure, page);
        Assert.DoesNotContain("InvalidOperationException", page);
        Assert.DoesNotContain("FailingFilter", page);
        var reference = Regex.Match(page, Regex.Escape(sentence) + "([^<]+)</p>").Groups[1].Value;
        Assert.False(string.IsNullOrWhiteSpace(reference), "the page shows no reference");

        var entry = Assert.Single(factory.Log.Entries, e => e.Message.Contains(reference, StringComparison.Ordinal));
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.Equal(Failure, entry.Exception?.Message);
        // The exception handler's own entry, without a reference, is not written beside it.
        Assert.DoesNotContain(factory.Log.Entries, e => e.Exception?.Message == Failure && !e.Message.Contains("; reference ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_failures_get_two_references()
    {
        var references = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/");
            request.Headers.Add(FailHeader, "1");
            var page = WebUtility.HtmlDecode(await (await factory.CreateClient().SendAsync(request)).Content.ReadAsStringAsync());
            references.Add(Regex.Match(page, "<p id=\"referentie\">[^<]*: ([^<]+)</p>").Groups[1].Value);
        }
        Assert.All(references, r => Assert.False(string.IsNullOrWhiteSpace(r)));
        Assert.NotEqual(references[0], references[1]);
    }

    [Fact]
    public async Task A_missing_page_shows_no_reference()
    {
        var response = await factory.CreateClient().GetAsync("/bestaat-niet");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("id=\"referentie\"", await response.Content.ReadAsStringAsync());
    }
}
