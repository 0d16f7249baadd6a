using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Vouchers;

public sealed record VoucherSchemeSummary(string Code, string Name, string NameEn, string Pact, DateTime OpensAt, DateTime ClosesAt, DistributionRule Rule);
public sealed record VoucherCourseDto(int Id, string Provider, string Title, string Sector, string Level, int Hours, decimal Price, decimal VoucherAmount,
    IReadOnlyList<DateOnly> StartDates, string TargetOccupation);
public sealed record VoucherSchemeRules(string Code, string Name, string NameEn, string Pact, DateTime OpensAt, DateTime ClosesAt, DistributionRule Rule,
    decimal Ceiling, decimal MaxPerVoucher, decimal CoFundingShare, decimal AdvanceShare, int ApplyWithinDaysAfterStart, int MinimumAge,
    IReadOnlyList<string> TargetGroups, IReadOnlyList<string> Sectors, IReadOnlyList<string> Levels, IReadOnlyList<string> Occupations,
    IReadOnlyList<VoucherCourseDto> Courses, int ConfirmEmailWithinDays);
public sealed record VoucherBudget(decimal Ceiling, decimal Reserved, decimal Paid, decimal Available, int Granted, int Waiting);
/// <summary>The answer to an application; <paramref name="ConfirmEmailBy"/> is the last day to confirm the address through the mailed link.</summary>
public sealed record VoucherApplicationDto(string Number, VoucherStatus Status, decimal Amount, string? VoucherCode, int? Position, string StatusUrl, DateOnly? ConfirmEmailBy);
public sealed record VoucherProviderDto(int Id, string Name, string KvkNumber, string Iban, string QualityRegistration, bool Vetted, int Courses);
public sealed record VoucherFlagDto(string Kind, string Reason, IReadOnlyList<int> ProviderIds, IReadOnlyList<int> CourseIds, IReadOnlyList<string> Applications);
/// <param name="Changed">False when the counts were already in the monitor: nothing was written.</param>
public sealed record VoucherFeedDto(bool Changed, int Observations, int Granted, int Started, int Completed);
public sealed record VettingInput(bool? Approve, string? Reason);
public sealed record WithdrawalInput(string? Key);
/// <summary>A published draw: the seed, when, the application numbers in drawn order, how many of the first were granted, and the rule to recompute it.</summary>
public sealed record VoucherDrawDto(DateOnly Day, DistributionRule Rule, string Seed, DateTime DrawnAt, IReadOnlyList<string> Numbers, int Granted, string RuleText);

/// <summary>Voucher schemes: their rules and budget, applications, and the providers whose courses they pay for.</summary>
public static class VouchersApi
{
    public static RouteGroupBuilder MapVouchersApi(this RouteGroupBuilder api)
    {
        var schemes = api.MapGroup("/voucher-schemes").WithTags("Vouchers");
        schemes.MapGet("/", GetSchemes).WithName("GetVoucherSchemes").WithSummary("Lists the voucher schemes.").AllowAnonymous();
        schemes.MapGet("/{code}", GetScheme).WithName("GetVoucherScheme").WithSummary("A scheme's rules and the courses of its vetted providers.").AllowAnonymous();
        schemes.MapPost("/", CreateScheme).WithName("CreateVoucherScheme").WithSummary("Creates a voucher scheme (the pact's coordinators): budget, rules, window, distribution rule, four-eyes threshold and the account it pays from.").RequireAuthorization(Policies.SignedIn);
        schemes.MapGet("/{code}/settings", GetSettings).WithName("GetVoucherSchemeSettings").WithSummary("A scheme's settings as its officers change them: what this returns, PUT accepts.").RequireAuthorization(Policies.SignedIn);
        schemes.MapPut("/{code}/settings", UpdateScheme).WithName("UpdateVoucherScheme").WithSummary("Changes a scheme's settings (its officers). Send the version you started from; a stale version gets 409 with what changed since.").RequireAuthorization(Policies.SignedIn);
        schemes.MapGet("/{code}/budget", GetBudget).WithName("GetVoucherBudget").WithSummary("A scheme's budget: ceiling, reserved, paid, available, vouchers granted and applications waiting.").AllowAnonymous();
        // Anyone may apply; the rules and the unique (scheme, e-mail) index decide.
        schemes.MapPost("/{code}/applications", Apply).WithName("ApplyForVoucher").WithSummary("Applies for a voucher: granted while the budget lasts, otherwise on the waiting list; a failed rule is named.").AllowAnonymous();
        schemes.MapPost("/{code}/providers", RegisterProvider).WithName("RegisterVoucherProvider").WithSummary("Registers a training provider with its courses, to be vetted by the scheme's officer.").AllowAnonymous();
        schemes.MapGet("/{code}/draws", GetDraws).WithName("GetVoucherDraws").WithSummary("The scheme's published draws: seed, time, application numbers in drawn order, how many were granted, and the rule to recompute them.").AllowAnonymous();
        schemes.MapPost("/{code}/draws", Draw).WithName("DrawVoucherLottery").WithSummary("The officer decides the scheme's due lottery now (after the window closed, or a day ended); a draw happens once.").RequireAuthorization(Policies.SignedIn);
        schemes.MapGet("/{code}/providers", GetProviders).WithName("GetVoucherProviders").WithSummary("The scheme's providers, vetted or not, for its officers.").RequireAuthorization(Policies.SignedIn);
        schemes.MapGet("/{code}/flags", GetFlags).WithName("GetVoucherFlags").WithSummary("The scheme's fraud signals for its officers: what, why (the numbers) and which records; prompts to look, not decisions.").RequireAuthorization(Policies.SignedIn);
        schemes.MapPost("/{code}/monitor-feed", RefreshMonitorFeed).WithName("RefreshVoucherMonitorFeed").WithSummary("The officer refreshes the scheme's figures in the monitor now (granted, started, completed per municipality, sector and year); they are refreshed every few minutes anyway.").RequireAuthorization(Policies.SignedIn);
        schemes.MapPost("/{code}/providers/{id:int}/vetting", VetProvider).WithName("VetVoucherProvider").WithSummary("The officer approves or rejects a provider, with a reason.").RequireAuthorization(Policies.SignedIn);
        // The key from the application's answer is the proof; it travels in the body, never in a logged address.
        api.MapPost("/voucher-applications/withdrawal", Withdraw).WithName("WithdrawVoucherApplication").WithSummary("Withdraws an application or voucher; the waiting list moves up.").WithTags("Vouchers").AllowAnonymous();
        // The applicant's rights over their data (AVG): the link's key is the proof, as for a withdrawal.
        api.MapPost("/voucher-applications/export", ExportData).WithName("ExportVoucherApplicationData").WithSummary("Everything kept about the application behind the link, for the applicant (AVG access and portability).").WithTags("Vouchers").AllowAnonymous();
        api.MapPost("/voucher-applications/erasure", EraseData).WithName("EraseVoucherApplicationData").WithSummary("Erases the applicant's personal data; an open application is withdrawn first, the accounts keep a pseudonym.").WithTags("Vouchers").AllowAnonymous();
        return api;
    }

    private static async Task<Results<Ok<VoucherDataExport>, ProblemHttpResult>> ExportData(WithdrawalInput input, VoucherPrivacy privacy, HttpContext http, CancellationToken ct)
    {
        if (await privacy.ExportAsync(input.Key, ct) is not { } export)
            return ApiProblems.NotFound(VoucherMessages.InvalidLink);
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{export.Number}.json\"";
        return TypedResults.Ok(export);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> EraseData(WithdrawalInput input, VoucherPrivacy privacy, CancellationToken ct) =>
        await privacy.EraseAsync(input.Key, ct) ? TypedResults.NoContent() : ApiProblems.NotFound(VoucherMessages.InvalidLink);

    private static async Task<Ok<List<VoucherSchemeSummary>>> GetSchemes(PactwerkDb db, CancellationToken ct) =>
        TypedResults.Ok(await db.VoucherSchemes.AsNoTracking().OrderBy(s => s.Code)
            .Join(db.Pacts, s => s.PactId, p => p.Id, (s, p) => new VoucherSchemeSummary(s.Code, s.Name, s.NameEn, p.Code, s.OpensAt, s.ClosesAt, s.Rule))
            .ToListAsync(ct));

    private static async Task<Results<Ok<VoucherSchemeRules>, ProblemHttpResult>> GetScheme(string code, VoucherQueries queries, CancellationToken ct) =>
        await queries.RulesAsync(code, ct) is { } rules ? TypedResults.Ok(rules) : ApiProblems.NotFound(VoucherMessages.Format(VoucherMessages.NoScheme, Short(code)));

    private static async Task<VoucherSchemeInput> SettingsOf(PactwerkDb db, VoucherScheme scheme, CancellationToken ct) =>
        VoucherSchemeEditor.InputOf(scheme, await db.Pacts.Where(p => p.Id == scheme.PactId).Select(p => p.Code).SingleAsync(ct));

    private static async Task<IResult> CreateScheme(VoucherSchemeInput input, VoucherSchemeEditor editor, PactwerkDb db, CancellationToken ct) =>
        await EditResults.ToResultAsync(await editor.CreateAsync(input, ct),
            async s => TypedResults.Created($"/api/v1/voucher-schemes/{s.Code}", await SettingsOf(db, s, ct)), "", s => SettingsOf(db, s, ct), input.Version);

    private static async Task<IResult> GetSettings(string code, PactwerkDb db, AccessScopeProvider scopes, CancellationToken ct)
    {
        var scheme = await db.VoucherSchemes.AsNoTracking().SingleOrDefaultAsync(s => s.Code == code, ct);
        if (scheme is null)
            return ApiProblems.NotFound(VoucherMessages.Format(VoucherMessages.NoScheme, Short(code)));
        return VoucherAccess.IsOfficer(await scopes.GetAsync(ct), scheme, forChange: false)
            ? TypedResults.Ok(await SettingsOf(db, scheme, ct)) : ApiProblems.Forbidden(VoucherMessages.NotOfficer);
    }

    private static async Task<IResult> UpdateScheme(string code, VoucherSchemeInput input, VoucherSchemeEditor editor, PactwerkDb db, CancellationToken ct) =>
        await EditResults.ToResultAsync(await editor.UpdateAsync(code, input, ct),
            async s => TypedResults.Ok(await SettingsOf(db, s, ct)), VoucherMessages.Format(VoucherMessages.NoScheme, Short(code)), s => SettingsOf(db, s, ct), input.Version);

    private static async Task<Results<Ok<VoucherBudget>, ProblemHttpResult>> GetBudget(string code, VoucherQueries queries, CancellationToken ct) =>
        await queries.BudgetAsync(code, ct) is { } budget ? TypedResults.Ok(budget) : ApiProblems.NotFound(VoucherMessages.Format(VoucherMessages.NoScheme, Short(code)));

    private static async Task<Results<Created<VoucherApplicationDto>, ValidationProblem, ProblemHttpResult>> Apply(string code, VoucherApplicationInput input,
        VoucherApplications applications, CancellationToken ct)
    {
        switch (await applications.ApplyAsync(code, input, ct))
        {
            case ApplicationOutcome.Saved saved:
                var a = saved.Application;
                var url = StatusUrl(saved.Key);
                return TypedResults.Created(url, new VoucherApplicationDto(saved.Number, a.Status, a.Amount, a.Status == VoucherStatus.Granted ? a.VoucherCode : null, saved.Position, url, saved.ConfirmEmailBy));
            case ApplicationOutcome.Invalid invalid:
                return TypedResults.ValidationProblem(invalid.Errors, title: "De aanvraag is niet in orde; er is niets opgeslagen");
            default:
                return ApiProblems.NotFound(VoucherMessages.Format(VoucherMessages.NoScheme, Short(code)));
        }
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Withdraw(WithdrawalInput input, VoucherApplications applications, CancellationToken ct) =>
        await applications.WithdrawAsync(input.Key, ct) ? TypedResults.NoContent() : ApiProblems.NotFound(VoucherMessages.InvalidLink);

    private static async Task<Results<Created<VoucherProviderDto>, ValidationProblem, ProblemHttpResult>> RegisterProvider(string code, VoucherProviderInput input,
        PactwerkDb db, VoucherProviders providers, CancellationToken ct)
    {
        var scheme = await db.VoucherSchemes.AsNoTracking().SingleOrDefaultAsync(s => s.Code == code, ct);
        if (scheme is null)
            return ApiProblems.NotFound(VoucherMessages.Format(VoucherMessages.NoScheme, Short(code)));
        var (provider, errors) = await providers.RegisterAsync(scheme, input, ct);
        if (provider is null)
            return TypedResults.ValidationProblem(errors, title: "De aanmelding is niet in orde; er is niets opgeslagen");
        return TypedResults.Created($"/api/v1/voucher-schemes/{scheme.Code}/providers/{provider.Id}", ToDto(provider, provider.Courses.Count));
    }

    private static async Task<Results<Ok<List<VoucherProviderDto>>, ProblemHttpResult>> GetProviders(string code, PactwerkDb db, AccessScopeProvider scopes, CancellationToken ct)
    {
        var (scheme, refused) = await OfficerSchemeAsync(code, db, scopes, forChange: false, "Alleen de behandelaars van deze regeling zien de aanbieders die nog beoordeeld worden.", ct);
        if (scheme is null)
            return refused!;
        var rows = await db.VoucherProviders.AsNoTracking().Where(p => p.SchemeId == scheme.Id).OrderBy(p => p.Id)
            .Select(p => new { p, Courses = p.Courses.Count }).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(r => ToDto(r.p, r.Courses)).ToList());
    }

    private static async Task<Results<Ok<VoucherProviderDto>, ValidationProblem, ProblemHttpResult>> VetProvider(string code, int id, VettingInput input,
        PactwerkDb db, VoucherProviders providers, AccessScopeProvider scopes, CancellationToken ct)
    {
        var (scheme, refused) = await OfficerSchemeAsync(code, db, scopes, forChange: true, "Alleen de behandelaars van deze regeling beoordelen aanbieders.", ct);
        if (scheme is null)
            return refused!;
        var errors = new Dictionary<string, string[]>();
        if (input.Approve is null)
            errors["approve"] = ["Geef aan of de aanbieder is goedgekeurd (true) of afgewezen (false)."];
        if (string.IsNullOrWhiteSpace(input.Reason) || input.Reason.Length > 1000)
            errors["reason"] = ["Geef de reden van het besluit (hoogstens 1000 tekens)."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "Het besluit is niet in orde; er is niets opgeslagen");
        var provider = await providers.VetAsync(scheme, id, input.Approve!.Value, input.Reason!.Trim(), ct);
        if (provider is null)
            return ApiProblems.NotFound($"Deze regeling heeft geen aanbieder met nummer {id}.");
        return TypedResults.Ok(ToDto(provider, await db.VoucherCourses.CountAsync(c => c.ProviderId == provider.Id, ct)));
    }

    private static async Task<Results<Ok<List<VoucherFlagDto>>, ProblemHttpResult>> GetFlags(string code, PactwerkDb db, VoucherFlags flags, AccessScopeProvider scopes, CancellationToken ct)
    {
        var (scheme, refused) = await OfficerSchemeAsync(code, db, scopes, forChange: false, "Alleen de behandelaars van deze regeling zien haar signalen.", ct);
        if (scheme is null)
            return refused!;
        return TypedResults.Ok((await flags.ForSchemeAsync(scheme.Id, ct)).Select(f => new VoucherFlagDto(f.Kind, f.Reason, f.ProviderIds, f.CourseIds, f.Applications)).ToList());
    }

    private static async Task<Results<Ok<VoucherFeedDto>, ProblemHttpResult>> RefreshMonitorFeed(string code, PactwerkDb db, VoucherMonitorFeed feed, AccessScopeProvider scopes, CancellationToken ct)
    {
        var (scheme, refused) = await OfficerSchemeAsync(code, db, scopes, forChange: true, "Alleen de behandelaars van deze regeling vernieuwen haar cijfers in de monitor.", ct);
        if (scheme is null)
            return refused!;
        var (outcome, counts) = await feed.RefreshAsync(scheme, ct);
        return TypedResults.Ok(new VoucherFeedDto(outcome.Changed, outcome.Observations, counts.Sum(c => c.Granted), counts.Sum(c => c.Started), counts.Sum(c => c.Completed)));
    }

    private static async Task<Results<Ok<List<VoucherDrawDto>>, ProblemHttpResult>> GetDraws(string code, PactwerkDb db, CancellationToken ct)
    {
        var scheme = await db.VoucherSchemes.AsNoTracking().SingleOrDefaultAsync(s => s.Code == code, ct);
        if (scheme is null)
            return ApiProblems.NotFound(VoucherMessages.Format(VoucherMessages.NoScheme, Short(code)));
        return TypedResults.Ok(await DrawsAsync(db, scheme.Id, ct));
    }

    internal static async Task<List<VoucherDrawDto>> DrawsAsync(PactwerkDb db, int schemeId, CancellationToken ct) =>
        (await db.VoucherDraws.AsNoTracking().Where(d => d.SchemeId == schemeId).OrderBy(d => d.Day).ToListAsync(ct))
            .Select(d => new VoucherDrawDto(d.Day, d.Rule, d.Seed, DateTime.SpecifyKind(d.DrawnAt, DateTimeKind.Utc), d.Numbers, d.Granted, VoucherLottery.RuleText)).ToList();

    private static async Task<Results<Ok<List<VoucherDrawDto>>, ProblemHttpResult>> Draw(string code, PactwerkDb db, VoucherDraws draws, AccessScopeProvider scopes, TimeProvider clock, CancellationToken ct)
    {
        var (scheme, refused) = await OfficerSchemeAsync(code, db, scopes, forChange: true, "Alleen de behandelaars van deze regeling laten loten.", ct);
        if (scheme is null)
            return refused!;
        var now = clock.GetUtcNow().UtcDateTime;
        if (scheme.Rule == DistributionRule.OrderOfArrival)
            return ApiProblems.Conflict(VoucherMessages.NotALottery);
        if (scheme.Rule == DistributionRule.PeriodLottery && now < scheme.ClosesAt)
            return ApiProblems.Conflict(VoucherMessages.Format(VoucherMessages.DrawAfterClose, scheme.ClosesAt.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture)));
        // Nothing due (already drawn, or the day has not ended) is no error: the answer is the draws as they stand.
        await draws.DecideAsync(scheme.Id, now, ct);
        return TypedResults.Ok(await DrawsAsync(db, scheme.Id, ct));
    }

    /// <summary>
    /// The scheme an officer's endpoint is about: 404 when there is no such scheme, 403 with the endpoint's own message when
    /// the caller is not its officer (<see cref="VoucherAccess.IsOfficer"/>); otherwise the scheme and no problem.
    /// </summary>
    private static async Task<(VoucherScheme? Scheme, ProblemHttpResult? Refused)> OfficerSchemeAsync(string code, PactwerkDb db, AccessScopeProvider scopes,
        bool forChange, string forbidden, CancellationToken ct)
    {
        var scheme = await db.VoucherSchemes.AsNoTracking().SingleOrDefaultAsync(s => s.Code == code, ct);
        if (scheme is null)
            return (null, ApiProblems.NotFound(VoucherMessages.Format(VoucherMessages.NoScheme, Short(code))));
        return VoucherAccess.IsOfficer(await scopes.GetAsync(ct), scheme, forChange) ? (scheme, null) : (null, ApiProblems.Forbidden(forbidden));
    }

    public static string StatusUrl(string key) => $"/regelingen/aanvraag?key={Uri.EscapeDataString(key)}";

    /// <summary>Where the participant confirms the enrolment, with the same secret key as the status link.</summary>
    public static string EnrolmentUrl(string key) => $"/regelingen/aanvraag/inschrijving?key={Uri.EscapeDataString(key)}";

    private static VoucherProviderDto ToDto(VoucherProvider p, int courses) => new(p.Id, p.Name, p.KvkNumber, p.Iban, p.QualityRegistration, p.Vetted, courses);

    private static string Short(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
