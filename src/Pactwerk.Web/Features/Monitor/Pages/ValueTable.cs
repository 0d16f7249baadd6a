namespace Pactwerk.Web.Features.Monitor.Pages;

/// <summary>A table of figures under a chart: its caption, what its first column names, and the rows.</summary>
public sealed record ValueTable(string Id, string Caption, string FirstColumn, Func<ValueRow, string> First, bool ShowRegion, string Unit, IReadOnlyList<ValueRow> Rows);
