using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Pactwerk.Tests.Infrastructure;

namespace Pactwerk.Tests.Accounts;

/// <summary>
/// Officers who must sign in with two-factor (learning-account funders' officers, voucher officers the tests invent):
/// the first sign-in turns it on through the page as a person does (<see cref="TwoFactorTests{TFactory}.EnableAsync"/>),
/// and that session, which goes on with two-factor, is handed out again for the same account of the same app. A new
/// sign-in would need a code of a step not yet used, and tests sign the same officer in many times within one step.
/// </summary>
public static class TwoFactorSessions
{
    private static readonly ConditionalWeakTable<PactwerkFactory, ConcurrentDictionary<string, Lazy<Task<HttpClient>>>> Sessions = new();

    public static Task<HttpClient> SignInWithTwoFactorAsync(PactwerkFactory factory, string email) =>
        Sessions.GetOrCreateValue(factory).GetOrAdd(email.ToLowerInvariant(), _ => new Lazy<Task<HttpClient>>(async () =>
        {
            var client = await Session.SignInAsync(factory, email);
            await TwoFactorTests<PactwerkFactory>.EnableAsync(client);
            return client;
        })).Value;
}
