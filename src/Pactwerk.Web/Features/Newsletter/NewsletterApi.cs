using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.Pacts;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Newsletter;

public sealed record EditionItemDto(int Position, NewsletterItemKind Kind, int Id, string? Title);
public sealed record EditionSummaryDto(int Id, string Title, EditionStatus Status, DateTime CreatedAt, DateTime? SentAt, int RecipientCount, int Version);
public sealed record DeliveryCountsDto(int Pending, int Sending, int Sent, int Failed, int Skipped);
public sealed record EditionDto(int Id, string Pact, string Title, string Introduction, EditionStatus Status, DateTime CreatedAt, DateTime? SendRequestedAt,
    DateTime? SentAt, int RecipientCount, int Version, IReadOnlyList<EditionItemDto> Items, string Html, string Text, DeliveryCountsDto? Deliveries);
public sealed record CandidateDto(NewsletterItemKind Kind, int Id, string Title, string Meta);
public sealed record SubscriptionRequestDto(string? Email);
public sealed record TokenDto(string? Token);
public sealed record SendDto(int Version);

/// <summary>The newsletter over the API: editions (public once sent), composing and sending for coordinators, and subscriptions for anyone.</summary>
public static class NewsletterApi
{
    public static RouteGroupBuilder MapNewsletterApi(this RouteGroupBuilder api)
    {
        var editions = api.MapGroup("/pacts/{code}/newsletter").WithTags("Newsletter");
        editions.MapGet("/editions", GetEditions).WithName("GetNewsletterEditions").WithSummary("The newsletter editions that were sent.").AllowAnonymous();
        editions.MapGet("/editions/{id:int}", GetEdition).WithName("GetNewsletterEdition").WithSummary("One newsletter edition.").AllowAnonymous();
        // Who may compose is decided per pact by NewsletterEditor.
        editions.MapGet("/candidates", GetCandidates).WithName("GetNewsletterCandidates").WithSummary("What a coordinator can put into the next newsletter edition of the pact.").RequireAuthorization(Policies.SignedIn);
        editions.MapPost("/editions", CreateEdition).WithName("CreateNewsletterEdition").WithSummary("Creates a draft newsletter edition.").RequireAuthorization(Policies.SignedIn);
        editions.MapPut("/editions/{id:int}", UpdateEdition).WithName("UpdateNewsletterEdition").WithSummary("Changes a draft newsletter edition; send the version you started from. Sending back what its GET returned changes nothing.").RequireAuthorization(Policies.SignedIn);
        editions.MapPost("/editions/{id:int}/send", SendEdition).WithName("SendNewsletterEdition").WithSummary("Sends a draft to every confirmed subscriber (in the background); a second send is refused with 409.").RequireAuthorization(Policies.SignedIn);
        // Anyone may ask; nothing is subscribed until the mailed link is confirmed. Rate-limited per client and address.
        editions.MapPost("/subscriptions", RequestSubscription).WithName("RequestNewsletterSubscription").WithSummary("Asks for a subscription; a confirmation mail is sent.").AllowAnonymous();

        var newsletter = api.MapGroup("/newsletter").WithTags("Newsletter");
        newsletter.MapPost("/confirm", Confirm).WithName("ConfirmNewsletterSubscription").WithSummary("Confirms a subscription with the token from the mail.").AllowAnonymous();
        // RFC 8058 one-click: the mail program POSTs "List-Unsubscribe=One-Click" to the address in the
        // header, without a session or antiforgery token; the token in the address is the authority.
        newsletter.MapPost("/unsubscribe", Unsubscribe).WithName("UnsubscribeFromNewsletter").WithSummary("Ends a subscription with the token from a newsletter.").AllowAnonymous().DisableAntiforgery();
        return api;
    }

    private static async Task<IResult> GetEditions(string code, PactwerkDb db, NewsletterEditor editor, CancellationToken ct)
    {
        if (await PactLookup.FindAsync(db, code, ct) is not { } pact)
            return ApiProblems.NotFound($"Er is geen pact met code '{code}'.");
        var all = await editor.MayComposeAsync(pact.Id, ct);
        var list = await db.Set<NewsletterEdition>().AsNoTracking().Where(e => e.PactId == pact.Id && (all || e.Status == EditionStatus.Sent))
            .OrderByDescending(e => e.SentAt ?? e.CreatedAt).ThenByDescending(e => e.Id)
            .Select(e => new EditionSummaryDto(e.Id, e.Title, e.Status, e.CreatedAt, e.SentAt, e.RecipientCount, e.Version)).ToListAsync(ct);
        return TypedResults.Ok(list);
    }

    private static async Task<IResult> GetEdition(string code, int id, PactwerkDb db, NewsletterEditor editor, NewsletterLinks links, CancellationToken ct)
    {
        if (await PactLookup.FindAsync(db, code, ct) is not { } pact)
            return ApiProblems.NotFound($"Er is geen pact met code '{code}'.");
        var dto = await EditionView.FindAsync(db, pact, id, await editor.MayComposeAsync(pact.Id, ct), links.Site(), ct);
        return dto is null ? ApiProblems.NotFound($"Er is geen verstuurde editie met nummer {id}.") : TypedResults.Ok(dto);
    }

    private static async Task<IResult> GetCandidates(string code, PactwerkDb db, NewsletterEditor editor, TimeProvider clock, CancellationToken ct)
    {
        if (await PactLookup.FindAsync(db, code, ct) is not { } pact)
            return ApiProblems.NotFound($"Er is geen pact met code '{code}'.");
        if (!await editor.MayComposeAsync(pact.Id, ct))
            return ApiProblems.Forbidden("Alleen de coördinatoren van dit pact stellen de nieuwsbrief samen.");
        var candidates = await NewsletterContent.CandidatesAsync(db, pact.Id, clock.GetUtcNow().UtcDateTime, ct);
        return TypedResults.Ok(candidates.Select(c => new CandidateDto(c.Kind, c.Id, c.Title, c.Meta)).ToList());
    }

    private static async Task<IResult> CreateEdition(string code, EditionInput input, PactwerkDb db, NewsletterEditor editor, NewsletterLinks links, CancellationToken ct)
    {
        if (await PactLookup.FindAsync(db, code, ct) is not { } pact)
            return ApiProblems.NotFound($"Er is geen pact met code '{code}'.");
        return await EditResults.ToResultAsync(await editor.CreateAsync(pact.Id, input, ct),
            async e => TypedResults.Created($"/api/v1/pacts/{pact.Code}/newsletter/editions/{e.Id}", await EditionView.FindAsync(db, pact, e.Id, true, links.Site(), ct)),
            "", e => EditionView.FindAsync(db, pact, e.Id, true, links.Site(), ct), input.Version);
    }

    /// <summary>Changes a draft: title, free text and the items in order. Send the version you started from.</summary>
    private static async Task<IResult> UpdateEdition(string code, int id, EditionInput input, PactwerkDb db, NewsletterEditor editor, NewsletterLinks links, CancellationToken ct)
    {
        if (await PactLookup.FindAsync(db, code, ct) is not { } pact)
            return ApiProblems.NotFound($"Er is geen pact met code '{code}'.");
        return await EditResults.ToResultAsync(await editor.UpdateAsync(pact.Id, id, input, ct),
            async e => TypedResults.Ok(await EditionView.FindAsync(db, pact, e.Id, true, links.Site(), ct)),
            $"Er is geen editie met nummer {id}.", e => EditionView.FindAsync(db, pact, e.Id, true, links.Site(), ct), input.Version);
    }

    /// <summary>Sends a draft to every confirmed subscriber (in the background); a second send is refused with 409.</summary>
    private static async Task<IResult> SendEdition(string code, int id, SendDto input, PactwerkDb db, NewsletterEditor editor, NewsletterLinks links, CancellationToken ct)
    {
        if (await PactLookup.FindAsync(db, code, ct) is not { } pact)
            return ApiProblems.NotFound($"Er is geen pact met code '{code}'.");
        return await EditResults.ToResultAsync(await editor.SendAsync(pact.Id, id, input.Version, links.Site(), ct),
            async e => TypedResults.Accepted($"/api/v1/pacts/{pact.Code}/newsletter/editions/{e.Id}", await EditionView.FindAsync(db, pact, e.Id, true, links.Site(), ct)),
            $"Er is geen editie met nummer {id}.", e => EditionView.FindAsync(db, pact, e.Id, true, links.Site(), ct), input.Version);
    }

    private static async Task<IResult> RequestSubscription(string code, SubscriptionRequestDto input, NewsletterSubscriptions subscriptions, NewsletterLinks links,
        HttpContext http, CancellationToken ct) =>
        await subscriptions.RequestAsync(code, input.Email, http.Connection.RemoteIpAddress?.ToString() ?? "local", links.Site(), ct) switch
        {
            SubscriptionOutcome.Requested => TypedResults.Accepted((string?)null, new { message = NewsletterSubscriptions.Accepted }),
            SubscriptionOutcome.NotFound => ApiProblems.NotFound($"Er is geen pact met code '{code}'."),
            var other => Problem(other),
        };

    private static async Task<IResult> Confirm(TokenDto input, NewsletterSubscriptions subscriptions, CancellationToken ct) =>
        await subscriptions.ConfirmAsync(input.Token, ct) switch
        {
            SubscriptionOutcome.Confirmed c => TypedResults.Ok(new { pact = c.PactCode, message = $"Je bent aangemeld voor de nieuwsbrief van het {c.PactName}." }),
            var other => Problem(other),
        };

    private static async Task<IResult> Unsubscribe(HttpContext http, NewsletterSubscriptions subscriptions, CancellationToken ct)
    {
        // The token comes in the address (one-click from a mail program) or in a JSON body.
        string? token = http.Request.Query["token"];
        if (string.IsNullOrEmpty(token) && http.Request.HasJsonContentType())
        {
            try { token = (await http.Request.ReadFromJsonAsync<TokenDto>(ct))?.Token; }
            catch (System.Text.Json.JsonException) { }
        }
        return await subscriptions.UnsubscribeAsync(token, ct) switch
        {
            SubscriptionOutcome.Unsubscribed => TypedResults.Ok(new { message = "Je bent afgemeld; je ontvangt deze nieuwsbrief niet meer." }),
            var other => Problem(other),
        };
    }

    private static IResult Problem(SubscriptionOutcome outcome) => outcome switch
    {
        SubscriptionOutcome.Invalid i => TypedResults.ValidationProblem(new Dictionary<string, string[]> { [i.Field] = [i.Message] }, title: "De invoer is niet in orde"),
        SubscriptionOutcome.TooMany t => TypedResults.Problem(t.Message, statusCode: StatusCodes.Status429TooManyRequests, title: "Te veel aanvragen"),
        SubscriptionOutcome.NotFound => ApiProblems.NotFound("Niet gevonden."),
        _ => throw new InvalidOperationException($"Unknown outcome {outcome.GetType().Name}."),
    };
}

/// <summary>An edition as the API and pages show it: a sent one to everyone, a draft only to those who compose.</summary>
public static class EditionView
{
    public static async Task<EditionDto?> FindAsync(PactwerkDb db, PactRef pact, int id, bool composer, string site, CancellationToken ct)
    {
        var edition = await db.Set<NewsletterEdition>().AsNoTracking().Include(e => e.Items)
            .SingleOrDefaultAsync(e => e.Id == id && e.PactId == pact.Id && (composer || e.Status == EditionStatus.Sent), ct);
        if (edition is null)
            return null;
        var entries = await NewsletterEditor.EntriesAsync(db, edition, ct);
        var titles = entries.ToDictionary(e => (e.Kind, e.Id), e => e.Title);
        // A draft is shown as it would be sent now; a sent edition as it was sent.
        var html = edition.Status == EditionStatus.Draft ? NewsletterContent.Html(edition.Introduction, entries, site) : edition.SentHtml ?? "";
        var text = edition.Status == EditionStatus.Draft ? NewsletterContent.Text(edition.Title, edition.Introduction, entries, site) : edition.SentText ?? "";
        DeliveryCountsDto? counts = null;
        if (composer && edition.Status != EditionStatus.Draft)
        {
            var states = await db.Set<NewsletterDelivery>().Where(d => d.EditionId == id).GroupBy(d => d.State)
                .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
            int Of(DeliveryState s) => states.SingleOrDefault(x => x.Key == s)?.Count ?? 0;
            counts = new DeliveryCountsDto(Of(DeliveryState.Pending), Of(DeliveryState.Sending), Of(DeliveryState.Sent), Of(DeliveryState.Failed), Of(DeliveryState.Skipped));
        }
        return new EditionDto(edition.Id, pact.Code, edition.Title, edition.Introduction, edition.Status, edition.CreatedAt, edition.SendRequestedAt, edition.SentAt,
            edition.RecipientCount, edition.Version,
            edition.Items.OrderBy(i => i.Position).Select(i => new EditionItemDto(i.Position, i.Kind, i.ReferenceId, titles.GetValueOrDefault((i.Kind, i.ReferenceId)))).ToList(),
            html, text, counts);
    }
}
