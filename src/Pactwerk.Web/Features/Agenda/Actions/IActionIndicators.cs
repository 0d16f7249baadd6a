namespace Pactwerk.Web.Features.Agenda;

/// <summary>
/// Indicators an action feeds itself (a voucher scheme's granted, started and completed vouchers),
/// which its objective's effect view shows beside the indicators the objective is measured by.
/// The area that runs the instrument answers; the agenda asks every one registered (none, one or several), so it depends on no instrument.
/// </summary>
public interface IActionIndicators
{
    /// <summary>The codes of the indicators the given actions feed, in a stable order.</summary>
    Task<IReadOnlyList<string>> ForActionsAsync(IReadOnlyCollection<int> actionIds, CancellationToken ct);
}
