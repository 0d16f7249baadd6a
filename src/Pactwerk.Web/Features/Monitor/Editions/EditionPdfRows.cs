namespace Pactwerk.Web.Features.Monitor.Editions;

/// <summary>The rows of one table of the printed edition (_EditionPdfRows.cshtml).</summary>
public sealed record EditionPdfRows(EditionIndicatorDto Indicator, IReadOnlyList<EditionFigureDto> Figures);
