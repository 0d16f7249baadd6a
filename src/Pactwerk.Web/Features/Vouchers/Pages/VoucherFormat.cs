using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Pactwerk.Web.Features.Vouchers;

/// <summary>How the voucher pages show money, days and a scheme's name in the reader's language, and Dutch time for the whole area.</summary>
public static class VoucherFormat
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    /// <summary>Euros with cents in the reader's culture: € 1.250,00 in Dutch, € 1,250.00 in English.</summary>
    public static string Money(decimal amount) => "€ " + amount.ToString("#,0.00", CultureInfo.CurrentCulture);

    public static string Day(DateOnly day) => day.ToString("d MMMM yyyy", CultureInfo.CurrentCulture);

    /// <summary>A moment of the window in Dutch time, as people in the Netherlands read it.</summary>
    public static string Moment(DateTime utc) => ToDutch(utc).ToString("d MMMM yyyy HH:mm", CultureInfo.CurrentCulture);

    /// <summary>A UTC moment as a clock in the Netherlands shows it.</summary>
    public static DateTime ToDutch(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Amsterdam);

    /// <summary>A moment typed in Dutch time, in UTC; one already in UTC stays as it is.</summary>
    public static DateTime FromDutch(DateTime dutch) =>
        dutch.Kind == DateTimeKind.Utc ? dutch : TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(dutch, DateTimeKind.Unspecified), Amsterdam);

    public static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public static string Name(string nl, string en) => English ? en : nl;

    /// <summary>nl or en: the language of the page, stored with an application for the messages that follow.</summary>
    public static string Language => English ? "en" : "nl";

    public static string TargetGroup(IStringLocalizer t, string code) => t[$"VoucherTargetGroup.{code}"].Value;

    public static string Status(IStringLocalizer t, VoucherStatus status) => t[$"VoucherStatus.{status}"].Value;
}
