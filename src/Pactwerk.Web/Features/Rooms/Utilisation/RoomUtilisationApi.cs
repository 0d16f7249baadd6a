using System.Globalization;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Rooms;

public sealed record FiguresDto(double Open, double Booked, double Used, double? BookedShare, double? UsedShare,
    IReadOnlyDictionary<RoomUserKind, double> BookedByKind, IReadOnlyDictionary<RoomUserKind, double> UsedByKind)
{
    public static FiguresDto Of(UtilisationFigures f) => new(Round(f.Open), Round(f.Booked), Round(f.Used), f.BookedShare is { } b ? Math.Round(b, 4) : null,
        f.UsedShare is { } u ? Math.Round(u, 4) : null, f.BookedByKind.ToDictionary(k => k.Key, k => Round(k.Value)), f.UsedByKind.ToDictionary(k => k.Key, k => Round(k.Value)));

    private static double Round(double hours) => Math.Round(hours, 2);
}

public sealed record UtilisationWeekDto(string Week, int RoomId, string Room, string School, string Region, FiguresDto Figures);
public sealed record UtilisationGroupDto(string Key, FiguresDto Figures);
public sealed record UtilisationDto(DateOnly From, DateOnly To, string? RegionSet, IReadOnlyList<UtilisationWeekDto> Weeks, IReadOnlyList<UtilisationGroupDto> Rooms,
    IReadOnlyList<UtilisationGroupDto> Schools, IReadOnlyList<UtilisationGroupDto> Regions, IReadOnlyList<UtilisationGroupDto> WeekTotals, FiguresDto Total);

/// <summary>
/// The rooms' utilisation, public like the rooms themselves: opening hours and booked hours of a room
/// are not about people, and the figures name no booker (only kinds of user).
/// </summary>
public static class RoomUtilisationApi
{
    public static RouteGroupBuilder MapRoomUtilisationApi(this RouteGroupBuilder api)
    {
        api.MapGet("/rooms/utilisation", GetUtilisation).WithName("GetRoomUtilisation").WithTags("Rooms").AllowAnonymous().AddEndpointFilter(RoomProblemLanguage.Filter)
            .WithSummary("Hours open, booked (approved) and used per room and ISO week, by kind of user, with totals per room, school, region of `regionSet` (default gemeenten) and week; rooms in `region` only; `from` and `to` yyyy-MM-dd. `format=csv` gives the room-week table as a CSV file.");
        api.MapPost("/rooms/monitor-feed", Refresh).WithName("RefreshRoomMonitorFeed").WithTags("Rooms").RequireAuthorization(Accounts.Policies.SignedIn).AddEndpointFilter(RoomProblemLanguage.Filter)
            .WithSummary("A pact coordinator refreshes the rooms' figures in the monitor now (minutes open, booked and used per municipality and year, and the indicator technieklokalen-bezettingsgraad); a timer does so every hour.");
        return api;
    }

    private static async Task<IResult> Refresh(RoomMonitorFeed feed, Accounts.AccessScopeProvider scopes, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        if (!scope.Coordinates() || scope.ReadOnly)
            return ApiProblems.Forbidden(RoomMessages.NotCoordinator);
        var outcome = await feed.RefreshAsync(ct);
        return TypedResults.Ok(new { outcome.Changed, outcome.Observations });
    }

    private static async Task<IResult> GetUtilisation(string? regionSet, string? region, string? from, string? to, string? format, RoomUtilisationQueries queries, CancellationToken ct) =>
        await queries.ComputeAsync(regionSet, region, from, to, ct) switch
        {
            RoomUtilisationQueries.Outcome.Computed c when string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase) =>
                TypedResults.File(Csv(c.Result), "text/csv; charset=utf-8", $"bezetting-technieklokalen-{c.From:yyyyMMdd}-{c.To:yyyyMMdd}.csv"),
            RoomUtilisationQueries.Outcome.Computed c => TypedResults.Ok(ToDto(c)),
            RoomUtilisationQueries.Outcome.NotFound n => ApiProblems.NotFound(n.Message),
            RoomUtilisationQueries.Outcome.Invalid i => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["from"] = [i.Message] }),
            _ => throw new InvalidOperationException("Unknown outcome."),
        };

    public static UtilisationDto ToDto(RoomUtilisationQueries.Outcome.Computed c)
    {
        static List<UtilisationGroupDto> Groups(IReadOnlyList<(string Key, UtilisationFigures Figures)> groups) =>
            groups.Select(g => new UtilisationGroupDto(g.Key, FiguresDto.Of(g.Figures))).ToList();
        var r = c.Result;
        return new UtilisationDto(c.From, c.To, c.RegionSet, r.Weeks.Select(w => new UtilisationWeekDto(w.Week, w.RoomId, w.Room, w.School, w.Region, FiguresDto.Of(w.Figures))).ToList(),
            Groups(r.Rooms), Groups(r.Schools), Groups(r.Regions), Groups(r.WeekTotals), FiguresDto.Of(r.Total));
    }

    /// <summary>The room-week table for a spreadsheet: hours with a decimal comma, names defused against formulas.</summary>
    public static byte[] Csv(RoomUtilisation.Result result)
    {
        var nl = CultureInfo.GetCultureInfo("nl-NL");
        string Hours(double h) => h.ToString("0.00", nl);
        string Share(double? s) => s is { } v ? (v * 100).ToString("0.0", nl) : "";
        var kinds = Enum.GetValues<RoomUserKind>();
        var header = "week;school;lokaal;regio;uren open;uren geboekt;uren gebruikt;bezetting geboekt %;bezetting gebruikt %;"
            + string.Join(';', kinds.Select(k => $"geboekt {k}")) + ";" + string.Join(';', kinds.Select(k => $"gebruikt {k}"));
        return CsvText.File(header, result.Weeks.Select(w => new[]
            {
                CsvText.Cell(w.Week), CsvText.Cell(w.School), CsvText.Cell(w.Room), CsvText.Cell(w.Region), Hours(w.Figures.Open), Hours(w.Figures.Booked),
                Hours(w.Figures.Used), Share(w.Figures.BookedShare), Share(w.Figures.UsedShare),
            }.Concat(kinds.Select(k => Hours(w.Figures.BookedByKind[k]))).Concat(kinds.Select(k => Hours(w.Figures.UsedByKind[k])))));
    }
}
