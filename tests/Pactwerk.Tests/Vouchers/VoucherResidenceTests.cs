using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Vouchers;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Vouchers;

/// <summary>
/// The municipality of residence on an application: required for a new one, checked against the
/// municipalities of the reference data, stored as the CBS code only, in the applicant's data export
/// and gone after erasure.
/// </summary>
public abstract class VoucherResidenceTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    [Fact]
    public async Task The_api_requires_a_known_municipality_and_stores_its_code_only()
    {
        var scheme = await VoucherSchemeBuilder.SchemeAsync(factory, "woon-api", ceiling: 10_000m, price: 1000m);
        var url = "/api/v1/voucher-schemes/woon-api/applications";

        var missing = await Anonymous(factory).PostAsJsonAsync(url, VoucherSchemeBuilder.Application(scheme, "geen@example.org", municipality: null));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(VoucherMessages.MunicipalityMissing, (await missing.ReadAsync<JsonElement>()).GetProperty("errors").GetProperty("Municipality")[0].GetString());

        foreach (var bad in new[] { "GM9999", "Apeldoorn", "GM02001", "<script>", new string('9', 500) })
        {
            var refused = await Anonymous(factory).PostAsJsonAsync(url, VoucherSchemeBuilder.Application(scheme, "fout@example.org", municipality: bad));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.StartsWith("Regel woongemeente:", (await refused.ReadAsync<JsonElement>()).GetProperty("errors").GetProperty("Municipality")[0].GetString());
        }
        Assert.Equal(0, await factory.InDbAsync(db => db.VoucherApplications.CountAsync(a => db.VoucherSchemes.Any(s => s.Id == a.SchemeId && s.Code == "woon-api"))));

        // The number without its prefix, in lower case, is the same municipality.
        var saved = await Anonymous(factory).PostAsJsonAsync(url, VoucherSchemeBuilder.Application(scheme, "goed@example.org", municipality: " gm0200 "));
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        var short_ = await Anonymous(factory).PostAsJsonAsync(url, VoucherSchemeBuilder.Application(scheme, "kort@example.org", municipality: "344"));
        Assert.Equal(HttpStatusCode.Created, short_.StatusCode);
        var codes = await factory.InDbAsync(db => db.VoucherApplications.Where(a => db.VoucherSchemes.Any(s => s.Id == a.SchemeId && s.Code == "woon-api"))
            .OrderBy(a => a.Arrival).Select(a => a.MunicipalityCode).ToListAsync());
        Assert.Equal(["GM0200", "GM0344"], codes);
    }

    [Fact]
    public async Task The_form_offers_the_municipalities_by_name_and_names_a_missing_one_in_dutch_and_english()
    {
        var scheme = await VoucherSchemeBuilder.SchemeAsync(factory, "woon-form", ceiling: 10_000m, price: 1000m);
        var client = Anonymous(factory);
        var page = await client.GetStringAsync("/regelingen/woon-form/aanvragen");
        Assert.Contains("<label for=\"Input_Municipality\">Gemeente waar je woont</label>", page);
        Assert.Contains("<option value=\"GM0200\">Apeldoorn</option>", page);
        Assert.Equal(342, System.Text.RegularExpressions.Regex.Matches(page, "<option value=\"GM\\d{4}\"").Count);

        var fields = new Dictionary<string, string>
        {
            ["Input.Email"] = "formulier@example.org", ["Input.DateOfBirth"] = "17-05-1990", ["Input.TargetGroup"] = "werkzoekend-naar-techniek",
            ["Input.Choice"] = $"{scheme.CourseId}:{scheme.Start:yyyy-MM-dd}",
        };
        foreach (var (query, message) in new[] { ("", "Kies de gemeente waar je woont."), ("?culture=en", "Choose the municipality you live in.") })
        {
            var refused = await PostFormAsync(client, $"/regelingen/woon-form/aanvragen{query}", fields);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var html = await refused.Content.ReadAsStringAsync();
            Assert.Contains($"<a href=\"#Input_Municipality\">{message}</a>", html);
            Assert.Contains("aria-describedby=\"hint-Municipality fout-Input_Municipality\"", html);
        }
        Assert.Equal(0, await factory.InDbAsync(db => db.VoucherApplications.CountAsync(a => a.Email == "formulier@example.org")));

        // Only the required fields, as a person fills them in Dutch.
        fields["Input.Municipality"] = "GM0200";
        var sent = await PostFormAsync(client, "/regelingen/woon-form/aanvragen", fields);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal("GM0200", await factory.InDbAsync(db => db.VoucherApplications.Where(a => a.Email == "formulier@example.org").Select(a => a.MunicipalityCode).SingleAsync()));
    }

    [Fact]
    public async Task The_data_export_holds_the_municipality_and_erasure_clears_it()
    {
        var scheme = await VoucherSchemeBuilder.SchemeAsync(factory, "woon-avg", ceiling: 10_000m, price: 1000m);
        var answer = await (await Anonymous(factory).PostAsJsonAsync("/api/v1/voucher-schemes/woon-avg/applications",
            VoucherSchemeBuilder.Application(scheme, "avg@example.org", municipality: "GM0344"))).ReadAsync<JsonElement>();
        var key = VoucherSchemeBuilder.KeyOf(answer);
        var export = await (await Anonymous(factory).PostAsJsonAsync("/api/v1/voucher-applications/export", new { key })).ReadAsync<JsonElement>();
        Assert.Equal("GM0344", export.GetProperty("municipality").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await Anonymous(factory).PostAsJsonAsync("/api/v1/voucher-applications/erasure", new { key })).StatusCode);
        Assert.Null(await factory.InDbAsync(db => db.VoucherApplications.Where(a => db.VoucherSchemes.Any(s => s.Id == a.SchemeId && s.Code == "woon-avg"))
            .Select(a => a.MunicipalityCode).SingleAsync()));
    }
}

public sealed class VoucherResidenceSqlite(SqliteFactory factory) : VoucherResidenceTests<SqliteFactory>(factory);
public sealed class VoucherResidencePostgres(PostgresFactory factory) : VoucherResidenceTests<PostgresFactory>(factory);
