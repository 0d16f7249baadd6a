using System.Globalization;
using System.Xml.Linq;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Vouchers;

/// <summary>One credit transfer of a batch: to the provider's account, named by the end-to-end id the bank statement will carry back.</summary>
public sealed record SepaTransfer(string EndToEndId, decimal Amount, string CreditorName, string CreditorIban, string Remittance, PaymentKind Kind);

/// <summary>
/// A batch as the bank takes it: an ISO 20022 SEPA credit transfer initiation, pain.001.001.03
/// (the version Dutch banks accept for SEPA batches), and the same transfers as CSV for the finance system.
/// </summary>
public static class SepaCreditTransfer
{
    public static readonly XNamespace Ns = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03";

    /// <summary>Amounts with two decimals and a point, whatever the server's culture.</summary>
    public static string Amount(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    public static XDocument Pain001(VoucherScheme scheme, VoucherPaymentBatch batch, IReadOnlyList<SepaTransfer> transfers)
    {
        var total = Amount(transfers.Sum(t => t.Amount));
        var count = transfers.Count.ToString(CultureInfo.InvariantCulture);
        var created = DateTime.SpecifyKind(batch.CreatedAt, DateTimeKind.Utc);
        return new XDocument(new XDeclaration("1.0", "UTF-8", null),
            new XElement(Ns + "Document",
                new XElement(Ns + "CstmrCdtTrfInitn",
                    new XElement(Ns + "GrpHdr",
                        new XElement(Ns + "MsgId", batch.MessageId),
                        new XElement(Ns + "CreDtTm", created.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)),
                        new XElement(Ns + "NbOfTxs", count),
                        new XElement(Ns + "CtrlSum", total),
                        new XElement(Ns + "InitgPty", new XElement(Ns + "Nm", Text(scheme.DebtorName, 70)))),
                    new XElement(Ns + "PmtInf",
                        new XElement(Ns + "PmtInfId", batch.MessageId),
                        new XElement(Ns + "PmtMtd", "TRF"),
                        new XElement(Ns + "BtchBookg", "true"),
                        new XElement(Ns + "NbOfTxs", count),
                        new XElement(Ns + "CtrlSum", total),
                        new XElement(Ns + "PmtTpInf", new XElement(Ns + "SvcLvl", new XElement(Ns + "Cd", "SEPA"))),
                        new XElement(Ns + "ReqdExctnDt", created.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                        new XElement(Ns + "Dbtr", new XElement(Ns + "Nm", Text(scheme.DebtorName, 70))),
                        new XElement(Ns + "DbtrAcct", new XElement(Ns + "Id", new XElement(Ns + "IBAN", scheme.DebtorIban))),
                        new XElement(Ns + "DbtrAgt", new XElement(Ns + "FinInstnId", new XElement(Ns + "BIC", scheme.DebtorBic))),
                        new XElement(Ns + "ChrgBr", "SLEV"),
                        transfers.Select(t => new XElement(Ns + "CdtTrfTxInf",
                            new XElement(Ns + "PmtId", new XElement(Ns + "EndToEndId", t.EndToEndId)),
                            new XElement(Ns + "Amt", new XElement(Ns + "InstdAmt", new XAttribute("Ccy", "EUR"), Amount(t.Amount))),
                            new XElement(Ns + "Cdtr", new XElement(Ns + "Nm", Text(t.CreditorName, 70))),
                            new XElement(Ns + "CdtrAcct", new XElement(Ns + "Id", new XElement(Ns + "IBAN", t.CreditorIban))),
                            new XElement(Ns + "RmtInf", new XElement(Ns + "Ustrd", Text(t.Remittance, 140)))))))));
    }

    public static byte[] Pain001Bytes(VoucherScheme scheme, VoucherPaymentBatch batch, IReadOnlyList<SepaTransfer> transfers)
    {
        using var stream = new MemoryStream();
        using (var writer = System.Xml.XmlWriter.Create(stream, new System.Xml.XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false), Indent = true, Async = false }))
            Pain001(scheme, batch, transfers).Save(writer);
        return stream.ToArray();
    }

    /// <summary>The batch for the finance system: one row per transfer, the same figures as the SEPA file.</summary>
    public static byte[] Csv(VoucherPaymentBatch batch, IReadOnlyList<SepaTransfer> transfers) =>
        CsvText.File("batch;end_to_end_id;kind;amount;creditor;creditor_iban;description",
            transfers.Select(t => new[]
            {
                CsvText.Cell(batch.MessageId), CsvText.Cell(t.EndToEndId), t.Kind == PaymentKind.Advance ? "advance" : "final", Amount(t.Amount),
                CsvText.Cell(t.CreditorName), CsvText.Cell(t.CreditorIban), CsvText.Cell(t.Remittance),
            }));

    /// <summary>SEPA allows only a Latin subset; other characters become their closest letter or a space, and the text is cut to the field's length.</summary>
    private static string Text(string text, int max)
    {
        var plain = new string(text.Normalize(System.Text.NormalizationForm.FormD)
            .Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            .Select(c => char.IsAsciiLetterOrDigit(c) || " /-?:().,'+".Contains(c) ? c : ' ').ToArray()).Trim();
        return plain.Length > max ? plain[..max] : plain;
    }
}
