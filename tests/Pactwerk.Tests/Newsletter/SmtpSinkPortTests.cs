using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Pactwerk.Web.Features.Newsletter;

namespace Pactwerk.Tests.Newsletter;

public sealed class SmtpSinkPortTests
{
    [Fact]
    public async Task SinkRefusesToStartWhenItsPortIsTakenAndSaysWhichSettingToChange()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;
        var folder = Path.Combine(Path.GetTempPath(), "sink-" + Guid.NewGuid().ToString("N"));
        var options = Microsoft.Extensions.Options.Options.Create(new NewsletterOptions { Smtp = { Port = port, SinkFolder = folder } });
        var env = new HostingEnvironment { ContentRootPath = Path.GetTempPath() };
        var sink = new SmtpSinkService(options, env, NullLogger<SmtpSinkService>.Instance);

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => sink.StartAsync(CancellationToken.None));
        Assert.Contains($"127.0.0.1:{port}", e.Message);
        Assert.Contains("Newsletter:Smtp:Port", e.Message);
        await sink.StopAsync(CancellationToken.None); // shutdown after the failure does not throw
        Directory.Delete(folder, true);
    }
}
