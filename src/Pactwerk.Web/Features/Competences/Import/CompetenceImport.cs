using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Competences;

/// <summary>What an import did, or why it did nothing.</summary>
public sealed record CompetenceImportReport(bool Accepted, IReadOnlyList<string> Errors, int CompetencesAdded, int CompetencesUpdated,
    int OccupationsAdded, int OccupationsUpdated, int RelationsAdded, int RelationsUpdated, string Message)
{
    public bool Changed => CompetencesAdded + CompetencesUpdated + OccupationsAdded + OccupationsUpdated + RelationsAdded + RelationsUpdated > 0;

    public static CompetenceImportReport Refused(IReadOnlyList<string> errors) => new(false, errors, 0, 0, 0, 0, 0, 0, CompetenceMessages.Rejected);
}

/// <summary>
/// Loads an ESCO download (skills, and optionally occupations and their relations, all in one language) into a pact's
/// framework, all or nothing: every file and row is checked first, and only when none is wrong is anything written, in
/// one transaction. Concepts are known by their URI, so the same file again changes nothing and a newer release updates
/// the labels; a Dutch file makes the framework, an English one adds the English names to it.
/// </summary>
public sealed class CompetenceImport(PactwerkDb db, TimeProvider clock)
{
    public const string Dutch = "nl";
    public const string English = "en";

    private sealed record SkillValues(EscoRow Row, string Uri, string Code, string Label, string AltLabels, string? Description, string? Group);
    private sealed record OccupationValues(EscoRow Row, string Uri, string Code, string Label, string? Description);
    private sealed record RelationValues(EscoRow Row, string OccupationUri, string SkillUri, CompetenceRelation Relation);

    public async Task<CompetenceImportReport> ImportAsync(int pactId, string language, EscoFile skills, EscoFile? occupations, EscoFile? relations, CancellationToken ct)
    {
        if (language is not (Dutch or English))
            return CompetenceImportReport.Refused([CompetenceMessages.LanguageInvalid]);
        var english = language == English;
        var errors = new List<string>();
        var skillRows = EscoCsv.Read(skills, EscoCsv.SkillColumns, EscoCsv.SkillRequired, errors);
        var occupationRows = occupations is null ? [] : EscoCsv.Read(occupations, EscoCsv.OccupationColumns, EscoCsv.OccupationRequired, errors);
        var relationRows = relations is null ? [] : EscoCsv.Read(relations, EscoCsv.RelationColumns, EscoCsv.RelationRequired, errors);
        if (skillRows is null || occupationRows is null || relationRows is null)
            return CompetenceImportReport.Refused(errors);

        var competences = await db.Competences.Where(c => c.PactId == pactId).ToListAsync(ct);
        var occupationList = await db.Occupations.Where(o => o.PactId == pactId).ToListAsync(ct);

        var skillValues = CheckSkills(skills.Name, skillRows, competences, english, errors);
        var occupationValues = occupations is null ? [] : CheckOccupations(occupations.Name, occupationRows, occupationList, english, errors);
        var relationValues = relations is null ? [] : CheckRelations(relations.Name, relationRows,
            skillValues.Select(s => s.Uri).Concat(competences.Where(c => c.EscoUri is not null).Select(c => c.EscoUri!)).ToHashSet(StringComparer.Ordinal),
            occupationValues.Select(o => o.Uri).Concat(occupationList.Where(o => o.EscoUri is not null).Select(o => o.EscoUri!)).ToHashSet(StringComparer.Ordinal), errors);
        if (errors.Count > 0)
            return CompetenceImportReport.Refused(errors);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var competenceByUri = competences.Where(c => c.EscoUri is not null).ToDictionary(c => c.EscoUri!, StringComparer.Ordinal);
        var addedCompetences = 0;
        foreach (var s in skillValues)
        {
            if (!competenceByUri.TryGetValue(s.Uri, out var competence))
            {
                // Only a Dutch file gets here for a new concept: the English one was refused above.
                competence = new Competence { PactId = pactId, Code = s.Code, NameNl = s.Label, EscoUri = s.Uri };
                db.Competences.Add(competence);
                competenceByUri[s.Uri] = competence;
                addedCompetences++;
            }
            if (english)
                (competence.NameEn, competence.AltLabelsEn) = (s.Label, s.AltLabels);
            else
                (competence.NameNl, competence.AltLabelsNl, competence.Description, competence.Group) = (s.Label, s.AltLabels, s.Description, s.Group);
            competence.Refresh();
        }
        var occupationByUri = occupationList.Where(o => o.EscoUri is not null).ToDictionary(o => o.EscoUri!, StringComparer.Ordinal);
        var addedOccupations = 0;
        foreach (var o in occupationValues)
        {
            if (!occupationByUri.TryGetValue(o.Uri, out var occupation))
            {
                occupation = new Occupation { PactId = pactId, Code = o.Code, NameNl = o.Label, EscoUri = o.Uri };
                db.Occupations.Add(occupation);
                occupationByUri[o.Uri] = occupation;
                addedOccupations++;
            }
            if (english)
                occupation.NameEn = o.Label;
            else
                (occupation.NameNl, occupation.Description) = (o.Label, o.Description);
        }
        db.ChangeTracker.DetectChanges();
        var updatedCompetences = db.ChangeTracker.Entries<Competence>().Count(e => e.State == EntityState.Modified);
        var updatedOccupations = db.ChangeTracker.Entries<Occupation>().Count(e => e.State == EntityState.Modified);
        await db.SaveChangesAsync(ct);

        var (addedRelations, updatedRelations) = (0, 0);
        if (relationValues.Count > 0)
        {
            var occupationIds = occupationByUri.Values.Select(o => o.Id).ToList();
            var existing = await db.OccupationCompetences.Where(r => occupationIds.Contains(r.OccupationId))
                .ToDictionaryAsync(r => (r.OccupationId, r.CompetenceId), ct);
            foreach (var r in relationValues)
            {
                var key = (occupationByUri[r.OccupationUri].Id, competenceByUri[r.SkillUri].Id);
                if (!existing.TryGetValue(key, out var relation))
                {
                    db.OccupationCompetences.Add(new OccupationCompetence { OccupationId = key.Item1, CompetenceId = key.Item2, Relation = r.Relation });
                    addedRelations++;
                }
                else if (relation.Relation != r.Relation)
                {
                    relation.Relation = r.Relation;
                    updatedRelations++;
                }
            }
        }
        var report = new CompetenceImportReport(true, [], addedCompetences, updatedCompetences, addedOccupations, updatedOccupations, addedRelations, updatedRelations, "");
        if (!report.Changed)
            return report with { Message = CompetenceMessages.Unchanged };
        db.RecordEvent(clock.GetUtcNow().UtcDateTime, CompetenceAuditActions.Imported, nameof(Competence), null,
            new { Language = language, Files = new[] { skills.Name, occupations?.Name, relations?.Name }.Where(n => n is not null).ToArray(),
                report.CompetencesAdded, report.CompetencesUpdated, report.OccupationsAdded, report.OccupationsUpdated, report.RelationsAdded, report.RelationsUpdated },
            pactId);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return report with
        {
            Message = CompetenceMessages.Format(CompetenceMessages.Imported, addedCompetences, updatedCompetences, addedOccupations, updatedOccupations, addedRelations, updatedRelations),
        };
    }

    private static List<SkillValues> CheckSkills(string file, List<EscoRow> rows, List<Competence> existing, bool english, List<string> errors)
    {
        var values = new List<SkillValues>();
        var lineOfUri = new Dictionary<string, int>(StringComparer.Ordinal);
        var lineOfCode = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var byCode = existing.ToDictionary(c => c.Code, StringComparer.OrdinalIgnoreCase);
        var knownUris = existing.Where(c => c.EscoUri is not null).Select(c => c.EscoUri!).ToHashSet(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var (uri, label) = (row["conceptUri"], row["preferredLabel"]);
            if (!Filled(file, row, ("conceptUri", uri), ("preferredLabel", label), errors))
                continue;
            var code = EscoCsv.CodeOf(uri);
            if (!Unique(file, row, uri, code, lineOfUri, lineOfCode, errors))
                continue;
            if (byCode.TryGetValue(code, out var holder) && holder.EscoUri != uri)
                errors.Add(CompetenceMessages.Format(CompetenceMessages.CodeTaken, file, row.Line, code, holder.NameNl));
            else if (english && !knownUris.Contains(uri))
                errors.Add(CompetenceMessages.Format(CompetenceMessages.EnglishFirstDutch, file, row.Line, uri));
            else if (label.Length > 300)
                errors.Add(CompetenceMessages.Format(CompetenceMessages.LabelTooLong, file, row.Line));
            else
                values.Add(new SkillValues(row, uri, code, label, EscoCsv.Labels(row["altLabels"]), Optional(row["description"]) ?? Optional(row["definition"]),
                    Optional(row["skillType"])));
        }
        return values;
    }

    private static List<OccupationValues> CheckOccupations(string file, List<EscoRow> rows, List<Occupation> existing, bool english, List<string> errors)
    {
        var values = new List<OccupationValues>();
        var lineOfUri = new Dictionary<string, int>(StringComparer.Ordinal);
        var lineOfCode = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var byCode = existing.ToDictionary(o => o.Code, StringComparer.OrdinalIgnoreCase);
        var knownUris = existing.Where(o => o.EscoUri is not null).Select(o => o.EscoUri!).ToHashSet(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var (uri, label) = (row["conceptUri"], row["preferredLabel"]);
            if (!Filled(file, row, ("conceptUri", uri), ("preferredLabel", label), errors))
                continue;
            var code = Optional(row["code"]) ?? EscoCsv.CodeOf(uri);
            if (!Unique(file, row, uri, code, lineOfUri, lineOfCode, errors))
                continue;
            if (byCode.TryGetValue(code, out var holder) && holder.EscoUri != uri)
                errors.Add(CompetenceMessages.Format(CompetenceMessages.CodeTaken, file, row.Line, code, holder.NameNl));
            else if (english && !knownUris.Contains(uri))
                errors.Add(CompetenceMessages.Format(CompetenceMessages.EnglishFirstDutch, file, row.Line, uri));
            else if (label.Length > 300 || code.Length > 100)
                errors.Add(CompetenceMessages.Format(CompetenceMessages.LabelTooLong, file, row.Line));
            else
                values.Add(new OccupationValues(row, uri, code, label, Optional(row["description"]) ?? Optional(row["definition"])));
        }
        return values;
    }

    private static List<RelationValues> CheckRelations(string file, List<EscoRow> rows, HashSet<string> skills, HashSet<string> occupations, List<string> errors)
    {
        var values = new List<RelationValues>();
        var lineOf = new Dictionary<(string, string), int>();
        foreach (var row in rows)
        {
            var (occupation, skill, type) = (row["occupationUri"], row["skillUri"], row["relationType"]);
            if (!Filled(file, row, ("occupationUri", occupation), ("skillUri", skill), errors))
                continue;
            CompetenceRelation? relation = type.ToLowerInvariant() switch { "essential" => CompetenceRelation.Essential, "optional" => CompetenceRelation.Optional, _ => null };
            if (relation is null)
                errors.Add(CompetenceMessages.Format(CompetenceMessages.RelationTypeInvalid, file, row.Line, type));
            else if (!occupations.Contains(occupation))
                errors.Add(CompetenceMessages.Format(CompetenceMessages.UnknownOccupation, file, row.Line, occupation));
            else if (!skills.Contains(skill))
                errors.Add(CompetenceMessages.Format(CompetenceMessages.UnknownSkill, file, row.Line, skill));
            else if (!lineOf.TryAdd((occupation, skill), row.Line))
                errors.Add(CompetenceMessages.Format(CompetenceMessages.DuplicateRelation, file, row.Line, lineOf[(occupation, skill)]));
            else
                values.Add(new RelationValues(row, occupation, skill, relation.Value));
        }
        return values;
    }

    private static bool Filled(string file, EscoRow row, (string Column, string Value) first, (string Column, string Value) second, List<string> errors)
    {
        foreach (var (column, value) in new[] { first, second })
            if (value.Length == 0)
            {
                errors.Add(CompetenceMessages.Format(CompetenceMessages.EmptyValue, file, row.Line, column));
                return false;
            }
        return true;
    }

    private static bool Unique(string file, EscoRow row, string uri, string code, Dictionary<string, int> lineOfUri, Dictionary<string, int> lineOfCode, List<string> errors)
    {
        if (!lineOfUri.TryAdd(uri, row.Line))
        {
            errors.Add(CompetenceMessages.Format(CompetenceMessages.DuplicateUri, file, row.Line, uri, lineOfUri[uri]));
            return false;
        }
        if (!lineOfCode.TryAdd(code, row.Line))
        {
            errors.Add(CompetenceMessages.Format(CompetenceMessages.DuplicateCode, file, row.Line, code, lineOfCode[code]));
            return false;
        }
        return true;
    }

    private static string? Optional(string value) => value.Length == 0 ? null : value;
}
