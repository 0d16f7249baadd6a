using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Pactwerk.Web.Features.Vouchers;

/// <summary>
/// One booking the bank reports: the end-to-end id we sent, the amount, and the date and reference where known.
/// <paramref name="Credit"/> marks money coming back (a return of our transfer), with the bank's <paramref name="ReturnReason"/> where given.
/// </summary>
public sealed record StatementLine(int Line, string EndToEndId, decimal Amount, DateOnly? Date, string? BankReference, bool Credit = false, string? ReturnReason = null);

/// <summary>
/// Reads what the bank says was paid: a CAMT.053 statement (any version: elements are found by their
/// local names, as banks differ in the version they send) or a CSV with the end-to-end id, the amount
/// and the date. Either all lines are read or the file is refused with the line that is wrong.
/// </summary>
public static class BankStatement
{
    public const long MaxBytes = 10 * 1024 * 1024;

    public static (List<StatementLine> Lines, string? Error) Read(byte[] file)
    {
        var text = Encoding.UTF8.GetString(file).TrimStart('\uFEFF').TrimStart();
        return text.StartsWith('<') ? ReadCamt(file) : ReadCsv(text);
    }

    private static (List<StatementLine>, string?) ReadCamt(byte[] file)
    {
        XDocument document;
        try
        {
            // No DTDs and no external entities: a statement is data, not a set of instructions.
            using var reader = XmlReader.Create(new MemoryStream(file), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            document = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            return ([], $"Het bestand is geen leesbaar XML-bankafschrift (regel {e.LineNumber}); er is niets veranderd.");
        }
        if (document.Root?.Name.LocalName != "Document" || !document.Root.Elements().Any(e => e.Name.LocalName == "BkToCstmrStmt"))
            return ([], "Het XML-bestand is geen CAMT.053-bankafschrift (Document/BkToCstmrStmt); er is niets veranderd.");
        var lines = new List<StatementLine>();
        foreach (var entry in document.Descendants().Where(e => e.Name.LocalName == "Ntry"))
        {
            var date = Child(Child(entry, "BookgDt"), "Dt")?.Value ?? Child(Child(entry, "ValDt"), "Dt")?.Value;
            var entryReference = Child(entry, "AcctSvcrRef")?.Value;
            var details = entry.Descendants().Where(e => e.Name.LocalName == "TxDtls").ToList();
            foreach (var tx in details)
            {
                var line = ((IXmlLineInfo)tx).LineNumber;
                var id = Child(Child(tx, "Refs"), "EndToEndId")?.Value.Trim();
                // A transaction's own amount where the bank gives it; a single transaction may leave it to the entry.
                var amountText = Child(Child(Child(tx, "AmtDtls"), "TxAmt"), "Amt")?.Value ?? Child(tx, "Amt")?.Value ?? (details.Count == 1 ? Child(entry, "Amt")?.Value : null);
                if (string.IsNullOrEmpty(id) || id == "NOTPROVIDED")
                    continue;
                if (!decimal.TryParse(amountText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
                    return ([], $"Regel {line}: de transactie {id} heeft geen leesbaar bedrag; er is niets veranderd.");
                // Newer versions give the direction per transaction, older ones only per entry. CRDT on our
                // paying account is money coming back: a transfer returned by the payee's bank.
                var direction = (Child(tx, "CdtDbtInd")?.Value ?? Child(entry, "CdtDbtInd")?.Value)?.Trim();
                if (direction is not (null or "CRDT" or "DBIT"))
                    return ([], $"Regel {line}: de transactie {id} heeft als richting '{Cut(direction)}' in plaats van CRDT of DBIT; er is niets veranderd.");
                var returnInfo = Child(tx, "RtrInf");
                var reason = Child(Child(returnInfo, "Rsn"), "Cd")?.Value ?? Child(Child(returnInfo, "Rsn"), "Prtry")?.Value ?? Child(returnInfo, "AddtlInf")?.Value;
                lines.Add(new StatementLine(line, id, amount, Day(date), Child(Child(tx, "Refs"), "AcctSvcrRef")?.Value ?? entryReference,
                    direction == "CRDT", reason is null ? null : Cut(reason.Trim(), 100)));
            }
        }
        return (lines, null);
    }

    private static string Cut(string text, int length = 20) => text.Length > length ? text[..length] : text;

    private static XElement? Child(XElement? parent, string name) => parent?.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    private static DateOnly? Day(string? text) =>
        DateOnly.TryParseExact(text?.Trim().Length >= 10 ? text.Trim()[..10] : text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    /// <summary>
    /// A CSV with a header naming end-to-end id, amount and date, ';' or ',' separated; amounts as 1250.50 or 1250,50.
    /// An optional direction column (credit_debit, af_bij: D/DBIT/Af for our transfers, C/CRDT/Bij for money coming
    /// back) and reason column (reason, reden) carry returns.
    /// </summary>
    private static (List<StatementLine>, string?) ReadCsv(string text)
    {
        var rows = text.Split('\n').Select(r => r.TrimEnd('\r')).ToList();
        if (rows.Count == 0 || rows[0].Length == 0)
            return ([], "Het bestand is leeg; er is niets veranderd.");
        var separator = rows[0].Contains(';') ? ';' : ',';
        var header = rows[0].Split(separator).Select(h => h.Trim().Trim('"').ToLowerInvariant().Replace("_", "").Replace("-", "").Replace(" ", "")).ToList();
        var idColumn = header.FindIndex(h => h is "endtoendid" or "endtoend" or "kenmerk");
        var amountColumn = header.FindIndex(h => h is "amount" or "bedrag");
        var dateColumn = header.FindIndex(h => h is "date" or "datum");
        var directionColumn = header.FindIndex(h => h is "creditdebit" or "cdtdbtind" or "afbij" or "direction" or "richting");
        var reasonColumn = header.FindIndex(h => h is "reason" or "reden" or "returnreason");
        if (idColumn < 0 || amountColumn < 0)
            return ([], "De eerste regel van de CSV moet de kolommen end_to_end_id, amount en date noemen; er is niets veranderd.");
        var lines = new List<StatementLine>();
        for (var i = 1; i < rows.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(rows[i]))
                continue;
            var cells = rows[i].Split(separator).Select(c => c.Trim().Trim('"').Trim()).ToList();
            if (cells.Count <= Math.Max(idColumn, amountColumn) || cells[idColumn].Length is 0 or > 35)
                return ([], $"Regel {i + 1}: het kenmerk (end-to-end id) ontbreekt of is langer dan 35 tekens; er is niets veranderd.");
            if (ParseAmount(cells[amountColumn]) is not { } amount)
                return ([], $"Regel {i + 1}: het bedrag '{(cells[amountColumn].Length > 20 ? cells[amountColumn][..20] : cells[amountColumn])}' is geen bedrag zoals 1250,50 of 1250.50; er is niets veranderd.");
            var date = dateColumn >= 0 && dateColumn < cells.Count ? Day(cells[dateColumn]) : null;
            var direction = directionColumn >= 0 && directionColumn < cells.Count ? cells[directionColumn].ToUpperInvariant() : "";
            bool credit;
            switch (direction)
            {
                case "" or "D" or "DBIT" or "DEBIT" or "AF":
                    credit = false;
                    break;
                case "C" or "CRDT" or "CREDIT" or "BIJ":
                    credit = true;
                    break;
                default:
                    return ([], $"Regel {i + 1}: de richting '{Cut(cells[directionColumn])}' is geen Af/Bij (D/C); er is niets veranderd.");
            }
            var reason = reasonColumn >= 0 && reasonColumn < cells.Count && cells[reasonColumn].Length > 0 ? Cut(cells[reasonColumn], 100) : null;
            lines.Add(new StatementLine(i + 1, cells[idColumn], amount, date, null, credit, reason));
        }
        return (lines, null);
    }

    /// <summary>One decimal separator, at most two decimals, no thousands separators: 1.250 is ambiguous and refused.</summary>
    private static decimal? ParseAmount(string text)
    {
        var separators = text.Count(c => c is ',' or '.');
        if (separators > 1)
            return null;
        var cut = text.IndexOfAny([',', '.']);
        if (cut >= 0 && text.Length - cut - 1 is not (1 or 2))
            return null;
        return decimal.TryParse(text.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) && amount > 0 ? amount : null;
    }
}
