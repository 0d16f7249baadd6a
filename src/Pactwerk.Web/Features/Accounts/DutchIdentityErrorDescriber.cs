using Microsoft.AspNetCore.Identity;

namespace Pactwerk.Web.Features.Accounts;

/// <summary>The Identity messages a user can meet, in Dutch.</summary>
public sealed class DutchIdentityErrorDescriber : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = $"Het wachtwoord moet minstens {length} tekens lang zijn." };
    public override IdentityError InvalidToken() => new() { Code = nameof(InvalidToken), Description = "Deze link is ongeldig of verlopen. Vraag een nieuwe aan." };
    public override IdentityError DuplicateEmail(string email) => new() { Code = nameof(DuplicateEmail), Description = $"Er is al een account met het e-mailadres {email}." };
    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = $"Er is al een account met de naam {userName}." };
    public override IdentityError InvalidEmail(string? email) => new() { Code = nameof(InvalidEmail), Description = $"'{email}' is geen geldig e-mailadres." };
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => new() { Code = nameof(PasswordRequiresUniqueChars), Description = $"Het wachtwoord moet minstens {uniqueChars} verschillende tekens bevatten." };
}
