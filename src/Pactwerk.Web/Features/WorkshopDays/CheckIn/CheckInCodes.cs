using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.WorkshopDays;

/// <summary>
/// Every placed class of a published event has a check-in code: 8 characters from an alphabet without look-alikes (no 0/O,
/// 1/I/L, 2/Z, 5/S, 8/B), drawn at random, so it is typed without doubt at the door and not guessed (23⁸ ≈ 7.8·10¹⁰ codes).
/// Codes are given when the event is published, and to a class placed later (from the waiting list) when its school's
/// schedule is next shown; they are unique across all events (an index), which makes them unique per event too and lets
/// the door say so when a code belongs to another event.
/// </summary>
public sealed class CheckInCodes(PactwerkDb db)
{
    public const string Alphabet = "ACDEFGHJKMNPQRTUVWXY3467";
    public const int Length = 8;

    public static string NewCode() => RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>Upper case, without spaces and dashes, as the code may be typed or scanned ("abcd-efgh").</summary>
    public static string Normalise(string? typed) =>
        new((typed ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToUpperInvariant).ToArray());

    /// <summary>Printed in two groups of four, which is easier to read aloud and to type.</summary>
    public static string Display(string code) => code.Length == Length ? $"{code[..4]}-{code[4..]}" : code;

    /// <summary>Gives a code to every placed class of a published event that has none yet; returns how many were given.</summary>
    public async Task<int> EnsureAsync(int eventId, CancellationToken ct)
    {
        if (!await db.WorkshopDayEvents.AnyAsync(e => e.Id == eventId && e.PublishedAt != null, ct))
            return 0;
        var missing = await db.SchoolClasses.AsNoTracking()
            .Where(c => c.CheckInCode == null && db.ClassAssignments.Any(a => a.ClassId == c.Id)
                && db.SchoolRegistrations.Any(r => r.Id == c.RegistrationId && r.EventId == eventId))
            .Select(c => c.Id).ToListAsync(ct);
        var given = 0;
        foreach (var id in missing)
            for (var attempt = 0; ; attempt++)
            {
                var code = NewCode();
                try
                {
                    // Conditional, so two requests ensuring at once give a class one code, not two in turn.
                    given += await db.SchoolClasses.Where(c => c.Id == id && c.CheckInCode == null)
                        .ExecuteUpdateAsync(x => x.SetProperty(c => c.CheckInCode, code), ct);
                    break;
                }
                catch (Exception ex) when (ex is DbUpdateException or System.Data.Common.DbException && attempt < 3)
                {
                    // The unique index met a code drawn before (about one in ten billion): draw again.
                }
            }
        return given;
    }
}
