using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using NetArchTest.Rules;

namespace Pactwerk.Tests.Architecture;

/// <summary>
/// The module boundaries, read from the compiled web assembly (method bodies and Razor views included).
/// An area is a namespace <c>Pactwerk.Web.Features.X</c>. Its public surface is the public types in
/// that namespace itself; namespaces below it (<c>Pactwerk.Web.Features.Monitor.Pages</c>, …) are the
/// area's internals, and only the area itself may use them, unless the area publishes one below
/// (<see cref="Published"/>). Razor views are compiled into <c>Pactwerk.Web.Features.Features.X…</c>
/// (the root <c>_ViewImports</c> names <c>Pactwerk.Web.Features</c>, the folder adds the rest) and belong to area X.
/// </summary>
public class ModuleBoundaryTests
{
    private const string Features = "Pactwerk.Web.Features";
    private static readonly Assembly Web = typeof(Pactwerk.Web.PactwerkApplication).Assembly;

    /// <summary>Site pages (home, errors, language choice) that register nothing and map no endpoints.</summary>
    private static readonly string[] PageOnlyAreas = ["Errors", "Home", "Language"];

    /// <summary>Namespaces of the compiled views: the views of each area, and the shared layout and partials.</summary>
    private const string Views = $"{Features}.Features";
    private const string SharedViews = $"{Features}.Shared";

    /// <summary>
    /// Sub-namespaces an area publishes beside its root: the monitor's import of a file with a
    /// profile, which the demo (and the command line) use as the API does.
    /// </summary>
    private static readonly string[] Published = [$"{Features}.Monitor.Import"];

    public static TheoryData<string> Areas() => new(AreaNames());

    [Theory]
    [MemberData(nameof(Areas))]
    public void An_area_uses_only_the_public_surface_of_other_areas(string area)
    {
        var internals = AreaNames().Where(other => other != area).SelectMany(InternalNamespaces).ToArray();
        var failing = Failing(area, internals);
        Assert.True(failing.Count == 0,
            $"{area} reaches into other areas' internals ({string.Join(", ", internals)}): {string.Join("; ", failing)}");
    }

    [Fact]
    public void The_monitor_depends_on_neither_the_agenda_nor_knowledge_nor_the_demo()
    {
        var failing = Failing("Monitor", [$"{Features}.Agenda", $"{Features}.Knowledge", $"{Features}.Demo", $"{Features}.Newsletter"]);
        Assert.True(failing.Count == 0, $"The monitor depends on an area built on it: {string.Join("; ", failing)}");
    }

    [Theory]
    [MemberData(nameof(Areas))]
    public void No_area_depends_on_the_demo(string area)
    {
        if (area == "Demo")
            return;
        var failing = Failing(area, [$"{Features}.Demo"]);
        Assert.True(failing.Count == 0, $"{area} depends on the demo; demo seeding belongs in Demo alone: {string.Join("; ", failing)}");
    }

    [Theory]
    [MemberData(nameof(Areas))]
    public void Every_area_has_one_module_that_adds_its_services_and_maps_its_endpoints(string area)
    {
        if (PageOnlyAreas.Contains(area))
            return;
        var module = Web.GetType($"{Features}.{area}.{area}Module");
        Assert.NotNull(module);
        Assert.True(module is { IsAbstract: true, IsSealed: true, IsPublic: true }, $"{area} has no public static class {area}Module.");
        var add = module!.GetMethod($"Add{area}", [typeof(IHostApplicationBuilder)]);
        var map = module.GetMethod($"Map{area}", [typeof(WebApplication), typeof(RouteGroupBuilder)]);
        Assert.True(add is not null, $"{area}Module has no Add{area}(IHostApplicationBuilder).");
        Assert.True(map is not null, $"{area}Module has no Map{area}(WebApplication, RouteGroupBuilder).");
        var others = Web.GetTypes().Where(t => t.Namespace?.StartsWith($"{Features}.{area}", StringComparison.Ordinal) == true
            && t != module && (t.Name.EndsWith("Module", StringComparison.Ordinal) || t.Name.EndsWith("Setup", StringComparison.Ordinal)));
        Assert.Empty(others);
    }

    /// <summary>The rule can fail: the monitor's pages are its internals, and the agenda does not use them.</summary>
    [Fact]
    public void The_check_finds_a_dependency_that_is_there()
    {
        Assert.NotEmpty(Failing("Monitor", [$"{Features}.Monitor.Pages"]));
        Assert.NotEmpty(Failing("Demo", [$"{Features}.Agenda"]));
    }

    private static List<string> Failing(string area, string[] forbidden)
    {
        if (forbidden.Length == 0)
            return [];
        var code = Types.InAssembly(Web).That().ResideInNamespace($"{Features}.{area}")
            .ShouldNot().HaveDependencyOnAny(forbidden).GetResult();
        var views = Types.InAssembly(Web).That().ResideInNamespace($"{Views}.{area}")
            .ShouldNot().HaveDependencyOnAny(forbidden).GetResult();
        return [.. new[] { code, views }.SelectMany(r => r.FailingTypes ?? []).Select(t => $"{t.FullName} {t.Explanation}".Trim())];
    }

    private static IEnumerable<string> AreaNames() => Web.GetTypes()
        .Select(t => t.Namespace)
        .Where(n => n is not null && n.StartsWith(Features + ".", StringComparison.Ordinal)
            && !n.StartsWith(Views, StringComparison.Ordinal) && !n.StartsWith(SharedViews, StringComparison.Ordinal))
        .Select(n => n![(Features.Length + 1)..].Split('.')[0])
        .Distinct().Order();

    private static IEnumerable<string> InternalNamespaces(string area) => Web.GetTypes()
        .Select(t => t.Namespace)
        .Where(n => n is not null && n.StartsWith($"{Features}.{area}.", StringComparison.Ordinal) && !Published.Contains(n))
        .Select(n => n!)
        .Distinct().Order();
}
