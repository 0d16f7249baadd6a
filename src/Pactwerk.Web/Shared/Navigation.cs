namespace Pactwerk.Web.Shared;

/// <summary>The sections of the main menu.</summary>
public enum NavSection { None, Home, Organisations, Actions, Monitor, Practices, Events, Regions, Invite, AuditLog, MonitorImport }

/// <summary>
/// Which menu section a page belongs to, from its path, so the menu marks the right one as current.
/// A pact's pages belong to the section of what they show: its network to the organisations, its
/// objectives and plans to the actions, its monitor to the monitor; its home and newsletter to Home.
/// </summary>
public static class Navigation
{
    public static NavSection SectionOf(string? path)
    {
        var segments = (path ?? "/").ToLowerInvariant().Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0)
            return NavSection.Home;
        return segments[0] switch
        {
            "organisaties" or "personen" => NavSection.Organisations,
            "initiatieven" or "plannen" => NavSection.Actions,
            "monitor" when segments.Length > 1 && segments[1] == "import" => NavSection.MonitorImport,
            "monitor" or "embed" => NavSection.Monitor,
            "praktijken" => NavSection.Practices,
            "evenementen" or "lerende-netwerken" => NavSection.Events,
            "regio" or "regio-indelingen" => NavSection.Regions,
            "beheer" when segments.Length > 1 && segments[1] == "uitnodigen" => NavSection.Invite,
            "beheer" when segments.Length > 1 && segments[1] == "audit" => NavSection.AuditLog,
            // Defining indicators is part of the monitor; a menu item of its own would break the coordinator's one-line menu at 1280 px.
            "beheer" when segments.Length > 1 && segments[1] == "indicatoren" => NavSection.Monitor,
            "beheer" when segments.Length > 1 && segments[1] == "organisaties" => NavSection.Organisations,
            "pact" => PactSection(segments.Length > 2 ? segments[2] : null),
            _ => NavSection.None,
        };
    }

    private static NavSection PactSection(string? page) => page switch
    {
        null or "nieuwsbrief" => NavSection.Home,
        "netwerk" or "helixbalans" => NavSection.Organisations,
        "doelen" or "plannen" => NavSection.Actions,
        "monitor" => NavSection.Monitor,
        _ => NavSection.None,
    };
}
