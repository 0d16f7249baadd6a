using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pactwerk.Web;
using Pactwerk.Web.Shared;

namespace Pactwerk.Tests.Platform;

/// <summary>
/// The one rule for a number typed into a form (<see cref="TypedNumber"/>): the reader's decimal separator, thousands only
/// where they group, and the other language's decimal point refused with the way to write it — never read as thousands.
/// </summary>
public sealed class TypedNumberTests
{
    private static readonly IStringLocalizer T = new ResourceManagerStringLocalizerFactory(
        Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance).Create(typeof(SharedResource));

    [Theory]
    [InlineData("nl", "20,75", "20.75")]
    [InlineData("en", "20.75", "20.75")]
    [InlineData("nl", "1.234,5", "1234.5")]
    [InlineData("en", "1,234.5", "1234.5")]
    [InlineData("nl", "250.000", "250000")]
    [InlineData("en", "250,000", "250000")]
    [InlineData("nl", "1.234.567", "1234567")]
    [InlineData("nl", " 97 ", "97")]
    [InlineData("nl", "-3,5", "-3.5")]
    [InlineData("nl", ",5", "0.5")]
    [InlineData("en", ".5", "0.5")]
    [InlineData("nl", "12,", "12")]
    public void A_number_typed_the_readers_way_is_read_as_meant(string culture, string typed, string expected)
    {
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), TypedNumber.Read(typed, new CultureInfo(culture), out var refusal));
        Assert.Null(refusal);
    }

    [Theory]
    [InlineData("nl", "20.75", "‘20.75’ is geen getal: schrijf decimalen met een komma, zoals 20,75.")]
    [InlineData("nl", "1.5", "‘1.5’ is geen getal: schrijf decimalen met een komma, zoals 1,5.")]
    [InlineData("nl", "-1.5", "‘-1.5’ is geen getal: schrijf decimalen met een komma, zoals -1,5.")]
    [InlineData("en", "1,5", "‘1,5’ is not a number: write decimals with a point, such as 1.5.")]
    [InlineData("en", "20,75", "‘20,75’ is not a number: write decimals with a point, such as 20.75.")]
    [InlineData("nl", "1.2345", "‘1.2345’ is geen getal: schrijf decimalen met een komma, zoals 1,2345.")]
    [InlineData("nl", "1.234.5", "Ongeldige waarde ‘1.234.5’.")]
    [InlineData("nl", "1234.567,8", "Ongeldige waarde ‘1234.567,8’.")]
    [InlineData("nl", "1,2,3", "Ongeldige waarde ‘1,2,3’.")]
    [InlineData("nl", "1,234.5", "Ongeldige waarde ‘1,234.5’.")]
    [InlineData("en", "twenty", "Invalid value ‘twenty’.")]
    [InlineData("nl", "1e3", "Ongeldige waarde ‘1e3’.")]
    [InlineData("nl", "€ 12", "Ongeldige waarde ‘€ 12’.")]
    [InlineData("nl", "-", "Ongeldige waarde ‘-’.")]
    [InlineData("nl", ",", "Ongeldige waarde ‘,’.")]
    public void Anything_else_is_refused_with_a_message_in_the_readers_language(string culture, string typed, string message)
    {
        var (before, beforeUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try
        {
            Assert.Null(TypedNumber.Read(typed, new CultureInfo(culture), out var refusal));
            Assert.Equal(message, refusal!.In(T));
        }
        finally { (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (before, beforeUi); }
    }

    /// <summary>Whatever a page writes into a field — plain, or with its thousands as the pages show amounts — reads back as the same number.</summary>
    [Theory]
    [InlineData("nl")]
    [InlineData("en")]
    public void What_a_page_writes_reads_back_unchanged(string name)
    {
        var culture = new CultureInfo(name);
        var random = new Random(20261207);
        for (var i = 0; i < 20_000; i++)
        {
            var value = Math.Round((decimal)(random.NextDouble() * Math.Pow(10, random.Next(0, 10))) * (random.Next(4) == 0 ? -1 : 1), random.Next(0, 3));
            foreach (var format in new[] { "0.##", "#,0.##", "G", "#,0.00" })
            {
                var written = value.ToString(format, culture);
                Assert.True(TypedNumber.Read(written, culture, out _) == value, $"{written} ({format}, {name}) did not read back as {value}");
            }
        }
    }
}
