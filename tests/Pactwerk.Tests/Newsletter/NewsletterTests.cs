using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Knowledge;
using Pactwerk.Web.Features.Newsletter;
using SmtpServer.Protocol;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Newsletter;

/// <summary>Subscribing, composing, sending and the archive, over HTTP, with mail delivered to a real SMTP sink.</summary>
public abstract partial class NewsletterTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private MailSink Sink => factory switch
    {
        NewsletterSqliteFactory s => s.Sink,
        NewsletterPostgresFactory p => p.Sink,
        _ => throw new InvalidOperationException("The newsletter tests need a factory with a mail sink."),
    };

    private const string Base = "/api/v1/pacts/techniekpact/newsletter";

    private Task<int> PactIdAsync(string code = "techniekpact") => factory.InDbAsync(db => db.Pacts.Where(p => p.Code == code).Select(p => p.Id).SingleAsync());
    private Task<int> SubscriberCountAsync() => factory.InDbAsync(db => db.Set<NewsletterSubscriber>().CountAsync());
    private Task<int> EditionCountAsync() => factory.InDbAsync(db => db.Set<NewsletterEdition>().CountAsync());

    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}@example.org";

    /// <summary>Requests, reads the confirmation mail from the sink, and confirms over the API, as a reader would.</summary>
    private async Task<string> SubscribeAsync(string email)
    {
        var response = await Anonymous(factory).PostAsJsonAsync($"{Base}/subscriptions", new { email });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var mail = (await Sink.WaitForAsync(email)).Last();
        var token = ConfirmToken(mail);
        var confirmed = await Anonymous(factory).PostAsJsonAsync("/api/v1/newsletter/confirm", new { token });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        return token;
    }

    private static string ConfirmToken(MimeMessage mail) =>
        Uri.UnescapeDataString(ConfirmLink().Match(mail.TextBody ?? "").Groups[1].Value);

    /// <summary>Subscribers of a pact written straight into the database (for the sends; the opt-in has its own tests).</summary>
    private async Task<List<string>> AddSubscribersAsync(int count, string code = "techniekpact")
    {
        var pactId = await PactIdAsync(code);
        var emails = Enumerable.Range(1, count).Select(i => Unique($"lezer{i}")).ToList();
        await factory.InDbAsync(db =>
        {
            foreach (var e in emails)
                db.Add(new NewsletterSubscriber { PactId = pactId, Email = e, ConfirmedAt = DateTime.UtcNow, UnsubscribeKey = Convert.ToHexString(Guid.NewGuid().ToByteArray()).ToLowerInvariant() + "00000000" });
            return db.SaveChangesAsync();
        });
        return emails;
    }

    private Task<int> PublishedPracticeAsync(string code = "techniekpact") =>
        factory.InDbAsync(db => db.Set<Practice>().Where(p => p.Status == PracticeStatus.Published && db.Pacts.Any(x => x.Id == p.PactId && x.Code == code)).Select(p => p.Id).FirstAsync());

    private async Task<int> PublicEventAsync(bool isPublic = true)
    {
        var pactId = await PactIdAsync();
        var e = new Event
        {
            PactId = pactId, Title = (isPublic ? "Open dag " : "Geheim overleg ") + Guid.NewGuid().ToString("N")[..6], IsPublic = isPublic,
            Kind = isPublic ? EventKind.Event : EventKind.SteeringGroup, StartsAt = DateTime.UtcNow.AddDays(30), EndsAt = DateTime.UtcNow.AddDays(30).AddHours(2),
        };
        await factory.InDbAsync(db => { db.Events.Add(e); return db.SaveChangesAsync(); });
        return e.Id;
    }

    private async Task<JsonElement> CreateAsync(HttpClient coordinator, object body)
    {
        var response = await coordinator.PostAsJsonAsync($"{Base}/editions", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadAsync<JsonElement>();
    }

    private async Task WaitUntilSentAsync(int editionId)
    {
        for (var i = 0; i < 600; i++)
        {
            if (await factory.InDbAsync(db => db.Set<NewsletterEdition>().Where(e => e.Id == editionId).Select(e => e.Status).SingleAsync()) == EditionStatus.Sent)
                return;
            await Task.Delay(100);
        }
        throw new TimeoutException($"Edition {editionId} was not sent.");
    }

    [Fact]
    public async Task Double_opt_in_subscribes_only_after_the_mailed_link_is_confirmed_and_stores_nothing_before()
    {
        var email = Unique("anna");
        var before = await SubscriberCountAsync();
        var response = await Anonymous(factory).PostAsJsonAsync($"{Base}/subscriptions", new { email = "  " + email.ToUpperInvariant() + " " });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var mail = (await Sink.WaitForAsync(email)).Single();
        // Nothing is stored until the reader confirms: not the address, not a pending row.
        Assert.Equal(before, await SubscriberCountAsync());
        Assert.False(await factory.InDbAsync(db => db.Set<NewsletterSubscriber>().AnyAsync(s => s.Email == email)));

        var token = ConfirmToken(mail);
        Assert.Contains("/nieuwsbrief/bevestigen?token=", mail.TextBody);
        var confirmed = await Anonymous(factory).PostAsJsonAsync("/api/v1/newsletter/confirm", new { token });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal(before + 1, await SubscriberCountAsync());
        // The same link twice: still one subscription.
        Assert.Equal(HttpStatusCode.OK, (await Anonymous(factory).PostAsJsonAsync("/api/v1/newsletter/confirm", new { token })).StatusCode);
        Assert.Equal(before + 1, await SubscriberCountAsync());

        // Asking again for a subscribed address answers exactly as for a new one: nothing leaks.
        var again = await Anonymous(factory).PostAsJsonAsync($"{Base}/subscriptions", new { email });
        var fresh = await Anonymous(factory).PostAsJsonAsync($"{Base}/subscriptions", new { email = Unique("nieuw") });
        Assert.Equal(fresh.StatusCode, again.StatusCode);
        Assert.Equal(await fresh.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        Assert.Equal(before + 1, await SubscriberCountAsync());

        var audit = await factory.InDbAsync(db => db.AuditEntries.Where(a => a.Action == "NewsletterSubscribed").Select(a => a.After).ToListAsync());
        Assert.NotEmpty(audit);
        Assert.DoesNotContain(audit, a => a!.Contains(email, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task The_confirmation_page_asks_before_it_subscribes_and_refuses_forged_and_expired_links()
    {
        var email = Unique("pagina");
        await Anonymous(factory).PostAsJsonAsync($"{Base}/subscriptions", new { email });
        var token = ConfirmToken((await Sink.WaitForAsync(email)).Single());
        var client = Anonymous(factory);
        var before = await SubscriberCountAsync();

        // Opening the link (as a mail scanner would) subscribes no one.
        var url = $"/nieuwsbrief/bevestigen?token={Uri.EscapeDataString(token)}";
        Assert.Contains("Ja, ik wil de nieuwsbrief ontvangen", await client.GetStringAsync(url));
        Assert.Equal(before, await SubscriberCountAsync());
        var posted = await PostFormAsync(client, url, new() { ["Token"] = token });
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("Je bent aangemeld", await posted.Content.ReadAsStringAsync());
        Assert.Equal(before + 1, await SubscriberCountAsync());

        // A token signed for another purpose, an altered one, and an expired one change nothing.
        var protection = factory.Services.GetRequiredService<IDataProtectionProvider>();
        var pactId = await PactIdAsync();
        var expired = protection.CreateProtector("Pactwerk.Newsletter.Confirm.v1").ToTimeLimitedDataProtector()
            .Protect($"{pactId}\n{Unique("verlopen")}", DateTimeOffset.UtcNow.AddMinutes(-1));
        var otherPurpose = protection.CreateProtector("iets anders").ToTimeLimitedDataProtector()
            .Protect($"{pactId}\n{Unique("ander")}", DateTimeOffset.UtcNow.AddDays(1));
        foreach (var bad in new[] { expired, otherPurpose, token[..^4] + "AAAA", "", "onzin" })
        {
            var api = await Anonymous(factory).PostAsJsonAsync("/api/v1/newsletter/confirm", new { token = bad });
            Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
            Assert.Contains("ongeldig of verlopen", await api.Content.ReadAsStringAsync());
            var page = await PostFormAsync(client, "/nieuwsbrief/bevestigen?token=x", new() { ["Token"] = bad });
            Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
            Assert.Contains("ongeldig of verlopen", await page.Content.ReadAsStringAsync());
        }
        Assert.Equal(before + 1, await SubscriberCountAsync());
    }

    [Theory]
    [InlineData("geen-adres")]
    [InlineData("a@b")]
    [InlineData("twee@@example.org")]
    [InlineData("spatie in@example.org")]
    [InlineData("")]
    public async Task An_invalid_address_gets_a_clear_message_and_no_mail(string email)
    {
        var mails = Sink.Received.Count;
        var response = await Anonymous(factory).PostAsJsonAsync($"{Base}/subscriptions", new { email });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("geldig e-mailadres", await response.Content.ReadAsStringAsync());
        await Task.Delay(300);
        Assert.Equal(mails, Sink.Received.Count);
    }

    [Fact]
    public async Task Repeated_requests_are_limited_per_address_and_per_client_with_a_friendly_message()
    {
        // Per e-mail address: three requests an hour, whoever sends them.
        var email = Unique("vaak");
        for (var i = 0; i < 3; i++)
        {
            var r = await SendFromAsync($"10.1.0.{i + 1}", email);
            Assert.True(r.StatusCode == HttpStatusCode.Accepted, await r.Content.ReadAsStringAsync());
        }
        var fourth = await SendFromAsync("10.1.0.9", email);
        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        Assert.Contains("te veel aanmeldingen", await fourth.Content.ReadAsStringAsync());
        await Sink.WaitForAsync(email, 3);
        await Task.Delay(300);
        Assert.Equal(3, Sink.To(email).Count);

        // Per client address: 20 attempts an hour in the tests' settings, valid or not.
        for (var i = 0; i < 20; i++)
            Assert.Equal(HttpStatusCode.BadRequest, (await SendFromAsync("10.2.0.1", "geen-adres")).StatusCode);
        var limited = await SendFromAsync("10.2.0.1", Unique("script"));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);

        Assert.Equal(0, await factory.InDbAsync(db => db.Set<NewsletterSubscriber>().CountAsync(s => s.Email == email)));
    }

    private async Task<HttpResponseMessage> SendFromAsync(string ip, string email)
    {
        var context = await factory.Server.SendAsync(c =>
        {
            c.Request.Method = "POST";
            c.Request.Path = $"{Base}/subscriptions";
            c.Request.ContentType = "application/json";
            var body = JsonSerializer.SerializeToUtf8Bytes(new { email });
            c.Request.Host = new Microsoft.AspNetCore.Http.HostString("localhost");
            c.Request.ContentLength = body.Length;
            c.Request.Body = new MemoryStream(body);
            c.Features.Set<Microsoft.AspNetCore.Http.Features.IHttpRequestBodyDetectionFeature>(new HasBody());
            c.Connection.RemoteIpAddress = IPAddress.Parse(ip);
        });
        var response = new HttpResponseMessage((HttpStatusCode)context.Response.StatusCode);
        response.Content = new StreamContent(context.Response.Body);
        return response;
    }

    [Fact]
    public async Task One_click_unsubscribe_works_without_sign_in_twice_is_harmless_and_a_forged_key_changes_nothing()
    {
        var email = Unique("weg");
        await SubscribeAsync(email);
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var practice = await PublishedPracticeAsync();
        var edition = await CreateAsync(coordinator, new { title = "Afmeldtest", items = new[] { new { kind = "Practice", id = practice } } });
        var id = edition.GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.Accepted, (await coordinator.PostAsJsonAsync($"{Base}/editions/{id}/send", new { version = edition.GetProperty("version").GetInt32() })).StatusCode);
        var mail = (await Sink.WaitForAsync(email, where: m => m.Subject == "Afmeldtest")).Single();

        Assert.Equal("List-Unsubscribe=One-Click", mail.Headers["List-Unsubscribe-Post"]);
        var header = Regex.Match(mail.Headers["List-Unsubscribe"] ?? "", "<(https?://[^>]+)>").Groups[1].Value;
        var oneClick = new Uri(header).PathAndQuery;
        Assert.StartsWith("/api/v1/newsletter/unsubscribe?token=", oneClick);
        Assert.Contains("/nieuwsbrief/afmelden?token=", mail.TextBody);
        Assert.Contains("/nieuwsbrief/afmelden?token=", mail.HtmlBody);

        var forged = Regex.Replace(oneClick, "token=([0-9]+)\\.[0-9a-f]+", m => $"token={m.Groups[1].Value}.{new string('0', 40)}");
        var refused = await Anonymous(factory).PostAsync(forged, new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True(await factory.InDbAsync(db => db.Set<NewsletterSubscriber>().AnyAsync(s => s.Email == email)));

        // As a mail program does it (RFC 8058): a POST with this form body, no cookie, no antiforgery token.
        var done = await Anonymous(factory).PostAsync(oneClick, new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.False(await factory.InDbAsync(db => db.Set<NewsletterSubscriber>().AnyAsync(s => s.Email == email)));
        var twice = await Anonymous(factory).PostAsync(oneClick, new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
        Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
        // The page link of the mail also answers kindly once the address is gone.
        var page = new Uri(Regex.Match(mail.TextBody ?? "", "(https?://\\S+/nieuwsbrief/afmelden\\?token=\\S+)").Groups[1].Value).PathAndQuery;
        var client = Anonymous(factory);
        var again = await PostFormAsync(client, page, new() { ["Token"] = Uri.UnescapeDataString(page[(page.IndexOf("token=") + 6)..]) });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("Je bent afgemeld", await again.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await Anonymous(factory).PostAsJsonAsync("/api/v1/newsletter/unsubscribe", new { token = "12.kapot" })).StatusCode);
    }

    [Fact]
    public async Task A_sent_edition_reaches_every_confirmed_subscriber_once_with_both_parts_and_lands_in_the_public_archive()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var readers = await AddSubscribersAsync(4);
        var zorg = await AddSubscribersAsync(1, "zorgpact");
        var practice = await PublishedPracticeAsync();
        var practiceTitle = await factory.InDbAsync(db => db.Set<Practice>().Where(p => p.Id == practice).Select(p => p.Title).SingleAsync());
        var eventId = await PublicEventAsync();
        var eventTitle = await factory.InDbAsync(db => db.Events.Where(e => e.Id == eventId).Select(e => e.Title).SingleAsync());
        var release = await factory.InDbAsync(db => db.DataReleases.Select(r => r.Id).FirstAsync());

        var edition = await CreateAsync(coordinator, new
        {
            title = "Nieuwsbrief juni",
            introduction = "## Welkom\n\nDit is **de** nieuwsbrief.",
            items = new object[] { new { kind = "Event", id = eventId }, new { kind = "Practice", id = practice }, new { kind = "MonitorRelease", id = release } },
        });
        var id = edition.GetProperty("id").GetInt32();
        // A draft is not public.
        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous(factory).GetAsync($"/pact/techniekpact/nieuwsbrief/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous(factory).GetAsync($"{Base}/editions/{id}")).StatusCode);
        Assert.DoesNotContain("Nieuwsbrief juni", await Anonymous(factory).GetStringAsync($"{Base}/editions"));
        // The preview has the order the coordinator chose.
        var preview = edition.GetProperty("html").GetString()!;
        Assert.True(preview.IndexOf(eventTitle, StringComparison.Ordinal) < preview.IndexOf(WebUtility.HtmlEncode(practiceTitle), StringComparison.Ordinal));
        Assert.Contains("<strong>de</strong>", preview);
        Assert.Contains(practiceTitle, edition.GetProperty("text").GetString());

        var subscribers = await factory.InDbAsync(db => db.Set<NewsletterSubscriber>().CountAsync(s => db.Pacts.Any(p => p.Id == s.PactId && p.Code == "techniekpact")));
        var send = await coordinator.PostAsJsonAsync($"{Base}/editions/{id}/send", new { version = edition.GetProperty("version").GetInt32() });
        Assert.Equal(HttpStatusCode.Accepted, send.StatusCode);
        await WaitUntilSentAsync(id);

        var deliveries = await factory.InDbAsync(db => db.Set<NewsletterDelivery>().Where(d => d.EditionId == id).ToListAsync());
        Assert.Equal(subscribers, deliveries.Count);
        Assert.All(deliveries, d => Assert.Equal(DeliveryState.Sent, d.State));
        foreach (var reader in readers)
        {
            var mail = Sink.To(reader).Where(m => m.Subject == "Nieuwsbrief juni").ToList();
            Assert.Single(mail);
            Assert.Contains(practiceTitle, mail[0].TextBody);
            Assert.Contains(WebUtility.HtmlEncode(practiceTitle), mail[0].HtmlBody);
            Assert.Contains(eventTitle, mail[0].HtmlBody);
            Assert.Contains("Nieuwe cijfers in de monitor", mail[0].TextBody);
            Assert.NotNull(mail[0].Headers["List-Unsubscribe"]);
        }
        Assert.DoesNotContain(Sink.To(zorg[0]), m => m.Subject == "Nieuwsbrief juni");

        var archive = await Anonymous(factory).GetStringAsync("/pact/techniekpact/nieuwsbrief");
        Assert.Contains($"/pact/techniekpact/nieuwsbrief/{id}", archive);
        var page = await Anonymous(factory).GetStringAsync($"/pact/techniekpact/nieuwsbrief/{id}");
        Assert.Contains(eventTitle, page);
        Assert.Contains("Nieuwsbrief juni", await Anonymous(factory).GetStringAsync($"{Base}/editions"));
        var api = await Anonymous(factory).GetFromJsonAsync<JsonElement>($"{Base}/editions/{id}");
        Assert.Equal("Sent", api.GetProperty("status").GetString());
        Assert.Equal(subscribers, api.GetProperty("recipientCount").GetInt32());

        var audit = await factory.InDbAsync(db => db.AuditEntries.Where(a => a.EntityType == nameof(NewsletterEdition) && a.EntityId == id.ToString()).Select(a => a.Action).ToListAsync());
        Assert.Contains("Created", audit);
        Assert.Contains("NewsletterSent", audit);
    }

    [Fact]
    public async Task While_another_instance_holds_the_deliveries_this_one_sends_nothing_and_takes_over_when_its_lease_lapses()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var readers = await AddSubscribersAsync(2);
        // Another instance on this database holds the deliveries (this one's worker renews its own lease every round).
        async Task HeldByAsync(string holder, DateTime until) => await factory.InDbAsync(async db =>
            await db.JobLeases.Where(l => l.Name == NewsletterWorker.Lease).ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.Until, until)) == 1
                ? 1
                : await db.Database.ExecuteSqlInterpolatedAsync(
                    $"INSERT INTO \"JobLeases\" (\"Name\", \"Holder\", \"TakenAt\", \"Until\") VALUES ({NewsletterWorker.Lease}, {holder}, {DateTime.UtcNow}, {until})"));
        await HeldByAsync("other-instance", DateTime.UtcNow.AddHours(1));

        var edition = await CreateAsync(coordinator, new { title = "Overname", introduction = "Eén keer." });
        var id = edition.GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.Accepted, (await coordinator.PostAsJsonAsync($"{Base}/editions/{id}/send", new { version = edition.GetProperty("version").GetInt32() })).StatusCode);
        await Task.Delay(1500);
        Assert.All(await factory.InDbAsync(db => db.Set<NewsletterDelivery>().Where(d => d.EditionId == id).ToListAsync()), d => Assert.Equal(DeliveryState.Pending, d.State));
        Assert.All(readers, r => Assert.DoesNotContain(Sink.To(r), m => m.Subject == "Overname"));

        // That instance is gone: once its lease lapses, this one takes the deliveries and sends each once.
        await HeldByAsync("other-instance", DateTime.UtcNow.AddSeconds(-1));
        await WaitUntilSentAsync(id);
        foreach (var reader in readers)
            Assert.Single(Sink.To(reader), m => m.Subject == "Overname");
        Assert.NotEqual("other-instance", await factory.InDbAsync(db => db.JobLeases.Where(l => l.Name == NewsletterWorker.Lease).Select(l => l.Holder).SingleAsync()));
    }

    [Fact]
    public async Task Sending_twice_is_refused_and_resends_nothing_and_a_sent_edition_cannot_be_edited()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var readers = await AddSubscribersAsync(2);
        var edition = await CreateAsync(coordinator, new { title = "Eenmalig", introduction = "Alleen tekst." });
        var id = edition.GetProperty("id").GetInt32();
        var version = edition.GetProperty("version").GetInt32();
        Assert.Equal(HttpStatusCode.Accepted, (await coordinator.PostAsJsonAsync($"{Base}/editions/{id}/send", new { version })).StatusCode);
        await WaitUntilSentAsync(id);
        var deliveries = await factory.InDbAsync(db => db.Set<NewsletterDelivery>().CountAsync(d => d.EditionId == id));
        var current = await factory.InDbAsync(db => db.Set<NewsletterEdition>().AsNoTracking().SingleAsync(e => e.Id == id));

        var second = await coordinator.PostAsJsonAsync($"{Base}/editions/{id}/send", new { version = current.Version });
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("al verstuurd", await second.Content.ReadAsStringAsync());
        var edit = await coordinator.PutAsJsonAsync($"{Base}/editions/{id}", new { title = "Anders", introduction = "Nieuw.", version = current.Version });
        Assert.Equal(HttpStatusCode.Conflict, edit.StatusCode);
        Assert.Contains("niet meer worden gewijzigd", await edit.Content.ReadAsStringAsync());
        var page = await PostFormAsync(coordinator, $"/pact/techniekpact/nieuwsbrief/{id}/bewerken?handler=Send", new() { ["Version"] = current.Version.ToString() },
            $"/pact/techniekpact/nieuwsbrief/{id}/bewerken");
        Assert.Equal(HttpStatusCode.Conflict, page.StatusCode);

        await Task.Delay(500);
        Assert.Equal(deliveries, await factory.InDbAsync(db => db.Set<NewsletterDelivery>().CountAsync(d => d.EditionId == id)));
        foreach (var reader in readers)
            Assert.Single(Sink.To(reader), m => m.Subject == "Eenmalig");
        var after = await factory.InDbAsync(db => db.Set<NewsletterEdition>().AsNoTracking().SingleAsync(e => e.Id == id));
        Assert.Equal(("Eenmalig", current.Version, current.SentAt), (after.Title, after.Version, after.SentAt));
    }

    [Fact]
    public async Task Internal_meetings_draft_practices_other_pacts_content_and_unknown_kinds_cannot_get_into_an_edition_by_page_or_API()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var meeting = await PublicEventAsync(isPublic: false);
        var draft = await factory.InDbAsync(async db =>
        {
            var p = new Practice { PactId = await PactIdAsync(), Title = "Geheim concept", Summary = "Nog niet klaar." };
            db.Add(p);
            await db.SaveChangesAsync();
            return p.Id;
        });
        var zorgPractice = await PublishedPracticeAsync("zorgpact");
        var caseId = await factory.InDbAsync(db => db.LearningNetworkCases.Select(c => c.Id).FirstAsync());
        var practice = await PublishedPracticeAsync();
        var editions = await EditionCountAsync();
        var items = await factory.InDbAsync(db => db.Set<NewsletterItem>().CountAsync());

        foreach (var (kind, id) in new[] { ("Event", meeting), ("Practice", draft), ("Practice", zorgPractice), ("Event", int.MaxValue) })
        {
            var api = await coordinator.PostAsJsonAsync($"{Base}/editions", new { title = "Lek", items = new[] { new { kind = "Practice", id = practice }, new { kind, id } } });
            Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
            Assert.Contains("Onderdeel 2 bestaat niet of is niet openbaar", await api.Content.ReadAsStringAsync());

            var page = await PostFormAsync(coordinator, "/pact/techniekpact/nieuwsbrief/nieuw?handler=Save",
                new() { ["Title"] = "Lek", ["Pick"] = $"{kind}:{id}", ["Version"] = "0" }, "/pact/techniekpact/nieuwsbrief/nieuw");
            Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
            Assert.Contains("Onderdeel 1 bestaat niet of is niet openbaar", await page.Content.ReadAsStringAsync());
        }
        // A learning-network case is no kind of item at all.
        Assert.Equal(HttpStatusCode.BadRequest, (await coordinator.PostAsJsonAsync($"{Base}/editions",
            new { title = "Lek", items = new[] { new { kind = "LearningNetworkCase", id = caseId } } })).StatusCode);
        // The picker does not offer them either.
        var picker = await coordinator.GetStringAsync("/pact/techniekpact/nieuwsbrief/nieuw");
        Assert.DoesNotContain("Geheim overleg", picker);
        Assert.DoesNotContain("Geheim concept", picker);
        var candidates = await coordinator.GetFromJsonAsync<JsonElement>($"{Base}/candidates");
        Assert.DoesNotContain(candidates.EnumerateArray(), c => c.GetProperty("kind").GetString() == "Event" && c.GetProperty("id").GetInt32() == meeting);
        Assert.DoesNotContain(candidates.EnumerateArray(), c => c.GetProperty("kind").GetString() == "Practice" && c.GetProperty("id").GetInt32() == draft);

        // Editing a draft to hold an internal meeting is refused and leaves the draft as it was.
        var edition = await CreateAsync(coordinator, new { title = "Open", items = new[] { new { kind = "Practice", id = practice } } });
        var editionId = edition.GetProperty("id").GetInt32();
        var put = await coordinator.PutAsJsonAsync($"{Base}/editions/{editionId}", new
            { title = "Open", items = new[] { new { kind = "Event", id = meeting } }, version = edition.GetProperty("version").GetInt32() });
        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Equal(editions + 1, await EditionCountAsync());
        Assert.Equal(items + 1, await factory.InDbAsync(db => db.Set<NewsletterItem>().CountAsync()));

        // An event picked while public and made internal afterwards stops the send.
        var turning = await PublicEventAsync();
        var later = await CreateAsync(coordinator, new { title = "Omslag", items = new[] { new { kind = "Event", id = turning } } });
        await factory.InDbAsync(db => db.Events.Where(e => e.Id == turning).ExecuteUpdateAsync(s => s.SetProperty(e => e.IsPublic, false)));
        var send = await coordinator.PostAsJsonAsync($"{Base}/editions/{later.GetProperty("id").GetInt32()}/send", new { version = later.GetProperty("version").GetInt32() });
        Assert.Equal(HttpStatusCode.BadRequest, send.StatusCode);
        var laterId = later.GetProperty("id").GetInt32();
        Assert.Equal(EditionStatus.Draft, await factory.InDbAsync(db => db.Set<NewsletterEdition>().Where(e => e.Id == laterId).Select(e => e.Status).SingleAsync()));
        Assert.Equal(0, await factory.InDbAsync(db => db.Set<NewsletterDelivery>().CountAsync(d => d.EditionId == laterId)));
    }

    [Fact]
    public async Task Bad_edition_input_gets_a_clear_message_and_changes_nothing()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var editions = await EditionCountAsync();

        var empty = await coordinator.PostAsJsonAsync($"{Base}/editions", new { title = "Leeg", introduction = "  " });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("minstens één onderdeel of een tekst", await empty.Content.ReadAsStringAsync());

        var huge = new string('a', 5 * 1024 * 1024);
        var big = await coordinator.PostAsJsonAsync($"{Base}/editions", new { title = "Groot", introduction = huge });
        Assert.Equal(HttpStatusCode.BadRequest, big.StatusCode);
        Assert.Contains("langer dan 20000 tekens", await big.Content.ReadAsStringAsync());
        var bigPage = await PostFormAsync(coordinator, "/pact/techniekpact/nieuwsbrief/nieuw?handler=Save",
            new() { ["Title"] = "Groot", ["Introduction"] = huge, ["Version"] = "0" }, "/pact/techniekpact/nieuwsbrief/nieuw");
        Assert.Equal(HttpStatusCode.BadRequest, bigPage.StatusCode);
        Assert.Contains("langer dan 20000 tekens", await bigPage.Content.ReadAsStringAsync());

        var untitled = await coordinator.PostAsJsonAsync($"{Base}/editions", new { title = "", introduction = "Tekst" });
        Assert.Equal(HttpStatusCode.BadRequest, untitled.StatusCode);
        var unknownPact = await coordinator.PostAsJsonAsync("/api/v1/pacts/bestaatniet/newsletter/editions", new { title = "X", introduction = "Tekst" });
        Assert.Equal(HttpStatusCode.NotFound, unknownPact.StatusCode);
        var twice = await PublishedPracticeAsync();
        var duplicate = await coordinator.PostAsJsonAsync($"{Base}/editions", new { title = "Dubbel", items = new[] { new { kind = "Practice", id = twice }, new { kind = "Practice", id = twice } } });
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        var other = await SignInAsync(factory, "coordinator@zorgpact.demo");
        Assert.Equal(HttpStatusCode.Forbidden, (await other.PostAsJsonAsync($"{Base}/editions", new { title = "Niet van mij", introduction = "Tekst" })).StatusCode);
        var page = await other.GetAsync("/pact/techniekpact/nieuwsbrief/nieuw");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/geen-toegang", page.Headers.Location!.OriginalString);
        Assert.Equal(editions, await EditionCountAsync());
    }

    [Fact]
    public async Task Script_iframes_and_javascript_links_in_the_free_text_are_stripped_from_preview_mail_and_archive()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var reader = (await AddSubscribersAsync(1))[0];
        var markdown = "Hallo <script>alert('x')</script> <iframe src=\"https://evil.example\"></iframe>\n\n[klik](javascript:alert(1)) en [goed](https://example.org) <img src=x onerror=alert(2)>";
        var edition = await CreateAsync(coordinator, new { title = "Schoon", introduction = markdown });
        var id = edition.GetProperty("id").GetInt32();
        void Clean(string html)
        {
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<iframe", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
            // Raw HTML is shown as text, never as a tag: no element can carry an event handler.
            Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("href=\"https://example.org\"", html);
        }
        Clean(edition.GetProperty("html").GetString()!);
        var preview = await coordinator.GetStringAsync($"/pact/techniekpact/nieuwsbrief/{id}/bewerken");
        Assert.DoesNotContain("<script>alert", preview);
        Assert.DoesNotContain("<iframe", preview);
        Assert.Equal(HttpStatusCode.Accepted, (await coordinator.PostAsJsonAsync($"{Base}/editions/{id}/send", new { version = edition.GetProperty("version").GetInt32() })).StatusCode);
        await WaitUntilSentAsync(id);
        Clean(Sink.To(reader).Single(m => m.Subject == "Schoon").HtmlBody ?? "");
        var archive = await Anonymous(factory).GetStringAsync($"/pact/techniekpact/nieuwsbrief/{id}");
        Assert.DoesNotContain("<script>alert", archive);
        Assert.DoesNotContain("javascript:alert", archive);
    }

    [Fact]
    public async Task A_temporarily_refusing_server_is_retried_with_backoff_and_a_permanent_refusal_is_recorded_and_not_retried()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var (busy, gone, fine) = (Unique("bezet"), Unique("weg"), Unique("goed"));
        var pactId = await PactIdAsync();
        // Only these three, so the refusals below are all there is to see.
        await factory.InDbAsync(db => db.Set<NewsletterSubscriber>().Where(s => s.PactId == pactId).ExecuteDeleteAsync());
        await factory.InDbAsync(db =>
        {
            foreach (var e in new[] { busy, gone, fine })
                db.Add(new NewsletterSubscriber { PactId = pactId, Email = e, ConfirmedAt = DateTime.UtcNow, UnsubscribeKey = new string('a', 40) });
            return db.SaveChangesAsync();
        });
        var refusedBusy = 0;
        Sink.Refuse = m =>
        {
            var to = m.To.Mailboxes.Single().Address;
            if (to == gone)
                return new SmtpResponse((SmtpReplyCode)550, "mailbox does not exist");
            if (to == busy && Interlocked.Increment(ref refusedBusy) <= 2)
                return new SmtpResponse((SmtpReplyCode)451, "try again later");
            return null;
        };
        try
        {
            var edition = await CreateAsync(coordinator, new { title = "Herkansing", introduction = "Tekst." });
            var id = edition.GetProperty("id").GetInt32();
            var started = DateTime.UtcNow;
            Assert.Equal(HttpStatusCode.Accepted, (await coordinator.PostAsJsonAsync($"{Base}/editions/{id}/send", new { version = edition.GetProperty("version").GetInt32() })).StatusCode);
            await WaitUntilSentAsync(id);

            var deliveries = await factory.InDbAsync(db => db.Set<NewsletterDelivery>().Where(d => d.EditionId == id).ToListAsync());
            var subscribers = await factory.InDbAsync(db => db.Set<NewsletterSubscriber>().Where(s => s.PactId == pactId).ToDictionaryAsync(s => s.Id, s => s.Email));
            var byEmail = deliveries.ToDictionary(d => subscribers[d.SubscriberId!.Value]);
            Assert.Equal((DeliveryState.Sent, 3), (byEmail[busy].State, byEmail[busy].Attempts));
            Assert.Equal((DeliveryState.Failed, 1), (byEmail[gone].State, byEmail[gone].Attempts));
            Assert.StartsWith("550", byEmail[gone].LastError);
            Assert.Equal((DeliveryState.Sent, 1), (byEmail[fine].State, byEmail[fine].Attempts));
            // Two waits of 100 ms and 200 ms (doubling) came before the third attempt.
            Assert.True(byEmail[busy].SentAt - started >= TimeSpan.FromMilliseconds(300), $"{byEmail[busy].SentAt - started}");
            Assert.Single(Sink.To(busy), m => m.Subject == "Herkansing");
            Assert.Empty(Sink.To(gone));
            Assert.Equal(3, refusedBusy);
        }
        finally
        {
            Sink.Refuse = null;
        }
    }

    private sealed class HasBody : Microsoft.AspNetCore.Http.Features.IHttpRequestBodyDetectionFeature
    {
        public bool CanHaveBody => true;
    }

    [GeneratedRegex(@"bevestigen\?token=(\S+)")]
    private static partial Regex ConfirmLink();
}

public sealed class NewsletterTestsSqlite(NewsletterSqliteFactory factory) : NewsletterTests<NewsletterSqliteFactory>(factory);
public sealed class NewsletterTestsPostgres(NewsletterPostgresFactory factory) : NewsletterTests<NewsletterPostgresFactory>(factory);
