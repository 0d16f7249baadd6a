using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Knowledge;

/// <summary>The fields of a session as the GET nests them; its id is the one in the address.</summary>
public sealed class SessionReadBack
{
    public DateOnly? Date { get; set; }
    public string? Place { get; set; }
    public string? Theme { get; set; }
    public string? Agenda { get; set; }
    public string? Notes { get; set; }
    public int Version { get; set; }
}

public sealed class SessionInput
{
    public DateOnly? Date { get; set; }
    public string? Place { get; set; }
    public string? Theme { get; set; }
    public string? Agenda { get; set; }
    public string? Notes { get; set; }
    /// <summary>For a change: the version you started from.</summary>
    public int Version { get; set; }

    /// <summary>
    /// The session as the GET of one session returns it ({ "session": { … }, "cases": … }): its fields
    /// count as the plain ones; the network, the cases and mayManage are ignored.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public SessionReadBack? Session
    {
        get => null;
        set
        {
            if (value is null)
                return;
            (Date, Place, Theme, Agenda, Notes, Version) = (value.Date, value.Place, value.Theme, value.Agenda, value.Notes, value.Version);
        }
    }
}

/// <summary>
/// Membership and sessions of a learning network, for the API and the pages alike. They are
/// managed by the pact's coordinators (administrators included), who see the network but, unless
/// they are members themselves, never its cases. Every change is in the audit trail (members and
/// sessions are audited; cases are not).
/// </summary>
public sealed class LearningNetworkManager(PactwerkDb db, LearningNetworkAccess access)
{
    public const string NotManager = "Alleen coördinatoren van het pact beheren de leden en bijeenkomsten van het netwerk.";
    public const string NotYourself = "Je kunt jezelf niet aan het netwerk toevoegen: de casussen zijn alleen voor de leden. Een andere coördinator voegt je toe.";

    /// <summary>Whether the caller manages the network (null when they may not even see it).</summary>
    public async Task<bool?> MayManageAsync(int networkId, CancellationToken ct)
    {
        var network = await access.VisibleNetworkAsync(networkId, ct);
        if (network is null)
            return null;
        var scope = await access.ScopeAsync(ct);
        return !scope.ReadOnly && scope.Coordinates(network.PactId);
    }

    private async Task<EditOutcome<T>?> RefuseAsync<T>(int networkId, CancellationToken ct) => await MayManageAsync(networkId, ct) switch
    {
        null => new EditOutcome<T>.NotFound(),
        false => new EditOutcome<T>.Forbidden(NotManager),
        _ => null,
    };

    public async Task<EditOutcome<LearningNetworkMember>> AddMemberAsync(int networkId, string? email, CancellationToken ct)
    {
        if (await RefuseAsync<LearningNetworkMember>(networkId, ct) is { } refused)
            return refused;
        var normalized = email?.Trim().ToUpperInvariant() ?? "";
        var user = normalized.Length == 0 ? null : await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).SingleOrDefaultAsync(ct);
        if (user is null)
            return new EditOutcome<LearningNetworkMember>.Invalid(new Dictionary<string, string[]> { ["Email"] = ["Er is geen account met dit e-mailadres."] });
        // Membership opens the cases; a manager who could add themselves would read them after all.
        if (user == (await access.ScopeAsync(ct)).UserId)
            return new EditOutcome<LearningNetworkMember>.Invalid(new Dictionary<string, string[]> { ["Email"] = [NotYourself] });
        var member = await db.LearningNetworkMembers.SingleOrDefaultAsync(m => m.NetworkId == networkId && m.UserId == user, ct);
        if (member is null)
        {
            member = new LearningNetworkMember { NetworkId = networkId, UserId = user };
            db.LearningNetworkMembers.Add(member);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (UniqueViolation.Is(e))
            {
                // Added by someone else at the same moment: the member is there, which is what was asked.
                db.ChangeTracker.Clear();
            }
        }
        return new EditOutcome<LearningNetworkMember>.Saved(member);
    }

    public async Task<EditOutcome<LearningNetworkMember>> RemoveMemberAsync(int networkId, string userId, CancellationToken ct)
    {
        if (await RefuseAsync<LearningNetworkMember>(networkId, ct) is { } refused)
            return refused;
        var member = await db.LearningNetworkMembers.SingleOrDefaultAsync(m => m.NetworkId == networkId && m.UserId == userId, ct);
        if (member is null)
            return new EditOutcome<LearningNetworkMember>.NotFound();
        db.LearningNetworkMembers.Remove(member);
        await db.SaveChangesAsync(ct);
        return new EditOutcome<LearningNetworkMember>.Saved(member);
    }

    /// <summary>Plans a session (no id) or changes one; a change needs the version it started from.</summary>
    public async Task<EditOutcome<LearningNetworkSession>> SaveSessionAsync(int networkId, int? sessionId, SessionInput input, CancellationToken ct)
    {
        if (await RefuseAsync<LearningNetworkSession>(networkId, ct) is { } refused)
            return refused;
        LearningNetworkSession? session = null;
        if (sessionId is { } id && (session = await db.LearningNetworkSessions.SingleOrDefaultAsync(s => s.Id == id && s.NetworkId == networkId, ct)) is null)
            return new EditOutcome<LearningNetworkSession>.NotFound();
        var errors = new Dictionary<string, string[]>();
        if (input.Date is not { } date || date.Year is < 2000 or > 2100)
            errors[nameof(input.Date)] = ["Geef de datum van de bijeenkomst (jjjj-mm-dd), tussen 2000 en 2100."];
        if (string.IsNullOrWhiteSpace(input.Theme) || input.Theme.Trim().Length > 300)
            errors[nameof(input.Theme)] = ["Geef het thema (tot 300 tekens)."];
        if (input.Place?.Trim().Length > 300)
            errors[nameof(input.Place)] = ["De plaats is langer dan 300 tekens."];
        if (input.Agenda?.Trim().Length > 10_000)
            errors[nameof(input.Agenda)] = ["De agenda is langer dan 10.000 tekens."];
        if (input.Notes?.Trim().Length > 20_000)
            errors[nameof(input.Notes)] = ["De notities zijn langer dan 20.000 tekens."];
        if (errors.Count > 0)
            return new EditOutcome<LearningNetworkSession>.Invalid(errors);
        if (session is null)
        {
            session = new LearningNetworkSession { NetworkId = networkId, Theme = "" };
            db.LearningNetworkSessions.Add(session);
        }
        session.Date = input.Date!.Value;
        session.Place = Blank(input.Place);
        session.Theme = input.Theme!.Trim();
        session.Agenda = Blank(input.Agenda);
        session.Notes = Blank(input.Notes);
        if (sessionId is null)
        {
            await db.SaveChangesAsync(ct);
            return new EditOutcome<LearningNetworkSession>.Saved(session);
        }
        return await EditSupport.SaveVersionedAsync(db, session, session.Id, input.Version,
            () => db.LearningNetworkSessions.AsNoTracking().SingleAsync(s => s.Id == session.Id, ct), ct);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
