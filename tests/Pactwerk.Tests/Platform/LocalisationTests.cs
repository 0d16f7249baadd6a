using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Pactwerk.Tests.Platform;

/// <summary>Dutch is the key; every UI text used in the web project needs its English translation.</summary>
public sealed partial class LocalisationTests
{
    [Fact]
    public void Every_localised_text_in_the_web_project_has_an_English_translation()
    {
        var web = Path.Combine(RepositoryRoot(), "src", "Pactwerk.Web");
        var english = XDocument.Load(Path.Combine(web, "Resources", "SharedResource.en.resx")).Root!
            .Elements("data").ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value);
        var used = Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cshtml") || f.EndsWith(".cs")) && !f.Contains("/obj/") && !f.Contains("/bin/"))
            .SelectMany(f => LocalisedKey().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Distinct().ToList();

        Assert.NotEmpty(used);
        var untranslated = used.Where(k => !english.ContainsKey(k)).ToList();
        Assert.True(untranslated.Count == 0, "No English for: " + string.Join(" | ", untranslated));
        Assert.DoesNotContain(english, e => string.IsNullOrWhiteSpace(e.Value));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("nl")]
    public void No_key_appears_twice_in_a_resource_file_not_even_in_another_case(string culture)
    {
        // The resource manager matches keys case-insensitively and drops a second one with a build warning only.
        var names = XDocument.Load(Path.Combine(RepositoryRoot(), "src", "Pactwerk.Web", "Resources", $"SharedResource.{culture}.resx")).Root!
            .Elements("data").Select(d => d.Attribute("name")!.Value).ToList();
        var twice = names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, "Twice: " + string.Join(" | ", twice));
    }

    [Fact]
    public void Every_role_kind_sector_and_helix_has_a_Dutch_and_an_English_name()
    {
        var web = Path.Combine(RepositoryRoot(), "src", "Pactwerk.Web", "Resources");
        var keys = Enum.GetNames<Web.Features.Accounts.RoleKind>().Select(k => "Rol." + k)
            .Concat(Enum.GetNames<Web.Features.Agenda.PactActionKind>().Select(k => "Soort." + k))
            .Concat(Enum.GetNames<Web.Features.Agenda.ActionStatus>().Select(k => "Status." + k))
            .Concat(Enum.GetNames<Web.Features.Knowledge.EventKind>().Select(k => "EventKind." + k))
            .Concat(Enum.GetNames<Web.Features.Agenda.OutputUnit>().Select(k => "Eenheid." + k))
            .Concat(Enum.GetNames<Web.Features.Network.Helix>().Select(k => "Helix." + k))
            .Concat(Enum.GetNames<Web.Features.Network.OrganisationKind>().Select(k => "Organisatiesoort." + k))
            .Concat(Enum.GetNames<Web.Features.Network.PactRoleKind>().Select(k => "Pactrol." + k))
            .Concat(Web.Features.Network.Sectors.All.Select(k => "Sector." + k)).ToList();

        foreach (var culture in new[] { "nl", "en" })
        {
            var names = XDocument.Load(Path.Combine(web, $"SharedResource.{culture}.resx")).Root!.Elements("data").Select(d => d.Attribute("name")!.Value).ToHashSet();
            var missing = keys.Where(k => !names.Contains(k)).ToList();
            Assert.True(missing.Count == 0, $"No {culture} name for: {string.Join(", ", missing)}");
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Pactwerk.slnx")))
                return dir.FullName;
        throw new DirectoryNotFoundException("Pactwerk.slnx");
    }

    // T["…"] in views, t["…"] in page models, and the literal strings in a T[x switch { … }].
    [GeneratedRegex("""(?:\b[Tt]\[|=> )"([^"]+)"(?=[\],])""")]
    private static partial Regex LocalisedKey();
}
