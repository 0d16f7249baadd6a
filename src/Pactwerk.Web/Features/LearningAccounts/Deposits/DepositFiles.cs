using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.LearningAccounts;

/// <summary>
/// A funder's bulk deposits from a CSV file, all or nothing. The file is spooled to a temporary file while
/// its SHA-256 is taken (the same file again answers with its first report and writes nothing), then read
/// once without being held, checking every row and writing the good ones a chunk at a time. The pass runs in
/// one transaction that keeps other writers of accounts, deposits and postings out (SHARE ROW EXCLUSIVE on
/// PostgreSQL, the file's write lock on SQLite), so what the check saw is what the write finds and the new ids
/// are this file's alone. One bad row and the transaction ends without a commit, so nothing is written: the
/// report names every bad row by line and field.
/// Each deposit gets the ledger posting of <see cref="LedgerRules.Deposit"/>, checked by
/// <see cref="LedgerRules.Refusal"/> exactly as <see cref="LearningLedger"/> checks a single one; only the
/// way the rows reach the database differs (<see cref="DepositFileWriter"/>: COPY, or an INSERT per chunk and table on SQLite).
/// </summary>
public sealed class DepositFiles(PactwerkDb db, AccessScopeProvider scopes, TimeProvider clock, IStringLocalizer<SharedResource> t)
{
    /// <summary>200 MB: a million rows of long addresses and earmarks fit; a larger file is split.</summary>
    public const long MaxBytes = 200L * 1024 * 1024;
    public const int MaxRows = 1_000_000;
    public const int MaxListedBadRows = 1_000;
    /// <summary>Rows looked up and written together: big enough for COPY to pay, small enough to hold.</summary>
    private const int Chunk = 10_000;
    /// <summary>
    /// Up to this many earlier deposits of the funder are read once before a file instead of being asked about per
    /// chunk: one query of at most a chunk's size, where the per-chunk lookup probed the deposits' index for every row
    /// of the file (32 of a 10⁶-row file's 243 s on PostgreSQL for a funder with one earlier deposit).
    /// </summary>
    internal const int EarlierReadAtOnce = Chunk;

    /// <summary>
    /// The funder whose files the signed-in user may send, or why not (no such funder, not its officer). The upload page
    /// asks this before a file is chosen; <see cref="ReceiveAsync"/> asks it again for every file.
    /// </summary>
    public async Task<(Funder? Funder, DepositFileOutcome? Refusal)> FunderForOfficerAsync(string code, bool forChange, CancellationToken ct)
    {
        var funder = await db.LearningFunders.AsNoTracking().SingleOrDefaultAsync(f => f.Code == code, ct);
        if (funder is null)
            return (null, new DepositFileOutcome.NotFound(t[LearningAccountMessages.NoFunder, code.Length > 40 ? code[..40] : code]));
        var scope = await scopes.GetAsync(ct);
        return LearningAccountAccess.IsFunderOfficer(scope, funder, forChange)
            ? (funder, null)
            : (null, new DepositFileOutcome.Forbidden(t[LearningAccountMessages.NotFunderOfficer]));
    }

    /// <summary>The funders the signed-in user is an officer of (every funder for an administrator), by name: where the upload page is offered.</summary>
    public async Task<IReadOnlyList<Funder>> OfficerFundersAsync(CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        if (scope.UserId is null)
            return [];
        var organisations = scope.Grants.Where(g => g.Kind == RoleKind.PartnerEditor).Select(g => g.OrganisationId).OfType<int>().ToList();
        var funders = await db.LearningFunders.AsNoTracking().Where(f => scope.IsAdministrator || organisations.Contains(f.OrganisationId)).OrderBy(f => f.Name).ToListAsync(ct);
        // The same rule as every file is held to, so the page never offers what it would then refuse.
        return [.. funders.Where(f => LearningAccountAccess.IsFunderOfficer(scope, f, forChange: false))];
    }

    public async Task<DepositFileOutcome> ReceiveAsync(string code, Stream body, long? length, CancellationToken ct)
    {
        var (funder, refusal) = await FunderForOfficerAsync(code, forChange: true, ct);
        if (funder is null)
            return refusal!;
        var scope = await scopes.GetAsync(ct);
        var tooLarge = t[LearningAccountMessages.FileTooLarge, MaxBytes / 1024 / 1024].Value;
        if (length > MaxBytes)
            return new DepositFileOutcome.TooLarge(tooLarge);

        await using var spool = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        var sha = await SpoolAsync(body, spool, ct);
        if (sha is null)
            return new DepositFileOutcome.TooLarge(tooLarge);

        if (await ReportOfAsync(funder.Id, sha, ct) is { } earlier)
            return new DepositFileOutcome.Done(earlier);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await using var writer = await DepositFileWriter.OpenAsync(db, ct);
        // A file sent twice at once: the second waits for the lock and then finds the first's report.
        if (await ReportOfAsync(funder.Id, sha, ct) is { } meanwhile)
            return new DepositFileOutcome.Done(meanwhile);

        spool.Position = 0;
        var facts = await HolderFactsRules.LoadAsync(db, clock, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var pass = await CheckAndWriteAsync(funder, spool, facts, writer, scope.UserId, now, ct);
        // Leaving without a commit rolls back whatever the pass wrote before it met the first bad row.
        if (pass.Bad.Count > 0 || pass.BadCount > 0)
            return new DepositFileOutcome.Refused(new DepositFileReport(sha, false, false, pass.Rows, 0, 0, 0, 0, pass.BadCount,
                [.. pass.Bad.OrderBy(b => b.Line).Select(b => b with { Message = t[b.Message] })]));

        var (written, created) = (pass.Written, pass.Created);
        var file = new DepositFile
        {
            FunderId = funder.Id, Sha256 = sha, ReceivedAt = now, By = scope.UserId, Rows = pass.Rows, NewDeposits = written,
            AccountsCreated = created, Total = pass.Total,
        };
        db.LearningDepositFiles.Add(file);
        db.RecordEvent(now, LearningAccountAuditActions.FileDeposited, nameof(DepositFile), sha,
            new { funder = funder.Code, rows = file.Rows, deposits = written, accounts = created, total = file.Total });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return new DepositFileOutcome.Done(Report(file, repeat: false));
    }

    private async Task<DepositFileReport?> ReportOfAsync(int funderId, string sha, CancellationToken ct) =>
        await db.LearningDepositFiles.AsNoTracking().SingleOrDefaultAsync(f => f.FunderId == funderId && f.Sha256 == sha, ct) is { } file ? Report(file, repeat: true) : null;

    private static DepositFileReport Report(DepositFile f, bool repeat) =>
        new(f.Sha256, true, repeat, f.Rows, f.NewDeposits, f.Rows - f.NewDeposits, f.AccountsCreated, f.Total / 100m, 0, []);

    /// <summary>Copies the body to the spool and hashes it; null when it is larger than <see cref="MaxBytes"/> (whatever its header said).</summary>
    private static async Task<string?> SpoolAsync(Stream body, FileStream spool, CancellationToken ct)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, ct)) > 0)
        {
            total += read;
            if (total > MaxBytes)
                return null;
            hash.AppendData(buffer, 0, read);
            await spool.WriteAsync(buffer.AsMemory(0, read), ct);
        }
        await spool.FlushAsync(ct);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private sealed record Pass(int Rows, long Total, List<BadRow> Bad, int BadCount, int Written, int Created);

    /// <summary>
    /// One pass over the file that checks every row and writes the good ones a chunk at a time: every row checked on its
    /// own (<see cref="DepositFileReader"/>), every reference once in the file, and a reference the funder used before
    /// only with the same content (then that row is a repeat, skipped). From the first bad row on nothing more is
    /// written but every row is still checked, so the report lists them all; the caller then leaves the transaction
    /// without a commit and what was written goes with it. Reading the file once instead of twice (a check pass, then
    /// a write pass) saved a quarter of a large file's time.
    /// </summary>
    private async Task<Pass> CheckAndWriteAsync(Funder funder, Stream file, HolderFactsRules facts, DepositFileWriter writer, string? by, DateTime now, CancellationToken ct)
    {
        var bad = new List<BadRow>();
        var badCount = 0;
        void Bad(int line, string field, string message)
        {
            badCount++;
            if (bad.Count < MaxListedBadRows)
                bad.Add(new BadRow(line, field, message));
        }
        using var reader = DepositFileReader.Open(file, facts);
        foreach (var header in reader.HeaderErrors)
            Bad(header.Line, header.Field, header.Message);
        var references = new HashSet<string>(StringComparer.Ordinal);
        // The funder's earlier deposits, the only ones a row can repeat: the file's own references are distinct (checked
        // above) and the transaction keeps other writers out, so this set cannot change during the pass. A funder with
        // few of them (a first file after some single deposits) has them read once, here; a funder with more is asked
        // per chunk about that chunk's references. A first file asks nothing more.
        var earlierCount = await db.LearningDeposits.Where(d => d.FunderId == funder.Id).Take(EarlierReadAtOnce + 1).CountAsync(ct);
        var known = earlierCount > 0;
        var earlierAll = earlierCount is > 0 and <= EarlierReadAtOnce ? await EarlierAsync(null) : null;
        var pending = new List<DepositFileRow>(Chunk);
        var chunk = new List<(string Email, Deposit Deposit, string? Municipality, int? BirthYear)>(Chunk);
        var nextAccount = writer.FirstAccountId;
        var nextDeposit = writer.FirstDepositId;
        var nextPosting = writer.FirstPostingId;
        int rows = 0, written = 0, created = 0;
        long total = 0;
        var before = new Dictionary<long, DepositBalance>(1);
        while (reader.TryRead(out var row))
        {
            if (++rows > MaxRows)
            {
                Bad(row.Line, "", LearningAccountMessages.FileTooManyRows);
                break;
            }
            foreach (var (field, message) in row.Errors)
                Bad(row.Line, field, message);
            if (row.Errors.Count > 0)
                continue;
            if (!references.Add(row.Input.Reference!))
            {
                Bad(row.Line, "reference", LearningAccountMessages.FileReferenceTwice);
                continue;
            }
            total = checked(total + row.Cents);
            pending.Add(row);
            if (pending.Count == Chunk)
                await FlushAsync();
        }
        await FlushAsync();
        if (rows == 0 && badCount == 0)
            Bad(2, "", LearningAccountMessages.FileNoRows);
        if (badCount == 0)
            await writer.FinishAsync(nextAccount - 1, nextDeposit - 1, nextPosting - 1, ct);
        return new Pass(rows, total, bad, badCount, written, created);

        async Task FlushAsync()
        {
            var repeated = known && pending.Count > 0 ? await RepeatsAsync() : null;
            // Once a row is bad the file will be refused: the rest is only checked, no longer written.
            if (badCount == 0)
            {
                foreach (var row in pending)
                    if (repeated is null || !repeated.Contains(row.Line))
                        chunk.Add((LearningAccount.Normalise(row.Input.Email!), LearningDeposits.Wanted(funder, row.Input, row.Cents, now), row.MunicipalityCode, row.Input.BirthYear));
                await WriteChunkAsync();
            }
            pending.Clear();
        }

        // The pending rows whose reference the funder used before with the same content (repeats, skipped); a
        // reference used before for anything else is a bad row.
        async Task<HashSet<int>> RepeatsAsync()
        {
            var existing = earlierAll ?? await EarlierAsync([.. pending.Select(r => r.Input.Reference!)]);
            var repeated = new HashSet<int>();
            foreach (var row in pending)
                if (existing.TryGetValue(row.Input.Reference!, out var earlier))
                {
                    if (LearningDeposits.SameTerms(earlier.Deposit, LearningDeposits.Wanted(funder, row.Input, row.Cents, now)) && earlier.Email == LearningAccount.Normalise(row.Input.Email!))
                        repeated.Add(row.Line);
                    else
                        Bad(row.Line, "reference", LearningAccountMessages.FileReferenceTaken);
                }
            return repeated;
        }

        // The funder's earlier deposits with their holder's email by reference: all of them, or those with these references.
        async Task<Dictionary<string, (Deposit Deposit, string Email)>> EarlierAsync(List<string>? refs)
        {
            var earlier = db.LearningDeposits.AsNoTracking().Where(d => d.FunderId == funder.Id);
            // One array parameter (json_each / = ANY), not EF's default of one parameter per item: 10,000
            // parameters cost SQLite seconds to parse per chunk (5.9 s of a 100,000-row file's check).
            if (refs is not null)
                earlier = earlier.Where(d => EF.Parameter(refs).Contains(d.Reference));
            return await earlier
                .Select(d => new { Deposit = d, Email = db.LearningAccounts.Where(a => a.Id == d.AccountId).Select(a => a.HolderEmail).First() })
                .ToDictionaryAsync(e => e.Deposit.Reference, e => (e.Deposit, e.Email), StringComparer.Ordinal, ct);
        }

        // The chunk's accounts opened (or found), its deposits, postings and lines written.
        async Task WriteChunkAsync()
        {
            if (chunk.Count == 0)
                return;
            var emails = chunk.Select(c => c.Email).Distinct().ToList();
            // One array parameter, as for the references.
            var accounts = await db.LearningAccounts.AsNoTracking().Where(a => EF.Parameter(emails).Contains(a.HolderEmail))
                .ToDictionaryAsync(a => a.HolderEmail, a => a.Id, StringComparer.Ordinal, ct);
            // The person's facts as the chunk's rows give them, the first given per field: they open an account with
            // them, and fill in an existing account's only where it has none (never over what the holder corrected).
            var given = new Dictionary<string, (string? Municipality, int? BirthYear)>(StringComparer.Ordinal);
            foreach (var c in chunk.Where(c => c.Municipality is not null || c.BirthYear is not null))
                given[c.Email] = given.TryGetValue(c.Email, out var f) ? (f.Municipality ?? c.Municipality, f.BirthYear ?? c.BirthYear) : (c.Municipality, c.BirthYear);
            var filling = given.Where(g => accounts.ContainsKey(g.Key)).Select(g => (accounts[g.Key], g.Value.Municipality, g.Value.BirthYear)).ToList();
            var opened = new List<LearningAccount>();
            var postingsOf = chunk.CountBy(c => c.Email).ToDictionary(StringComparer.Ordinal);
            foreach (var email in emails.Where(e => !accounts.ContainsKey(e)))
            {
                var facts = given.GetValueOrDefault(email);
                // Opened with the postings this chunk writes for it; the writer's finish corrects the count where a later chunk adds more.
                var account = new LearningAccount
                {
                    Id = nextAccount++, HolderEmail = email, OpenedAt = now, Postings = postingsOf[email], MunicipalityCode = facts.Municipality, BirthYear = facts.BirthYear,
                };
                accounts[email] = account.Id;
                opened.Add(account);
            }
            if (filling.Count > 0)
                await writer.FillFactsAsync(filling, ct);
            var postings = new List<LedgerPosting>(chunk.Count);
            foreach (var (email, deposit, _, _) in chunk)
            {
                deposit.Id = nextDeposit++;
                deposit.AccountId = accounts[email];
                var lines = LedgerRules.Deposit(deposit.Id, deposit.Amount);
                before.Clear();
                before[deposit.Id] = default;
                if (LedgerRules.Refusal(lines, before) is { } refusal)
                    throw new InvalidOperationException($"A checked deposit could not be posted: {refusal}");
                postings.Add(new LedgerPosting
                {
                    Id = nextPosting++, AccountId = deposit.AccountId, Kind = PostingKind.Deposit, At = now, By = by,
                    Lines = [.. lines.Select(l => new LedgerLine { DepositId = l.DepositId, Bucket = l.Bucket, Amount = l.Amount })],
                });
            }
            await writer.WriteAsync(opened, chunk.Select(c => c.Deposit), postings, ct);
            written += chunk.Count;
            created += opened.Count;
            chunk.Clear();
        }
    }

}
