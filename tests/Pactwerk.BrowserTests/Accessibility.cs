using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Pactwerk.BrowserTests;

public static class Accessibility
{
    /// <summary>Runs axe-core on the page and fails on any serious or critical violation (WCAG 2.1 AA rules).</summary>
    public static async Task AssertNoSeriousViolationsAsync(this IPage page)
    {
        var result = await page.RunAxe(new Deque.AxeCore.Commons.AxeRunOptions
        {
            RunOnly = new Deque.AxeCore.Commons.RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
        });
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join("; ", v.Nodes.Select(n => n.Html))}").ToList();
        Assert.True(serious.Count == 0, $"{page.Url} has accessibility violations:\n" + string.Join("\n", serious));
        Assert.NotEmpty(result.Passes);
    }
}
