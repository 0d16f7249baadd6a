using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.Pacts;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Knowledge;

/// <summary>Events and internal meetings, registration, and the iCalendar feeds of public events.</summary>
public static class EventsApi
{
    public static RouteGroupBuilder MapEventsApi(this RouteGroupBuilder api)
    {
        var events = api.MapGroup("/events").WithTags("Events");
        events.MapGet("/", GetEvents).WithName("GetEvents").WithSummary("Lists events, filtered by pact, region and date range (from, to).").AllowAnonymous();
        events.MapGet("/{id:int}", GetEvent).WithName("GetEvent").WithSummary("One event with its programme and places left.").AllowAnonymous();
        // Who may plan an event is decided per pact by EventEditor.
        events.MapPost("/", CreateEvent).WithName("CreateEvent").WithSummary("Creates an event.").RequireAuthorization(Policies.SignedIn);
        events.MapPut("/{id:int}", UpdateEvent).WithName("UpdateEvent").WithSummary("Changes an event; send the version you started from. Takes back what its GET returned (region, registration.capacity, meeting with memberEmails); derived fields are ignored.").RequireAuthorization(Policies.SignedIn);
        // Anyone may register for a public event with a form; rate-limited per address and event.
        events.MapPost("/{id:int}/registrations", Register).WithName("RegisterForEvent").WithSummary("Registers a visitor for an event; when it is full, on the waiting list.").AllowAnonymous();
        // The registrant list, for the event's organisers only (EventAccess.MaySeeRegistrants).
        events.MapGet("/{id:int}/registrations.csv", RegistrantsCsv).WithName("GetEventRegistrantsCsv").WithSummary("The event's registrants and waiting list as CSV, for its organisers.").RequireAuthorization(Policies.SignedIn);

        api.MapGet("/pacts/{code}/calendar.ics", PactCalendar).WithName("GetPactCalendar").WithSummary("The pact's events as an iCalendar feed.").WithTags("Events").AllowAnonymous();
        api.MapGet("/regions/{code}/calendar.ics", RegionCalendar).WithName("GetRegionCalendar").WithSummary("A region's events as an iCalendar feed.").WithTags("Events").AllowAnonymous();
        return api;
    }

    /// <summary>
    /// Public events, and the internal meetings the caller is a member or coordinator of. pact: a
    /// pact code; region: any region code, which includes the events of every region inside it;
    /// from/to: days (yyyy-MM-dd, Amsterdam time, both inclusive); an event that overlaps counts.
    /// </summary>
    private static async Task<Results<Ok<IReadOnlyList<EventDto>>, ValidationProblem>> GetEvents(string? pact, string? region, string? from, string? to,
        PactwerkDb db, AccessScopeProvider scopes, CancellationToken ct)
    {
        var (filter, errors) = await ParseFilterAsync(db, pact, region, from, to, ct);
        if (filter is null)
            return TypedResults.ValidationProblem(errors, title: "Ongeldig filter");
        return TypedResults.Ok(await EventQueries.ListAsync(db, await scopes.GetAsync(ct), filter, ct));
    }

    public static async Task<(EventFilter?, Dictionary<string, string[]>)> ParseFilterAsync(PactwerkDb db, string? pact, string? region, string? from, string? to, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        int? pactId = null, regionId = null;
        DateTime? fromUtc = null, toUtc = null;
        if (!string.IsNullOrWhiteSpace(pact))
        {
            pactId = (await PactLookup.FindAsync(db, pact, ct))?.Id;
            if (pactId is null)
                errors["pact"] = [KnowledgeMessages.Format(KnowledgeMessages.NoPact, Short(pact))];
        }
        if (!string.IsNullOrWhiteSpace(region))
        {
            regionId = await RegionIdAsync(db, region, ct);
            if (regionId is null)
                errors["region"] = [KnowledgeMessages.Format(KnowledgeMessages.NoRegion, Short(region))];
        }
        if (!string.IsNullOrWhiteSpace(from))
        {
            if (EventTimes.TryParseDay(from, out var start))
                fromUtc = EventTimes.StartOfDayUtc(start);
            else
                errors["from"] = [$"'{Short(from)}' is geen datum; schrijf bijvoorbeeld 2026-01-31."];
        }
        if (!string.IsNullOrWhiteSpace(to))
        {
            // Inclusive: up to the start of the next day.
            if (EventTimes.TryParseDay(to, out var end))
                toUtc = EventTimes.StartOfDayUtc(end.AddDays(1));
            else
                errors["to"] = [$"'{Short(to)}' is geen datum; schrijf bijvoorbeeld 2026-12-31."];
        }
        if (fromUtc is not null && toUtc is not null && toUtc <= fromUtc)
            errors["to"] = ["'to' ligt voor 'from'."];
        return errors.Count > 0 ? (null, errors) : (new EventFilter(pactId, regionId, fromUtc, toUtc), errors);
    }

    private static string Short(string value) => value.Length > 40 ? value[..40] + "…" : value;

    public static async Task<int?> RegionIdAsync(PactwerkDb db, string code, CancellationToken ct)
    {
        var normalised = code.Trim().ToUpperInvariant();
        return await db.Regions.Where(r => r.Code.ToUpper() == normalised).Select(r => (int?)r.Id).FirstOrDefaultAsync(ct);
    }

    private static async Task<Results<Ok<EventDto>, ProblemHttpResult>> GetEvent(int id, PactwerkDb db, AccessScopeProvider scopes, CancellationToken ct) =>
        await EventQueries.FindAsync(db, await scopes.GetAsync(ct), id, ct) is { } found
            ? TypedResults.Ok(found)
            : ApiProblems.NotFound($"Er is geen evenement met nummer {id}.");

    private static async Task<IResult> CreateEvent(EventInput input, EventEditor editor, PactwerkDb db, AccessScopeProvider scopes, CancellationToken ct) =>
        await EditResults.ToResultAsync(await editor.CreateAsync(input, ct),
            async e => TypedResults.Created($"/api/v1/events/{e.Id}", await EventQueries.FindAsync(db, await scopes.GetAsync(ct), e.Id, ct)),
            "", e => EventQueries.FindAsync(db, AccessScope.Anonymous, e.Id, ct), input.Version);

    /// <summary>Changes an event. Send the version you started from; a stale version gets 409 with what changed since.</summary>
    private static async Task<IResult> UpdateEvent(int id, EventInput input, EventEditor editor, PactwerkDb db, AccessScopeProvider scopes, CancellationToken ct) =>
        await EditResults.ToResultAsync(await editor.UpdateAsync(id, input, ct),
            async e => TypedResults.Ok(await EventQueries.FindAsync(db, await scopes.GetAsync(ct), e.Id, ct)),
            $"Er is geen evenement met nummer {id}.", async e => await EventQueries.FindAsync(db, await scopes.GetAsync(ct), e.Id, ct), input.Version);

    /// <summary>waiting: on the waiting list rather than with a place.</summary>
    public sealed record RegisteredDto(int EventId, string Name, string Email, bool Waiting);

    private static async Task<IResult> Register(int id, EventRegistrationInput input, EventRegistrar registrar, HttpContext http, CancellationToken ct) =>
        await registrar.RegisterAsync(id, input, http.Connection.RemoteIpAddress?.ToString() ?? "local", ct) switch
        {
            RegistrationOutcome.Registered r => TypedResults.Created($"/api/v1/events/{id}", new RegisteredDto(id, r.Registration.Name, r.Registration.Email, r.Registration.IsWaiting)),
            RegistrationOutcome.NotFound => ApiProblems.NotFound($"Er is geen openbaar evenement met nummer {id}."),
            RegistrationOutcome.Invalid i => TypedResults.ValidationProblem(i.Errors, title: "De aanmelding is niet in orde"),
            RegistrationOutcome.Refused r => TypedResults.Problem(r.Message, statusCode: StatusCodes.Status409Conflict, title: "Aanmelden lukt niet"),
            RegistrationOutcome.TooMany t => TypedResults.Problem(t.Message, statusCode: StatusCodes.Status429TooManyRequests, title: "Te veel aanmeldingen"),
            var other => throw new InvalidOperationException($"Unknown outcome {other.GetType().Name}."),
        };

    /// <summary>
    /// Who registered, as a spreadsheet file: those with a place, then the waiting list in order.
    /// Only for the event's organisers; to others the list does not exist (404 when they cannot see
    /// the event, 403 when they can).
    /// </summary>
    private static async Task<IResult> RegistrantsCsv(int id, PactwerkDb db, AccessScopeProvider scopes, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        if (await EventAccess.Visible(db.Events, scope).Where(e => e.Id == id).Select(e => new { e.PactId, e.Title }).SingleOrDefaultAsync(ct) is not { } e)
            return ApiProblems.NotFound($"Er is geen evenement met nummer {id}.");
        if (!EventAccess.MaySeeRegistrants(scope, e.PactId))
            return ApiProblems.Forbidden("Alleen de organisatoren van dit evenement zien wie zich heeft aangemeld.");
        var file = EventRegistrants.Csv(await EventRegistrants.ListAsync(db, id, ct));
        return TypedResults.File(file, "text/csv; charset=utf-8", $"aanmeldingen-evenement-{id}.csv");
    }

    /// <summary>The pact's public events as iCalendar (RFC 5545), for a calendar application to subscribe to.</summary>
    private static async Task<IResult> PactCalendar(string code, PactwerkDb db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        if (await PactLookup.FindAsync(db, code, ct) is not { } pact)
            return ApiProblems.NotFound($"Er is geen pact met code '{code}'.");
        return await CalendarAsync(db, http, clock, pact.Name, new EventFilter(pact.Id, null, null, null), ct);
    }

    /// <summary>The public events in a region (and every region inside it) as iCalendar (RFC 5545).</summary>
    private static async Task<IResult> RegionCalendar(string code, PactwerkDb db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        if (await RegionIdAsync(db, code, ct) is not { } regionId)
            return ApiProblems.NotFound($"Er is geen regio met code '{code}'.");
        var name = await db.Regions.Where(r => r.Id == regionId).Select(r => r.Name).SingleAsync(ct);
        return await CalendarAsync(db, http, clock, name, new EventFilter(null, regionId, null, null), ct);
    }

    private static async Task<IResult> CalendarAsync(PactwerkDb db, HttpContext http, TimeProvider clock, string name, EventFilter filter, CancellationToken ct)
    {
        // Public only, whoever asks: a feed URL is pasted into calendar apps and shared.
        var events = await EventQueries.ListAsync(db, AccessScope.Anonymous, filter, ct);
        var site = $"{http.Request.Scheme}://{http.Request.Host}";
        var feed = CalendarFeed.Write($"Pactwerk – {name}", events.Select(e =>
            new CalendarFeed.Item(e.Id, e.Title, e.StartsAt, e.EndsAt, e.Place, e.Programme, $"{site}/evenementen/{e.Id}", e.Version)),
            clock.GetUtcNow().UtcDateTime);
        return TypedResults.Text(feed, "text/calendar; charset=utf-8");
    }
}
