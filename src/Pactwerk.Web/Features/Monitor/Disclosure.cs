namespace Pactwerk.Web.Features.Monitor;

/// <summary>How the figures of a source may be shown to readers who are not coordinators.</summary>
public enum Disclosure
{
    /// <summary>The pact's own records about people: the small-cell rule with secondary suppression holds on every path.</summary>
    Confidential,
    /// <summary>Published open data whose publisher already hid its small cells (DUO, CBS, UWV): every computed figure is shown.</summary>
    Published,
}
