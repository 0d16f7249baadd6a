using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Programmes;
using static Pactwerk.Tests.Infrastructure.Session;
using static Pactwerk.Tests.Programmes.ProgrammesTestData;

namespace Pactwerk.Tests.Programmes;

/// <summary>
/// Setting up a programme through the app (<see cref="ProgrammeEditor"/>): the API's POST and PUT and the form at
/// /programmas/nieuw and /programmas/{code}/bewerken, in Dutch and English. A code that is a fixed part of the addresses under
/// /programmas/ or that another programme has is refused and nothing is written; an unchanged save writes nothing; only
/// whoever will be the programme's staff may set it up.
/// </summary>
public abstract class ProgrammeSetUpTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private static string Text(string html) => new HtmlParser().ParseDocument(html).QuerySelector("main")!.TextContent;

    private static string NewCode() => "s-" + Guid.NewGuid().ToString("N")[..8];

    private Task<int> HvaAsync() => factory.InDbAsync(db => db.Organisations.Where(o => o.Name == "Hogeschool van Amsterdam").Select(o => o.Id).SingleAsync());

    private Task<int> AuditAsync() => factory.InDbAsync(db => db.AuditEntries.CountAsync());

    private Task<Programme?> StoredAsync(string code) =>
        factory.InDbAsync(db => db.Set<Programme>().AsNoTracking().Include(p => p.Steps).Include(p => p.Partners).SingleOrDefaultAsync(p => p.Code == code));

    private static HttpRequestMessage InEnglish(HttpMethod method, string url, object body)
    {
        var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body) };
        request.Headers.AcceptLanguage.ParseAdd("en-GB,en;q=0.9");
        return request;
    }

    [Fact]
    public async Task The_owners_editor_sets_up_a_programme_with_the_default_steps_and_an_unchanged_save_writes_nothing()
    {
        var staff = await SignInAsync(factory, HvaStaff);
        var hva = await HvaAsync();
        var code = NewCode();
        var audit = await AuditAsync();

        var created = await staff.PostAsJsonAsync("/api/v1/programmes", new
        {
            code, name = "Omscholing Zorg-ICT", pact = "techniekpact", ownerOrganisationId = hva,
            targetCertificateRate = 92.5m, targetJobRate = 97m, targetWomenShare = 33.3m,
        });

        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        Assert.Equal($"/api/v1/programmes/{code}", created.Headers.Location!.OriginalString);
        var stored = (await StoredAsync(code))!;
        Assert.Equal((92.5m, 97m, 33.3m), (stored.TargetCertificateRate, stored.TargetJobRate, stored.TargetWomenShare));
        Assert.Equal(Steps, stored.Steps.OrderBy(s => s.Position).Select(s => s.Code));
        Assert.Equal([1, 2, 3, 4, 5, 6], stored.Steps.OrderBy(s => s.Position).Select(s => s.Position));
        Assert.Null(stored.Sector);
        // The programme and each of its six steps is a row of the audit trail.
        Assert.Equal(audit + 7, await AuditAsync());
        Assert.True(await factory.InDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(Programme) && a.EntityId == stored.Id.ToString())));

        // What the API gives back, sent back: nothing written, no new version.
        var read = await staff.GetStringAsync($"/api/v1/programmes/{code}");
        audit = await AuditAsync();
        var put = await staff.PutAsync($"/api/v1/programmes/{code}", new StringContent(read, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(audit, await AuditAsync());
        Assert.Equal(stored.Version, (await StoredAsync(code))!.Version);

        // A change of a target and a partner: audited, read back as sent.
        var body = JsonSerializer.Deserialize<JsonElement>(read);
        var han = await factory.InDbAsync(db => db.Organisations.Where(o => o.Name == "Hogeschool van Arnhem en Nijmegen").Select(o => o.Id).SingleAsync());
        var changed = await staff.PutAsJsonAsync($"/api/v1/programmes/{code}", new
        {
            name = "Omscholing Zorg-ICT", ownerOrganisationId = hva, partners = new[] { han }, sector = "ict",
            targetCertificateRate = 90.1m, targetJobRate = 97m, targetWomenShare = 33.3m, version = body.GetProperty("version").GetInt32(),
        });
        Assert.True(changed.StatusCode == HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());
        var after = (await StoredAsync(code))!;
        Assert.Equal(90.1m, after.TargetCertificateRate);
        Assert.Equal("ict", after.Sector);
        Assert.Equal([han], after.Partners.Select(p => p.OrganisationId));
        Assert.Equal(Steps, after.Steps.OrderBy(s => s.Position).Select(s => s.Code));
        Assert.Equal(audit + 2, await AuditAsync());
    }

    [Theory]
    [InlineData("mijn")]
    [InlineData("nieuw")]
    [InlineData("NIEUW")]
    public async Task A_code_that_is_a_fixed_address_under_programmas_is_refused_in_Dutch_and_English_and_nothing_is_written(string code)
    {
        var staff = await SignInAsync(factory, HvaStaff);
        var body = new { code, name = "Botst", pact = "techniekpact", ownerOrganisationId = await HvaAsync(), targetCertificateRate = 90, targetJobRate = 90, targetWomenShare = 30 };
        var audit = await AuditAsync();
        var programmes = await factory.InDbAsync(db => db.Set<Programme>().CountAsync());

        var dutch = await staff.PostAsJsonAsync("/api/v1/programmes", body);
        var english = await staff.SendAsync(InEnglish(HttpMethod.Post, "/api/v1/programmes", body));

        Assert.Equal(HttpStatusCode.BadRequest, dutch.StatusCode);
        Assert.Equal($"De code '{code.ToLowerInvariant()}' is een vast deel van de adressen onder /programmas/; kies een andere code.", await ErrorAsync(dutch, "Code"));
        Assert.Equal(HttpStatusCode.BadRequest, english.StatusCode);
        Assert.Equal($"The code '{code.ToLowerInvariant()}' is a fixed part of the addresses under /programmas/; choose another code.", await ErrorAsync(english, "Code"));
        Assert.Equal(audit, await AuditAsync());
        Assert.Equal(programmes, await factory.InDbAsync(db => db.Set<Programme>().CountAsync()));
    }

    [Fact]
    public async Task The_fixed_segments_are_exactly_the_literal_addresses_the_application_serves_under_programmas()
    {
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        var literal = endpoints.Select(e => e.RoutePattern).Where(p => p.PathSegments.Count >= 2
                && p.PathSegments[0].IsSimple && p.PathSegments[0].Parts[0] is Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart { Content: "programmas" }
                && p.PathSegments[1].IsSimple && p.PathSegments[1].Parts[0].IsLiteral)
            .Select(p => ((Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart)p.PathSegments[1].Parts[0]).Content).Distinct().Order().ToList();

        Assert.Equal(["mijn", "nieuw"], literal);
        Assert.Equal(literal, ProgrammeEditor.FixedSegments.Order());
    }

    [Fact]
    public async Task A_code_another_programme_has_a_bad_target_and_bad_steps_are_refused_and_nothing_is_written()
    {
        var staff = await SignInAsync(factory, HvaStaff);
        var hva = await HvaAsync();
        var taken = await ProgrammeAsync(factory);
        var audit = await AuditAsync();

        var twice = await staff.PostAsJsonAsync("/api/v1/programmes", new { code = taken, name = "Tweede", pact = "techniekpact", ownerOrganisationId = hva, targetCertificateRate = 90, targetJobRate = 90, targetWomenShare = 30 });
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Equal($"Er is al een programma met de code '{taken}'; kies een andere code.", await ErrorAsync(twice, "Code"));

        var code = NewCode();
        var bad = await staff.PostAsJsonAsync("/api/v1/programmes", new
        {
            code, name = "Fout", pact = "techniekpact", ownerOrganisationId = hva, targetCertificateRate = 100.5m, targetJobRate = 92.25m, targetWomenShare = -1,
            sector = "sterrenkunde", steps = new[] { new { code = "intake", name = "Intake" }, new { code = "intake", name = "Nog eens" } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "TargetCertificateRate", "TargetJobRate", "TargetWomenShare" })
            Assert.Equal("Vul een percentage in van 0 tot en met 100, met hoogstens één decimaal (zoals 92,5).", errors.GetProperty(field)[0].GetString());
        Assert.Equal("Kies een sector uit de lijst, of geen.", errors.GetProperty("Sector")[0].GetString());
        Assert.Equal("De stap 'intake' staat twee keer in de intake; elke code één keer.", errors.GetProperty("Steps")[0].GetString());
        Assert.Null(await StoredAsync(code));
        Assert.Equal(audit, await AuditAsync());
    }

    [Fact]
    public async Task Only_whoever_will_be_the_programmes_staff_sets_it_up()
    {
        var body = new { code = NewCode(), name = "Niet van mij", pact = "techniekpact", ownerOrganisationId = 0, targetCertificateRate = 90, targetJobRate = 90, targetWomenShare = 30 };
        var han = await factory.InDbAsync(db => db.Organisations.Where(o => o.Name == "Hogeschool van Arnhem en Nijmegen").Select(o => o.Id).SingleAsync());
        var member = await SignInAsync(factory, "lid@pactwerk.demo");
        var hvaStaff = await SignInAsync(factory, HvaStaff);
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var zorg = await SignInAsync(factory, "coordinator@zorgpact.demo");

        Assert.Equal(HttpStatusCode.Unauthorized, (await Anonymous(factory).PostAsJsonAsync("/api/v1/programmes", body with { ownerOrganisationId = han })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostAsJsonAsync("/api/v1/programmes", body with { ownerOrganisationId = han })).StatusCode);
        // The HvA's editor for the HAN, the Zorgpact's coordinator in the Techniekpact: not theirs.
        var refused = await hvaStaff.PostAsJsonAsync("/api/v1/programmes", body with { ownerOrganisationId = han });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(ProgrammeMessages.SetUpForbidden, await DetailAsync(refused));
        Assert.Equal(HttpStatusCode.Forbidden, (await zorg.PostAsJsonAsync("/api/v1/programmes", body with { ownerOrganisationId = han })).StatusCode);
        Assert.Null(await StoredAsync(body.code));

        // The Techniekpact's coordinator for any organisation; the HAN's programme is then not the HvA editor's to change.
        Assert.Equal(HttpStatusCode.Created, (await coordinator.PostAsJsonAsync("/api/v1/programmes", body with { ownerOrganisationId = han })).StatusCode);
        var change = await hvaStaff.PutAsJsonAsync($"/api/v1/programmes/{body.code}", body with { ownerOrganisationId = han, name = "Toch van mij" });
        Assert.Equal(HttpStatusCode.Forbidden, change.StatusCode);
        Assert.Equal("Niet van mij", (await StoredAsync(body.code))!.Name);
    }

    [Fact]
    public async Task Once_candidates_applied_the_steps_keep_their_order_but_may_be_renamed()
    {
        var staff = await SignInAsync(factory, HvaStaff);
        var code = await ProgrammeAsync(factory);
        var read = await staff.GetFromJsonAsync<ProgrammeInput>($"/api/v1/programmes/{code}");
        var reordered = read!.Steps!.Select(s => new IntakeStepInput { Code = s.Code, Name = s.Name }).Reverse().ToList();
        // Without candidates a new order is taken.
        var put = await staff.PutAsJsonAsync($"/api/v1/programmes/{code}", new ProgrammeInput
        {
            Name = read.Name, OwnerOrganisationId = read.OwnerOrganisationId, TargetCertificateRate = read.TargetCertificateRate,
            TargetJobRate = read.TargetJobRate, TargetWomenShare = read.TargetWomenShare, Steps = reordered, Version = read.Version,
        });
        Assert.True(put.StatusCode == HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        Assert.Equal(Steps.Reverse(), (await StoredAsync(code))!.Steps.OrderBy(s => s.Position).Select(s => s.Code));

        await AppliedAsync(await ApplicantAsync(factory, "stappen.aanmelder@example.test"), code);
        read = await staff.GetFromJsonAsync<ProgrammeInput>($"/api/v1/programmes/{code}");
        var audit = await AuditAsync();
        // A new order by the steps' order numbers, as the form sends it.
        foreach (var step in read!.Steps!)
            step.Position = 7 - step.Position;
        var refused = await staff.PutAsJsonAsync($"/api/v1/programmes/{code}", read);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.StartsWith("Er zijn al kandidaten aangemeld", await ErrorAsync(refused, "Steps"));
        Assert.Equal(audit, await AuditAsync());

        read.Steps.ForEach(s => s.Position = 7 - s.Position);
        read.Steps[0].Name = "Inschrijving";
        var renamed = await staff.PutAsJsonAsync($"/api/v1/programmes/{code}", read);
        Assert.True(renamed.StatusCode == HttpStatusCode.OK, await renamed.Content.ReadAsStringAsync());
        Assert.Equal("Inschrijving", (await StoredAsync(code))!.Steps.OrderBy(s => s.Position).First().Name);
        Assert.Equal(audit + 1, await AuditAsync());
    }

    [Fact]
    public async Task The_form_in_Dutch_with_only_the_required_fields_reads_a_decimal_comma_and_an_unchanged_save_writes_nothing()
    {
        var staff = await SignInAsync(factory, HvaStaff);
        var code = NewCode();
        var form = await Form.OpenAsync(staff, "/programmas/nieuw");
        // The HvA's editor sets up programmes for the HvA only, so it is chosen already; the pact is theirs to choose.
        Assert.Equal((await HvaAsync()).ToString(), form["Input.OwnerOrganisationId"]);
        Assert.Equal("application", form["Input.Steps[0].Code"]);
        form["Input.Code"] = "mijn";
        form["Input.Name"] = "Omscholing in de zorg";
        form["Input.Pact"] = "techniekpact";
        form["Input.TargetCertificateRate"] = "92,5";
        form["Input.TargetJobRate"] = "97";
        form["Input.TargetWomenShare"] = "33.3";
        var audit = await AuditAsync();

        // 33.3 is no Dutch number (the framework read it as 333, and 1.5 as 15): told at the field with the way to write it,
        // before the editor is asked.
        var refused = await form.SubmitAsync(staff);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("‘33.3’ is geen getal: schrijf decimalen met een komma, zoals 33,3.", Text(html));
        Assert.Contains("href=\"#Input_TargetWomenShare\"", html);
        Assert.Equal(audit, await AuditAsync());

        form = Form.Read(html, "/programmas/nieuw");
        Assert.Equal(("92,5", "33.3"), (form["Input.TargetCertificateRate"], form["Input.TargetWomenShare"]));
        form["Input.TargetWomenShare"] = "33,3";
        refused = await form.SubmitAsync(staff);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("De code 'mijn' is een vast deel van de adressen onder /programmas/; kies een andere code.", Text(html));
        Assert.Contains("href=\"#Input_Code\"", html);
        Assert.Equal(audit, await AuditAsync());

        form = Form.Read(html, "/programmas/nieuw");
        form["Input.Code"] = code;
        var saved = await form.SubmitAsync(staff);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"/programmas/{code}?opgeslagen=true", saved.Headers.Location!.OriginalString);
        var stored = (await StoredAsync(code))!;
        Assert.Equal((92.5m, 97m, 33.3m), (stored.TargetCertificateRate, stored.TargetJobRate, stored.TargetWomenShare));
        Assert.Equal(Steps, stored.Steps.OrderBy(s => s.Position).Select(s => s.Code));
        Assert.Contains("Het programma is opgeslagen.", await staff.GetStringAsync(saved.Headers.Location.OriginalString));

        // The edit form shows what was saved as typed; sent unchanged, nothing is written.
        var edit = await Form.OpenAsync(staff, $"/programmas/{code}/bewerken");
        Assert.Equal("92,5", edit["Input.TargetCertificateRate"]);
        Assert.Equal("33,3", edit["Input.TargetWomenShare"]);
        audit = await AuditAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await edit.SubmitAsync(staff)).StatusCode);
        Assert.Equal(audit, await AuditAsync());
        Assert.Equal(stored.Version, (await StoredAsync(code))!.Version);
    }

    [Fact]
    public async Task The_form_in_English_reads_a_decimal_point_and_refuses_a_taken_code_in_English()
    {
        var staff = await SignInAsync(factory, HvaStaff);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.GetAsync("/taal?culture=en&returnUrl=%2F")).StatusCode);
        var taken = await ProgrammeAsync(factory);
        var form = await Form.OpenAsync(staff, "/programmas/nieuw");
        form["Input.Code"] = taken;
        form["Input.Name"] = "Retraining in care";
        form["Input.Pact"] = "techniekpact";
        form["Input.TargetCertificateRate"] = "92.5";
        form["Input.TargetJobRate"] = "97";
        form["Input.TargetWomenShare"] = "1,5";
        var audit = await AuditAsync();

        var refused = await form.SubmitAsync(staff);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        // 1,5 is no English number: the framework read it as 15 %, in range, and saved it.
        Assert.Contains("‘1,5’ is not a number: write decimals with a point, such as 1.5.", Text(html));
        Assert.Equal(audit, await AuditAsync());
        form = Form.Read(html, "/programmas/nieuw");
        form["Input.TargetWomenShare"] = "33.3";
        refused = await form.SubmitAsync(staff);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        html = await refused.Content.ReadAsStringAsync();
        Assert.Contains($"There is already a programme with the code '{taken}'; choose another code.", Text(html));
        Assert.Contains("Nothing was saved", Text(html));

        var code = NewCode();
        form = Form.Read(html, "/programmas/nieuw");
        Assert.Equal("92.5", form["Input.TargetCertificateRate"]);
        form["Input.Code"] = code;
        Assert.Equal(HttpStatusCode.Redirect, (await form.SubmitAsync(staff)).StatusCode);
        var stored = (await StoredAsync(code))!;
        Assert.Equal((92.5m, 97m, 33.3m), (stored.TargetCertificateRate, stored.TargetJobRate, stored.TargetWomenShare));
    }

    [Fact]
    public async Task A_member_is_refused_the_forms_and_the_staff_see_the_links()
    {
        var member = await SignInAsync(factory, "lid@pactwerk.demo");
        var code = await ProgrammeAsync(factory);
        Assert.NotEqual(HttpStatusCode.OK, (await member.GetAsync("/programmas/nieuw")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await member.GetAsync($"/programmas/{code}/bewerken")).StatusCode);
        Assert.DoesNotContain("href=\"/programmas/nieuw\"", await member.GetStringAsync("/programmas"));
        var staff = await SignInAsync(factory, HvaStaff);
        Assert.Contains("href=\"/programmas/nieuw\"", await staff.GetStringAsync("/programmas"));
        Assert.Contains($"href=\"/programmas/{code}/bewerken\"", await staff.GetStringAsync($"/programmas/{code}"));
    }
}

public sealed class ProgrammeSetUpSqlite(SqliteFactory factory) : ProgrammeSetUpTests<SqliteFactory>(factory);
public sealed class ProgrammeSetUpPostgres(PostgresFactory factory) : ProgrammeSetUpTests<PostgresFactory>(factory);
