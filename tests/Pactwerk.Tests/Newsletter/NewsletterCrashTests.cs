using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Knowledge;
using Pactwerk.Web.Features.Newsletter;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Newsletter;

/// <summary>
/// An app on a database that outlives it: the first host is stopped halfway through a send, a second
/// one starts on the same database (and the same SMTP sink) and finishes the job.
/// </summary>
public sealed class RestartableFactory(string provider, string connectionString, MailSink sink, INewsletterDeliveryObserver? observer = null) : PactwerkFactory
{
    public override string Provider => provider;
    protected override string ConnectionString => connectionString;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        sink.Configure(this).With("Newsletter:BatchSize", "4");
        base.ConfigureWebHost(builder);
        if (observer is not null)
            builder.ConfigureTestServices(s => s.AddSingleton(observer));
    }
}

/// <summary>Lets four accepted deliveries be recorded and hangs on the fifth, as a host that goes down right then.</summary>
public sealed class HangOnFifthAccepted : INewsletterDeliveryObserver
{
    private int _accepted;
    public TaskCompletionSource<long> Hung { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task AcceptedAsync(NewsletterDelivery delivery, CancellationToken ct)
    {
        if (Interlocked.Increment(ref _accepted) < 5)
            return;
        Hung.TrySetResult(delivery.Id);
        await Task.Delay(Timeout.Infinite, ct);
    }
}

public abstract class NewsletterCrashTests
{
    protected abstract string Provider { get; }
    protected abstract string NewDatabase();
    protected virtual Task DropAsync(string connectionString) => Task.CompletedTask;

    [Fact]
    public async Task A_send_stopped_halfway_is_finished_by_the_next_host_and_every_subscriber_gets_it_exactly_once()
    {
        await using var sink = new MailSink();
        var database = NewDatabase();
        try
        {
            const int readers = 11;
            var emails = Enumerable.Range(1, readers).Select(i => $"crash{i}-{Guid.NewGuid():N}@example.org").ToList();
            int editionId;
            var crash = new HangOnFifthAccepted();

            await using (var first = new RestartableFactory(Provider, database, sink, crash))
            {
                var pactId = await first.InDbAsync(db => db.Pacts.Where(p => p.Code == "techniekpact").Select(p => p.Id).SingleAsync());
                await first.InDbAsync(db =>
                {
                    foreach (var e in emails)
                        db.Add(new NewsletterSubscriber { PactId = pactId, Email = e, ConfirmedAt = DateTime.UtcNow, UnsubscribeKey = new string('b', 40) });
                    return db.SaveChangesAsync();
                });
                // The fifth message is accepted by the SMTP server, and then the host goes down before
                // the worker records it (HangOnFifthAccepted): the hardest moment to stop at.

                var coordinator = await SignInAsync(first, "coordinator@techniekpact.demo");
                var practice = await first.InDbAsync(db => db.Set<Practice>().Where(p => p.PactId == pactId && p.Status == PracticeStatus.Published).Select(p => p.Id).FirstAsync());
                var created = await coordinator.PostAsJsonAsync("/api/v1/pacts/techniekpact/newsletter/editions",
                    new { title = "Doorstart", introduction = "Na de storing.", items = new[] { new { kind = "Practice", id = practice } } });
                var edition = await created.ReadAsync<JsonElement>();
                editionId = edition.GetProperty("id").GetInt32();
                var sent = await coordinator.PostAsJsonAsync($"/api/v1/pacts/techniekpact/newsletter/editions/{editionId}/send",
                    new { version = edition.GetProperty("version").GetInt32() });
                Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
                await crash.Hung.Task.WaitAsync(TimeSpan.FromSeconds(60));

                // The worker hangs in the hook: four recorded as sent, the fifth accepted by SMTP but
                // recorded as "sending" only, the rest pending.
                var halfway = await first.InDbAsync(db => db.Set<NewsletterDelivery>().Where(d => d.EditionId == editionId).Select(d => d.State).ToListAsync());
                Assert.Equal(4, halfway.Count(s => s == DeliveryState.Sent));
                Assert.Equal(1, halfway.Count(s => s == DeliveryState.Sending));
                Assert.Equal(readers - 5, halfway.Count(s => s == DeliveryState.Pending));
                Assert.Equal(5, sink.Received.Count);
            } // The host stops here, in the middle of the send.

            await using (var second = new RestartableFactory(Provider, database, sink))
            {
                _ = second.Server; // starts the host and its worker
                for (var i = 0; i < 600 && await second.InDbAsync(db => db.Set<NewsletterEdition>().Where(e => e.Id == editionId).Select(e => e.Status).SingleAsync()) != EditionStatus.Sent; i++)
                    await Task.Delay(100);
                var deliveries = await second.InDbAsync(db => db.Set<NewsletterDelivery>().Where(d => d.EditionId == editionId).ToListAsync());
                Assert.Equal(readers, deliveries.Count);
                Assert.All(deliveries, d => Assert.Equal(DeliveryState.Sent, d.State));
                Assert.Equal(EditionStatus.Sent, await second.InDbAsync(db => db.Set<NewsletterEdition>().Where(e => e.Id == editionId).Select(e => e.Status).SingleAsync()));
            }

            // Counted by recipient: everyone got the edition; the one message in flight at the crash
            // went out twice with one Message-ID, which the receiving side takes as one message.
            foreach (var email in emails)
            {
                var copies = sink.To(email).Where(m => m.Subject == "Doorstart").ToList();
                Assert.Single(copies.DistinctBy(m => m.MessageId));
            }
            Assert.Equal(readers, sink.Unique.Count(m => m.Subject == "Doorstart"));
            Assert.Equal(readers + 1, sink.Received.Count(m => m.Subject == "Doorstart"));
        }
        finally
        {
            await DropAsync(database);
        }
    }
}

public sealed class NewsletterCrashTestsSqlite : NewsletterCrashTests
{
    protected override string Provider => DatabaseSetup.Sqlite;
    protected override string NewDatabase() => $"Data Source={Path.Combine(Path.GetTempPath(), "pactwerk-tests", $"crash-{Guid.NewGuid():N}.db")};Pooling=false";
}

public sealed class NewsletterCrashTestsPostgres : NewsletterCrashTests
{
    protected override string Provider => DatabaseSetup.Postgres;

    protected override string NewDatabase()
    {
        var server = Environment.GetEnvironmentVariable(PostgresFactory.EnvironmentVariable)
                     ?? throw new InvalidOperationException($"{PostgresFactory.EnvironmentVariable} is not set: run the tests with ./test.sh, which starts PostgreSQL.");
        return new NpgsqlConnectionStringBuilder(server) { Database = $"pactwerk_crash_{Guid.NewGuid():N}" }.ConnectionString;
    }

    protected override async Task DropAsync(string connectionString)
    {
        NpgsqlConnection.ClearAllPools();
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        var server = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres" };
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
