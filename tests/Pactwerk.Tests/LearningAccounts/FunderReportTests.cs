using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Tests.Vouchers;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.LearningAccounts;
using Pactwerk.Web.Features.Vouchers;
using static Pactwerk.Tests.Accounts.TwoFactorSessions;
using static Pactwerk.Tests.Infrastructure.Session;
using static Pactwerk.Tests.LearningAccounts.LearningAccountBuilder;

namespace Pactwerk.Tests.LearningAccounts;

/// <summary>
/// The funders' report (<c>GET /api/v1/funders/{code}/report</c> and <c>/leerrekening/fondsen/{code}/rapport</c>). Invented
/// holders get money from two funders through the deposit API (with their municipality and birth year) and the ledger; they
/// book courses whose reservations, deliveries and a cancellation are real postings, and one deposit expires. Every figure
/// is checked against the fixture's own arithmetic, written out here, and the statement also against the ledger's lines
/// summed by the test itself; the uptake's small cells and the cells that would give them away are hidden.
/// </summary>
public abstract class FunderReportTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private const string Officer = "rapport@fonds.test";
    private const string Outsider = "rapport@ander.test";
    private const string A = "rapport-a";
    private const string B = "rapport-b";
    private const string Api = $"/api/v1/funders/{A}/report";
    private const string Page = $"/leerrekening/fondsen/{A}/rapport";

    /// <summary>The report's period: the last 30 days; the first holder's deposit was made 45 days ago, before it.</summary>
    private static DateOnly From => Today.AddDays(-30);
    private static string Period => $"from={From:yyyy-MM-dd}&to={Today:yyyy-MM-dd}";

    /// <param name="Deposit">Funder A's deposit in euros.</param>
    /// <param name="ValidDays">Days from today to the deposit's last valid day (negative: lapsed, then expired).</param>
    /// <param name="Course">techniek (mbo-3) or zorg (mbo-2); null: no booking.</param>
    /// <param name="FromB">Funder B's deposit, valid longer: A's money pays first.</param>
    private sealed record Holder(string Name, string? Municipality, int? BirthYear, decimal Deposit, int ValidDays, string? Course, BookingStatus Status = BookingStatus.Reserved, decimal FromB = 0);

    private static readonly Holder[] Fixture =
    [
        new("h1", "GM0200", 1990, 1000.25m, 365, "techniek", BookingStatus.Delivered),
        new("h2", "GM0202", 2004, 800.00m, 60, "techniek"),
        new("h3", "GM0344", 1970, 600.50m, 365, "zorg", BookingStatus.Cancelled),
        new("h4", null, null, 700.00m, 200, "zorg", BookingStatus.Delivered),
        new("h5", "GM0200", 1985, 300.00m, -1, null),
        new("h6", "GM0200", 1980, 250.00m, 365, "techniek", BookingStatus.Delivered, FromB: 400m),
        new("h7", "GM0200", 1990, 500.00m, 365, "techniek"),
        new("h8", "GM0200", 1990, 500.00m, 365, "techniek"),
        new("h9", "GM0200", 1990, 500.00m, 365, "techniek"),
        new("h10", "GM0200", 1990, 500.00m, 365, "techniek"),
        new("h11", "GM0200", 1990, 500.00m, 365, "techniek"),
    ];

    private const decimal Price = 500m;

    private static string Email(Holder h) => $"{h.Name}@rapport.example";

    private async Task ArrangeAsync()
    {
        await FundersAsync();
        await SeedAsync();
    }

    private Task FundersAsync() => factory.InScopeAsync(async services =>
    {
        var db = services.GetRequiredService<PactwerkDb>();
        if (await db.LearningFunders.AnyAsync(f => f.Code == A))
            return;
        var users = services.GetRequiredService<UserManager<PactwerkUser>>();
        var pact = await db.Pacts.Where(p => p.Code == "techniekpact").Select(p => p.Id).SingleAsync();
        var landstede = await db.Organisations.Where(o => o.Name == "Landstede Groep").Select(o => o.Id).SingleAsync();
        var vogellanden = await db.Organisations.Where(o => o.Name == "Vogellanden").Select(o => o.Id).SingleAsync();
        db.LearningFunders.Add(new Funder { Code = A, Name = "Provincie Rapport", Kind = FunderKind.Province, Priority = 1, OrganisationId = landstede });
        db.LearningFunders.Add(new Funder { Code = B, Name = "Fonds Rapport", Kind = FunderKind.SectorFund, Priority = 2, OrganisationId = vogellanden });
        foreach (var (email, organisation) in new[] { (Officer, landstede), (Outsider, await db.Organisations.Where(o => o.Name == "Hogeschool van Amsterdam").Select(o => o.Id).SingleAsync()) })
        {
            var user = new PactwerkUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email, CreatedAt = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(user, DemoPassword)).Succeeded);
            db.RoleAssignments.Add(new RoleAssignment { UserId = user.Id, Kind = RoleKind.PartnerEditor, ValidFrom = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1), PactId = pact, OrganisationId = organisation });
        }
        await db.SaveChangesAsync();
    });

    private async Task SeedAsync()
    {
        if (await factory.InDbAsync(db => db.LearningDeposits.AnyAsync(d => d.Funder.Code == A)))
            return;
        var scheme = await VoucherSchemeBuilder.SchemeAsync(factory, "rapport", ceiling: 100_000m, price: Price);
        var courses = await factory.InDbAsync(async db =>
        {
            var techniek = new VoucherCourse { ProviderId = scheme.ProviderId, Title = "CNC", Sector = "techniek", Level = "mbo-3", Hours = 80, Price = Price, TargetOccupation = "CNC-verspaner" };
            var zorg = new VoucherCourse { ProviderId = scheme.ProviderId, Title = "Helpende zorg", Sector = "zorg", Level = "mbo-2", Hours = 80, Price = Price, TargetOccupation = "Helpende" };
            db.VoucherCourses.AddRange(techniek, zorg);
            await db.SaveChangesAsync();
            return new Dictionary<string, int> { ["techniek"] = techniek.Id, ["zorg"] = zorg.Id };
        });
        var funderB = await factory.InDbAsync(db => db.LearningFunders.Where(f => f.Code == B).Select(f => f.Id).SingleAsync());
        var officer = await SignInWithTwoFactorAsync(factory, Officer);
        foreach (var h in Fixture)
        {
            // Funder A pays in through its API, with the holder's facts, as a funder does.
            var deposited = await officer.PostAsJsonAsync($"/api/v1/funders/{A}/deposits", new
            {
                email = Email(h), amount = h.Deposit, validFrom = Today.AddDays(-90), validUntil = Today.AddDays(h.ValidDays), followsPerson = true,
                reference = $"R-{h.Name}", municipality = h.Municipality, birthYear = h.BirthYear,
            });
            Assert.Equal(HttpStatusCode.Created, deposited.StatusCode);
            var account = (await deposited.ReadAsync<JsonElement>()).GetProperty("accountId").GetInt64();
            if (h.FromB > 0)
                await DepositAsync(factory, account, funderB, (long)(h.FromB * 100), validUntil: Today.AddDays(h.ValidDays + 100));
            if (h.ValidDays < 0)
                Assert.IsType<PostingOutcome.Posted>(await LedgerAsync(factory, l => l.ExpireAccountAsync(account, Today, null, default)));
            if (h.Course is { } sector)
                await BookAsync(account, courses[sector], scheme.ProviderId, sector, h.Status);
        }
        // The first holder's deposit was made before the period: its posting moved back 45 days.
        await factory.InDbAsync(db => db.LedgerPostings.Where(p => p.Kind == PostingKind.Deposit
                && db.LearningAccounts.Any(a => a.Id == p.AccountId && a.HolderEmail == "h1@rapport.example"))
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.At, DateTime.UtcNow.AddDays(-45))));
    }

    /// <summary>A real reservation on the ledger (the rule picks the deposits), its booking as the app stores it, then spent or released.</summary>
    private Task BookAsync(long account, int course, int provider, string sector, BookingStatus status) =>
        factory.InScopeAsync(async sp =>
        {
            var ledger = sp.GetRequiredService<LearningLedger>();
            var level = sector == "zorg" ? "mbo-2" : "mbo-3";
            var reserved = Assert.IsType<PostingOutcome.Posted>(await ledger.ReserveAsync(account, new Pactwerk.Web.Features.LearningAccounts.CourseFacts(sector, level, "x"), (long)(Price * 100), Today, "test", default));
            var db = sp.GetRequiredService<PactwerkDb>();
            var now = DateTime.UtcNow;
            db.LearningBookings.Add(new LearningBooking
            {
                AccountId = account, CourseId = course, ProviderId = provider, Start = Today, Price = (long)(Price * 100), FromAccount = (long)(Price * 100),
                ReservationId = reserved.Posting.Id, Status = status, BookedAt = now, BookedBy = "test", CancelledAt = status == BookingStatus.Cancelled ? now : null,
            });
            await db.SaveChangesAsync();
            if (status == BookingStatus.Delivered)
                Assert.IsType<PostingOutcome.Posted>(await ledger.SpendAsync(account, reserved.Posting.Id, "test", default));
            if (status == BookingStatus.Cancelled)
                Assert.IsType<PostingOutcome.Posted>(await ledger.ReleaseAsync(account, reserved.Posting.Id, "test", default));
        });

    private static decimal D(JsonElement e, string name) => e.GetProperty(name).GetDecimal();

    private static (decimal Deposited, decimal Spent, decimal Reserved, decimal Expired, decimal Available) Buckets(JsonElement e) =>
        (D(e, "deposited"), D(e, "spent"), D(e, "reserved"), D(e, "expired"), D(e, "available"));

    /// <summary>Funder A's buckets summed by the test straight from the ledger's lines (its own query, not the report's).</summary>
    private Task<Dictionary<LedgerBucket, long>> LedgerSumsAsync(string funder) => factory.InDbAsync(async db =>
    {
        var deposits = await db.LearningDeposits.Where(d => d.Funder.Code == funder).Select(d => d.Id).ToListAsync();
        var sums = new Dictionary<LedgerBucket, long>();
        foreach (var l in await db.LedgerLines.AsNoTracking().Where(l => deposits.Contains(l.DepositId)).ToListAsync())
            sums[l.Bucket] = sums.GetValueOrDefault(l.Bucket) + l.Amount;
        return sums;
    });

    [Fact]
    public async Task The_statement_reconciles_to_the_ledger_to_the_cent_and_every_figure_matches_the_fixture()
    {
        await ArrangeAsync();
        var officer = await SignInWithTwoFactorAsync(factory, Officer);
        var response = await officer.GetAsync($"{Api}?{Period}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.ReadAsync<JsonElement>();
        Assert.Equal((A, From, Today), (report.GetProperty("funder").GetString(), DateOnly.Parse(report.GetProperty("from").GetString()!), DateOnly.Parse(report.GetProperty("to").GetString()!)));
        var statement = report.GetProperty("statement");

        // The fixture's arithmetic. Deposited: every holder's deposit of A. Spent: A's share of the delivered courses (h6's
        // course takes A's 250 first, B pays the rest). Reserved: the open bookings. Expired: h5's lapsed deposit.
        var deposited = Fixture.Sum(h => h.Deposit);
        var spent = Fixture.Where(h => h.Status == BookingStatus.Delivered && h.Course is not null).Sum(h => Math.Min(h.Deposit, Price));
        var reserved = Fixture.Where(h => h.Status == BookingStatus.Reserved && h.Course is not null).Sum(h => Math.Min(h.Deposit, Price));
        var expired = Fixture.Where(h => h.ValidDays < 0).Sum(h => h.Deposit);
        var available = deposited - spent - reserved - expired;
        Assert.Equal((6150.75m, 1250m, 3000m, 300m, 1600.75m), (deposited, spent, reserved, expired, available));
        Assert.Equal((deposited, spent, reserved, expired, available), Buckets(statement.GetProperty("closing")));
        // The same closing figures as the ledger's lines summed here, to the cent, and the invariant over them.
        var lines = await LedgerSumsAsync(A);
        Assert.Equal((-lines[LedgerBucket.Funded], lines[LedgerBucket.Spent], lines[LedgerBucket.Reserved], lines[LedgerBucket.Expired], lines[LedgerBucket.Available]),
            (615075L, 125000L, 300000L, 30000L, 160075L));
        Assert.Equal(-lines[LedgerBucket.Funded], lines[LedgerBucket.Spent] + lines[LedgerBucket.Reserved] + lines[LedgerBucket.Expired] + lines[LedgerBucket.Available]);
        Assert.Equal(available + reserved, D(statement.GetProperty("closing"), "balance"));

        // Opening: only h1's deposit was made before the period.
        Assert.Equal((1000.25m, 0m, 0m, 0m, 1000.25m), Buckets(statement.GetProperty("opening")));
        // The movements in the period, per kind of posting, counted from the fixture.
        var movements = statement.GetProperty("movements").EnumerateArray().ToDictionary(m => m.GetProperty("kind").GetString()!);
        var booked = Fixture.Where(h => h.Course is not null).ToList();
        Assert.Equal(new[] { "Deposit", "Reserve", "Release", "Spend", "Expire" }, movements.Keys.ToArray());
        Assert.Equal((Fixture.Length - 1, deposited - 1000.25m, deposited - 1000.25m), (movements["Deposit"].GetProperty("postings").GetInt32(), D(movements["Deposit"], "deposited"), D(movements["Deposit"], "available")));
        var reservedInPeriod = booked.Sum(h => Math.Min(h.Deposit, Price));
        Assert.Equal((booked.Count, reservedInPeriod, -reservedInPeriod), (movements["Reserve"].GetProperty("postings").GetInt32(), D(movements["Reserve"], "reserved"), D(movements["Reserve"], "available")));
        Assert.Equal((1, -500m, 500m), (movements["Release"].GetProperty("postings").GetInt32(), D(movements["Release"], "reserved"), D(movements["Release"], "available")));
        Assert.Equal((3, spent, -spent), (movements["Spend"].GetProperty("postings").GetInt32(), D(movements["Spend"], "spent"), D(movements["Spend"], "reserved")));
        Assert.Equal((1, expired, -expired), (movements["Expire"].GetProperty("postings").GetInt32(), D(movements["Expire"], "expired"), D(movements["Expire"], "available")));

        // Unspent at the end, by the month of the last valid day: h1 and h3 (a year), h2 (60 days), h4 (200 days).
        var months = report.GetProperty("unspent").GetProperty("byExpiryMonth").EnumerateArray()
            .ToDictionary(m => m.GetProperty("month").GetString()!, m => (D(m, "available"), m.GetProperty("accounts").GetInt32()));
        string Month(int days) => Today.AddDays(days).ToString("yyyy-MM");
        var expectedMonths = new Dictionary<string, (decimal, int)> { [Month(60)] = (300m, 1), [Month(200)] = (200m, 1) };
        expectedMonths[Month(365)] = expectedMonths.TryGetValue(Month(365), out var same) ? (same.Item1 + 1100.75m, same.Item2 + 2) : (1100.75m, 2);
        Assert.Equal(expectedMonths.OrderBy(m => m.Key), months.OrderBy(m => m.Key));
        Assert.Equal(available, months.Values.Sum(m => m.Item1));
        // Expiring within 90 days (the default): h2's 300 left; within 250 days h4's 200 too.
        var unspent = report.GetProperty("unspent");
        Assert.Equal((90, 300m, 1), (unspent.GetProperty("withinDays").GetInt32(), D(unspent, "expiring"), unspent.GetProperty("expiringAccounts").GetInt32()));
        var wider = (await officer.GetFromJsonAsync<JsonElement>($"{Api}?{Period}&days=250")).GetProperty("unspent");
        Assert.Equal((250, 500m, 2), (wider.GetProperty("withinDays").GetInt32(), D(wider, "expiring"), wider.GetProperty("expiringAccounts").GetInt32()));

        // Uptake: persons who booked in the period (h3 cancelled: not counted). Nine persons, € 1250 of A's money spent.
        var uptake = report.GetProperty("uptake");
        var counted = booked.Where(h => h.Status != BookingStatus.Cancelled).ToList();
        Assert.Equal((counted.Count, spent), (uptake.GetProperty("total").GetProperty("persons").GetInt32(), D(uptake.GetProperty("total"), "spent")));
        var dimensions = uptake.GetProperty("dimensions").EnumerateArray().ToDictionary(d => d.GetProperty("dimension").GetString()!,
            d => d.GetProperty("cells").EnumerateArray().ToDictionary(c => c.GetProperty("category").GetString()!));
        // Age groups at the period's end: 35-44 holds six persons (h1, h7..h11) and h1's € 500; <25, 45-54 and the unknown
        // one person each: small, and three hidden cells already keep each other from being worked out.
        int Age(Holder h) => Today.Year - h.BirthYear!.Value;
        var middle = counted.Where(h => h.BirthYear is not null && Age(h) is >= 35 and < 45).ToList();
        var shown = dimensions["ageGroup"]["35-44"];
        Assert.Equal((middle.Count, middle.Where(h => h.Status == BookingStatus.Delivered).Sum(h => Math.Min(h.Deposit, Price))), (shown.GetProperty("persons").GetInt32(), D(shown, "spent")));
        Assert.Equal(6, middle.Count);
        foreach (var small in new[] { "<25", "45-54", FunderReports.Unknown })
            Assert.Equal(("Small", JsonValueKind.Null, JsonValueKind.Null), Hidden(dimensions["ageGroup"][small]));
        // Regions: Gelderland (Apeldoorn, Arnhem) has eight, the holder without a municipality one: that one is small, and
        // Gelderland is hidden beside it, since the total minus Gelderland would give it away. The same for sector and level.
        Assert.Equal(8, counted.Count(h => h.Municipality is "GM0200" or "GM0202"));
        Assert.Equal(("Small", JsonValueKind.Null, JsonValueKind.Null), Hidden(dimensions["region"][FunderReports.Unknown]));
        Assert.Equal(("Secondary", JsonValueKind.Null, JsonValueKind.Null), Hidden(dimensions["region"]["PV25"]));
        Assert.Equal(new[] { "PV25", FunderReports.Unknown }, dimensions["region"].Keys.ToArray());
        Assert.Equal(("Small", "Secondary"), (dimensions["sector"]["zorg"].GetProperty("hidden").GetString(), dimensions["sector"]["techniek"].GetProperty("hidden").GetString()));
        Assert.Equal(("Small", "Secondary"), (dimensions["courseKind"]["mbo-2"].GetProperty("hidden").GetString(), dimensions["courseKind"]["mbo-3"].GetProperty("hidden").GetString()));

        // Funder B's report holds only its own money: h6's 400, of which 250 paid the rest of h6's course.
        var b = (await (await SignInAsync(factory, "beheerder@pactwerk.demo")).GetFromJsonAsync<JsonElement>($"/api/v1/funders/{B}/report?{Period}")).GetProperty("statement");
        Assert.Equal((400m, 250m, 0m, 0m, 150m), Buckets(b.GetProperty("closing")));

        // A period before all but h1's deposit: opening empty, one deposit, nobody booked.
        var earlier = await officer.GetFromJsonAsync<JsonElement>($"{Api}?from={Today.AddDays(-60):yyyy-MM-dd}&to={Today.AddDays(-31):yyyy-MM-dd}");
        Assert.Equal((0m, 0m, 0m, 0m, 0m), Buckets(earlier.GetProperty("statement").GetProperty("opening")));
        Assert.Equal((1000.25m, 0m, 0m, 0m, 1000.25m), Buckets(earlier.GetProperty("statement").GetProperty("closing")));
        Assert.Equal(("Small", JsonValueKind.Null), (earlier.GetProperty("uptake").GetProperty("total").GetProperty("hidden").GetString(),
            earlier.GetProperty("uptake").GetProperty("total").GetProperty("persons").ValueKind));
    }

    private static (string?, JsonValueKind, JsonValueKind) Hidden(JsonElement cell) =>
        (cell.GetProperty("hidden").GetString(), cell.GetProperty("persons").ValueKind, cell.GetProperty("spent").ValueKind);

    private sealed record Tally(int Postings, int Lines, int Bookings, int Audit);

    private Task<Tally> TallyAsync() => factory.InDbAsync(async db => new Tally(await db.LedgerPostings.CountAsync(), await db.LedgerLines.CountAsync(),
        await db.LearningBookings.CountAsync(), await db.AuditEntries.CountAsync()));

    [Fact]
    public async Task Bad_periods_and_unknown_funders_get_a_clear_message_in_Dutch_and_English_and_only_officers_and_administrators_read_it()
    {
        await ArrangeAsync();
        var officer = await SignInWithTwoFactorAsync(factory, Officer);
        var before = await TallyAsync();

        async Task<JsonElement> ProblemAsync(string query, HttpStatusCode status, string? language = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Api + query);
            if (language is not null)
                request.Headers.AcceptLanguage.ParseAdd(language);
            var response = await officer.SendAsync(request);
            Assert.Equal(status, response.StatusCode);
            return await response.ReadAsync<JsonElement>();
        }
        string Error(JsonElement problem, string field) => problem.GetProperty("errors").GetProperty(field)[0].GetString()!;

        Assert.Equal(LearningAccountMessages.ReportDateInvalid, Error(await ProblemAsync("?from=31-12-2026", HttpStatusCode.BadRequest), "from"));
        Assert.Equal(LearningAccountMessages.ReportDateInvalid, Error(await ProblemAsync("?to=2026-02-30", HttpStatusCode.BadRequest), "to"));
        Assert.Equal("De periode begint op 2026-03-01, na het einde (2026-02-28): kies een begindatum op of vóór de einddatum.",
            Error(await ProblemAsync("?from=2026-03-01&to=2026-02-28", HttpStatusCode.BadRequest), "from"));
        Assert.Equal("Vul het aantal dagen in als een heel getal van 1 tot en met 3650.", Error(await ProblemAsync("?days=0", HttpStatusCode.BadRequest), "days"));
        Assert.Equal("Vul het aantal dagen in als een heel getal van 1 tot en met 3650.", Error(await ProblemAsync("?days=9,5", HttpStatusCode.BadRequest), "days"));
        var english = await ProblemAsync("?from=2026-03-01&to=2026-02-28", HttpStatusCode.BadRequest, "en");
        Assert.Equal("The period starts on 2026-03-01, after its end (2026-02-28): choose a first day on or before the last day.", Error(english, "from"));
        Assert.Equal("Give the date as yyyy-mm-dd, such as 2026-12-31.", Error(await ProblemAsync("?to=morgen", HttpStatusCode.BadRequest, "en"), "to"));

        // An unknown funder: 404 with its name, in either language.
        var unknown = await officer.GetAsync("/api/v1/funders/bestaat-niet/report");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("Financier bestaat-niet bestaat niet.", (await unknown.ReadAsync<JsonElement>()).GetProperty("detail").GetString());

        // Who may read it: the funder's officer and an administrator; a partner editor of another organisation is refused,
        // also for the page; nobody signed in is asked to.
        var outsider = await SignInAsync(factory, Outsider);
        var refused = await outsider.GetAsync(Api);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(LearningAccountMessages.NotFunderOfficer, (await refused.ReadAsync<JsonElement>()).GetProperty("detail").GetString());
        var page = await outsider.GetAsync(Page);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/geen-toegang", page.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Anonymous(factory).GetAsync(Api)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await SignInAsync(factory, "beheerder@pactwerk.demo")).GetAsync(Api)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync(Api)).StatusCode);
        // Reading, refused or not, changes nothing.
        Assert.Equal(before, await TallyAsync());
    }

    [Fact]
    public async Task The_page_shows_the_statement_the_expiring_money_and_the_hidden_cells_in_Dutch_and_English_and_names_a_bad_date_at_its_field()
    {
        await ArrangeAsync();
        var officer = await SignInWithTwoFactorAsync(factory, Officer);
        // Found from the funder's upload page.
        Assert.Contains(Page, await officer.GetStringAsync($"/leerrekening/fondsen/{A}/stortingen"));
        var html = WebUtility.HtmlDecode(await officer.GetStringAsync($"{Page}?{Period}"));
        Assert.Contains("<h1>Rapport voor Provincie Rapport</h1>", html);
        Assert.Contains("<caption>Overzicht per boekingssoort, in euro</caption>", html);
        Assert.Matches(@"<tr id=""einde""><th scope=""row"">Einde van de periode</th><td></td><td class=""num"">€ 6\.150,75</td><td class=""num"">€ 1\.250,00</td><td class=""num"">€ 3\.000,00</td><td class=""num"">€ 300,00</td><td class=""num"">€ 1\.600,75</td>", html);
        var dutch = System.Globalization.CultureInfo.GetCultureInfo("nl-NL");
        Assert.Equal($"Op {Today.ToString("d MMMM yyyy", dutch)} vervalt binnen 90 dagen (geldig tot en met uiterlijk {Today.AddDays(90).ToString("d MMMM yyyy", dutch)}): € 300,00 (leerrekeningen: 1).",
            System.Text.RegularExpressions.Regex.Match(html, @"<p id=""vervalt-binnenkort"">(.*?)</p>").Groups[1].Value);
        Assert.Contains("<caption>Gebruik per provincie</caption>", html);
        Assert.Matches(@"<th scope=""row"">Gelderland</th><td class=""num"">×</td><td class=""num"">×</td>", html);
        Assert.Matches(@"<th scope=""row"">Onbekend</th><td class=""num""><5</td><td class=""num""><5</td>", html);
        Assert.Matches(@"<th scope=""row"">35-44</th><td class=""num"">6</td><td class=""num"">€ 500,00</td>", html);
        Assert.Contains("Aantallen van minder dan 5 personen tonen we niet", html);

        // The CSV download holds the same closing figures.
        var csv = await officer.GetAsync($"{Page}?handler=csv&{Period}");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Einde van de periode;;6150.75;1250.00;3000.00;300.00;1600.75", await csv.Content.ReadAsStringAsync());

        // A bad date: named in the summary, linked to its field, no figures.
        var bad = await officer.GetAsync($"{Page}?from=2026-02-30&to={Today:yyyy-MM-dd}");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var badHtml = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());
        Assert.Contains($"<a href=\"#from\">{LearningAccountMessages.ReportDateInvalid}</a>", badHtml);
        Assert.Contains("aria-invalid=\"true\"", badHtml);
        Assert.DoesNotContain("overzicht-tabel", badHtml);

        // In English (the officer's one two-factor session switches language, and back to Dutch at the end).
        Assert.Equal(HttpStatusCode.Redirect, (await officer.GetAsync("/taal?culture=en&returnUrl=%2F")).StatusCode);
        try
        {
            var inEnglish = WebUtility.HtmlDecode(await officer.GetStringAsync($"{Page}?{Period}"));
            Assert.Contains("<h1>Report for Provincie Rapport</h1>", inEnglish);
            Assert.Matches(@"<th scope=""row"">End of the period</th><td></td><td class=""num"">€ 6,150\.75</td>", inEnglish);
            Assert.Contains("<caption>Uptake by province</caption>", inEnglish);
            Assert.Matches(@"<th scope=""row"">Unknown</th><td class=""num""><5</td>", inEnglish);
            Assert.Contains("Counts of fewer than 5 persons are not shown", inEnglish);
            var badEnglish = WebUtility.HtmlDecode(await (await officer.GetAsync($"{Page}?from=2026-03-01&to=2026-02-28")).Content.ReadAsStringAsync());
            Assert.Contains("The period starts on 2026-03-01, after its end (2026-02-28)", badEnglish);
        }
        finally
        {
            Assert.Equal(HttpStatusCode.Redirect, (await officer.GetAsync("/taal?culture=nl&returnUrl=%2F")).StatusCode);
        }
    }
}

public sealed class FunderReportSqlite(SqliteFactory factory) : FunderReportTests<SqliteFactory>(factory);
public sealed class FunderReportPostgres(PostgresFactory factory) : FunderReportTests<PostgresFactory>(factory);
