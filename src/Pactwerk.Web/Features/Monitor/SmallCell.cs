namespace Pactwerk.Web.Features.Monitor;

/// <summary>Why a figure is not shown to a reader.</summary>
public enum SmallCell
{
    /// <summary>Built on fewer than five (the small-cell threshold) units: shown as "&lt;5".</summary>
    Small,
    /// <summary>Not small itself, but hidden so that a small cell cannot be worked out from a total and the other cells.</summary>
    Secondary,
}

/// <summary>How a hidden figure reads in a table, on every page that shows figures.</summary>
public static class SmallCellText
{
    /// <summary>"&lt;5" for a small cell, "×" for one hidden beside it.</summary>
    public static string Marker(SmallCell why) => why == SmallCell.Small ? "<5" : "×";
}
