using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Numerics;
using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using System.Xml.XPath;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Vouchers;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Vouchers;

/// <summary>
/// Paying providers through the API as officers use it: never before delivery, never more than the
/// voucher's amount, four eyes above the threshold, one batch however many ask at once, the SEPA
/// pain.001 file read back and checked independently, and reconciliation from the bank's statement
/// moving the amount from the reserve to the paid sum once, however often the file comes.
/// </summary>
public abstract class VoucherPaymentTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private const string Officer = "coordinator@techniekpact.demo";
    /// <summary>The Hogeschool van Amsterdam's editor: the scheme's organisation, so a second officer.</summary>
    private const string SecondOfficer = "redacteur@hva.demo";
    private const string DebtorIban = "NL20INGB0001234567";

    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");

    private sealed record Voucher(string Code, string Key, string Number, decimal Amount);

    private async Task<VoucherSchemeBuilder.Built> SchemeAsync(string code, decimal price, decimal ceiling = 20_000m, decimal advanceShare = 0m)
    {
        var scheme = await VoucherSchemeBuilder.SchemeAsync(factory, code, ceiling, price);
        await factory.InDbAsync(db => db.VoucherSchemes.Where(s => s.Code == code).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.DebtorName, "Provincie Gelderland (test)").SetProperty(x => x.DebtorIban, DebtorIban).SetProperty(x => x.DebtorBic, "INGBNL2A")
            .SetProperty(x => x.AdvanceShare, advanceShare)));
        return scheme;
    }

    private async Task<Voucher> ApplyAsync(VoucherSchemeBuilder.Built scheme, string email)
    {
        var response = await Anonymous(factory).PostAsJsonAsync($"/api/v1/voucher-schemes/{scheme.Code}/applications", VoucherSchemeBuilder.Application(scheme, email));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var answer = await response.ReadAsync<JsonElement>();
        var code = await factory.InDbAsync(db => db.VoucherApplications.Where(a => a.Email == email && db.VoucherSchemes.Any(s => s.Id == a.SchemeId && s.Code == scheme.Code))
            .Select(a => a.VoucherCode).SingleAsync());
        // The participant's address confirmed through the mailed link: a voucher's enrolment needs it.
        await VoucherSchemeBuilder.ConfirmEmailAsync(factory, email, scheme.Code);
        return new Voucher(code, VoucherSchemeBuilder.KeyOf(answer), answer.GetProperty("number").GetString()!, answer.GetProperty("amount").GetDecimal());
    }

    /// <summary>Through the voucher's whole life as the API offers it: both confirm, the provider submits evidence, the officer approves.</summary>
    private async Task LiveToApprovedAsync(VoucherSchemeBuilder.Built scheme, Voucher voucher, HttpClient provider, HttpClient officer)
    {
        Assert.Equal(HttpStatusCode.OK, (await provider.PostAsJsonAsync($"/api/v1/vouchers/{voucher.Code}/enrolment", VoucherSchemeBuilder.Enrolment(scheme))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Anonymous(factory).PostAsJsonAsync("/api/v1/voucher-applications/enrolment", new { key = voucher.Key })).StatusCode);
        var evidence = new MultipartFormDataContent { { new StringContent("95"), "attendancePercent" }, { new StringContent(DateTime.UtcNow.ToString("yyyy-MM-dd")), "completedOn" } };
        var file = new ByteArrayContent(Pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        evidence.Add(file, "file", "certificaat.pdf");
        Assert.Equal(HttpStatusCode.OK, (await provider.PostAsync($"/api/v1/vouchers/{voucher.Code}/completion", evidence)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync($"/api/v1/vouchers/{voucher.Code}/approval", new { reason = "Certificaat in orde" })).StatusCode);
    }

    /// <summary>The state set straight in the database: the transitions that lead there are VoucherLifeTests' subject, not this class's.</summary>
    private Task SetStatusAsync(string code, VoucherStatus status) =>
        factory.InDbAsync(db => db.VoucherApplications.Where(a => a.VoucherCode == code).ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, status)));

    private Task<VoucherStatus> StatusAsync(string code) => factory.InDbAsync(db => db.VoucherApplications.Where(a => a.VoucherCode == code).Select(a => a.Status).SingleAsync());

    private Task<(decimal Reserved, decimal Paid)> BudgetAsync(string code) =>
        factory.InDbAsync(async db => await db.VoucherSchemes.Where(s => s.Code == code).Select(s => new ValueTuple<decimal, decimal>(s.Reserved, s.Paid)).SingleAsync());

    private Task<List<VoucherPayment>> PaymentsAsync(string code) => factory.InDbAsync(db =>
        db.VoucherPayments.AsNoTracking().Where(p => db.VoucherSchemes.Any(s => s.Id == p.SchemeId && s.Code == code)).OrderBy(p => p.Id).ToListAsync());

    private static Task<HttpResponseMessage> PayAsync(HttpClient officer, string scheme, string voucher, string kind = "final", decimal? amount = null) =>
        officer.PostAsJsonAsync($"/api/v1/voucher-schemes/{scheme}/payments", new { voucher, kind, amount, reason = "Levering goedgekeurd, betalen" });

    private static async Task<string> DetailAsync(HttpResponseMessage response) => (await response.ReadAsync<JsonElement>()).GetProperty("detail").GetString()!;

    /// <summary>ISO 13616 mod-97 once more, on a big integer this time, so the check does not rest on the app's own implementation.</summary>
    private static bool Mod97(string iban) =>
        BigInteger.Parse(string.Concat((iban[4..] + iban[..4]).Select(c => char.IsAsciiDigit(c) ? c.ToString() : (c - 'A' + 10).ToString(CultureInfo.InvariantCulture)))) % 97 == 1;

    /// <summary>
    /// The elements pain.001.001.03 requires (minOccurs 1 in the schema) and the EPC's SEPA rulebook
    /// adds (CtrlSum, service level SEPA, charges SLEV, creditor name and IBAN), relative to the document.
    /// </summary>
    private static readonly string[] MandatoryGroup =
    [
        "p:CstmrCdtTrfInitn/p:GrpHdr/p:MsgId", "p:CstmrCdtTrfInitn/p:GrpHdr/p:CreDtTm", "p:CstmrCdtTrfInitn/p:GrpHdr/p:NbOfTxs", "p:CstmrCdtTrfInitn/p:GrpHdr/p:CtrlSum",
        "p:CstmrCdtTrfInitn/p:GrpHdr/p:InitgPty/p:Nm",
        "p:CstmrCdtTrfInitn/p:PmtInf/p:PmtInfId", "p:CstmrCdtTrfInitn/p:PmtInf/p:PmtMtd", "p:CstmrCdtTrfInitn/p:PmtInf/p:NbOfTxs", "p:CstmrCdtTrfInitn/p:PmtInf/p:CtrlSum",
        "p:CstmrCdtTrfInitn/p:PmtInf/p:PmtTpInf/p:SvcLvl/p:Cd", "p:CstmrCdtTrfInitn/p:PmtInf/p:ReqdExctnDt", "p:CstmrCdtTrfInitn/p:PmtInf/p:Dbtr/p:Nm",
        "p:CstmrCdtTrfInitn/p:PmtInf/p:DbtrAcct/p:Id/p:IBAN", "p:CstmrCdtTrfInitn/p:PmtInf/p:DbtrAgt/p:FinInstnId/p:BIC", "p:CstmrCdtTrfInitn/p:PmtInf/p:ChrgBr",
    ];

    private static readonly string[] MandatoryTransaction =
        ["p:PmtId/p:EndToEndId", "p:Amt/p:InstdAmt", "p:InstdAmt/@Ccy", "p:Cdtr/p:Nm", "p:CdtrAcct/p:Id/p:IBAN"];

    private sealed record Transfer(string EndToEndId, decimal Amount, string Creditor, string Iban);

    /// <summary>Reads the pain.001 file back and checks it; returns its transfers.</summary>
    private static List<Transfer> ReadPain001(byte[] bytes)
    {
        var document = XDocument.Load(new MemoryStream(bytes));
        var ns = new XmlNamespaceManager(new NameTable());
        ns.AddNamespace("p", "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03");
        var root = document.Root!;
        Assert.Equal("{urn:iso:std:iso:20022:tech:xsd:pain.001.001.03}Document", root.Name.ToString());
        foreach (var path in MandatoryGroup)
            Assert.False(string.IsNullOrWhiteSpace(root.XPathSelectElement(path, ns)?.Value), $"pain.001 lacks {path}");
        Assert.Equal("TRF", root.XPathSelectElement("p:CstmrCdtTrfInitn/p:PmtInf/p:PmtMtd", ns)!.Value);
        Assert.Equal("SEPA", root.XPathSelectElement("p:CstmrCdtTrfInitn/p:PmtInf/p:PmtTpInf/p:SvcLvl/p:Cd", ns)!.Value);
        Assert.Equal("SLEV", root.XPathSelectElement("p:CstmrCdtTrfInitn/p:PmtInf/p:ChrgBr", ns)!.Value);
        Assert.Equal(DebtorIban, root.XPathSelectElement("p:CstmrCdtTrfInitn/p:PmtInf/p:DbtrAcct/p:Id/p:IBAN", ns)!.Value);
        Assert.True(Mod97(DebtorIban));
        var transfers = new List<Transfer>();
        foreach (var tx in root.XPathSelectElements("p:CstmrCdtTrfInitn/p:PmtInf/p:CdtTrfTxInf", ns))
        {
            foreach (var path in MandatoryTransaction)
                Assert.False(string.IsNullOrWhiteSpace(path.Contains('@')
                    ? ((IEnumerable<object>)tx.XPathEvaluate("p:Amt/" + path, ns)).OfType<XAttribute>().SingleOrDefault()?.Value
                    : tx.XPathSelectElement(path, ns)?.Value), $"a transfer lacks {path}");
            var amountText = tx.XPathSelectElement("p:Amt/p:InstdAmt", ns)!.Value;
            Assert.Matches(@"^\d+\.\d{2}$", amountText);
            Assert.Equal("EUR", tx.XPathSelectElement("p:Amt/p:InstdAmt", ns)!.Attribute("Ccy")!.Value);
            var iban = tx.XPathSelectElement("p:CdtrAcct/p:Id/p:IBAN", ns)!.Value;
            Assert.True(Mod97(iban), $"creditor IBAN {iban} fails mod-97");
            var endToEnd = tx.XPathSelectElement("p:PmtId/p:EndToEndId", ns)!.Value;
            Assert.True(endToEnd.Length <= 35);
            transfers.Add(new Transfer(endToEnd, decimal.Parse(amountText, CultureInfo.InvariantCulture), tx.XPathSelectElement("p:Cdtr/p:Nm", ns)!.Value, iban));
        }
        // The counts and control sums are checked against the transfers summed here.
        var sum = transfers.Sum(t => t.Amount).ToString("0.00", CultureInfo.InvariantCulture);
        var count = transfers.Count.ToString(CultureInfo.InvariantCulture);
        Assert.Equal(count, root.XPathSelectElement("p:CstmrCdtTrfInitn/p:GrpHdr/p:NbOfTxs", ns)!.Value);
        Assert.Equal(count, root.XPathSelectElement("p:CstmrCdtTrfInitn/p:PmtInf/p:NbOfTxs", ns)!.Value);
        Assert.Equal(sum, root.XPathSelectElement("p:CstmrCdtTrfInitn/p:GrpHdr/p:CtrlSum", ns)!.Value);
        Assert.Equal(sum, root.XPathSelectElement("p:CstmrCdtTrfInitn/p:PmtInf/p:CtrlSum", ns)!.Value);
        return transfers;
    }

    private static string Camt053(params (string EndToEndId, string Amount, string Reference)[] entries) =>
        $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
          <BkToCstmrStmt>
            <GrpHdr><MsgId>STMT-1</MsgId><CreDtTm>2026-12-05T08:00:00</CreDtTm></GrpHdr>
            <Stmt>
              <Id>STMT-1-1</Id>
              <Acct><Id><IBAN>{DebtorIban}</IBAN></Id></Acct>
              {string.Concat(entries.Select(e => $"""
              <Ntry>
                <Amt Ccy="EUR">{e.Amount}</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts>
                <BookgDt><Dt>2026-12-05</Dt></BookgDt>
                <AcctSvcrRef>{e.Reference}</AcctSvcrRef>
                <NtryDtls><TxDtls><Refs><EndToEndId>{e.EndToEndId}</EndToEndId></Refs></TxDtls></NtryDtls>
              </Ntry>
              """))}
            </Stmt>
          </BkToCstmrStmt>
        </Document>
        """;

    private static MultipartFormDataContent Upload(string text, string name)
    {
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return new MultipartFormDataContent { { file, "file", name } };
    }

    [Fact]
    public async Task An_approved_voucher_is_paid_with_four_eyes_batched_exported_and_reconciled()
    {
        var scheme = await SchemeAsync("betaal-a", price: 1500.75m);
        var big = await ApplyAsync(scheme, "groot@example.org");
        // A second course price below the four-eyes threshold.
        await factory.InDbAsync(db => db.VoucherCourses.Where(c => c.Id == scheme.CourseId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Price, 820.25m)));
        var small = await ApplyAsync(scheme, "klein@example.org");
        Assert.Equal((1500.75m, 820.25m), (big.Amount, small.Amount));
        var officer = await SignInAsync(factory, Officer);
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync($"/api/v1/voucher-schemes/{scheme.Code}/providers/{scheme.ProviderId}/users", new { email = "lid@pactwerk.demo" })).StatusCode);
        var provider = await SignInAsync(factory, "lid@pactwerk.demo");
        await LiveToApprovedAsync(scheme, big, provider, officer);
        await LiveToApprovedAsync(scheme, small, provider, officer);

        // The overview lists both as payable, in full.
        var overview = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/voucher-schemes/{scheme.Code}/payments");
        Assert.Equal(1000m, overview.GetProperty("fourEyesThreshold").GetDecimal());
        Assert.Equal(new[] { big.Code, small.Code }, overview.GetProperty("payable").EnumerateArray().Select(p => p.GetProperty("voucher").GetString()).ToArray());

        // A provider user and an anonymous caller cannot pay; nothing is made.
        Assert.Equal(HttpStatusCode.Forbidden, (await PayAsync(provider, scheme.Code, big.Code)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PayAsync(Anonymous(factory), scheme.Code, big.Code)).StatusCode);
        Assert.Empty(await PaymentsAsync(scheme.Code));

        var bigPayment = await PayAsync(officer, scheme.Code, big.Code);
        Assert.Equal(HttpStatusCode.Created, bigPayment.StatusCode);
        var bigDto = await bigPayment.ReadAsync<JsonElement>();
        Assert.Equal("AwaitingCoSignature", bigDto.GetProperty("status").GetString());
        Assert.Equal(1500.75m, bigDto.GetProperty("amount").GetDecimal());
        var bigId = bigDto.GetProperty("id").GetInt32();
        var smallPayment = await PayAsync(officer, scheme.Code, small.Code);
        Assert.Equal("Approved", (await smallPayment.ReadAsync<JsonElement>()).GetProperty("status").GetString());
        // The same voucher twice: refused, nothing added.
        var twice = await PayAsync(officer, scheme.Code, small.Code);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal(2, (await PaymentsAsync(scheme.Code)).Count);

        // The approver cannot co-sign their own payment.
        var own = await officer.PostAsJsonAsync($"/api/v1/voucher-schemes/{scheme.Code}/payments/{bigId}/co-signature", new { reason = "akkoord" });
        Assert.Equal(HttpStatusCode.Conflict, own.StatusCode);
        Assert.Contains("tweede, andere behandelaar", await DetailAsync(own));
        Assert.Equal(PaymentStatus.AwaitingCoSignature, (await PaymentsAsync(scheme.Code)).Single(p => p.Id == bigId).Status);

        // The first batch holds only what needs no second signature yet.
        var first = await officer.PostAsync($"/api/v1/voucher-schemes/{scheme.Code}/payment-batches", null);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var firstBatch = await first.ReadAsync<JsonElement>();
        Assert.Equal(1, firstBatch.GetProperty("count").GetInt32());
        var firstTransfers = ReadPain001(await officer.GetByteArrayAsync(firstBatch.GetProperty("xmlUrl").GetString()));
        Assert.Equal(small.Code + "-", Assert.Single(firstTransfers).EndToEndId[..(small.Code.Length + 1)]);

        // A second, different officer co-signs; the next batch holds that payment, and a third holds nothing new.
        var second = await SignInAsync(factory, SecondOfficer);
        var cosigned = await second.PostAsJsonAsync($"/api/v1/voucher-schemes/{scheme.Code}/payments/{bigId}/co-signature", new { reason = "Vier ogen: gecontroleerd" });
        Assert.Equal(HttpStatusCode.OK, cosigned.StatusCode);
        Assert.Equal("Approved", (await cosigned.ReadAsync<JsonElement>()).GetProperty("status").GetString());
        var batch = await (await second.PostAsync($"/api/v1/voucher-schemes/{scheme.Code}/payment-batches", null)).ReadAsync<JsonElement>();
        var nothing = await officer.PostAsync($"/api/v1/voucher-schemes/{scheme.Code}/payment-batches", null);
        Assert.Equal(HttpStatusCode.Conflict, nothing.StatusCode);
        Assert.Equal(2, await factory.InDbAsync(db => db.VoucherPaymentBatches.CountAsync(b => db.VoucherSchemes.Any(s => s.Id == b.SchemeId && s.Code == scheme.Code))));

        var transfers = ReadPain001(await officer.GetByteArrayAsync(batch.GetProperty("xmlUrl").GetString()));
        var transfer = Assert.Single(transfers);
        Assert.Equal($"{big.Code}-{bigId}", transfer.EndToEndId);
        Assert.Equal(1500.75m, transfer.Amount);
        Assert.Equal("NL91ABNA0417164300", transfer.Iban);
        Assert.Equal("Opleider betaal-a", transfer.Creditor);
        var csv = Encoding.UTF8.GetString(await officer.GetByteArrayAsync(batch.GetProperty("csvUrl").GetString())).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, csv.Length);
        Assert.Equal($"{big.Code}-{bigId}", csv[1].Split(';')[1]);
        Assert.Equal("1500.75", csv[1].Split(';')[3]);
        Assert.Equal(HttpStatusCode.Forbidden, (await provider.GetAsync(batch.GetProperty("xmlUrl").GetString())).StatusCode);

        // Nothing is paid before the bank says so: both amounts are still in the reserve.
        Assert.Equal((big.Amount + small.Amount, 0m), await BudgetAsync(scheme.Code));

        // The statement: both paid, one unknown reference, one wrong amount.
        var smallId = (await PaymentsAsync(scheme.Code)).Single(p => p.Id != bigId).Id;
        var statement = Camt053(($"{big.Code}-{bigId}", "1500.75", "BANK-1"), ($"{small.Code}-{smallId}", "820.25", "BANK-2"),
            ("V-ONBEKEND-99", "10.00", "BANK-3"), ($"{small.Code}-{smallId}", "820.00", "BANK-4"));
        var reconciled = await officer.PostAsync($"/api/v1/voucher-schemes/{scheme.Code}/reconciliation", Upload(statement, "afschrift.xml"));
        Assert.Equal(HttpStatusCode.OK, reconciled.StatusCode);
        var result = await reconciled.ReadAsync<JsonElement>();
        Assert.Equal(2, result.GetProperty("paid").GetInt32());
        Assert.Equal(new[] { "Paid", "Paid", "Unknown", "AlreadyPaid" },
            result.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("outcome").GetString()).ToArray());

        var payments = await PaymentsAsync(scheme.Code);
        Assert.All(payments, p => Assert.Equal(PaymentStatus.Paid, p.Status));
        Assert.Equal("BANK-1", payments.Single(p => p.Id == bigId).BankReference);
        Assert.Equal(VoucherStatus.Paid, await StatusAsync(big.Code));
        Assert.Equal(VoucherStatus.Paid, await StatusAsync(small.Code));
        // The budget against the payments summed here.
        var paidSum = payments.Sum(p => p.Amount);
        Assert.Equal(2321.00m, paidSum);
        Assert.Equal((0m, paidSum), await BudgetAsync(scheme.Code));
        var budget = await Anonymous(factory).GetFromJsonAsync<JsonElement>($"/api/v1/voucher-schemes/{scheme.Code}/budget");
        Assert.Equal(20_000m - paidSum, budget.GetProperty("available").GetDecimal());

        // The same file again changes nothing.
        var audits = await factory.InDbAsync(db => db.AuditEntries.CountAsync());
        var again = await (await officer.PostAsync($"/api/v1/voucher-schemes/{scheme.Code}/reconciliation", Upload(statement, "afschrift.xml"))).ReadAsync<JsonElement>();
        Assert.Equal(0, again.GetProperty("paid").GetInt32());
        Assert.Equal((0m, paidSum), await BudgetAsync(scheme.Code));
        Assert.Equal(audits, await factory.InDbAsync(db => db.AuditEntries.CountAsync()));

        // Who and why are in the audit trail.
        var cosign = await factory.InDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == "voucher-payment-co-signed" && e.EntityId == bigId.ToString()));
        Assert.Contains("Vier ogen: gecontroleerd", cosign.After);
        var approval = await factory.InDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == "voucher-payment-approved" && e.EntityId == bigId.ToString()));
        Assert.NotEqual(approval.UserId, cosign.UserId);
        Assert.Equal(1, await factory.InDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "voucher-paid" && e.EntityId == big.Number)));
    }

    /// <summary>A statement with one return: money coming back (CRDT) for an end-to-end id, with the bank's reason code.</summary>
    private static string CamtReturn(string endToEndId, string amount, string reason) =>
        $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
          <BkToCstmrStmt>
            <GrpHdr><MsgId>STMT-R</MsgId><CreDtTm>2026-12-08T08:00:00</CreDtTm></GrpHdr>
            <Stmt>
              <Id>STMT-R-1</Id>
              <Acct><Id><IBAN>{DebtorIban}</IBAN></Id></Acct>
              <Ntry>
                <Amt Ccy="EUR">{amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
                <BookgDt><Dt>2026-12-08</Dt></BookgDt>
                <AcctSvcrRef>BANK-R1</AcctSvcrRef>
                <NtryDtls><TxDtls>
                  <Refs><EndToEndId>{endToEndId}</EndToEndId></Refs>
                  <RtrInf><Rsn><Cd>{reason}</Cd></Rsn></RtrInf>
                </TxDtls></NtryDtls>
              </Ntry>
            </Stmt>
          </BkToCstmrStmt>
        </Document>
        """;

    [Fact]
    public async Task A_payment_the_bank_returns_goes_back_to_the_reserve_and_is_paid_again_under_a_new_reference()
    {
        var scheme = await SchemeAsync("betaal-terug", price: 820.25m);
        var voucher = await ApplyAsync(scheme, "terug@example.org");
        var officer = await SignInAsync(factory, Officer);
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync($"/api/v1/voucher-schemes/{scheme.Code}/providers/{scheme.ProviderId}/users", new { email = "lid@pactwerk.demo" })).StatusCode);
        var provider = await SignInAsync(factory, "lid@pactwerk.demo");
        await LiveToApprovedAsync(scheme, voucher, provider, officer);
        Assert.Equal(HttpStatusCode.Created, (await PayAsync(officer, scheme.Code, voucher.Code)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await officer.PostAsync($"/api/v1/voucher-schemes/{scheme.Code}/payment-batches", null)).StatusCode);
        var id = Assert.Single(await PaymentsAsync(scheme.Code)).Id;
        var first = $"{voucher.Code}-{id}";
        var paid = Camt053((first, "820.25", "BANK-P1"));
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsync($"/api/v1/voucher-schemes/{scheme.Code}/reconciliation", Upload(paid, "betaald.xml"))).StatusCode);
        Assert.Equal((0m, 820.25m), await BudgetAsync(scheme.Code));
        Assert.Equal(VoucherStatus.Paid, await StatusAsync(voucher.Code));

        // The payee's bank returns it (AC04: account closed): back in the reserve, the voucher owed again.
        var returned = await (await officer.PostAsync($"/api/v1/voucher-schemes/{scheme.Code}/reconciliation", Upload(CamtReturn(first, "820.25", "AC04"), "terug.xml"))).ReadAsync<JsonElement>();
        Assert.Equal("Returned", Assert.Single(returned.GetProperty("lines").EnumerateArray()).GetProperty("outcome").GetString());
        Assert.Equal((1, 820.25m), (returned.GetProperty("returned").GetInt32(), returned.GetProperty("returnedTotal").GetDecimal()));
        var payment = Assert.Single(await PaymentsAsync(scheme.Code));
        Assert.Equal((PaymentStatus.Returned, "AC04", (DateTime?)null), (payment.Status, payment.ReturnReason, payment.PaidAt));
        Assert.Equal((820.25m, 0m), await BudgetAsync(scheme.Code));
        Assert.Equal(VoucherStatus.Approved, await StatusAsync(voucher.Code));
        Assert.Equal(1, await factory.InDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == VoucherAuditActions.PaymentReturned && e.EntityId == id.ToString())));

        // Both files again change nothing; there is nothing to batch until the officer offers it again.
        var audits = await factory.InDbAsync(db => db.AuditEntries.CountAsync());
        var replay = await (await officer.PostAsync($"/api/v1/voucher-schemes/{scheme.Code}/reconciliation", Upload(paid, "betaald.xml"))).ReadAsync<JsonElement>();
        Assert.Equal("AlreadyReturned", Assert.Single(replay.GetProperty("lines").EnumerateArray()).GetProperty("outcome").GetString());
        var replayReturn = await (await officer.PostAsync($"/api/v1/voucher-schemes/{scheme.Code}/reconciliation", Upload(CamtReturn(first, "820.25", "AC04"), "terug.xml"))).ReadAsync<JsonElement>();
        Assert.Equal("AlreadyReturned", Assert.Single(replayReturn.GetProperty("lines").EnumerateArray()).GetProperty("outcome").GetString());
        Assert.NotEqual(HttpStatusCode.Created, (await officer.PostAsync($"/api/v1/voucher-schemes/{scheme.Code}/payment-batches", null)).StatusCode);
        Assert.Equal(audits, await factory.InDbAsync(db => db.AuditEntries.CountAsync()));
        Assert.Equal((820.25m, 0m), await BudgetAsync(scheme.Code));

        // The officer's payments page names the return and offers it again.
        var page = await officer.GetStringAsync($"/regelingen/{scheme.Code}/beheer/betalingen");
        Assert.Contains("Teruggeboekt door de bank (AC04)", page);
        Assert.Contains($"id=\"RetryReason-{id}\"", page);

        // On the page, in English, without a reason: the message in English, and nothing changes.
        var pageUrl = $"/regelingen/{scheme.Code}/beheer/betalingen";
        var noReason = await PostFormAsync(officer, pageUrl + "?handler=Retry&culture=en", new() { ["Payment"] = id.ToString(), ["Reason"] = " " }, pageUrl + "?culture=en");
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("Give the reason for the decision", await noReason.Content.ReadAsStringAsync());
        var unchanged = Assert.Single(await PaymentsAsync(scheme.Code));
        Assert.Equal((PaymentStatus.Returned, 1), (unchanged.Status, unchanged.Attempt));

        // Offered again with a reason (none: refused); a provider cannot; a second offer of the same is refused.
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.PostAsJsonAsync($"/api/v1/voucher-schemes/{scheme.Code}/payments/{id}/retry", new { reason = " " })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await provider.PostAsJsonAsync($"/api/v1/voucher-schemes/{scheme.Code}/payments/{id}/retry", new { reason = "ik wil geld" })).StatusCode);
        var retried = await officer.PostAsJsonAsync($"/api/v1/voucher-schemes/{scheme.Code}/payments/{id}/retry", new { reason = "IBAN van de aanbieder gecorrigeerd" });
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        var second = $"{voucher.Code}-{id}.2";
        var dto = await retried.ReadAsync<JsonElement>();
        Assert.Equal((second, "Approved", 2), (dto.GetProperty("endToEndId").GetString(), dto.GetProperty("status").GetString(), dto.GetProperty("attempt").GetInt32()));
        Assert.NotEqual(HttpStatusCode.OK, (await officer.PostAsJsonAsync($"/api/v1/voucher-schemes/{scheme.Code}/payments/{id}/retry", new { reason = "nog eens" })).StatusCode);
        // The same again on the page, in Dutch: refused with the reason why, still attempt 2.
        var again = await PostFormAsync(officer, pageUrl + "?handler=Retry", new() { ["Payment"] = id.ToString(), ["Reason"] = "nog eens" }, pageUrl);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("Alleen een teruggeboekte betaling kan opnieuw worden aangeboden", await again.Content.ReadAsStringAsync());
        Assert.Equal(2, Assert.Single(await PaymentsAsync(scheme.Code)).Attempt);

        // The next batch holds the new transfer under its new reference; the old reference is history.
        var batch = await (await officer.PostAsync($"/api/v1/voucher-schemes/{scheme.Code}/payment-batches", null)).ReadAsync<JsonElement>();
        var transfer = Assert.Single(ReadPain001(await officer.GetByteArrayAsync(batch.GetProperty("xmlUrl").GetString())));
        Assert.Equal((second, 820.25m), (transfer.EndToEndId, transfer.Amount));
        var csv = $"end_to_end_id;amount;date;af_bij\n{first};820,25;2026-12-09;Af\n{second};820,25;2026-12-09;Af\n";
        var final = await (await officer.PostAsync($"/api/v1/voucher-schemes/{scheme.Code}/reconciliation", Upload(csv, "afschrift.csv"))).ReadAsync<JsonElement>();
        Assert.Equal(new[] { "EarlierAttempt", "Paid" }, final.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("outcome").GetString()).ToArray());
        Assert.Equal((0m, 820.25m), await BudgetAsync(scheme.Code));
        Assert.Equal(VoucherStatus.Paid, await StatusAsync(voucher.Code));
        Assert.Equal(PaymentStatus.Paid, Assert.Single(await PaymentsAsync(scheme.Code)).Status);
    }

    [Fact]
    public async Task No_payment_before_delivery_in_any_other_state_and_never_more_than_the_amount()
    {
        var scheme = await SchemeAsync("betaal-b", price: 900m);
        var officer = await SignInAsync(factory, Officer);
        var states = Enum.GetValues<VoucherStatus>().Where(s => s != VoucherStatus.Approved).ToList();
        foreach (var state in states)
        {
            var voucher = await ApplyAsync(scheme, $"staat-{state}@example.org".ToLowerInvariant());
            await SetStatusAsync(voucher.Code, state);
            foreach (var kind in new[] { "final", "advance" })
            {
                var refused = await PayAsync(officer, scheme.Code, voucher.Code, kind, kind == "advance" ? 100m : null);
                Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
                Assert.Contains("er is niets veranderd", await DetailAsync(refused));
            }
            Assert.Equal(state, await StatusAsync(voucher.Code));
        }
        Assert.Empty(await PaymentsAsync(scheme.Code));

        // An approved voucher of a scheme without advance: only the full amount, once.
        var approved = await ApplyAsync(scheme, "goedgekeurd@example.org");
        await SetStatusAsync(approved.Code, VoucherStatus.Approved);
        Assert.Equal(HttpStatusCode.Conflict, (await PayAsync(officer, scheme.Code, approved.Code, "advance", 100m)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await PayAsync(officer, scheme.Code, approved.Code, "final", 1000m)).StatusCode);
        var bad = await officer.PostAsJsonAsync($"/api/v1/voucher-schemes/{scheme.Code}/payments", new { voucher = approved.Code, kind = "alles", reason = "" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PayAsync(officer, scheme.Code, "V-BESTAATNIET")).StatusCode);
        Assert.Empty(await PaymentsAsync(scheme.Code));

        // Ten approvals of the same voucher at once: one payment.
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(async _ => (await PayAsync(await SignInAsync(factory, Officer), scheme.Code, approved.Code)).StatusCode));
        Assert.Equal(1, answers.Count(s => s == HttpStatusCode.Created));
        Assert.All(answers, s => Assert.Contains(s, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        Assert.Equal(900m, Assert.Single(await PaymentsAsync(scheme.Code)).Amount);
    }

    [Fact]
    public async Task An_advance_where_the_scheme_allows_it_then_the_rest_and_never_more()
    {
        var scheme = await SchemeAsync("betaal-c", price: 1000m, advanceShare: 0.3m);
        var officer = await SignInAsync(factory, Officer);
        var voucher = await ApplyAsync(scheme, "voorschot@example.org");
        // Granted but not enrolled: no advance yet.
        Assert.Equal(HttpStatusCode.Conflict, (await PayAsync(officer, scheme.Code, voucher.Code, "advance", 300m)).StatusCode);
        await SetStatusAsync(voucher.Code, VoucherStatus.Enrolled);
        var tooMuch = await PayAsync(officer, scheme.Code, voucher.Code, "advance", 300.01m);
        Assert.Equal(HttpStatusCode.Conflict, tooMuch.StatusCode);
        Assert.Contains("300.00", await DetailAsync(tooMuch));
        Assert.Equal(HttpStatusCode.Conflict, (await PayAsync(officer, scheme.Code, voucher.Code, "final")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await PayAsync(officer, scheme.Code, voucher.Code, "advance", 300m)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await PayAsync(officer, scheme.Code, voucher.Code, "advance", 1m)).StatusCode);
        await SetStatusAsync(voucher.Code, VoucherStatus.Approved);
        // The final payment is the rest, whatever is asked.
        Assert.Equal(HttpStatusCode.Conflict, (await PayAsync(officer, scheme.Code, voucher.Code, "final", 1000m)).StatusCode);
        var final = await PayAsync(officer, scheme.Code, voucher.Code, "final");
        Assert.Equal(HttpStatusCode.Created, final.StatusCode);
        Assert.Equal(700m, (await final.ReadAsync<JsonElement>()).GetProperty("amount").GetDecimal());
        var payments = await PaymentsAsync(scheme.Code);
        Assert.Equal(voucher.Amount, payments.Sum(p => p.Amount));
        Assert.Equal(HttpStatusCode.Conflict, (await PayAsync(officer, scheme.Code, voucher.Code, "final")).StatusCode);

        // Reconciled by CSV with Dutch decimals: the advance does not close the voucher, the rest does.
        var batch = await (await officer.PostAsync($"/api/v1/voucher-schemes/{scheme.Code}/payment-batches", null)).ReadAsync<JsonElement>();
        Assert.Equal(1000m, batch.GetProperty("total").GetDecimal());
        var advance = payments.Single(p => p.Kind == PaymentKind.Advance);
        var rest = payments.Single(p => p.Kind == PaymentKind.Final);
        var first = await officer.PostAsync($"/api/v1/voucher-schemes/{scheme.Code}/reconciliation",
            Upload($"end_to_end_id;amount;date\r\n{voucher.Code}-{advance.Id};300,00;2026-12-05\r\n", "betalingen.csv"));
        Assert.Equal(1, (await first.ReadAsync<JsonElement>()).GetProperty("paid").GetInt32());
        Assert.Equal(VoucherStatus.Approved, await StatusAsync(voucher.Code));
        Assert.Equal((700m, 300m), await BudgetAsync(scheme.Code));
        await officer.PostAsync($"/api/v1/voucher-schemes/{scheme.Code}/reconciliation", Upload($"end_to_end_id,amount,date\n{voucher.Code}-{rest.Id},700.00,2026-12-06\n", "b.csv"));
        Assert.Equal(VoucherStatus.Paid, await StatusAsync(voucher.Code));
        Assert.Equal((0m, 1000m), await BudgetAsync(scheme.Code));
    }

    /// <summary>On PostgreSQL half the requests go through a second instance on the same database (issue 21: done once across instances).</summary>
    [Fact]
    public async Task Twenty_batch_requests_at_once_make_one_batch_also_through_two_instances()
    {
        var scheme = await SchemeAsync("betaal-d", price: 400m);
        var officer = await SignInAsync(factory, Officer);
        for (var i = 0; i < 5; i++)
        {
            var voucher = await ApplyAsync(scheme, $"batch{i}@example.org");
            await SetStatusAsync(voucher.Code, VoucherStatus.Approved);
            Assert.Equal(HttpStatusCode.Created, (await PayAsync(officer, scheme.Code, voucher.Code)).StatusCode);
        }
        // In demo mode like the first, so the demo officer's exemption from two-factor holds on both (the demo is loaded only into an empty database).
        await using var second = factory.Provider == DatabaseSetup.Postgres ? (await TargetFactory.SecondInstanceOfAsync(factory)).With("Demo:Enabled", "true") : null;
        PactwerkFactory[] instances = second is null ? [factory] : [factory, second];
        var clients = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => SignInAsync(instances[i % instances.Length], Officer)));
        var answers = await Task.WhenAll(clients.Select(c => c.PostAsync($"/api/v1/voucher-schemes/{scheme.Code}/payment-batches", null)));
        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        Assert.True(answers.Count(a => a.StatusCode == HttpStatusCode.Conflict) == 19, string.Join(", ", answers.Select(a => (int)a.StatusCode)));
        var batches = await factory.InDbAsync(db => db.VoucherPaymentBatches.AsNoTracking().Where(b => db.VoucherSchemes.Any(s => s.Id == b.SchemeId && s.Code == scheme.Code)).ToListAsync());
        var batch = Assert.Single(batches);
        var payments = await PaymentsAsync(scheme.Code);
        Assert.All(payments, p => Assert.Equal((batch.Id, PaymentStatus.Batched), (p.BatchId ?? 0, p.Status)));
        Assert.Equal((5, 2000m), (batch.Count, batch.Total));
    }

    [Fact]
    public async Task Bad_statements_and_missing_bank_details_are_refused_and_change_nothing()
    {
        var scheme = await VoucherSchemeBuilder.SchemeAsync(factory, "betaal-e", 10_000m, 500m);
        var officer = await SignInAsync(factory, Officer);
        var voucher = await ApplyAsync(scheme, "rekening@example.org");
        await SetStatusAsync(voucher.Code, VoucherStatus.Approved);
        Assert.Equal(HttpStatusCode.Created, (await PayAsync(officer, scheme.Code, voucher.Code)).StatusCode);
        // The scheme's own account is not filled in: no batch.
        var refused = await officer.PostAsync($"/api/v1/voucher-schemes/{scheme.Code}/payment-batches", null);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("IBAN", await DetailAsync(refused));
        Assert.Equal(PaymentStatus.Approved, Assert.Single(await PaymentsAsync(scheme.Code)).Status);

        foreach (var (text, name) in new[]
        {
            ("<Document><BkToCstmrStmt><Stmt><Ntry>", "kapot.xml"),
            ("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><Document><BkToCstmrStmt>&e;</BkToCstmrStmt></Document>", "xxe.xml"),
            ("<Other/>", "ander.xml"),
            ("kolom1;kolom2\r\na;b\r\n", "geen-kolommen.csv"),
            ($"end_to_end_id;amount;date\r\n{voucher.Code}-1;1.250,00;2026-12-05\r\n", "duizendtallen.csv"),
            ("", "leeg.csv"),
            ($"end_to_end_id;amount;af_bij\r\n{voucher.Code}-1;500,00;Terug\r\n", "richting.csv"),
            ($"<Document><BkToCstmrStmt><Stmt><Ntry><Amt>500.00</Amt><CdtDbtInd>XXXX</CdtDbtInd><NtryDtls><TxDtls><Refs><EndToEndId>{voucher.Code}-1</EndToEndId></Refs></TxDtls></NtryDtls></Ntry></Stmt></BkToCstmrStmt></Document>", "richting.xml"),
        })
        {
            var response = await officer.PostAsync($"/api/v1/voucher-schemes/{scheme.Code}/reconciliation", Upload(text, name));
            Assert.True(response.StatusCode is HttpStatusCode.BadRequest, $"{name}: {response.StatusCode}");
            Assert.Contains("er is niets veranderd", await DetailAsync(response));
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await (await SignInAsync(factory, "lid@pactwerk.demo"))
            .PostAsync($"/api/v1/voucher-schemes/{scheme.Code}/reconciliation", Upload("end_to_end_id;amount\r\n", "x.csv"))).StatusCode);
        Assert.Equal((500m, 0m), await BudgetAsync(scheme.Code));
    }
}

public sealed class VoucherPaymentSqlite(SqliteFactory factory) : VoucherPaymentTests<SqliteFactory>(factory);
public sealed class VoucherPaymentPostgres(PostgresFactory factory) : VoucherPaymentTests<PostgresFactory>(factory);
