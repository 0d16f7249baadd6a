using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using static Pactwerk.Tests.Infrastructure.Session;
using static Pactwerk.Tests.WorkshopDays.WorkshopDayBuilder;

namespace Pactwerk.Tests.WorkshopDays;

/// <summary>
/// English that stays English: a school's registration refused by the API is explained in the reader's language — Dutch by
/// default, English with <c>?culture=en</c> or the Accept-Language header of an API client — and nothing is written.
/// </summary>
public abstract class WorkshopDayLanguageTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    [Theory]
    [InlineData("nl", "Geef de naam van de school, de gemeente, de naam van de leerkracht en een geldig e-mailadres.",
        "Klas Groep 8: workshop 'Metselen {0}' is op een andere dag dan de dag van de klas.")]
    [InlineData("en-query", "Give the school's name, the municipality, the teacher's name and a valid e-mail address.",
        "Class Groep 8: workshop 'Metselen {0}' is on another day than the class's day.")]
    [InlineData("en-header", "Give the school's name, the municipality, the teacher's name and a valid e-mail address.",
        "Class Groep 8: workshop 'Metselen {0}' is on another day than the class's day.")]
    public async Task A_refused_registration_is_explained_in_the_readers_language(string language, string incomplete, string otherDay)
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var e = await EventAsync(factory, coordinator, "taal-" + language);
        var before = await factory.InDbAsync(db => db.SchoolRegistrations.CountAsync());
        async Task<string?> RefusedAsync(object body)
        {
            var url = $"/api/v1/workshop-days/{e.Id}/registrations" + (language == "en-query" ? "?culture=en" : "");
            var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
            if (language == "en-header")
                request.Headers.AcceptLanguage.ParseAdd("en");
            var response = await Anonymous(factory).SendAsync(request);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.ReadAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>();
            // The refusal has no title of its own: the framework's "Bad Request" becomes Dutch, or our English.
            Assert.Equal(language == "nl" ? "Ongeldig verzoek" : "Bad request", problem.Title);
            return problem.Detail;
        }

        Assert.Equal(incomplete, await RefusedAsync(Registration("", "juf@taal.example", Class("Groep 8", e.Day1, e.Workshops1[0]))));
        // A preference for a workshop of day 2 for a class on day 1: the message names the class and the workshop.
        Assert.Equal(string.Format(otherDay, e.Day2), await RefusedAsync(Registration("OBS Taal", "juf@taal.example", Class("Groep 8", e.Day1, e.Workshops2[0]))));
        Assert.Equal(before, await factory.InDbAsync(db => db.SchoolRegistrations.CountAsync()));
    }
}

public sealed class WorkshopDayLanguageSqlite(SqliteFactory factory) : WorkshopDayLanguageTests<SqliteFactory>(factory);
public sealed class WorkshopDayLanguagePostgres(PostgresFactory factory) : WorkshopDayLanguageTests<PostgresFactory>(factory);
