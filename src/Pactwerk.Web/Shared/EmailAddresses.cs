namespace Pactwerk.Web.Shared;

/// <summary>
/// The one reading of an e-mail address typed by a person: a plain address (no display name, no spaces), with a
/// domain that has a dot after the @, at most 254 characters. Features that need more say so on top of it
/// (the newsletter's MIME check, the vouchers' refusal of the reserved .invalid domain).
/// </summary>
public static class EmailAddresses
{
    public static bool IsValid(string? email) =>
        email is { Length: > 3 and <= 254 } && System.Net.Mail.MailAddress.TryCreate(email, out var parsed) && parsed.Address == email
        && email.IndexOf('@') is var at && at > 0 && email.IndexOf('.', at) > at + 1 && !email.Any(char.IsWhiteSpace);
}
