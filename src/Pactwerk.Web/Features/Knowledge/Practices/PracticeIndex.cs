using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Knowledge;

/// <summary>
/// Keeps the SQLite full-text index of published practices current. SQLite's FTS5 has no Dutch
/// stemmer, so the table holds the text already stemmed here, in C#. On PostgreSQL the index is a
/// generated tsvector column that follows the row by itself.
/// </summary>
public sealed class PracticeIndex(PactwerkDb db)
{
    public const string SqliteTable = "PracticeSearch";

    public async Task RefreshAsync(Practice practice, CancellationToken ct)
    {
        if (!db.Database.IsSqlite())
            return;
        await db.Database.ExecuteSqlAsync($"DELETE FROM PracticeSearch WHERE rowid = {practice.Id}", ct);
        if (practice.Status != PracticeStatus.Published)
            return;
        var (title, body) = Stemmed(practice);
        await db.Database.ExecuteSqlAsync($"INSERT INTO PracticeSearch (rowid, title, body) VALUES ({practice.Id}, {title}, {body})", ct);
    }

    /// <summary>The stemmed title and the stemmed rest of a practice, as the FTS5 table holds them.</summary>
    public static (string Title, string Body) Stemmed(Practice practice) =>
        (PracticeText.StemmedText(practice.Title), PracticeText.StemmedText(BodyText(practice)));

    /// <summary>Everything searchable but the title, as plain text.</summary>
    public static string BodyText(Practice p) => string.Join("\n", new[]
    {
        p.Summary, PracticeText.ToPlainText(p.Context), PracticeText.ToPlainText(p.Approach), PracticeText.ToPlainText(p.Results),
        PracticeText.ToPlainText(p.ResultsSource), PracticeText.ToPlainText(p.WhatWorked), PracticeText.ToPlainText(p.WhatDidNotWork),
        PracticeText.ToPlainText(p.TransferConditions),
    }.Where(t => t.Length > 0));
}
