using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Tests.Knowledge;
using Pactwerk.Tests.Vouchers;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.LearningAccounts;
using static Pactwerk.Tests.Infrastructure.Session;
using static Pactwerk.Tests.LearningAccounts.LearningAccountBuilder;

namespace Pactwerk.Tests.LearningAccounts;

/// <summary>
/// At 23:30 UTC it is already the next day in the Netherlands: money valid until the UTC day has expired, money valid
/// from the Dutch day pays, a course starting on the UTC day has started, a deposit without a first day is valid from
/// the Dutch day; and amounts in messages are written as the reader's language writes them, at that hour as at any.
/// </summary>
public abstract class LearningDayTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory, IHasClock
{
    private static decimal D(JsonElement e, string name) => e.GetProperty(name).GetDecimal();

    /// <summary>Moves the app's clock to 23:30 UTC of the UTC day it is in, and gives that day.</summary>
    private DateOnly AtHalfPastEleven()
    {
        var now = factory.Clock.GetUtcNow();
        var target = new DateTimeOffset(now.UtcDateTime.Date.AddHours(23).AddMinutes(30), TimeSpan.Zero);
        factory.Clock.Advance(target - now);
        return DateOnly.FromDateTime(target.UtcDateTime);
    }

    [Fact]
    public async Task At_half_past_eleven_UTC_the_area_lives_on_the_Dutch_day()
    {
        var utcDay = AtHalfPastEleven();
        var dutchDay = utcDay.AddDays(1);
        Assert.Equal(dutchDay, LearningDay.Today(factory.Clock));

        const string email = "nacht@example.org";
        var funder = await FunderAsync(factory, "fonds-nacht", FunderKind.SectorFund);
        await factory.InScopeAsync(async services =>
        {
            var user = new PactwerkUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email, CreatedAt = DateTime.UtcNow };
            Assert.True((await services.GetRequiredService<UserManager<PactwerkUser>>().CreateAsync(user, DemoPassword)).Succeeded);
        });
        var account = await AccountAsync(factory, email);
        // Valid until and including the UTC day: in the Netherlands that day is over.
        var lapsed = await DepositAsync(factory, account, funder, 100_00, validFrom: utcDay.AddDays(-10), validUntil: utcDay);
        // Valid from the Dutch day: it pays today.
        var fresh = await DepositAsync(factory, account, funder, 500_00, validFrom: dutchDay, validUntil: dutchDay.AddDays(30));

        // The expiry by the UTC date would post nothing; the hourly job's pass, on the Dutch day, expires the lapsed money.
        Assert.Equal(0, await LedgerAsync(factory, ledger => ledger.ExpireAsync(utcDay, CancellationToken.None)));
        Assert.Equal(1, await LedgerAsync(factory, ledger => ledger.ExpireDueAsync(CancellationToken.None)));
        var sums = await SumsAsync(factory, account);
        Assert.Equal((100_00L, 0L), (sums[(lapsed, LedgerBucket.Expired)], sums.GetValueOrDefault((lapsed, LedgerBucket.Available))));
        Assert.Equal(500_00, sums[(fresh, LedgerBucket.Available)]);
        Assert.False(sums.ContainsKey((fresh, LedgerBucket.Expired)));

        // A course starting on the UTC day has started in the Netherlands: the next start is offered; the fresh money pays.
        var scheme = await VoucherSchemeBuilder.SchemeAsync(factory, "leer-nacht", 50_000m, 400m);
        var expensive = await VoucherSchemeBuilder.SchemeAsync(factory, "leer-nacht-duur", 50_000m, 1500m);
        await factory.InDbAsync(db => db.VoucherCourses.Where(c => c.Id == scheme.CourseId || c.Id == expensive.CourseId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.StartDates, new List<DateOnly> { utcDay, dutchDay })));
        var holder = await SignInAsync(factory, email);
        var preview = await holder.GetFromJsonAsync<JsonElement>($"/api/v1/learning-accounts/me/bookings/preview?course={scheme.CourseId}");
        Assert.Equal([dutchDay.ToString("yyyy-MM-dd")], preview.GetProperty("starts").EnumerateArray().Select(s => s.GetString()!));
        Assert.Equal(dutchDay.ToString("yyyy-MM-dd"), preview.GetProperty("start").GetString());
        Assert.Equal((400m, 400m, 0m), (D(preview, "price"), D(preview, "fromAccount"), D(preview, "coPayment")));
        Assert.Equal([fresh], preview.GetProperty("paying").EnumerateArray().Select(p => p.GetProperty("depositId").GetInt64()));
        var started = await holder.PostAsJsonAsync("/api/v1/learning-accounts/me/bookings", new { course = scheme.CourseId, start = utcDay.ToString("yyyy-MM-dd") });
        Assert.Equal(HttpStatusCode.BadRequest, started.StatusCode);

        // A deposit without a first day is valid from the Dutch day.
        var admin = await SignInAsync(factory, "beheerder@pactwerk.demo");
        var made = await admin.PostAsJsonAsync("/api/v1/funders/fonds-nacht/deposits",
            new { email = "nacht-storting@example.org", amount = 10m, validUntil = "2030-12-31", followsPerson = true, reference = "NACHT-1" });
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        Assert.Equal(dutchDay.ToString("yyyy-MM-dd"), (await made.ReadAsync<JsonElement>()).GetProperty("validFrom").GetString());

        // Amounts in a message in the reader's language: € 500,00 of € 1.500,00 in Dutch, € 500.00 of € 1,500.00 in English.
        var dutch = await holder.GetFromJsonAsync<JsonElement>($"/api/v1/learning-accounts/me/bookings/preview?course={expensive.CourseId}");
        Assert.Equal("Uw leerrekening dekt € 500,00 van de prijs van € 1.500,00; een eigen bijdrage is in deze regeling niet mogelijk. Er is niets geboekt.",
            dutch.GetProperty("refusal").GetString());
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/learning-accounts/me/bookings/preview?course={expensive.CourseId}");
        request.Headers.AcceptLanguage.ParseAdd("en");
        var english = await (await holder.SendAsync(request)).ReadAsync<JsonElement>();
        Assert.Equal("Your learning account covers € 500.00 of the price of € 1,500.00; this scheme allows no co-payment of your own. Nothing was booked.",
            english.GetProperty("refusal").GetString());
    }
}

/// <summary>The app on a clock the test moves; the hourly expiry job is left to the test, which calls its pass itself.</summary>
public sealed class LearningDaySqliteFactory : SqliteFactory, IHasClock
{
    public TestClock Clock { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s =>
        {
            s.AddSingleton<TimeProvider>(Clock);
            foreach (var worker in s.Where(d => d.ImplementationType == typeof(LedgerExpiryWorker)).ToList())
                s.Remove(worker);
        });
    }
}

public sealed class LearningDayPostgresFactory : PostgresFactory, IHasClock
{
    public TestClock Clock { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s =>
        {
            s.AddSingleton<TimeProvider>(Clock);
            foreach (var worker in s.Where(d => d.ImplementationType == typeof(LedgerExpiryWorker)).ToList())
                s.Remove(worker);
        });
    }
}

public sealed class LearningDaySqlite(LearningDaySqliteFactory factory) : LearningDayTests<LearningDaySqliteFactory>(factory);
public sealed class LearningDayPostgres(LearningDayPostgresFactory factory) : LearningDayTests<LearningDayPostgresFactory>(factory);
