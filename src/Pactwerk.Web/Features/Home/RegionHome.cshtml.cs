using System.Globalization;
using Pactwerk.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Monitoring;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.Agenda;
using Pactwerk.Web.Features.Knowledge;
using Pactwerk.Web.Features.Monitor;
using Pactwerk.Web.Features.Network;
using Pactwerk.Web.Features.Regions;

namespace Pactwerk.Web.Features.Home;

/// <summary>
/// The home of a region of any set (a landsdeel, a province, a labour-market region, a municipality):
/// where it lies, who leads and takes part, what is done and learnt there, what is coming, how its
/// figures move and how far its plan has come. Every list links to its own page.
/// </summary>
[AllowAnonymous]
public sealed class RegionHomeModel(PactwerkDb db, ActionSearch actions, PracticeSearch practices, AccessScopeProvider scopes,
    MonitorFigures figures, TimeProvider clock) : PageModel
{
    /// <summary>The partners of one pact in this region per helix; null counts when the pact's balance has no row for it.</summary>
    public sealed record PactBalance(string Pact, string PactName, HelixCounts Counts);
    /// <summary>An indicator's latest figure for the region as the reader may see it, with its on-track status (from <see cref="MonitorFigures.Track"/>).</summary>
    public sealed record MonitorCard(string Code, string Name, string Unit, string Figure, string? Period, TrackStatus Status, string? Plan);
    public sealed record PlanProgress(int Id, string Pact, string Title, string? Revision, int OnTrack, int Judged);

    public RegionDetail Region { get; private set; } = null!;
    public IEnumerable<IGrouping<RegionSetRef, RegionOverlap>> OverlapsBySet => Region.Overlaps.GroupBy(o => o.Set);
    public IReadOnlyList<RoleDto> Leads { get; private set; } = [];
    public IReadOnlyList<PactBalance> Balances { get; private set; } = [];
    public IReadOnlyList<ActionSummary> Actions { get; private set; } = [];
    public int Partnerships => Actions.Count(a => a.Kind == PactActionKind.PublicPrivatePartnership);
    public PracticeResults? Practices { get; private set; }
    public IReadOnlyList<EventDto> Events { get; private set; } = [];
    public IReadOnlyList<MonitorCard> Cards { get; private set; } = [];
    public IReadOnlyList<PlanProgress> Plans { get; private set; } = [];
    /// <summary>The pact whose monitor the cards link to: the set's own pact, else the first.</summary>
    public string? MonitorPact { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        var region = await RegionQueries.RegionAsync(db, code, ct);
        if (region is null)
            return NotFound();
        Region = region;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var info = await db.Regions.AsNoTracking().Where(r => r.Code == region.Code)
            .Select(r => new { r.Id, r.ValidTo, SetPact = r.RegionSet.PactId }).SingleAsync(ct);
        var pacts = await db.Pacts.AsNoTracking().OrderBy(p => p.Id).Select(p => new { p.Id, p.Code, p.Name }).ToListAsync(ct);
        MonitorPact = pacts.FirstOrDefault(p => p.Id == info.SetPact)?.Code ?? pacts.FirstOrDefault()?.Code;

        Leads = (await NetworkQueries.RolesAsync(db, today, r => r.Kind == PactRoleKind.RegionLead && r.RegionId == info.Id, ct))
            .Where(r => r.Current).ToList();
        var balances = new List<PactBalance>();
        foreach (var pact in pacts.Where(p => info.SetPact is null || p.Id == info.SetPact))
            if (await HelixBalance.ComputeAsync(db, pact.Id, pact.Code, region.Set.Code, today, ct) is { } balance
                && balance.Regions.FirstOrDefault(r => r.Code == region.Code) is { Counts.Total: > 0 } row)
                balances.Add(new PactBalance(pact.Code, pact.Name, row.Counts));
        Balances = balances;

        if (info.ValidTo is null)
        {
            var (filter, _) = await actions.ParseAsync(new ActionQuery { Region = region.Code }, ct);
            Actions = filter is null ? [] : await actions.ListAsync(filter, ct);
        }
        (Practices, _) = await practices.SearchAsync(new PracticeQuery { Region = region.Code }, ct);
        Events = await EventQueries.ListAsync(db, await scopes.GetAsync(ct), new EventFilter(null, info.Id, clock.GetUtcNow().UtcDateTime, null), ct);

        var reader = await figures.ReaderAsync(ct);
        var cards = new List<MonitorCard>();
        foreach (var indicator in await db.Indicators.AsNoTracking().OrderBy(i => i.Code).Select(i => new { i.Id, i.Code, i.Name, i.Unit }).ToListAsync(ct))
        {
            if (await figures.SeriesAsync(indicator.Code, region.Code, reader, ct) is not { } series)
                continue;
            var track = MonitorFigures.Track(series, await figures.GoalsAsync(indicator.Id, region.Code, ct));
            if (track.Latest is null && track.Plan is null)
                continue;
            cards.Add(new MonitorCard(indicator.Code, indicator.Name, indicator.Unit, Figure(track.Latest, indicator.Unit),
                track.Latest?.Period.ToString(), track.Status, track.Plan));
        }
        Cards = cards;

        var signedIn = (await scopes.GetAsync(ct)).IsSignedIn;
        Plans = (await PlanQueries.PlansAsync(db, p => p.RegionId == info.Id, signedIn, ct))
            .Select(p =>
            {
                // The monitor names the plan whose goals it judged as "title label" (IPlanGoals).
                var judged = p.Current is null ? [] : Cards.Where(c => c.Plan == $"{p.Title} {p.Current.Label}" && c.Status != TrackStatus.Unknown).ToList();
                return new PlanProgress(p.Id, p.Pact, p.Title, p.Current?.Label, judged.Count(c => c.Status == TrackStatus.OnTrack), judged.Count);
            }).ToList();
        return Page();
    }

    /// <summary>A figure as the monitor pages show it: the marker of a hidden cell, else the one number rule of the site.</summary>
    private static string Figure(ValueRow? row, string unit) =>
        row is { Protected: { } why } ? SmallCellText.Marker(why) : NumberFormat.Value(row?.Value, unit);
}
