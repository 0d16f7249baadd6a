using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Platform;

/// <summary>
/// The pickers without script: the server's own select or text field is the control, and a person types
/// codes or names. What is posted is read the same as what the script would post.
/// </summary>
public abstract class PickerFallbackTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private const string NewAction = "/initiatieven/nieuw?pact=techniekpact";

    private async Task<Form> NewActionFormAsync(HttpClient client, string title, string regions, string? culture = null)
    {
        var form = await Form.OpenAsync(client, NewAction + (culture is null ? "" : $"&culture={culture}"));
        form["Input.Title"] = title;
        form["Input.Summary"] = "Gekozen zonder JavaScript.";
        form["RegionCodes"] = regions;
        return form;
    }

    [Fact]
    public async Task The_form_without_script_has_a_region_text_field_and_organisation_selects_inside_pickers()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var document = new HtmlParser().ParseDocument(await coordinator.GetStringAsync(NewAction));

        var regions = document.QuerySelector("[data-picker] input#Input_Regions")!;
        Assert.Equal(("RegionCodes", "/api/v1/lookup/regions"), (regions.GetAttribute("name"), regions.Closest("[data-picker]")!.GetAttribute("data-source")));
        Assert.NotNull(document.QuerySelector("label[for=Input_Regions]"));
        var lead = document.QuerySelector("[data-picker] select#Input_LeadOrganisationId")!;
        Assert.Equal("Input.LeadOrganisationId", lead.GetAttribute("name"));
        Assert.Contains(lead.QuerySelectorAll("option"), o => o.TextContent == "Hogeschool van Amsterdam");
        Assert.NotNull(document.QuerySelector("[data-picker] select#Input_Partners_0_OrganisationId"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("en")]
    public async Task Names_and_codes_typed_without_script_are_saved_as_the_regions_they_name(string? culture)
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var title = $"Zonder script {Guid.NewGuid():N}"[..30];
        var form = await NewActionFormAsync(coordinator, title, "amsterdam, Fryslân ,tp-oost", culture);

        var response = await form.SubmitAsync(coordinator);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var codes = await factory.InDbAsync(db => db.PactActions.Where(a => a.Title == title).SelectMany(a => a.Regions.Select(r => r.Region.Code)).ToListAsync());
        Assert.Equal(["GM0363", "PV21", "TP-OOST"], codes.Order());
        // Opened again, the field shows the codes, and the picker knows their names.
        var id = response.Headers.Location!.OriginalString.Split('/').Last();
        var edit = await Form.OpenAsync(coordinator, $"/initiatieven/{id}/bewerken");
        Assert.Equal("GM0363, PV21, TP-OOST", edit["RegionCodes"]);
        Assert.Contains("Fryslân", WebUtility.HtmlDecode(await coordinator.GetStringAsync($"/initiatieven/{id}/bewerken")));
    }

    [Theory]
    [InlineData(null, "Groningen", "‘Groningen’ past bij meer dan één keuze")]
    [InlineData("en", "Groningen", "‘Groningen’ fits more than one choice")]
    [InlineData(null, "Atlantis", "Er is geen regio met code 'ATLANTIS'.")]
    public async Task A_name_that_fits_several_regions_or_none_gets_an_error_at_the_field_and_saves_nothing(string? culture, string typed, string message)
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var title = $"Dubbelzinnig {Guid.NewGuid():N}"[..30];
        var form = await NewActionFormAsync(coordinator, title, typed, culture);

        var response = await form.SubmitAsync(coordinator);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Contains(message, document.QuerySelector("#fout-Regions")!.TextContent);
        Assert.Equal(typed, document.QuerySelector("input#Input_Regions")!.GetAttribute("value"));
        Assert.Equal("true", document.QuerySelector("input#Input_Regions")!.GetAttribute("aria-invalid"));
        Assert.False(await factory.InDbAsync(db => db.PactActions.AnyAsync(a => a.Title == title)));
    }

    [Fact]
    public async Task Several_region_fields_as_the_script_posts_them_are_read_like_one_comma_separated_field()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var title = $"Met script {Guid.NewGuid():N}"[..30];
        var page = await coordinator.GetStringAsync(NewAction);
        var fields = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", AntiforgeryToken(page)), new("Pact", "techniekpact"), new("Input.Version", "0"),
            new("Input.Title", title), new("Input.Summary", "Met de picker."), new("Input.Kind", "Event"),
            new("RegionCodes", "PV20"), new("RegionCodes", "GM0014"),
        };

        var response = await coordinator.PostAsync(NewAction, new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var codes = await factory.InDbAsync(db => db.PactActions.Where(a => a.Title == title).SelectMany(a => a.Regions.Select(r => r.Region.Code)).ToListAsync());
        Assert.Equal(["GM0014", "PV20"], codes.Order());
    }
}

public sealed class PickerFallbackTestsSqlite(SqliteFactory factory) : PickerFallbackTests<SqliteFactory>(factory);
public sealed class PickerFallbackTestsPostgres(PostgresFactory factory) : PickerFallbackTests<PostgresFactory>(factory);
