using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Pactwerk.Web.Features.Monitor;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.LearningAccounts;

/// <summary>
/// A funder's report (<c>/leerrekening/fondsen/{code}/rapport</c>) for its officers and administrators: the figures of
/// <see cref="FunderReports"/>, as the API gives them, for a period chosen in a form (GET, so a report has its own
/// address), and the same figures as a CSV file (<c>?handler=csv</c>). Bad dates are named at their field and nothing is shown.
/// </summary>
[Authorize(Policy = LearningAccountsModule.OfficerPolicy)]
public sealed class FunderReportModel(FunderReports reports, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Days { get; set; }

    public string Code { get; private set; } = "";
    public FunderReport? Report { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = [];

    public string? Invalid(string field) => Errors.ContainsKey(field) ? "true" : null;

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct) => await MakeAsync(code, ct) ?? Page();

    public async Task<IActionResult> OnGetCsvAsync(string code, CancellationToken ct)
    {
        if (await MakeAsync(code, ct) is { } refused)
            return refused;
        if (Report is not { } report)
            return Page();
        return File(Csv(report, t), "text/csv; charset=utf-8", $"rapport-{report.Funder}-{report.From:yyyyMMdd}-{report.To:yyyyMMdd}.csv");
    }

    private async Task<IActionResult?> MakeAsync(string code, CancellationToken ct)
    {
        Code = code;
        switch (await reports.ReportAsync(code, From, To, Days, ct))
        {
            case FunderReportOutcome.Made m:
                Report = m.Report;
                // The form shows the period the report is for, the defaults filled in.
                From = Deposit.Iso(m.Report.From);
                To = Deposit.Iso(m.Report.To);
                Days = m.Report.Unspent.WithinDays.ToString(CultureInfo.InvariantCulture);
                return null;
            case FunderReportOutcome.Invalid i:
                Errors = LearningAccountMessages.Localise(t, i.Errors);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return null;
            case FunderReportOutcome.NotFound:
                return NotFound();
            default:
                return Forbid();
        }
    }

    /// <summary>How a dimension of the uptake is named.</summary>
    public static string Dimension(IStringLocalizer t, string dimension) => t[dimension switch
    {
        "region" => "Provincie",
        "sector" => "Sector",
        "courseKind" => "Niveau",
        _ => "Leeftijdsgroep",
    }];

    /// <summary>A category's name: the holder's unknown fact and the total in the reader's language, the rest as the data names them.</summary>
    public static string Category(IStringLocalizer t, UptakeCell cell) =>
        cell.Category is FunderReports.Unknown or "" ? t[cell.Name] : cell.Name;

    public static string Persons(UptakeCell cell) => cell.Hidden is { } why ? SmallCellText.Marker(why) : NumberFormat.Count(cell.Persons ?? 0);

    public static string Spent(UptakeCell cell) => cell.Hidden is { } why ? SmallCellText.Marker(why) : Vouchers.VoucherFormat.Money(cell.Spent ?? 0);

    /// <summary>The report's tables one below the other, each row starting with the table's name; amounts with a decimal point.</summary>
    public static byte[] Csv(FunderReport report, IStringLocalizer t)
    {
        static string Euros(decimal? amount) => amount?.ToString("0.00", CultureInfo.InvariantCulture) ?? "";
        var rows = new List<IEnumerable<string>>();
        void Buckets(string name, LedgerBuckets b) =>
            rows.Add([CsvText.Cell(t[name]), "", Euros(b.Deposited), Euros(b.Spent), Euros(b.Reserved), Euros(b.Expired), Euros(b.Available)]);
        Buckets("Begin van de periode", report.Statement.Opening);
        foreach (var m in report.Statement.Movements)
            rows.Add([CsvText.Cell(LearningFormat.Movement(t, m.Kind)), m.Postings.ToString(CultureInfo.InvariantCulture), Euros(m.Deposited), Euros(m.Spent), Euros(m.Reserved), Euros(m.Expired), Euros(m.Available)]);
        Buckets("Einde van de periode", report.Statement.Closing);
        foreach (var month in report.Unspent.ByExpiryMonth)
            rows.Add([CsvText.Cell(t["Vervalt na"]), month.Month, "", "", "", "", Euros(month.Available), month.Accounts.ToString(CultureInfo.InvariantCulture)]);
        foreach (var dimension in report.Uptake.Dimensions)
            foreach (var cell in dimension.Cells)
                rows.Add([CsvText.Cell(Dimension(t, dimension.Dimension)), CsvText.Cell(Category(t, cell)), "", Euros(cell.Spent), "", "", "",
                    cell.Hidden is { } why ? SmallCellText.Marker(why) : cell.Persons!.Value.ToString(CultureInfo.InvariantCulture)]);
        var total = report.Uptake.Total;
        rows.Add([CsvText.Cell(t["Totaal"]), "", "", Euros(total.Spent), "", "", "", total.Hidden is { } w ? SmallCellText.Marker(w) : total.Persons!.Value.ToString(CultureInfo.InvariantCulture)]);
        var header = string.Join(';', new[] { "Onderdeel", "Soort", "Gestort", "Besteed", "Gereserveerd", "Vervallen", "Beschikbaar", "Personen of rekeningen" }.Select(h => CsvText.Cell(t[h])));
        return CsvText.File(header, rows);
    }
}
