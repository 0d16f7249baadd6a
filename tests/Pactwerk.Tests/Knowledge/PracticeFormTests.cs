using System.Net;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Knowledge;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Knowledge;

/// <summary>
/// The practice form as people fill it, in Dutch and English: only the required fields (title, summary, a
/// region), the optional "Links" left empty as the form offers it, "Regiocodes" left empty first. It saves (no 500), reads back exactly,
/// and an unchanged save of the edit form changes nothing.
/// </summary>
public abstract class PracticeFormTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private async Task<HttpClient> SignInAsync(string email, string culture)
    {
        var client = await Session.SignInAsync(factory, email);
        // The reader's language as the site's switch sets it: a cookie every later request carries.
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync($"/taal?culture={culture}&returnUrl=%2F")).StatusCode);
        return client;
    }

    private Task<Practice> PracticeAsync(int id) => factory.InDbAsync(db => db.Set<Practice>().AsNoTracking()
        .Include(p => p.Regions).Include(p => p.Links).SingleAsync(p => p.Id == id));

    private static int IdFrom(HttpResponseMessage saved) => int.Parse(saved.Headers.Location!.OriginalString.Split('/').Last());

    [Theory]
    [InlineData("nl")]
    [InlineData("en")]
    public async Task A_coordinator_saves_a_practice_with_only_title_and_summary_and_an_unchanged_edit_changes_nothing(string culture)
    {
        var coordinator = await SignInAsync("coordinator@techniekpact.demo", culture);
        var title = $"Gastlessen techniek ({culture}, {Guid.NewGuid():N})";
        const string summary = "Technici geven les op basisscholen in de regio; 20,75 uur per klas.";

        var form = await Form.OpenAsync(coordinator, "/praktijken/nieuw?pact=techniekpact");
        Assert.Equal(("", ""), (form["RegionCodes"], form["LinksText"]));
        form["Input.Title"] = title;
        form["Input.Summary"] = summary;
        var count = await factory.InDbAsync(db => db.Set<Practice>().CountAsync());

        // Title and summary alone: a practice belongs to a region, which the form says at its field, and nothing is saved.
        var refused = await form.SubmitAsync(coordinator);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains(culture == "nl" ? "Kies ten minste één regio." : "Choose at least one region.", await refused.Content.ReadAsStringAsync());
        Assert.Equal(count, await factory.InDbAsync(db => db.Set<Practice>().CountAsync()));

        form["RegionCodes"] = "TP-OOST";
        var created = await form.SubmitAsync(coordinator);

        Assert.True(created.StatusCode == HttpStatusCode.Redirect, $"the form answered {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync()}");
        var id = IdFrom(created);
        var saved = await PracticeAsync(id);
        Assert.Equal((title, summary, 1, 0), (saved.Title, saved.Summary, saved.Regions.Count, saved.Links.Count));

        var edit = await Form.OpenAsync(coordinator, $"/praktijken/{id}/bewerken");
        Assert.Equal((title, summary, "TP-OOST", ""), (edit["Input.Title"], edit["Input.Summary"], edit["RegionCodes"], edit["LinksText"]));
        var unchanged = await edit.SubmitAsync(coordinator);

        Assert.True(unchanged.StatusCode == HttpStatusCode.Redirect, $"the edit answered {(int)unchanged.StatusCode}: {await unchanged.Content.ReadAsStringAsync()}");
        var after = await PracticeAsync(id);
        Assert.Equal((title, summary, 1, 0, saved.Version), (after.Title, after.Summary, after.Regions.Count, after.Links.Count, after.Version));
    }

    [Theory]
    [InlineData("nl")]
    [InlineData("en")]
    public async Task The_lead_of_Oost_saves_a_practice_of_their_region_unchanged_with_its_optional_lists_empty(string culture)
    {
        // A draft practice of Oost without links, as the lead would leave it.
        var id = await factory.InDbAsync(async db =>
        {
            var pactId = await db.Pacts.Where(p => p.Code == "techniekpact").Select(p => p.Id).SingleAsync();
            var oost = await db.Regions.Where(r => r.Code == "TP-OOST").Select(r => r.Id).SingleAsync();
            var practice = new Practice { PactId = pactId, Title = $"Techniekmiddag Oost ({culture})", Summary = "Leerlingen bouwen een robot." };
            practice.Regions.Add(new PracticeRegion { RegionId = oost });
            db.Add(practice);
            await db.SaveChangesAsync();
            return practice.Id;
        });
        var lead = await SignInAsync("oost@techniekpact.demo", culture);
        var before = await PracticeAsync(id);

        var edit = await Form.OpenAsync(lead, $"/praktijken/{id}/bewerken");
        Assert.Equal(("TP-OOST", ""), (edit["RegionCodes"], edit["LinksText"]));
        var unchanged = await edit.SubmitAsync(lead);

        Assert.True(unchanged.StatusCode == HttpStatusCode.Redirect, $"the edit answered {(int)unchanged.StatusCode}: {await unchanged.Content.ReadAsStringAsync()}");
        var after = await PracticeAsync(id);
        Assert.Equal((before.Title, before.Summary, 1, 0, before.Version), (after.Title, after.Summary, after.Regions.Count, after.Links.Count, after.Version));
    }
}

public sealed class PracticeFormTestsSqlite(SqliteFactory factory) : PracticeFormTests<SqliteFactory>(factory);
public sealed class PracticeFormTestsPostgres(PostgresFactory factory) : PracticeFormTests<PostgresFactory>(factory);
