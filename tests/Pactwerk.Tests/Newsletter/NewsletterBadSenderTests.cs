using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Newsletter;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Newsletter;

/// <summary>
/// A failure the worker did not foresee (here: an SMTP server that offers no login while one is configured) counts as an
/// attempt like any refusal: the delivery waits, is tried again with backoff, fails for good after
/// MaxAttempts, and the edition is settled instead of being retried at every poll. And a withdrawn
/// monitor release is neither offered nor sent.
/// </summary>
public abstract class NewsletterBadSenderTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    [Fact]
    public async Task A_failed_login_fails_the_delivery_after_max_attempts_and_the_edition_settles()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var pactId = await factory.InDbAsync(db => db.Pacts.Where(p => p.Code == "techniekpact").Select(p => p.Id).SingleAsync());
        var email = $"lezer-{Guid.NewGuid():N}@example.org";
        await factory.InDbAsync(db => db.Set<NewsletterSubscriber>().Where(s => s.PactId == pactId).ExecuteDeleteAsync());
        await factory.InDbAsync(db =>
        {
            db.Add(new NewsletterSubscriber { PactId = pactId, Email = email, ConfirmedAt = DateTime.UtcNow, UnsubscribeKey = new string('b', 40) });
            return db.SaveChangesAsync();
        });

        var created = await coordinator.PostAsJsonAsync("/api/v1/pacts/techniekpact/newsletter/editions", new { title = "Afzender kapot", introduction = "Tekst." });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var edition = await created.ReadAsync<JsonElement>();
        var id = edition.GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.Accepted, (await coordinator.PostAsJsonAsync($"/api/v1/pacts/techniekpact/newsletter/editions/{id}/send",
            new { version = edition.GetProperty("version").GetInt32() })).StatusCode);

        for (var i = 0; i < 300 && await factory.InDbAsync(db => db.Set<NewsletterEdition>().Where(e => e.Id == id).Select(e => e.Status).SingleAsync()) != EditionStatus.Sent; i++)
            await Task.Delay(100);
        Assert.Equal(EditionStatus.Sent, await factory.InDbAsync(db => db.Set<NewsletterEdition>().Where(e => e.Id == id).Select(e => e.Status).SingleAsync()));
        var delivery = await factory.InDbAsync(db => db.Set<NewsletterDelivery>().SingleAsync(d => d.EditionId == id));
        Assert.Equal((DeliveryState.Failed, 3), (delivery.State, delivery.Attempts));
        Assert.False(string.IsNullOrEmpty(delivery.LastError));
        // Settled: later polls leave it alone.
        await Task.Delay(700);
        Assert.Equal(3, await factory.InDbAsync(db => db.Set<NewsletterDelivery>().Where(d => d.Id == delivery.Id).Select(d => d.Attempts).SingleAsync()));
    }

    [Fact]
    public async Task A_withdrawn_monitor_release_is_not_offered_and_stops_the_send()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        const string Base = "/api/v1/pacts/techniekpact/newsletter";
        var release = await factory.InDbAsync(async db =>
        {
            var source = await db.DataReleases.Select(r => r.DataSourceId).FirstAsync();
            var r = new Pactwerk.Web.Features.Monitor.DataRelease
            {
                DataSourceId = source, Dataset = "proef", FileName = "proef.csv", Checksum = Guid.NewGuid().ToString("N"), ImportedAt = DateTime.UtcNow.AddDays(1),
                ImportedBy = "test", Periods = "2030", ObservationsWritten = 12,
            };
            db.Add(r);
            await db.SaveChangesAsync();
            return r.Id;
        });
        static bool Offered(JsonElement candidates, int id) =>
            candidates.EnumerateArray().Any(c => c.GetProperty("kind").GetString() == "MonitorRelease" && c.GetProperty("id").GetInt32() == id);
        Assert.True(Offered(await coordinator.GetFromJsonAsync<JsonElement>($"{Base}/candidates"), release));
        var created = await coordinator.PostAsJsonAsync($"{Base}/editions", new { title = "Cijfers", items = new[] { new { kind = "MonitorRelease", id = release } } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var edition = await created.ReadAsync<JsonElement>();
        var id = edition.GetProperty("id").GetInt32();

        await factory.InDbAsync(db => db.DataReleases.Where(r => r.Id == release).ExecuteUpdateAsync(s => s.SetProperty(r => r.WithdrawnAt, DateTime.UtcNow)));

        Assert.False(Offered(await coordinator.GetFromJsonAsync<JsonElement>($"{Base}/candidates"), release));
        var again = await coordinator.PostAsJsonAsync($"{Base}/editions", new { title = "Cijfers", items = new[] { new { kind = "MonitorRelease", id = release } } });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        var send = await coordinator.PostAsJsonAsync($"{Base}/editions/{id}/send", new { version = edition.GetProperty("version").GetInt32() });
        Assert.Equal(HttpStatusCode.BadRequest, send.StatusCode);
        Assert.Equal(EditionStatus.Draft, await factory.InDbAsync(db => db.Set<NewsletterEdition>().Where(e => e.Id == id).Select(e => e.Status).SingleAsync()));
        Assert.Equal(0, await factory.InDbAsync(db => db.Set<NewsletterDelivery>().CountAsync(d => d.EditionId == id)));
    }
}

public sealed class BadSenderSqliteFactory : SqliteFactory
{
    public BadSenderSqliteFactory() => Sink.Configure(this).With("Newsletter:Smtp:User", "nieuwsbrief").With("Newsletter:Smtp:Password", "geheim").With("Newsletter:MaxAttempts", "3");
    public MailSink Sink { get; } = new();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Sink.DisposeAsync();
    }
}

public sealed class BadSenderPostgresFactory : PostgresFactory
{
    public BadSenderPostgresFactory() => Sink.Configure(this).With("Newsletter:Smtp:User", "nieuwsbrief").With("Newsletter:Smtp:Password", "geheim").With("Newsletter:MaxAttempts", "3");
    public MailSink Sink { get; } = new();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Sink.DisposeAsync();
    }
}

public sealed class NewsletterBadSenderSqlite(BadSenderSqliteFactory factory) : NewsletterBadSenderTests<BadSenderSqliteFactory>(factory);
public sealed class NewsletterBadSenderPostgres(BadSenderPostgresFactory factory) : NewsletterBadSenderTests<BadSenderPostgresFactory>(factory);
