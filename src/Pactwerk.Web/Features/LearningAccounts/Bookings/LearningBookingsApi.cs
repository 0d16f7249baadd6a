using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.LearningAccounts;

/// <summary>
/// Spending a learning account: the holder previews and books a catalogue course, cancels it before delivery and
/// confirms its delivery; the course's provider confirms delivery too (signed in as for vouchers, with two-factor).
/// There is no endpoint that names another person's account: the holder's is always their own.
/// </summary>
public static class LearningBookingsApi
{
    public static RouteGroupBuilder MapLearningBookingsApi(this RouteGroupBuilder api)
    {
        var mine = api.MapGroup("/learning-accounts/me/bookings").WithTags("Learning accounts").RequireAuthorization(Policies.SignedIn).AddEndpointFilter(Translate);
        mine.MapGet("/preview", Preview).WithName("PreviewLearningBooking")
            .WithSummary("Before booking a catalogue course (`?course=12&start=2027-02-01`, the first start to come when left out): which deposits of the signed-in person's account would pay how much and why, which would not and why, and what they would pay themselves. Nothing is reserved.");
        mine.MapGet("", GetMine).WithName("GetMyLearningBookings").WithSummary("The signed-in person's bookings, newest first, with what each funder pays and the provider's payment.");
        mine.MapPost("", Book).WithName("BookLearningCourse")
            .WithSummary("The signed-in person books a catalogue course on their own account (`{\"course\": 12, \"start\": \"2027-02-01\", \"coPayment\": 200.00}`): the price is reserved from the deposits the preview names; the rest is their own co-payment where the scheme allows it, accepted by sending the preview's `coPayment` in euros. Reckoned again under the account's lock: when the co-payment is needed and not sent, or differs from the one sent (money expired or was taken, the price changed), 409 with `price`, `fromAccount` and `coPayment` as they are now, and nothing is reserved.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        mine.MapPost("/{id:long}/cancel", Cancel).WithName("CancelLearningBooking")
            .WithSummary("The holder cancels a booking before either side confirmed delivery: the reservation goes back to the same deposits.").WithStepProblems();
        mine.MapPost("/{id:long}/delivery", ConfirmByHolder).WithName("ConfirmLearningDeliveryByHolder")
            .WithSummary("The holder confirms the course was delivered (from its start date on); once the provider has confirmed too, the money is spent and the provider's payment is due.").WithStepProblems();

        var providers = api.MapGroup("/learning-bookings").WithTags("Learning accounts").RequireAuthorization(Vouchers.VouchersModule.StaffPolicy).AddEndpointFilter(Translate);
        providers.MapGet("", GetProviders).WithName("GetProviderLearningBookings")
            .WithSummary("The learning-account bookings of the providers the signed-in account acts for (no personal data of the holder).");
        providers.MapPost("/{id:long}/delivery", ConfirmByProvider).WithName("ConfirmLearningDeliveryByProvider")
            .WithSummary("The course's provider confirms it delivered the course (from its start date on); once the holder has confirmed too, the money is spent and the payment is due in the provider's scheme (batched and exported as for vouchers).").WithStepProblems();
        return api;
    }

    private static RouteHandlerBuilder WithStepProblems(this RouteHandlerBuilder step) =>
        step.ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

    /// <summary>The problems in the reader's language: each message found again by its format (<see cref="LearningAccountMessages.Localise(IStringLocalizer, string)"/>).</summary>
    internal static async ValueTask<object?> Translate(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var t = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        switch (result is INestedHttpResult nested ? nested.Result : result)
        {
            case ProblemHttpResult problem when problem.ProblemDetails.Detail is { } detail:
                problem.ProblemDetails.Detail = LearningAccountMessages.Localise(t, detail);
                break;
            case ValidationProblem invalid:
                foreach (var (field, messages) in invalid.ProblemDetails.Errors.ToList())
                    invalid.ProblemDetails.Errors[field] = [.. messages.Select(m => LearningAccountMessages.Localise(t, m))];
                break;
            case Ok<BookingPreview> ok when ok.Value is { } preview:
                // The reasons are the API's words to the person: in their language too.
                return TypedResults.Ok(preview with
                {
                    Refusal = preview.Refusal is null ? null : LearningAccountMessages.Localise(t, preview.Refusal),
                    Paying = [.. preview.Paying.Select(p => p with { Why = [.. p.Why.Select(w => LearningAccountMessages.Localise(t, w))] })],
                    NotPaying = [.. preview.NotPaying.Select(p => p with { Why = [.. p.Why.Select(w => LearningAccountMessages.Localise(t, w))] })],
                });
        }
        return result;
    }

    private static Results<Ok<BookingDto>, Ok<BookingPreview>, ValidationProblem, ProblemHttpResult> Answer(BookingOutcome outcome) => outcome switch
    {
        BookingOutcome.Done d => TypedResults.Ok(d.Booking),
        BookingOutcome.Previewed p => TypedResults.Ok(p.Preview),
        BookingOutcome.Invalid i => TypedResults.ValidationProblem(i.Errors, title: "De invoer is niet in orde"),
        BookingOutcome.NotFound n => ApiProblems.NotFound(n.Message),
        BookingOutcome.Forbidden f => ApiProblems.Forbidden(f.Message),
        BookingOutcome.Refused r => TypedResults.Problem(r.Message, statusCode: StatusCodes.Status409Conflict),
        // The amounts as they are now, so a client can show them and ask again.
        BookingOutcome.CoPaymentDiffers c => TypedResults.Problem(c.Message, statusCode: StatusCodes.Status409Conflict,
            extensions: new Dictionary<string, object?> { ["price"] = c.Price / 100m, ["fromAccount"] = c.FromAccount / 100m, ["coPayment"] = c.CoPayment / 100m }),
        _ => throw new InvalidOperationException("Unknown outcome."),
    };

    private static async Task<Results<Ok<BookingPreview>, ValidationProblem, ProblemHttpResult>> Preview(int? course, string? start, LearningBookings bookings, CancellationToken ct) =>
        Answer(await bookings.PreviewAsync(course, start, ct)).Result switch
        {
            Ok<BookingPreview> ok => ok,
            ValidationProblem v => v,
            ProblemHttpResult p => p,
            _ => throw new InvalidOperationException("A preview answers with a preview or a problem."),
        };

    private static async Task<Results<Created<BookingDto>, ValidationProblem, ProblemHttpResult>> Book(BookingInput input, LearningBookings bookings, CancellationToken ct) =>
        Answer(await bookings.BookAsync(input, ct)).Result switch
        {
            Ok<BookingDto> ok => TypedResults.Created($"/api/v1/learning-accounts/me/bookings/{ok.Value!.Id}", ok.Value),
            ValidationProblem v => v,
            ProblemHttpResult p => p,
            _ => throw new InvalidOperationException("A booking answers with the booking or a problem."),
        };

    private static async Task<Results<Ok<IReadOnlyList<BookingDto>>, ProblemHttpResult>> GetMine(LearningBookings bookings, CancellationToken ct) =>
        await bookings.MineAsync(ct) is ({ } list, _) ? TypedResults.Ok(list) : ApiProblems.NotFound(LearningAccountMessages.NoAccountForYou);

    private static async Task<Ok<IReadOnlyList<BookingDto>>> GetProviders(LearningBookings bookings, CancellationToken ct) =>
        TypedResults.Ok(await bookings.OfMyProvidersAsync(ct));

    private static async Task<Results<Ok<BookingDto>, ProblemHttpResult>> Cancel(long id, LearningBookings bookings, CancellationToken ct) => Step(await bookings.CancelAsync(id, ct));

    private static async Task<Results<Ok<BookingDto>, ProblemHttpResult>> ConfirmByHolder(long id, LearningBookings bookings, CancellationToken ct) =>
        Step(await bookings.ConfirmByHolderAsync(id, ct));

    private static async Task<Results<Ok<BookingDto>, ProblemHttpResult>> ConfirmByProvider(long id, LearningBookings bookings, CancellationToken ct) =>
        Step(await bookings.ConfirmByProviderAsync(id, ct));

    private static Results<Ok<BookingDto>, ProblemHttpResult> Step(BookingOutcome outcome) => Answer(outcome).Result switch
    {
        Ok<BookingDto> ok => ok,
        ProblemHttpResult p => p,
        _ => throw new InvalidOperationException("A step answers with the booking or a problem."),
    };
}
