using System.Net;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pactwerk.Tests.Infrastructure;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Platform;

/// <summary>
/// Issue 21 item 1: two instances on one database share the data-protection key ring, held in the database,
/// so a sign-in cookie and an antiforgery token made by one are taken by the other.
/// </summary>
public abstract class KeyRingTests<TFactory>(TFactory first) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    [Fact]
    public async Task A_cookie_and_a_form_token_made_by_one_instance_are_taken_by_another_on_the_same_database()
    {
        await using var second = await TargetFactory.SecondInstanceOfAsync(first);
        var cookies = new CookieContainer();
        var a = first.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies));
        var b = second.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies));

        Assert.Equal(HttpStatusCode.Redirect, (await PostSignInAsync(a, "coordinator@techniekpact.demo", DemoPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await b.GetAsync("/account")).StatusCode);

        // A form of instance A, sent to instance B: signing out takes the antiforgery token of the other instance.
        var form = await a.GetStringAsync("/account");
        var signOut = await b.PostAsync("/uitloggen", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = AntiforgeryToken(form) }));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        // The keys both used are the rows in the database, not files on this machine.
        var rows = await first.InDbAsync(db => db.DataProtectionKeys.Select(k => k.FriendlyName!).ToListAsync());
        Assert.NotEmpty(rows);
        foreach (var instance in new PactwerkFactory[] { first, second })
            Assert.Equal(rows.Order(), instance.Services.GetRequiredService<IKeyManager>().GetAllKeys().Select(k => "key-" + k.KeyId).Order());
    }
}

public sealed class KeyRingTestsSqlite(SqliteFactory factory) : KeyRingTests<SqliteFactory>(factory);
public sealed class KeyRingTestsPostgres(PostgresFactory factory) : KeyRingTests<PostgresFactory>(factory);
