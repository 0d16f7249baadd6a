using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pactwerk.Tests.Infrastructure;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Monitor;

/// <summary>
/// Uploads are held to the import's own limit (Monitor:MaxImportBytes, 100 MB), on the real server:
/// Kestrel's default of 30 MB must not refuse a real file first, and a 200 MB file is refused on its
/// declared size with a clear message before it is read.
/// </summary>
public sealed class MonitorUploadTests : IAsyncLifetime
{
    private readonly SqliteFactory _app = (SqliteFactory)new SqliteFactory().With("Demo:Enabled", "true");
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _app.UseKestrel(0);
        _app.StartServer();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("localhost", "127.0.0.1");
        _client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(address) };
        Assert.Equal(HttpStatusCode.Redirect, (await PostSignInAsync(_client, "coordinator@techniekpact.demo", DemoPassword)).StatusCode);
        _client.DefaultRequestHeaders.Add(Web.Features.Accounts.WriteGuards.AntiforgeryHeader, AntiforgeryToken(await _client.GetStringAsync("/account")));
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    private Task<int> ReleasesAsync() => _app.InDbAsync(db => db.DataReleases.CountAsync());

    private static MultipartFormDataContent Form(HttpContent file) => new() { { file, "file", "groot.csv" }, { new StringContent("duo-hbo-ingeschrevenen"), "profile" } };

    [Fact]
    public async Task A_40_MB_file_reaches_the_import_past_Kestrels_30_MB_default()
    {
        var before = await ReleasesAsync();
        // 40 MB under a header the profile does not know: the import itself must be the one to answer.
        var bytes = Encoding.UTF8.GetBytes("KOLOM;ANDERE\n" + new string('x', 40 * 1024 * 1024) + "\n");

        var response = await _client.PostAsync("/api/v1/imports", Form(new ByteArrayContent(bytes)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("De kopregel past niet bij profiel duo-hbo-ingeschrevenen", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await ReleasesAsync());
    }

    [Fact]
    public async Task A_200_MB_file_is_refused_on_its_size_before_it_is_read()
    {
        var before = await ReleasesAsync();

        // As curl does for a large body: ask first (Expect: 100-continue), so the refusal arrives before the upload.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/imports") { Content = Form(new StreamContent(new Zeros(200L * 1024 * 1024))) };
        request.Headers.ExpectContinue = true;
        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("Het bestand is te groot: 200", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await ReleasesAsync());
    }

    /// <summary>A stream of zeros of a declared length, so the test does not hold 200 MB in memory.</summary>
    private sealed class Zeros(long length) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get; set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - Position);
            Array.Clear(buffer, offset, n);
            Position += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
        {
            SeekOrigin.Begin => offset, SeekOrigin.Current => Position + offset, _ => length + offset,
        };

        public override void Flush() { }
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
