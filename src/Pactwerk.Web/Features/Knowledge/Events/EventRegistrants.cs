using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Knowledge;

/// <summary>One registrant as the organiser sees them: a place, or a number on the waiting list.</summary>
public sealed record Registrant(int? Place, int? WaitingNumber, string Name, string Email, DateTimeOffset RegisteredAtLocal, DateTimeOffset? MovedUpAtLocal);

/// <summary>The registrant list of an event, for its organisers (see <see cref="EventAccess.MaySeeRegistrants"/>).</summary>
public static class EventRegistrants
{
    /// <summary>Who has a place (by place), then the waiting list in its order.</summary>
    public static async Task<IReadOnlyList<Registrant>> ListAsync(PactwerkDb db, int eventId, CancellationToken ct)
    {
        var rows = await db.EventRegistrations.AsNoTracking().Where(r => r.EventId == eventId).ToListAsync(ct);
        var placed = rows.Where(r => r.PlaceNumber is not null).OrderBy(r => r.PlaceNumber)
            .Select(r => new Registrant(r.PlaceNumber, null, r.Name, r.Email, EventTimes.ToLocal(r.RegisteredAt),
                r.PlacedFromWaitingListAt is { } at ? EventTimes.ToLocal(at) : null));
        var waiting = rows.Where(r => r.PlaceNumber is null).OrderBy(r => r.RegisteredAt).ThenBy(r => r.Id)
            .Select((r, i) => new Registrant(null, i + 1, r.Name, r.Email, EventTimes.ToLocal(r.RegisteredAt), null));
        return [.. placed, .. waiting];
    }

    public const string CsvHeader = "status;plaats;wachtlijstnummer;naam;e-mailadres;aangemeld_op;van_wachtlijst_op";

    public static byte[] Csv(IEnumerable<Registrant> registrants) =>
        CsvText.File(CsvHeader, registrants.Select(r => new[]
        {
            r.Place is null ? "wachtlijst" : "aangemeld",
            r.Place?.ToString(CultureInfo.InvariantCulture) ?? "",
            r.WaitingNumber?.ToString(CultureInfo.InvariantCulture) ?? "",
            CsvText.Cell(r.Name), CsvText.Cell(r.Email),
            Time(r.RegisteredAtLocal), r.MovedUpAtLocal is { } m ? Time(m) : "",
        }));

    /// <summary>ISO 8601 in Dutch time with its offset, whatever the reader's language.</summary>
    private static string Time(DateTimeOffset local) => local.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
