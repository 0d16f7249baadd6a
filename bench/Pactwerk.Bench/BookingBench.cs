using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Rooms;

/// <summary>
/// A rush on a room: 200 booking requests at the same moment for 20 slots, ten requests per slot at
/// start times that all overlap each other (hh:00 … hh:45, an hour each; slots two hours apart). Exactly
/// one booking per slot may hold; the database is read afterwards, apart from the answers. The comparator,
/// in the same run on the same app: 200 requests at once for 200 slots that do not overlap (all booked),
/// so the cost of contention shows as a ratio.
/// </summary>
internal static partial class BookingBench
{
    private const string Booker = "redacteur@hva.demo";

    public static async Task<int> MainAsync(string[] args, string repository)
    {
        var db = args is ["--db", var d] ? d : args.Length == 0 ? "sqlite" : "";
        var requests = 200;
        if (db is not ("sqlite" or "postgres"))
        {
            Console.Error.WriteLine("bookings [--db sqlite|postgres]   (postgres needs PACTWERK_BENCH_POSTGRES)");
            return 2;
        }
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_PACTWERK_WEB", Path.Combine(repository, "src", "Pactwerk.Web"));
        var work = Directory.CreateTempSubdirectory("pactwerk-bookings-");
        try
        {
            return db == "sqlite"
                ? await RunAsync("Sqlite", Path.Combine(work.FullName, "bookings.db"), requests, repository)
                : await BenchPostgres.InFreshDatabaseAsync("pactwerk_bookings", c => RunAsync("Postgres", c, requests, repository));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private sealed record Phase(string Name, int Requests, int Created, int Conflicts, int Other, double Seconds, double P50, double P95, double Max, int Holding, int Overlaps, int Expected);

    private static async Task<int> RunAsync(string provider, string database, int requests, string repository)
    {
        await using var app = new BenchApp(database, provider, demo: true);
        int contested, plain;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PactwerkDb>();
            var owner = await db.Organisations.Where(o => o.Name == "Landstede Groep").Select(o => o.Id).SingleAsync();
            var zwolle = await db.Regions.Where(r => r.Code == "GM0193").Select(r => r.Id).SingleAsync();
            Room Room(string name) => new()
            {
                OrganisationId = owner, MunicipalityId = zwolle, Name = name, Address = "Bench (verzonnen)", Capacity = 20, AllowedUsers = ["OtherSchool"],
                OpeningHours = [.. Enum.GetValues<DayOfWeek>().Select(d => new RoomOpeningHours { Day = d, Opens = new TimeOnly(7, 0), Closes = new TimeOnly(22, 0) })],
            };
            var (a, b) = (Room("Bench: drukte (verzonnen)"), Room("Bench: vergelijking (verzonnen)"));
            db.Rooms.AddRange(a, b);
            await db.SaveChangesAsync();
            (contested, plain) = (a.Id, b.Id);
        }
        var client = await SignInAsync(app);
        var first = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(14);
        string Day(int n) => first.AddDays(n).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        // Warm-up: one booking far away, so the first phase does not pay for the first request's start-up.
        await client.PostAsJsonAsync($"/api/v1/rooms/{plain}/bookings", new { date = Day(300), from = "08:00", to = "09:00" });

        // Contested: slot k on day k/7 at 08:00, 10:00 … 20:00; request i for slot i/10 starts (i % 10) × 5 minutes later.
        var slots = requests / 10;
        var overlapping = Enumerable.Range(0, requests).Select(i =>
        {
            var (slot, offset) = (i / 10, i % 10 * 5);
            var hour = 8 + slot % 7 * 2;
            return (object)new { date = Day(slot / 7), from = $"{hour:00}:{offset:00}", to = $"{hour + 1:00}:{offset:00}" };
        }).ToList();
        // Comparator: 200 slots of an hour, 14 a day (08:00–22:00), none overlapping.
        var disjoint = Enumerable.Range(0, requests).Select(i => (object)new { date = Day(i / 14), from = $"{8 + i % 14:00}:00", to = $"{9 + i % 14:00}:00" }).ToList();

        var phases = new List<Phase>
        {
            await PhaseAsync(app, client, "overlapping (10 per slot)", contested, overlapping, slots),
            await PhaseAsync(app, client, "non-overlapping (comparator)", plain, disjoint, requests + 1),
        };
        Console.WriteLine($"Pactwerk bookings bench, {provider}, {requests} simultaneous requests per phase (in-process app, Testing environment)");
        Console.WriteLine($"{"phase",-30}{"created",9}{"409",6}{"other",7}{"s",7}{"req/s",8}{"p50 ms",9}{"p95 ms",9}{"max ms",9}{"holding",9}{"overlaps",10}");
        foreach (var p in phases)
            Console.WriteLine($"{p.Name,-30}{p.Created,9}{p.Conflicts,6}{p.Other,7}{p.Seconds,7:0.00}{p.Requests / p.Seconds,8:0}{p.P50,9:0.0}{p.P95,9:0.0}{p.Max,9:0.0}{p.Holding,9}{p.Overlaps,10}");
        var ok = phases.All(p => p.Holding == p.Expected && p.Overlaps == 0 && p.Other == 0) && phases[0].Created == slots;
        Console.WriteLine(ok ? $"ok   exactly one booking per slot ({slots} slots), none overlapping; comparator booked all {requests}" : "FAIL");
        Console.WriteLine(FormattableString.Invariant(
            $"bookings: db={provider.ToLowerInvariant()} contested_per_s={phases[0].Requests / phases[0].Seconds:0} contested_p50_ms={phases[0].P50:0.0} contested_p95_ms={phases[0].P95:0.0} plain_per_s={phases[1].Requests / phases[1].Seconds:0} plain_p50_ms={phases[1].P50:0.0} plain_p95_ms={phases[1].P95:0.0} bookings_per_slot_ok={ok}"));
        await BenchResults.WriteAsync(repository, $"bookings-{provider.ToLowerInvariant()}", new { provider, requests, slots, phases, ok });
        return ok ? 0 : 1;
    }

    private static async Task<Phase> PhaseAsync(BenchApp app, HttpClient client, string name, int room, List<object> bodies, int expected)
    {
        using var go = new SemaphoreSlim(0, bodies.Count);
        var clock = Stopwatch.StartNew();
        var calls = bodies.Select(async body =>
        {
            await go.WaitAsync();
            var t = Stopwatch.GetTimestamp();
            using var response = await client.PostAsJsonAsync($"/api/v1/rooms/{room}/bookings", body);
            await response.Content.ReadAsStringAsync();
            return (response.StatusCode, Ms: Stopwatch.GetElapsedTime(t).TotalMilliseconds);
        }).ToList();
        clock.Restart();
        go.Release(bodies.Count);
        var results = await Task.WhenAll(calls);
        var seconds = clock.Elapsed.TotalSeconds;
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PactwerkDb>();
        var rows = await db.RoomBookings.AsNoTracking().Where(b => b.RoomId == room && (b.Status == RoomBookingStatus.Pending || b.Status == RoomBookingStatus.Approved)).ToListAsync();
        var overlaps = rows.Count(x => rows.Any(y => x.Id != y.Id && x.StartsAt < y.EndsAt && y.StartsAt < x.EndsAt));
        var ms = results.Select(r => r.Ms).Order().ToArray();
        double P(int p) => ms[Math.Min(ms.Length - 1, (int)Math.Ceiling(p / 100.0 * ms.Length) - 1)];
        return new Phase(name, bodies.Count, results.Count(r => r.StatusCode == HttpStatusCode.Created), results.Count(r => r.StatusCode == HttpStatusCode.Conflict),
            results.Count(r => r.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.Conflict)), seconds, P(50), P(95), ms[^1], rows.Count, overlaps, expected);
    }

    /// <summary>Signs in with the form, as a browser would, and carries the antiforgery token for the API's writes.</summary>
    private static async Task<HttpClient> SignInAsync(BenchApp app)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.Timeout = TimeSpan.FromMinutes(5);
        var form = await client.GetStringAsync("/inloggen");
        var signedIn = await client.PostAsync("/inloggen", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = Booker, ["Password"] = Pactwerk.Web.Features.Demo.DemoAccounts.Password, ["__RequestVerificationToken"] = Token(form),
        }));
        if (signedIn.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Sign-in failed: {(int)signedIn.StatusCode}");
        client.DefaultRequestHeaders.Add(Pactwerk.Web.Features.Accounts.WriteGuards.AntiforgeryHeader, Token(await client.GetStringAsync("/account")));
        return client;
    }

    private static string Token(string html) => WebUtility.HtmlDecode(TokenField().Match(html).Groups[1].Value);

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
