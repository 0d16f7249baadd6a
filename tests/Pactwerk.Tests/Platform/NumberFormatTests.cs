using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pactwerk.Web;
using Pactwerk.Web.Shared;

namespace Pactwerk.Tests.Platform;

/// <summary>The one place numbers are written for the pages, against strings written out by hand.</summary>
public sealed class NumberFormatTests
{
    private static readonly IStringLocalizer T = new ResourceManagerStringLocalizerFactory(
        Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance).Create(typeof(SharedResource));

    private static T In<T>(string culture, Func<T> work)
    {
        var (before, beforeUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try { return work(); }
        finally { (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (before, beforeUi); }
    }

    [Theory]
    [InlineData("nl", 4430, "4.430")]
    [InlineData("en", 4430, "4,430")]
    [InlineData("nl", 0, "0")]
    [InlineData("nl", 1234567, "1.234.567")]
    public void A_count_has_a_thousands_separator_and_no_decimals(string culture, long value, string expected) =>
        Assert.Equal(expected, In(culture, () => NumberFormat.Count(value)));

    [Theory]
    [InlineData("nl", 20.75, "20,8%")]
    [InlineData("en", 20.75, "20.8%")]
    [InlineData("nl", 20.68, "20,7%")]
    [InlineData("nl", 5.0, "5,0%")]
    [InlineData("nl", 0.04, "0,0%")]
    public void A_share_has_one_decimal(string culture, double value, string expected) =>
        Assert.Equal(expected, In(culture, () => NumberFormat.Share(value)));

    [Theory]
    [InlineData("nl", 1.23, "%", "+1,2 procentpunt")]
    [InlineData("nl", -0.95, "%", "-1,0 procentpunt")]
    [InlineData("en", 1.23, "%", "+1.2 percentage points")]
    [InlineData("nl", 1250.0, "studenten", "+1.250")]
    [InlineData("en", -30.0, "studenten", "-30")]
    public void A_change_in_a_share_is_in_percentage_points(string culture, double change, string unit, string expected) =>
        Assert.Equal(expected, In(culture, () => NumberFormat.Change(change, unit, T)));

    [Theory]
    [InlineData("nl", 4430.0, "studenten", "4.430")]
    [InlineData("nl", 20.75, "uren", "20,75")]
    [InlineData("en", 1234.5, "uren", "1,234.5")]
    [InlineData("nl", 20.75, "%", "20,8%")]
    public void A_figure_is_written_by_its_unit(string culture, double value, string unit, string expected) =>
        Assert.Equal(expected, In(culture, () => NumberFormat.Value(value, unit)));

    [Fact]
    public void A_missing_figure_is_a_dash() => Assert.Equal(("–", "–", "–"), (NumberFormat.Share(null), NumberFormat.Count((double?)null), NumberFormat.Value(null, "%")));

    [Theory]
    [InlineData("nl", 1, "1 actie")]
    [InlineData("nl", 2, "2 acties")]
    [InlineData("nl", 0, "0 acties")]
    [InlineData("nl", 1200, "1.200 acties")]
    [InlineData("en", 1, "1 action")]
    [InlineData("en", 2, "2 actions")]
    public void A_count_takes_the_noun_that_fits(string culture, long count, string expected) =>
        Assert.Equal(expected, In(culture, () => NumberFormat.Plural(count, "{0} actie", "{0} acties", T)));

    [Theory]
    [InlineData("nl", 1, "1 financieringsbron, samen € 5")]
    [InlineData("nl", 3, "3 financieringsbronnen, samen € 5")]
    public void A_sentence_with_more_values_keeps_them(string culture, long count, string expected) =>
        Assert.Equal(expected, In(culture, () => NumberFormat.Plural(count, "{0} financieringsbron, samen {1}", "{0} financieringsbronnen, samen {1}", T, "€ 5")));
}
