using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Pactwerk.Tests.Infrastructure;

namespace Pactwerk.BrowserTests;

/// <summary>
/// The real app on Kestrel (a loopback port) and Debian's Chromium driven by Playwright, one of each
/// per story class (a class fixture: every class starts on its own database). Playwright never
/// downloads a browser here: it runs /usr/bin/chromium.
/// </summary>
/// <typeparam name="TApp">The app as the stories need it: plain, or with its newsletter mail going to a real SMTP sink.</typeparam>
public class BrowserFixture<TApp> : IAsyncLifetime where TApp : PactwerkFactory, new()
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public TApp App { get; } = new();
    public IBrowser Browser { get; private set; } = null!;
    public string BaseAddress { get; private set; } = "";

    public virtual async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: apt-get install -y chromium (.ci/run does this).");
        App.UseKestrel(0);
        App.StartServer();
        BaseAddress = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First().Replace("localhost", "127.0.0.1").Replace("[::1]", "127.0.0.1");

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseAddress, Locale = "en-GB" });
        return await context.NewPageAsync();
    }

    public virtual async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.CloseAsync();
        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}

/// <summary>The app on SQLite with its mail in the pickup folder, and Chromium: what most stories need.</summary>
public sealed class BrowserFixture : BrowserFixture<SqliteFactory>;
