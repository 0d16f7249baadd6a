using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Tests.Vouchers;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.LearningAccounts;
using Pactwerk.Web.Features.Vouchers;
using static Pactwerk.Tests.Infrastructure.Session;
using static Pactwerk.Tests.LearningAccounts.LearningAccountBuilder;

namespace Pactwerk.Tests.LearningAccounts;

/// <summary>
/// The holder's pages in Dutch and English: the account with its balance per funder, the booking page that shows which
/// money pays and why before the holder confirms, cancel and confirm delivery; the provider's page to confirm delivery.
/// Nobody else sees or changes a booking; a wrong start date is refused at the field and changes nothing.
/// </summary>
public abstract class LearningAccountPagesTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private async Task<(HttpClient Client, long Account)> HolderAsync(string email)
    {
        await factory.InScopeAsync(async services =>
        {
            var user = new PactwerkUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email, CreatedAt = DateTime.UtcNow };
            Assert.True((await services.GetRequiredService<UserManager<PactwerkUser>>().CreateAsync(user, DemoPassword)).Succeeded);
        });
        return (await SignInAsync(factory, email), await AccountAsync(factory, email));
    }

    [Fact]
    public async Task The_holder_sees_which_money_pays_and_why_books_cancels_and_with_the_provider_confirms_delivery_in_Dutch_and_English()
    {
        var fund = await FunderAsync(factory, "fonds-p1", FunderKind.SectorFund, priority: 1);
        var employer = await FunderAsync(factory, "werkg-p1", FunderKind.Employer, priority: 2);
        var (holder, account) = await HolderAsync("pagina@example.org");
        await DepositAsync(factory, account, fund, 400_00, Today.AddDays(90), levels: ["mbo-4"]);
        await DepositAsync(factory, account, employer, 1000_00, Today.AddDays(90));
        await DepositAsync(factory, account, fund, 250_00, Today.AddDays(30), sectors: ["zorg"]);
        var scheme = await VoucherSchemeBuilder.SchemeAsync(factory, "leer-p1", 50_000m, 600.50m);
        await factory.InDbAsync(async db =>
        {
            var course = await db.VoucherCourses.SingleAsync(c => c.Id == scheme.CourseId);
            course.StartDates = [Today, Today.AddDays(7)];
            return await db.SaveChangesAsync();
        });

        // The account page: the balance in Dutch money, per funder.
        var page = await holder.GetStringAsync("/leerrekening");
        Assert.Contains("Mijn leerrekening", page);
        Assert.Contains("€ 1.650,00", page);
        Assert.Contains("Fonds werkg-p1", page);

        // The catalogue leads to the course; its page says which money pays and why, before anything is booked.
        Assert.Contains($"/leerrekening/boeken?course={scheme.CourseId}", await holder.GetStringAsync("/leerrekening/boeken"));
        var preview = await holder.GetStringAsync($"/leerrekening/boeken?course={scheme.CourseId}");
        Assert.Contains("Welk geld betaalt, en waarom", preview);
        Assert.Contains("€ 400,00", preview);
        Assert.Contains("€ 200,50", preview);
        Assert.Contains("Het niveau mbo-4 valt onder de bestemming van de storting.", preview);
        Assert.Contains("De sector techniek valt niet onder de bestemming van de storting (zorg).", preview);
        Assert.Equal(0, await factory.InDbAsync(db => db.LearningBookings.CountAsync(b => b.AccountId == account)));

        // In English too.
        var english = await SignInAsync(factory, "pagina@example.org");
        Assert.Equal(HttpStatusCode.Redirect, (await english.GetAsync("/taal?culture=en&returnUrl=%2F")).StatusCode);
        var inEnglish = await english.GetStringAsync($"/leerrekening/boeken?course={scheme.CourseId}");
        Assert.Contains("Which money pays, and why", inEnglish);
        Assert.Contains("The sector techniek does not fall within the deposit's earmark (zorg).", System.Net.WebUtility.HtmlDecode(inEnglish));
        Assert.Contains("€ 600.50", inEnglish);

        // A start date the course does not have: refused at the field, nothing booked.
        var wrong = await PostFormAsync(holder, "/leerrekening/boeken", new() { ["Course"] = scheme.CourseId.ToString(), ["Start"] = "2020-01-01" },
            $"/leerrekening/boeken?course={scheme.CourseId}");
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("De opleiding start niet op 2020-01-01", await wrong.Content.ReadAsStringAsync());
        Assert.Equal(0, await factory.InDbAsync(db => db.LearningBookings.CountAsync(b => b.AccountId == account)));

        // Booked with only the required fields, in English.
        var booked = await PostFormAsync(english, "/leerrekening/boeken", new() { ["Course"] = scheme.CourseId.ToString(), ["Start"] = Today.ToString("yyyy-MM-dd") },
            $"/leerrekening/boeken?course={scheme.CourseId}");
        Assert.Equal(HttpStatusCode.Redirect, booked.StatusCode);
        var id = await factory.InDbAsync(db => db.LearningBookings.Where(b => b.AccountId == account).Select(b => b.Id).SingleAsync());
        Assert.Contains($"Booked: course {LearningBooking.CodeOf(id)} is reserved on your learning account.", await english.GetStringAsync(booked.Headers.Location!.OriginalString));
        // A second one, cancelled on the account page.
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(holder, "/leerrekening/boeken", new() { ["Course"] = scheme.CourseId.ToString(), ["Start"] = Today.AddDays(7).ToString("yyyy-MM-dd") },
            $"/leerrekening/boeken?course={scheme.CourseId}")).StatusCode);
        // Not enough left for a third: the page says so and offers no confirm button.
        var third = await holder.GetStringAsync($"/leerrekening/boeken?course={scheme.CourseId}");
        Assert.DoesNotContain("Boeking bevestigen", third);
        var second = await factory.InDbAsync(db => db.LearningBookings.Where(b => b.AccountId == account && b.Id != id).Select(b => b.Id).SingleAsync());
        var cancelled = await PostFormAsync(holder, $"/leerrekening?handler=Cancel&id={second}", new(), "/leerrekening");
        Assert.Contains($"Boeking {LearningBooking.CodeOf(second)} is geannuleerd", await cancelled.Content.ReadAsStringAsync());
        Assert.Equal(BookingStatus.Cancelled, await factory.InDbAsync(db => db.LearningBookings.Where(b => b.Id == second).Select(b => b.Status).SingleAsync()));

        // Someone else cannot cancel the first booking through the page; nothing changes.
        var (stranger, _) = await HolderAsync("ander@example.org");
        var refused = await PostFormAsync(stranger, $"/leerrekening?handler=Cancel&id={id}", new(), "/leerrekening");
        Assert.Contains(LearningAccountMessages.NoBooking, System.Net.WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        Assert.Equal(BookingStatus.Reserved, await factory.InDbAsync(db => db.LearningBookings.Where(b => b.Id == id).Select(b => b.Status).SingleAsync()));
        // A signed-in person who acts for no provider sees no bookings on the provider's page.
        Assert.DoesNotContain(LearningBooking.CodeOf(id), await stranger.GetStringAsync("/aanbieder/leerrekeningen"));

        // The provider confirms on its page, then the holder on theirs: delivered, and the payment is due.
        var officer = await SignInAsync(factory, "coordinator@techniekpact.demo");
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsync($"/api/v1/voucher-schemes/{scheme.Code}/providers/{scheme.ProviderId}/users",
            System.Net.Http.Json.JsonContent.Create(new { email = "lid@pactwerk.demo" }))).StatusCode);
        var provider = await SignInAsync(factory, "lid@pactwerk.demo");
        Assert.Contains(LearningBooking.CodeOf(id), await provider.GetStringAsync("/aanbieder/leerrekeningen"));
        Assert.DoesNotContain("pagina@example.org", await provider.GetStringAsync("/aanbieder/leerrekeningen"));
        var byProvider = await PostFormAsync(provider, $"/aanbieder/leerrekeningen?handler=Delivered&id={id}", new(), "/aanbieder/leerrekeningen");
        Assert.Contains("nu bevestigt de deelnemer haar nog", await byProvider.Content.ReadAsStringAsync());
        Assert.Equal(0, await factory.InDbAsync(db => db.VoucherPayments.CountAsync(p => p.BookingId == id)));
        var byHolder = await PostFormAsync(holder, $"/leerrekening?handler=Delivered&id={id}", new(), "/leerrekening");
        Assert.Contains($"U hebt bevestigd dat opleiding {LearningBooking.CodeOf(id)} is geleverd.", await byHolder.Content.ReadAsStringAsync());
        Assert.Equal(PaymentStatus.AwaitingCoSignature, await factory.InDbAsync(db => db.VoucherPayments.Where(p => p.BookingId == id).Select(p => p.Status).SingleAsync()));
        Assert.Contains("Geleverd", await holder.GetStringAsync("/leerrekening"));
    }

    [Fact]
    public async Task The_pages_are_closed_to_anonymous_visitors()
    {
        foreach (var path in new[] { "/leerrekening", "/leerrekening/boeken", "/aanbieder/leerrekeningen" })
        {
            var response = await Anonymous(factory).GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/inloggen", response.Headers.Location!.OriginalString);
        }
    }
}

public sealed class LearningAccountPagesSqlite(SqliteFactory factory) : LearningAccountPagesTests<SqliteFactory>(factory);
public sealed class LearningAccountPagesPostgres(PostgresFactory factory) : LearningAccountPagesTests<PostgresFactory>(factory);
