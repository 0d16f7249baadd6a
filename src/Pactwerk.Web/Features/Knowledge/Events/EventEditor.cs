using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Shared;
using Outcome = Pactwerk.Web.Shared.EditOutcome<Pactwerk.Web.Features.Knowledge.Event>;

namespace Pactwerk.Web.Features.Knowledge;

public sealed class MeetingDocumentInput
{
    public string? Title { get; set; }
    public string? Url { get; set; }
}

/// <summary>The places of an event as the GET returns them; only the capacity is the editor's, the counts are ignored.</summary>
public sealed class EventRegistrationReadBack
{
    public int Capacity { get; set; }
}

/// <summary>An internal meeting's details as the GET returns them; the members' names are ignored, their e-mail addresses count.</summary>
public sealed class MeetingReadBack
{
    public string? Agenda { get; set; }
    public string? Minutes { get; set; }
    public List<MeetingDocumentInput>? Documents { get; set; }
    public List<string>? MemberEmails { get; set; }
}

/// <summary>
/// An event as an editor sends it. Times with an offset (2018-11-06T09:00:00+01:00 or …Z) are taken
/// as written; without one they are Amsterdam time. Members are the e-mail addresses of accounts.
/// It also takes what the GET of the event returned (the region as an object, registration and
/// meeting as objects), so a client can send back what it read; derived fields are ignored.
/// </summary>
public sealed class EventInput
{
    public string? Pact { get; set; }
    /// <summary>A region code, or the region as the GET returns it ({ "code", "name" }).</summary>
    [System.Text.Json.Serialization.JsonConverter(typeof(Web.Shared.ReadBackJson.Code))]
    public string? Region { get; set; }
    public EventKind Kind { get; set; } = EventKind.Event;
    public bool IsPublic { get; set; } = true;
    public string? Title { get; set; }
    public string? StartsAt { get; set; }
    public string? EndsAt { get; set; }
    public string? Place { get; set; }
    public string? Programme { get; set; }
    public string? RegistrationUrl { get; set; }
    public int? Capacity { get; set; }
    public string? Agenda { get; set; }
    public string? Minutes { get; set; }
    public List<MeetingDocumentInput>? Documents { get; set; }
    public List<string>? Members { get; set; }
    public int Version { get; set; }

    /// <summary>The places as the GET returns them: the same as <see cref="Capacity"/>.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public EventRegistrationReadBack? Registration { get => null; set { if (value is not null) Capacity = value.Capacity; } }

    /// <summary>An internal meeting's details as the GET returns them: the same as Agenda, Minutes, Documents and Members (by memberEmails).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public MeetingReadBack? Meeting
    {
        get => null;
        set
        {
            if (value is null)
                return;
            Agenda = value.Agenda;
            Minutes = value.Minutes;
            Documents = value.Documents;
            if (value.MemberEmails is not null)
                Members = value.MemberEmails;
        }
    }
}

/// <summary>Creates and changes events; only the coordinators of the event's pact may.</summary>
public sealed class EventEditor(PactwerkDb db, AccessScopeProvider scopes, EventRegistrar registrar)
{
    public async Task<bool> MayManageAsync(int pactId, CancellationToken ct) => EventAccess.MayManage(await scopes.GetAsync(ct), pactId);

    public async Task<Outcome> CreateAsync(EventInput input, CancellationToken ct)
    {
        if (await Pacts.PactLookup.FindAsync(db, input.Pact, ct) is not { } pact)
            return new Outcome.Invalid(new Dictionary<string, string[]> { [nameof(input.Pact)] = [KnowledgeMessages.Format(KnowledgeMessages.NoPact, input.Pact)] });
        if (!await MayManageAsync(pact.Id, ct))
            return new Outcome.Forbidden("Alleen coördinatoren van het pact plannen zijn evenementen en bijeenkomsten.");
        var e = new Event { PactId = pact.Id, Title = "" };
        if (await ApplyAsync(e, input, ct) is { } errors)
            return new Outcome.Invalid(errors);
        db.Events.Add(e);
        await db.SaveChangesAsync(ct);
        return new Outcome.Saved(e);
    }

    public async Task<Outcome> UpdateAsync(int id, EventInput input, CancellationToken ct)
    {
        var e = await db.Events.Include(x => x.Documents).Include(x => x.Members).SingleOrDefaultAsync(x => x.Id == id, ct);
        if (e is null)
            return new Outcome.NotFound();
        var scope = await scopes.GetAsync(ct);
        if (!EventAccess.MayManage(scope, e.PactId))
            // An internal meeting does not exist for whoever may not see it.
            return e.IsPublic || EventAccess.MaySeeInternal(scope, e.PactId, e.Members.Select(m => m.UserId))
                ? new Outcome.Forbidden("Alleen coördinatoren van het pact wijzigen zijn evenementen en bijeenkomsten.")
                : new Outcome.NotFound();
        if (await ApplyAsync(e, input, ct) is { } errors)
            return new Outcome.Invalid(errors);
        var outcome = await EditSupport.SaveVersionedAsync(db, e, id, input.Version, () => db.Events.AsNoTracking().SingleAsync(x => x.Id == id, ct), ct);
        // More places: those waiting move up at once, and hear it.
        if (outcome is Outcome.Saved && e.Capacity is not null)
            await registrar.FillFreePlacesAsync(id, ct);
        return outcome;
    }

    /// <summary>Checks the input and copies it onto the event; returns the errors, or null when all is well.</summary>
    private async Task<Dictionary<string, string[]>?> ApplyAsync(Event e, EventInput input, CancellationToken ct)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message) => (errors.TryGetValue(field, out var list) ? list : errors[field] = []).Add(message);

        var title = input.Title?.Trim() ?? "";
        if (title.Length == 0)
            Add(nameof(input.Title), "Geef het evenement een titel.");
        else if (title.Length > 300)
            Add(nameof(input.Title), "De titel is langer dan 300 tekens.");
        if (!Enum.IsDefined(input.Kind))
            Add(nameof(input.Kind), "Kies een bestaande soort evenement.");
        var starts = EventTimes.ParseToUtc(input.StartsAt);
        var ends = EventTimes.ParseToUtc(input.EndsAt);
        if (starts is null)
            Add(nameof(input.StartsAt), "Geef het begin als datum en tijd, bijvoorbeeld 2026-11-06T09:00.");
        if (ends is null)
            Add(nameof(input.EndsAt), "Geef het einde als datum en tijd, bijvoorbeeld 2026-11-06T17:00.");
        if (starts is not null && ends is not null && ends < starts)
            Add(nameof(input.EndsAt), "Het einde ligt voor het begin.");
        if (starts is { } s && (s.Year < 2000 || s.Year > 2100))
            Add(nameof(input.StartsAt), "Het begin ligt niet tussen 2000 en 2100.");
        int? regionId = null;
        if (!string.IsNullOrWhiteSpace(input.Region))
        {
            var code = input.Region.Trim().ToUpperInvariant();
            regionId = await db.Regions.Where(r => r.Code.ToUpper() == code).Select(r => (int?)r.Id).FirstOrDefaultAsync(ct);
            if (regionId is null)
                Add(nameof(input.Region), KnowledgeMessages.Format(KnowledgeMessages.NoRegion, input.Region.Trim()));
        }
        CheckLength(input.Place, 300, nameof(input.Place), "De plaats", Add);
        CheckLength(input.Programme, 8000, nameof(input.Programme), "Het programma", Add);
        CheckLength(input.Agenda, 8000, nameof(input.Agenda), "De agenda", Add);
        CheckLength(input.Minutes, 20000, nameof(input.Minutes), "Het verslag", Add);
        if (!string.IsNullOrWhiteSpace(input.RegistrationUrl) && !IsWebAddress(input.RegistrationUrl))
            Add(nameof(input.RegistrationUrl), "De aanmeldlink moet een webadres zijn dat begint met https:// of http://.");
        if (input.Capacity is < 1 or > 100_000)
            Add(nameof(input.Capacity), "Het aantal plaatsen ligt tussen 1 en 100.000.");
        // Fewer places than are taken would leave more registrants than places.
        if (e.Id != 0 && await db.EventRegistrations.Where(r => r.EventId == e.Id && r.PlaceNumber != null).MaxAsync(r => r.PlaceNumber, ct) is { } highest
            && (input.Capacity is null || input.Capacity < highest))
            Add(nameof(input.Capacity), KnowledgeMessages.Format(KnowledgeMessages.CapacityBelowTaken, highest));
        if (input.Capacity is not null && !input.IsPublic)
            Add(nameof(input.Capacity), "Alleen een openbaar evenement heeft een aanmeldformulier.");
        var documents = (input.Documents ?? []).Where(d => !string.IsNullOrWhiteSpace(d.Title) || !string.IsNullOrWhiteSpace(d.Url)).ToList();
        if (documents.Any(d => string.IsNullOrWhiteSpace(d.Title) || d.Title.Trim().Length > 300 || !IsWebAddress(d.Url)))
            Add(nameof(input.Documents), "Elk document heeft een titel (tot 300 tekens) en een webadres dat begint met https:// of http://.");
        var emails = (input.Members ?? []).Where(m => !string.IsNullOrWhiteSpace(m)).Select(m => m.Trim().ToUpperInvariant()).Distinct().ToList();
        var accounts = await db.Users.Where(u => u.NormalizedEmail != null && emails.Contains(u.NormalizedEmail)).Select(u => new { u.Id, u.NormalizedEmail }).ToListAsync(ct);
        var unknown = emails.Except(accounts.Select(a => a.NormalizedEmail!)).ToList();
        if (unknown.Count > 0)
            Add(nameof(input.Members), KnowledgeMessages.Format(KnowledgeMessages.NoAccounts, string.Join(", ", unknown.Select(u => u.ToLowerInvariant()))));
        if (errors.Count > 0)
            return errors.ToDictionary(x => x.Key, x => x.Value.ToArray());

        e.Title = title;
        e.Kind = input.Kind;
        e.IsPublic = input.IsPublic;
        e.StartsAt = starts!.Value;
        e.EndsAt = ends!.Value;
        e.RegionId = regionId;
        e.Place = Clean(input.Place);
        e.Programme = Clean(input.Programme);
        e.RegistrationUrl = Clean(input.RegistrationUrl);
        e.Capacity = input.Capacity;
        e.Agenda = input.IsPublic ? null : Clean(input.Agenda);
        e.Minutes = input.IsPublic ? null : Clean(input.Minutes);
        var wantedDocuments = input.IsPublic ? [] : documents.Select(d => (Title: d.Title!.Trim(), Url: d.Url!.Trim())).ToList();
        e.Documents.RemoveAll(d => !wantedDocuments.Contains((d.Title, d.Url)));
        foreach (var d in wantedDocuments.Where(w => !e.Documents.Any(d => (d.Title, d.Url) == w)))
            e.Documents.Add(new MeetingDocument { Title = d.Title, Url = d.Url });
        var wantedMembers = input.IsPublic ? [] : accounts.Select(a => a.Id).ToList();
        e.Members.RemoveAll(m => !wantedMembers.Contains(m.UserId));
        foreach (var m in wantedMembers.Where(w => e.Members.All(m => m.UserId != w)))
            e.Members.Add(new MeetingMember { UserId = m });
        return null;
    }

    private static void CheckLength(string? value, int max, string field, string what, Action<string, string> add)
    {
        if (value is not null && value.Trim().Length > max)
            add(field, $"{what} is langer dan {max.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("nl"))} tekens.");
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static bool IsWebAddress(string? value) =>
        Uri.TryCreate(value?.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && (value?.Length ?? 0) <= 500;
}
