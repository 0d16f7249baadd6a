using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.LearningAccounts;
using static Pactwerk.Tests.Infrastructure.Session;
using static Pactwerk.Tests.Accounts.TwoFactorSessions;

namespace Pactwerk.Tests.LearningAccounts;

/// <summary>
/// A funder's officer sends a CSV of deposits to the same address as a single deposit: all rows or none, a
/// report naming every bad row by line and field (Dutch and English), the same file twice written once, and
/// every deposit on the ledger as a balanced posting — checked against sums taken straight from the tables.
/// </summary>
public abstract class DepositFileTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private const string Officer = "bestand@provincie.test";
    private const string Outsider = "bestand@fonds.test";
    private static readonly SemaphoreSlim Once = new(1, 1);

    private async Task ArrangeAsync()
    {
        await Once.WaitAsync();
        try
        {
            await factory.InScopeAsync(async services =>
            {
                var db = services.GetRequiredService<PactwerkDb>();
                if (await db.LearningFunders.AnyAsync(f => f.Code == "prov-bestand"))
                    return;
                var users = services.GetRequiredService<UserManager<PactwerkUser>>();
                var pact = await db.Pacts.Where(p => p.Code == "techniekpact").Select(p => p.Id).SingleAsync();
                var landstede = await db.Organisations.Where(o => o.Name == "Landstede Groep").Select(o => o.Id).SingleAsync();
                var vogellanden = await db.Organisations.Where(o => o.Name == "Vogellanden").Select(o => o.Id).SingleAsync();
                db.LearningFunders.Add(new Funder { Code = "prov-bestand", Name = "Provincie Bestand", Kind = FunderKind.Province, Priority = 2, OrganisationId = landstede });
                foreach (var (email, organisation) in new[] { (Officer, landstede), (Outsider, vogellanden) })
                {
                    var user = new PactwerkUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email, CreatedAt = DateTime.UtcNow };
                    Assert.True((await users.CreateAsync(user, DemoPassword)).Succeeded);
                    db.RoleAssignments.Add(new RoleAssignment { UserId = user.Id, Kind = RoleKind.PartnerEditor, ValidFrom = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1), PactId = pact, OrganisationId = organisation });
                }
                await db.SaveChangesAsync();
            });
        }
        finally
        {
            Once.Release();
        }
    }

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    private sealed record Tally(int Accounts, int Deposits, int Postings, int Lines, int Files);

    private Task<Tally> TallyAsync() => factory.InDbAsync(async db => new Tally(await db.LearningAccounts.CountAsync(), await db.LearningDeposits.CountAsync(),
        await db.LedgerPostings.CountAsync(), await db.LedgerLines.CountAsync(), await db.LearningDepositFiles.CountAsync()));

    [Fact]
    public async Task A_good_file_is_written_in_one_go_balanced_on_the_ledger_and_a_second_time_not_at_all()
    {
        await ArrangeAsync();
        var officer = await SignInWithTwoFactorAsync(factory, Officer);
        var before = await TallyAsync();
        // Semicolons, a BOM, both decimal marks, earmarks with |, a quoted field, one person twice, ja/nee.
        var file = "\uFEFFemail;amount;reference;validFrom;validUntil;sectors;levels;occupations;followsPerson\r\n"
            + "Anna@Bestand.test;1250,00;B-1;2026-01-01;2030-12-31;zorg|techniek;;;nee\r\n"
            + "bert@bestand.test;20.75;B-2;;2029-06-30;;mbo-4;;\r\n"
            + "anna@bestand.test ;\"100,5\";B-3;;2031-01-31;;;\"lasser;monteur\";ja\r\n";
        var response = await officer.PostAsync("/api/v1/funders/prov-bestand/deposits", Csv(file));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(report.GetProperty("written").GetBoolean());
        Assert.Equal(3, report.GetProperty("rows").GetInt32());
        Assert.Equal(3, report.GetProperty("newDeposits").GetInt32());
        Assert.Equal(2, report.GetProperty("accountsCreated").GetInt32());
        Assert.Equal(1250m + 20.75m + 100.5m, report.GetProperty("total").GetDecimal());

        var after = await TallyAsync();
        Assert.Equal(before with { Accounts = before.Accounts + 2, Deposits = before.Deposits + 3, Postings = before.Postings + 3, Lines = before.Lines + 6, Files = before.Files + 1 }, after);

        var (deposits, sums, unbalanced, counters) = await factory.InDbAsync(async db =>
        {
            var deposits = await db.LearningDeposits.AsNoTracking().Where(d => d.Reference.StartsWith("B-") && d.Funder.Code == "prov-bestand").OrderBy(d => d.Reference).ToListAsync();
            var ids = deposits.Select(d => d.Id).ToList();
            var lines = await db.LedgerLines.AsNoTracking().Where(l => ids.Contains(l.DepositId)).ToListAsync();
            var postings = lines.Select(l => l.PostingId).Distinct().ToList();
            var counters = await db.LearningAccounts.AsNoTracking().Where(a => a.HolderEmail.EndsWith("@bestand.test"))
                .Select(a => new { a.Postings, Real = db.LedgerPostings.Count(p => p.AccountId == a.Id) }).ToListAsync();
            return (deposits, lines.GroupBy(l => (l.DepositId, l.Bucket)).ToDictionary(g => g.Key, g => g.Sum(l => l.Amount)),
                lines.GroupBy(l => l.PostingId).Count(g => g.Sum(l => l.Amount) != 0) + (postings.Count == 3 ? 0 : 100),
                counters.Select(c => (c.Postings, (long)c.Real)).ToList());
        });
        Assert.Equal(["B-1", "B-2", "B-3"], deposits.Select(d => d.Reference));
        Assert.Equal([125000L, 2075L, 10050L], deposits.Select(d => d.Amount));
        Assert.Equal(["techniek", "zorg"], deposits[0].Sectors);
        Assert.Equal(["mbo-4"], deposits[1].Levels);
        Assert.Equal(["lasser;monteur"], deposits[2].Occupations);
        Assert.Equal([false, true, true], deposits.Select(d => d.FollowsPerson));
        Assert.Equal(new DateOnly(2026, 1, 1), deposits[0].ValidFrom);
        Assert.Equal(LearningDay.Today(TimeProvider.System), deposits[1].ValidFrom);
        Assert.Equal(deposits[0].AccountId, deposits[2].AccountId);
        Assert.Equal(0, unbalanced);
        foreach (var d in deposits)
        {
            Assert.Equal(-d.Amount, sums[(d.Id, LedgerBucket.Funded)]);
            Assert.Equal(d.Amount, sums[(d.Id, LedgerBucket.Available)]);
        }
        Assert.All(counters, c => Assert.Equal(c.Item2, c.Postings));

        // The holder's statement (through the app's own query) agrees with the sums taken above.
        var admin = await SignInAsync(factory, "beheerder@pactwerk.demo");
        var statement = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/learning-accounts/{deposits[0].AccountId}/statement");
        Assert.Equal(1350.5m, statement.GetProperty("available").GetDecimal());

        // The same bytes again: the first report, nothing written.
        var again = await officer.PostAsync("/api/v1/funders/prov-bestand/deposits", Csv(file));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var repeat = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(repeat.GetProperty("repeat").GetBoolean());
        Assert.Equal(report.GetProperty("sha256").GetString(), repeat.GetProperty("sha256").GetString());
        Assert.Equal(3, repeat.GetProperty("newDeposits").GetInt32());
        Assert.Equal(after, await TallyAsync());

        // The ids the file took are past the sequences: a single deposit afterwards gets a new one.
        var single = await officer.PostAsJsonAsync("/api/v1/funders/prov-bestand/deposits",
            new { email = "bert@bestand.test", amount = 5m, validUntil = "2030-01-01", reference = "B-single" });
        Assert.Equal(HttpStatusCode.Created, single.StatusCode);
        Assert.Equal(deposits[1].AccountId, (await single.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accountId").GetInt64());
        Assert.Equal(1, await factory.InDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == LearningAccountAuditActions.FileDeposited && e.EntityId == report.GetProperty("sha256").GetString())));
    }

    [Theory]
    [InlineData("nl")]
    [InlineData("en")]
    public async Task A_file_with_bad_rows_writes_nothing_and_names_every_bad_row_by_line_and_field(string language)
    {
        await ArrangeAsync();
        var officer = await SignInWithTwoFactorAsync(factory, Officer);
        Assert.Equal(HttpStatusCode.Created, (await officer.PostAsJsonAsync("/api/v1/funders/prov-bestand/deposits",
            new { email = "eerder@bestand.test", amount = 10m, validUntil = "2030-01-01", reference = $"E-{language}" })).StatusCode);
        var before = await TallyAsync();
        var file = "email,amount,reference,validUntil,followsPerson\n"
            + $"goed@bestand.test,10.00,G-{language}-1,2030-01-01,\n"      // line 2: fine
            + $"goed@bestand.test,\"1.250\",G-{language}-2,2030-01-01,\n"  // line 3: ambiguous amount
            + $",5,G-{language}-3,2030-01-01,\n"                           // line 4: no e-mail
            + $"goed@bestand.test,5,G-{language}-4,31-12-2030,\n"          // line 5: date
            + $"goed@bestand.test,5,G-{language}-1,2030-01-01,\n"          // line 6: reference twice in the file
            + $"eerder@bestand.test,11,E-{language},2030-01-01,\n"         // line 7: reference used before for another amount
            + $"goed@bestand.test,5,G-{language}-5,2030-01-01,misschien\n" // line 8: follows-person
            + $"goed@bestand.test,5\n"                                     // line 9: too few fields
            + $"goed@bestand.test,100000.01,G-{language}-6,2030-01-01,\n"; // line 10: too large
        // The language on this request only: the officer's session (with two-factor) is shared by the tests of this app.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/funders/prov-bestand/deposits") { Content = Csv(file) };
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        var response = await officer.SendAsync(request);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(report.GetProperty("written").GetBoolean());
        var bad = report.GetProperty("badRows").EnumerateArray().Select(b => (b.GetProperty("line").GetInt32(), b.GetProperty("field").GetString(), b.GetProperty("message").GetString())).ToList();
        Assert.Equal([(3, "amount"), (4, "email"), (5, "validUntil"), (6, "reference"), (7, "reference"), (8, "followsPerson"), (9, ""), (10, "amount")],
            bad.Select(b => (b.Item1, b.Item2!)));
        Assert.Equal(8, report.GetProperty("badRowCount").GetInt32());
        var english = language == "en";
        Assert.Equal(english ? "Give a date as yyyy-mm-dd." : LearningAccountMessages.FileDateInvalid, bad[2].Item3);
        Assert.Equal(english ? "One deposit is at most € 100,000.00." : LearningAccountMessages.AmountTooLarge, bad[7].Item3);
        Assert.Equal(english ? "This reference was already used for another deposit of this funder." : LearningAccountMessages.FileReferenceTaken, bad[4].Item3);
        Assert.Equal(before, await TallyAsync());
    }

    [Fact]
    public async Task Rows_already_deposited_with_the_same_content_are_repeats_and_the_rest_is_written()
    {
        await ArrangeAsync();
        var officer = await SignInWithTwoFactorAsync(factory, Officer);
        Assert.Equal(HttpStatusCode.Created, (await officer.PostAsJsonAsync("/api/v1/funders/prov-bestand/deposits",
            new { email = "herhaal@bestand.test", amount = 40.5m, validFrom = "2026-01-01", validUntil = "2030-01-01", reference = "H-1", sectors = new[] { "zorg" } })).StatusCode);
        var before = await TallyAsync();
        var file = "reference;email;amount;validFrom;validUntil;sectors\nH-1;HERHAAL@bestand.test;40,50;2026-01-01;2030-01-01;zorg\nH-2;herhaal@bestand.test;9,5;2026-01-01;2030-01-01;\n";
        var response = await officer.PostAsync("/api/v1/funders/prov-bestand/deposits", Csv(file));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, report.GetProperty("rows").GetInt32());
        Assert.Equal(1, report.GetProperty("newDeposits").GetInt32());
        Assert.Equal(1, report.GetProperty("alreadyDeposited").GetInt32());
        Assert.Equal(0, report.GetProperty("accountsCreated").GetInt32());
        var after = await TallyAsync();
        Assert.Equal(before with { Deposits = before.Deposits + 1, Postings = before.Postings + 1, Lines = before.Lines + 2, Files = before.Files + 1 }, after);
    }

    [Fact]
    public async Task A_broken_header_an_empty_file_and_a_multiline_field_are_reported_by_line()
    {
        await ArrangeAsync();
        var officer = await SignInWithTwoFactorAsync(factory, Officer);
        var before = await TallyAsync();
        async Task<List<(int Line, string Field)>> BadAsync(string text)
        {
            var response = await officer.PostAsync("/api/v1/funders/prov-bestand/deposits", Csv(text));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("badRows").EnumerateArray().Select(b => (b.GetProperty("line").GetInt32(), b.GetProperty("field").GetString()!))];
        }
        Assert.Equal([(1, "bedrag"), (1, "amount")], await BadAsync("email;bedrag;reference;validUntil\na@b.test;1;X;2030-01-01\n"));
        Assert.Equal([(1, "")], await BadAsync(""));
        Assert.Equal([(2, "")], await BadAsync("email;amount;reference;validUntil\n"));
        // A quoted earmark over two lines: the next row's line number counts both.
        Assert.Equal([(4, "amount")], await BadAsync("email;amount;reference;validUntil;sectors\na@b.test;1;M-1;2030-01-01;\"zorg\nwelzijn\"\na@b.test;nul;M-2;2030-01-01;\n"));
        Assert.Equal(before, await TallyAsync());
    }

    [Fact]
    public async Task A_file_longer_than_a_chunk_is_all_or_nothing_and_counts_each_persons_postings()
    {
        await ArrangeAsync();
        var officer = await SignInWithTwoFactorAsync(factory, Officer);
        // 10,001 rows, one more than the writer's chunk: the first 10,000 are written before the rest is read. The person
        // of the first row comes back on the last, so the account the first chunk opened is found again by the second.
        var good = new StringBuilder("email;amount;reference;validUntil\n");
        for (var i = 1; i <= 10_001; i++)
            good.Append($"lang{(i == 10_001 ? 1 : i)}@lang.test;1,00;L-{i};2030-12-31\n");
        var before = await TallyAsync();

        // The same rows with a bad one after them (line 10,003): nothing of the chunk already written stays.
        var refused = await officer.PostAsync("/api/v1/funders/prov-bestand/deposits", Csv(good + "lang2@lang.test;1,000;L-bad;2030-12-31\n"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var report = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal([(10_003, "amount")], report.GetProperty("badRows").EnumerateArray().Select(b => (b.GetProperty("line").GetInt32(), b.GetProperty("field").GetString()!)));
        Assert.Equal(before, await TallyAsync());
        Assert.Equal(0, await factory.InDbAsync(db => db.LearningAccounts.CountAsync(a => a.HolderEmail.EndsWith("@lang.test"))));

        var written = await officer.PostAsync("/api/v1/funders/prov-bestand/deposits", Csv(good.ToString()));
        Assert.Equal(HttpStatusCode.Created, written.StatusCode);
        var done = await written.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(10_001, done.GetProperty("newDeposits").GetInt32());
        Assert.Equal(10_000, done.GetProperty("accountsCreated").GetInt32());
        Assert.Equal(before with { Accounts = before.Accounts + 10_000, Deposits = before.Deposits + 10_001, Postings = before.Postings + 10_001, Lines = before.Lines + 20_002, Files = before.Files + 1 },
            await TallyAsync());
        // Each account's posting count (what serialises its postings) against its postings counted in the table.
        var counts = await factory.InDbAsync(db => db.LearningAccounts.AsNoTracking().Where(a => a.HolderEmail.EndsWith("@lang.test"))
            .Select(a => new { a.HolderEmail, a.Postings, Real = db.LedgerPostings.Count(p => p.AccountId == a.Id) }).ToListAsync());
        Assert.Equal(10_000, counts.Count);
        Assert.All(counts, c => Assert.Equal(c.Real, c.Postings));
        Assert.Equal(2, counts.Single(c => c.HolderEmail == "lang1@lang.test").Postings);
        // Every posting balanced and the file's money available, summed straight from the lines.
        var (unbalanced, available) = await factory.InDbAsync(async db => (
            await db.LedgerLines.GroupBy(l => l.PostingId).Where(g => g.Sum(l => l.Amount) != 0).CountAsync(),
            await db.LedgerLines.Where(l => l.Bucket == LedgerBucket.Available && db.LearningDeposits.Any(d => d.Id == l.DepositId && d.Reference.StartsWith("L-"))).SumAsync(l => l.Amount)));
        Assert.Equal(0, unbalanced);
        Assert.Equal(10_001 * 100L, available);
        // PostgreSQL: the file's transaction analysed the deposits and lines (what a balance's plan is chosen on), so the
        // planner counts the file's rows at once instead of when autovacuum comes round.
        if (factory.Provider == DatabaseSetup.Postgres)
        {
            var estimated = await factory.InDbAsync(db => db.Database.SqlQueryRaw<float>(
                """SELECT reltuples AS "Value" FROM pg_class WHERE oid IN ('"LearningDeposits"'::regclass, '"LedgerLines"'::regclass) ORDER BY relname""").ToListAsync());
            Assert.True(estimated[0] >= 10_001 && estimated[1] >= 20_002, $"deposits, lines estimated {string.Join(", ", estimated)}");
        }
    }

    [Fact]
    public async Task A_reference_used_before_is_a_repeat_or_taken_whether_the_funders_deposits_are_read_at_once_or_per_chunk()
    {
        await ArrangeAsync();
        // A funder of its own, so how many deposits it had before each file is known here, whatever ran before.
        await factory.InDbAsync(async db =>
        {
            var landstede = await db.Organisations.Where(o => o.Name == "Landstede Groep").Select(o => o.Id).SingleAsync();
            db.LearningFunders.Add(new Funder { Code = "prov-veel", Name = "Provincie Veel", Kind = FunderKind.Province, Priority = 3, OrganisationId = landstede });
            await db.SaveChangesAsync();
            return 0;
        });
        var officer = await SignInWithTwoFactorAsync(factory, Officer);
        const string Url = "/api/v1/funders/prov-veel/deposits";
        const string Header = "reference;email;amount;validFrom;validUntil\n";
        static string Row(string reference, string email, string amount) => $"{reference};{email};{amount};2026-01-01;2030-12-31\n";
        async Task<List<(int Line, string Field)>> RefusedAsync(string text)
        {
            var response = await officer.PostAsync(Url, Csv(text));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("badRows").EnumerateArray().Select(b => (b.GetProperty("line").GetInt32(), b.GetProperty("field").GetString()!))];
        }
        async Task<(int New, int Repeats)> WrittenAsync(string text)
        {
            var response = await officer.PostAsync(Url, Csv(text));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var report = await response.Content.ReadFromJsonAsync<JsonElement>();
            return (report.GetProperty("newDeposits").GetInt32(), report.GetProperty("alreadyDeposited").GetInt32());
        }

        // One earlier deposit: read at once before the file.
        Assert.Equal(HttpStatusCode.Created, (await officer.PostAsJsonAsync(Url,
            new { email = "veel0@veel.test", amount = 12.5m, validFrom = "2026-01-01", validUntil = "2030-12-31", reference = "V-0" })).StatusCode);
        var before = await TallyAsync();
        Assert.Equal([(3, "reference")], await RefusedAsync(Header + Row("V-new", "veel0@veel.test", "1") + Row("V-0", "veel0@veel.test", "12,51")));
        Assert.Equal([(2, "reference")], await RefusedAsync(Header + Row("V-0", "ander@veel.test", "12,50")));
        Assert.Equal(before, await TallyAsync());
        var big = new StringBuilder(Header + Row("V-0", "VEEL0@veel.test", "12,50"));
        for (var i = 1; i <= DepositFiles.EarlierReadAtOnce; i++)
            big.Append(Row($"V-{i}", $"veel{i}@veel.test", "1,00"));
        Assert.Equal((DepositFiles.EarlierReadAtOnce, 1), await WrittenAsync(big.ToString()));

        // Now more earlier deposits than are read at once: asked per chunk, with the same answers.
        before = await TallyAsync();
        Assert.Equal([(3, "reference")], await RefusedAsync(Header + Row("V-5000", "veel5000@veel.test", "1,00") + Row("V-7", "veel7@veel.test", "1,01") + Row("V-x", "x@veel.test", "2")));
        Assert.Equal(before, await TallyAsync());
        Assert.Equal((1, 2), await WrittenAsync(Header + Row("V-5000", "veel5000@veel.test", "1,00") + Row("V-0", "veel0@veel.test", "12,50") + Row("V-x", "x@veel.test", "2")));
        Assert.Equal(before with { Accounts = before.Accounts + 1, Deposits = before.Deposits + 1, Postings = before.Postings + 1, Lines = before.Lines + 2, Files = before.Files + 1 },
            await TallyAsync());
    }

    [Fact]
    public async Task Only_the_funders_officers_send_files_and_a_file_too_large_is_refused_unread()
    {
        await ArrangeAsync();
        var before = await TallyAsync();
        var file = "email;amount;reference;validUntil\nx@bestand.test;1;T-1;2030-01-01\n";
        Assert.Equal(HttpStatusCode.Forbidden, (await (await SignInAsync(factory, Outsider)).PostAsync("/api/v1/funders/prov-bestand/deposits", Csv(file))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Anonymous(factory).PostAsync("/api/v1/funders/prov-bestand/deposits", Csv(file))).StatusCode);
        var officer = await SignInWithTwoFactorAsync(factory, Officer);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.PostAsync("/api/v1/funders/bestaat-niet/deposits", Csv(file))).StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await officer.PostAsync("/api/v1/funders/prov-bestand/deposits", new StringContent(file, Encoding.UTF8, "text/plain"))).StatusCode);

        // A body longer than the limit: refused with the limit named, whatever its header claimed.
        var huge = new StreamContent(new RepeatingStream(DepositFiles.MaxBytes + 1));
        huge.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var response = await officer.PostAsync("/api/v1/funders/prov-bestand/deposits", huge);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("200 MB", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(before, await TallyAsync());
    }

    /// <summary>A body of <c>a</c>s of a given length that is never held in memory, without a length up front (chunked).</summary>
    private sealed class RepeatingStream(long length) : Stream
    {
        private long _left = length;
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, _left);
            buffer.AsSpan(offset, n).Fill((byte)'a');
            _left -= n;
            return n;
        }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

public sealed class DepositFileSqlite(SqliteFactory factory) : DepositFileTests<SqliteFactory>(factory);
public sealed class DepositFilePostgres(PostgresFactory factory) : DepositFileTests<PostgresFactory>(factory);
