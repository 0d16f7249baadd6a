using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Competences;

/// <summary>A competence as a coordinator types it; alternative labels one per line. The code is given once, when it is added.</summary>
public sealed class CompetenceInput
{
    public string? Code { get; set; }
    public string? NameNl { get; set; }
    public string? NameEn { get; set; }
    public string? Description { get; set; }
    public string? Group { get; set; }
    public string? AltLabelsNl { get; set; }
    public string? AltLabelsEn { get; set; }
    public int Version { get; set; }
}

/// <summary>
/// Adds and changes competences by hand, for the pact's coordinators (<see cref="CompetenceAccess"/>). The audit trail
/// records each change through <see cref="Audit.IAudited"/>, so a save that changes nothing writes nothing; a save on
/// an older version is refused with what others changed since.
/// </summary>
public sealed partial class CompetenceEditor(PactwerkDb db, AccessScopeProvider scopes)
{
    [GeneratedRegex(@"^[\p{L}\p{Nd}._-]{1,100}$")]
    private static partial Regex CodePattern();

    /// <param name="code">The competence to change; null to add one.</param>
    public async Task<EditOutcome<Competence>> SaveAsync(int pactId, string? code, CompetenceInput input, CancellationToken ct)
    {
        if (!CompetenceAccess.MayMaintain(await scopes.GetAsync(ct), pactId))
            return new EditOutcome<Competence>.Forbidden(CompetenceMessages.NotCoordinator);
        Competence? competence = null;
        if (code is not null && (competence = await db.Competences.SingleOrDefaultAsync(c => c.PactId == pactId && c.Code == code, ct)) is null)
            return new EditOutcome<Competence>.NotFound();

        var errors = new Dictionary<string, string[]>();
        var newCode = (input.Code ?? "").Trim();
        var nameNl = (input.NameNl ?? "").Trim();
        var nameEn = Optional(input.NameEn);
        var group = Optional(input.Group);
        if (competence is null)
        {
            if (!CodePattern().IsMatch(newCode))
                errors[nameof(CompetenceInput.Code)] = [CompetenceMessages.CodeMissing];
            else if (await db.Competences.AnyAsync(c => c.PactId == pactId && c.Code == newCode, ct))
                errors[nameof(CompetenceInput.Code)] = [CompetenceMessages.Format(CompetenceMessages.CodeInUse, newCode)];
        }
        if (nameNl.Length is 0 or > 300)
            errors[nameof(CompetenceInput.NameNl)] = [CompetenceMessages.NameMissing];
        if (nameEn?.Length > 300)
            errors[nameof(CompetenceInput.NameEn)] = [CompetenceMessages.NameTooLong];
        if (group?.Length > 100)
            errors[nameof(CompetenceInput.Group)] = [CompetenceMessages.GroupTooLong];
        if (errors.Count > 0)
            return new EditOutcome<Competence>.Invalid(errors);

        var adding = competence is null;
        competence ??= db.Competences.Add(new Competence { PactId = pactId, Code = newCode, NameNl = nameNl }).Entity;
        competence.NameNl = nameNl;
        competence.NameEn = nameEn;
        competence.Description = Optional(input.Description);
        competence.Group = group;
        competence.AltLabelsNl = EscoCsv.Labels((input.AltLabelsNl ?? "").ReplaceLineEndings("\n"));
        competence.AltLabelsEn = EscoCsv.Labels((input.AltLabelsEn ?? "").ReplaceLineEndings("\n"));
        competence.Refresh();
        if (adding)
        {
            await db.SaveChangesAsync(ct);
            return new EditOutcome<Competence>.Saved(competence);
        }
        var id = competence.Id;
        return await EditSupport.SaveVersionedAsync(db, competence, id, input.Version,
            () => db.Competences.AsNoTracking().SingleAsync(c => c.Id == id, ct), ct);
    }

    private static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
