using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.Rooms;

public sealed record OpeningHoursInput(string? Day, string? Opens, string? Closes);
public sealed record ClosureInput(string? From, string? To, string? Reason);

/// <summary>A room as its owner describes it. Municipality: a CBS code or a name; without one the owner's own municipality.</summary>
public sealed record RoomInput(int? OrganisationId, string? Name, string? Address, string? Municipality, List<string>? Equipment, int? Capacity,
    bool WheelchairAccessible, string? AccessibilityNote, List<OpeningHoursInput>? OpeningHours, List<ClosureInput>? Closures,
    List<string>? AllowedUsers, int? LeadTimeHours, bool ApprovalRequired, int? Version = null);

public abstract record RoomEditOutcome
{
    public sealed record Saved(Room Room) : RoomEditOutcome;
    public sealed record NotFound : RoomEditOutcome;
    public sealed record Forbidden(string Message) : RoomEditOutcome;
    public sealed record Invalid(Dictionary<string, string[]> Errors) : RoomEditOutcome;
    public sealed record Stale : RoomEditOutcome;
}

/// <summary>
/// Adds and changes rooms for their owner. Opening hours and closures are replaced as a whole with
/// what the owner sends; an unchanged save writes nothing (no new version, no audit line).
/// </summary>
public sealed class RoomEditor(PactwerkDb db, AccessScopeProvider scopes)
{
    public async Task<RoomEditOutcome> SaveAsync(int? roomId, RoomInput input, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        Room? room = null;
        if (roomId is { } id)
        {
            room = await db.Rooms.Include(r => r.OpeningHours).Include(r => r.Closures).SingleOrDefaultAsync(r => r.Id == id, ct);
            if (room is null)
                return new RoomEditOutcome.NotFound();
            if (!RoomAccess.ActsFor(scope, room.OrganisationId, forChange: true))
                return new RoomEditOutcome.Forbidden(RoomMessages.NotOwner);
            if (input.Version is { } version && version != room.Version)
                return new RoomEditOutcome.Stale();
        }
        var organisationId = room?.OrganisationId ?? input.OrganisationId;
        if (organisationId is null)
            return new RoomEditOutcome.Invalid(new() { ["organisationId"] = [RoomMessages.OwnerMissing] });
        var owner = await db.Organisations.AsNoTracking().Where(o => o.Id == organisationId).Select(o => new { o.MunicipalityId }).SingleOrDefaultAsync(ct);
        if (owner is null)
            return new RoomEditOutcome.Invalid(new() { ["organisationId"] = [RoomMessages.Format(RoomMessages.NoOrganisation, organisationId)] });
        if (!RoomAccess.ActsFor(scope, organisationId.Value, forChange: true))
            return new RoomEditOutcome.Forbidden(RoomMessages.NotOwner);

        var errors = new Dictionary<string, string[]>();
        var name = input.Name?.Trim() ?? "";
        var address = input.Address?.Trim() ?? "";
        if (name.Length is 0 or > 200)
            errors["name"] = [RoomMessages.NameMissing];
        if (address.Length is 0 or > 300)
            errors["address"] = [RoomMessages.AddressMissing];
        if (input.Capacity is not (>= 1 and <= 500))
            errors["capacity"] = [RoomMessages.CapacityInvalid];
        if (input.LeadTimeHours is < 0 or > 8760)
            errors["leadTimeHours"] = [RoomMessages.LeadTimeInvalid];
        int? municipalityId = owner.MunicipalityId;
        if (!string.IsNullOrWhiteSpace(input.Municipality))
        {
            var text = input.Municipality.Trim();
            var code = text.ToUpperInvariant();
            code = code.StartsWith("GM", StringComparison.Ordinal) ? code : "GM" + code.PadLeft(4, '0');
            // A name as a person types it in the page's picker without script (Zwolle, zwolle) is read as the municipality it names.
            if (!await db.Regions.AnyAsync(r => r.Code == code && r.RegionSet.Kind == Regions.RegionSetKind.Municipalities, ct) && text.Length <= 100)
            {
                switch (await Regions.MunicipalityResolver.ResolveAsync(db, text, ct))
                {
                    case Regions.MunicipalityMatch.Found found:
                        code = found.Code;
                        break;
                    case Regions.MunicipalityMatch.Ambiguous ambiguous:
                        errors["municipality"] = [RoomMessages.Format(RoomMessages.MunicipalityAmbiguous, Cut(text), ambiguous.Candidates)];
                        break;
                }
            }
            municipalityId = await db.Regions.Where(r => r.Code == code && r.RegionSet.Kind == Regions.RegionSetKind.Municipalities)
                .Select(r => (int?)r.Id).SingleOrDefaultAsync(ct);
            if (municipalityId is null && !errors.ContainsKey("municipality"))
                errors["municipality"] = [RoomMessages.Format(RoomMessages.MunicipalityUnknown, Cut(input.Municipality))];
        }
        else if (municipalityId is null)
            errors["municipality"] = [RoomMessages.MunicipalityMissing];

        var allowed = new List<string>();
        foreach (var kind in input.AllowedUsers ?? [])
        {
            if (Enum.TryParse<RoomUserKind>(kind, ignoreCase: true, out var k) && Enum.IsDefined(k) && !int.TryParse(kind, out _))
                allowed.Add(k.ToString());
            else
                errors["allowedUsers"] = [RoomMessages.Format(RoomMessages.UserKindUnknown, Cut(kind))];
        }
        var hours = new List<RoomOpeningHours>();
        foreach (var h in input.OpeningHours ?? [])
        {
            if (!Enum.TryParse<DayOfWeek>(h.Day, ignoreCase: true, out var day) || int.TryParse(h.Day, out _)
                || !RoomTime.TryParseTime(h.Opens, out var opens) || !RoomTime.TryParseTime(h.Closes, out var closes) || opens >= closes)
            {
                // The day as the reader names it when it is one (the page sends Tuesday), else as it was sent.
                var named = Enum.TryParse<DayOfWeek>(h.Day, ignoreCase: true, out var d) && !int.TryParse(h.Day, out _) ? RoomMessages.DayName(d) : Cut(h.Day ?? "");
                errors["openingHours"] = [RoomMessages.Format(RoomMessages.HoursInvalid, named)];
                continue;
            }
            if (hours.Any(x => x.Day == day))
                errors["openingHours"] = [RoomMessages.Format(RoomMessages.DayTwice, RoomMessages.DayName(day))];
            hours.Add(new RoomOpeningHours { Day = day, Opens = opens, Closes = closes });
        }
        var closures = new List<RoomClosure>();
        foreach (var c in input.Closures ?? [])
        {
            if (!RoomTime.TryParseDay(c.From, out var from) || !RoomTime.TryParseDay(c.To, out var to) || from > to || string.IsNullOrWhiteSpace(c.Reason) || c.Reason.Trim().Length > 200)
            {
                errors["closures"] = [RoomMessages.ClosureInvalid];
                continue;
            }
            closures.Add(new RoomClosure { From = from, To = to, Reason = c.Reason.Trim() });
        }
        if (errors.Count > 0)
            return new RoomEditOutcome.Invalid(errors);

        var equipment = (input.Equipment ?? []).Select(e => e.Trim().ToLowerInvariant()).Where(e => e.Length is > 0 and <= 60).Distinct().Order(StringComparer.Ordinal).ToList();
        allowed = allowed.Distinct().Order(StringComparer.Ordinal).ToList();
        var note = string.IsNullOrWhiteSpace(input.AccessibilityNote) ? null : input.AccessibilityNote.Trim()[..Math.Min(500, input.AccessibilityNote.Trim().Length)];
        if (room is null)
        {
            room = new Room { OrganisationId = organisationId.Value, Name = name, Address = address };
            db.Rooms.Add(room);
        }
        room.Name = name;
        room.Address = address;
        room.MunicipalityId = municipalityId!.Value;
        if (!room.Equipment.SequenceEqual(equipment))
            room.Equipment = equipment;
        room.Capacity = input.Capacity!.Value;
        room.WheelchairAccessible = input.WheelchairAccessible;
        room.AccessibilityNote = note;
        if (!room.AllowedUsers.SequenceEqual(allowed))
            room.AllowedUsers = allowed;
        room.LeadTimeHours = input.LeadTimeHours ?? 0;
        room.ApprovalRequired = input.ApprovalRequired;

        // Replaced only when different, so an unchanged save leaves the rows (and the audit trail) alone.
        var sortedHours = hours.OrderBy(h => h.Day).ToList();
        if (!room.OpeningHours.OrderBy(h => h.Day).Select(h => (h.Day, h.Opens, h.Closes)).SequenceEqual(sortedHours.Select(h => (h.Day, h.Opens, h.Closes))))
        {
            db.RemoveRange(room.OpeningHours);
            room.OpeningHours = sortedHours;
        }
        var sortedClosures = closures.OrderBy(c => c.From).ToList();
        if (!room.Closures.OrderBy(c => c.From).Select(c => (c.From, c.To, c.Reason)).SequenceEqual(sortedClosures.Select(c => (c.From, c.To, c.Reason))))
        {
            db.RemoveRange(room.Closures);
            room.Closures = sortedClosures;
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new RoomEditOutcome.Stale();
        }
        return new RoomEditOutcome.Saved(room);
    }

    private static string Cut(string text) => text.Length > 40 ? text[..40] : text;
}
