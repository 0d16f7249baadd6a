using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Pactwerk.Web.Features.Demo;
using Pactwerk.Web.Features.LearningPlaces;

namespace Pactwerk.BrowserTests;

/// <summary>
/// A care organisation offers holiday places and sees the gap weeks (issue 19, done when): the demo's staff of Vogellanden
/// open next year's year view, where no place of theirs is filled in the summer holiday; they offer a holiday place through
/// <c>/leerplekken/nieuw</c> with a period over the summer, place a learner on it for the summer, and the year view then
/// shows those weeks filled. Before and after are read from the page's cells. axe on every page visited.
/// </summary>
public sealed class LearningPlaceStoriesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Care_staff_offer_a_holiday_place_over_the_summer_and_the_year_view_no_longer_shows_those_weeks_as_a_gap()
    {
        var year = DateTime.UtcNow.Year + 1;
        // Next year's summer holiday, roughly region Noord's: Monday 5 July to Friday 13 August in 2027, and so on.
        var start = new DateOnly(year, 7, 4);
        while (start.DayOfWeek != DayOfWeek.Monday)
            start = start.AddDays(1);
        var end = start.AddDays(5 * 7 + 4);
        var summer = Enumerable.Range(0, 6).Select(i => ISOWeek.GetWeekOfYear(start.AddDays(7 * i).ToDateTime(TimeOnly.MinValue))).ToList();

        var page = await browser.NewPageAsync();
        await page.SignInAsync(DemoLearningPlaces.StaffEmail);
        var yearView = $"/leerplekken/jaar?jaar={year}";
        await page.GotoAsync(yearView);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2, Name = $"Weken van {year}" })).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();
        // Before: in none of the summer weeks is any place of Vogellanden filled.
        Assert.Equal(summer.Count, await GapWeeksAsync(page, summer));

        await page.GotoAsync("/leerplekken/nieuw");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Leerplek aanbieden");
        await page.AssertNoSeriousViolationsAsync();
        var title = $"Vakantieplek zomer {year}";
        await page.Locator("#title").FillAsync(title);
        await page.Locator("#kind").SelectOptionAsync(nameof(LearningPlaceKind.HolidayPlace));
        await page.Locator("#sector").SelectOptionAsync("care");
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Gemeente *" }).FillAsync("zwol");
        await page.Locator("#municipality-listbox").GetByRole(AriaRole.Option).Filter(new() { HasText = "Zwolle" }).First.ClickAsync();
        await page.Locator("#seats").FillAsync("1");
        await page.Locator("#period-from-0").FillAsync(Iso(start));
        await page.Locator("#period-to-0").FillAsync(Iso(end));
        await page.GetByLabel("Bram Kok (demo) (hoogstens 1 tegelijk)").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Leerplek aanbieden", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/leerplekken/\d+$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);
        await page.AssertNoSeriousViolationsAsync();

        // Offered is not yet filled: the weeks are empty until a learner comes.
        await page.GotoAsync(yearView);
        Assert.Equal(summer.Count, await GapWeeksAsync(page, summer));
        var row = page.Locator("table.year-view tbody tr").Filter(new() { HasText = title });
        foreach (var week in summer)
            await Assertions.Expect(row.Locator($"td[data-week='{week}']")).ToHaveAttributeAsync("data-state", nameof(WeekState.Empty));

        await page.GotoAsync($"/leerplekken/{await PlaceIdAsync(title)}");
        await page.Locator("#learner").FillAsync("Z-01");
        await page.Locator("#from").FillAsync(Iso(start));
        await page.Locator("#to").FillAsync(Iso(end));
        await page.GetByRole(AriaRole.Button, new() { Name = "Leerling plaatsen", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("De leerling is geplaatst.");
        await page.AssertNoSeriousViolationsAsync();

        // After: every summer week has a filled place, the new one, and its row counts no empty weeks.
        await page.GotoAsync(yearView);
        await page.AssertNoSeriousViolationsAsync();
        Assert.Equal(0, await GapWeeksAsync(page, summer));
        foreach (var week in summer)
            await Assertions.Expect(row.Locator($"td[data-week='{week}']")).ToHaveTextAsync("G");
        await Assertions.Expect(row.Locator("td").First).ToHaveTextAsync("0");
        Assert.Equal(1, await browser.App.InDbAsync(db => db.Set<Placement>().CountAsync(p => p.Learner == "Z-01" && p.From == start && p.To == end)));
    }

    /// <summary>Of the given weeks, how many have no filled place in the year view's table: read from the cells' states.</summary>
    private static async Task<int> GapWeeksAsync(IPage page, IReadOnlyList<int> weeks)
    {
        var gaps = 0;
        foreach (var week in weeks)
            if (await page.Locator($"table.year-view td[data-week='{week}'][data-state='{nameof(WeekState.Filled)}']").CountAsync() == 0)
                gaps++;
        return gaps;
    }

    private Task<int> PlaceIdAsync(string title) => browser.App.InDbAsync(db => db.Set<LearningPlace>().Where(p => p.Title == title).Select(p => p.Id).SingleAsync());

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
