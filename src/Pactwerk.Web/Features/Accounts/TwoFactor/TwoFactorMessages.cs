using Microsoft.Extensions.Localization;

namespace Pactwerk.Web.Features.Accounts.TwoFactor;

/// <summary>What a refused code tells the user, the same at sign-in and when turning two-factor off.</summary>
internal static class TwoFactorMessages
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    public static string For(CodeCheck check, IStringLocalizer t) => check.Outcome switch
    {
        CodeOutcome.Replayed => t["Deze code is al gebruikt. Wacht op de volgende code in je app."],
        CodeOutcome.Locked => t["Te veel onjuiste codes. De tweede stap is geblokkeerd tot {0}; probeer het daarna opnieuw.",
            TimeZoneInfo.ConvertTime(new DateTimeOffset(check.LockedUntil ?? DateTime.UtcNow, TimeSpan.Zero), Amsterdam).ToString("HH:mm")],
        _ => t["De code klopt niet. Typ de code die je app nu toont, of een van je herstelcodes."],
    };
}
