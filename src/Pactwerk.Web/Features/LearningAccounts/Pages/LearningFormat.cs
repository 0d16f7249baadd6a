using Microsoft.Extensions.Localization;

namespace Pactwerk.Web.Features.LearningAccounts;

/// <summary>How the learning-account pages name a booking's state, a movement and a funder's kind in the reader's language.</summary>
public static class LearningFormat
{
    public static string Status(IStringLocalizer t, BookingStatus status) => t[status switch
    {
        BookingStatus.Reserved => "Gereserveerd",
        BookingStatus.Cancelled => "Geannuleerd",
        BookingStatus.Disputed => "Gemeld als niet geleverd",
        BookingStatus.Lapsed => "Vervallen",
        BookingStatus.NotDelivered => "Niet geleverd",
        _ => "Geleverd",
    }];

    public static string Movement(IStringLocalizer t, PostingKind kind) => t[kind switch
    {
        PostingKind.Deposit => "Storting",
        PostingKind.Reserve => "Gereserveerd voor een opleiding",
        PostingKind.Release => "Vrijgegeven na annulering",
        PostingKind.Spend => "Besteed aan een geleverde opleiding",
        PostingKind.Expire => "Vervallen",
        _ => "Tegenboeking",
    }];

    public static string Kind(IStringLocalizer t, FunderKind kind) => t[kind switch
    {
        FunderKind.State => "Rijk",
        FunderKind.Province => "Provincie",
        FunderKind.SectorFund => "Sectorfonds",
        FunderKind.Employer => "Werkgever",
        _ => "Gemeente",
    }];
}
