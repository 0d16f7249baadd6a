using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pactwerk.Tests.Infrastructure;
using static Pactwerk.Tests.Infrastructure.Waiting;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Tests.Accounts;

/// <summary>
/// Two instances on one PostgreSQL database, each holding accounts in memory (<see cref="AccessMemo"/>): a role given
/// through one is used by the other within a second, and a role withdrawn through one ends the session on the other
/// within a second, although the other held the account from before.
/// </summary>
public sealed class AccessClusterPostgresTests(PostgresFactory first) : IClassFixture<PostgresFactory>
{

    [Fact]
    public async Task A_role_given_or_withdrawn_through_one_instance_counts_on_the_other_within_a_second()
    {
        await using var second = await TargetFactory.SecondInstanceOfAsync(first);
        _ = second.Services; // started, so it listens
        var onB = await CookieBrowser.SignInAsync(second, "lid@pactwerk.demo");
        var userId = await first.InDbAsync(db => db.Users.Where(u => u.Email == "lid@pactwerk.demo").Select(u => u.Id).SingleAsync());
        var before = await onB.RolesAsync();
        Assert.Contains(userId, second.Services.GetRequiredService<AccessMemo>().HeldIds());

        // Given through A's database context: A's commit tells B.
        var given = await first.InDbAsync(async db =>
        {
            var role = new RoleAssignment
            {
                UserId = userId, Kind = RoleKind.PartnerEditor, PactId = await db.Pacts.OrderBy(p => p.Id).Select(p => p.Id).FirstAsync(),
                OrganisationId = await db.Organisations.OrderBy(o => o.Id).Select(o => o.Id).FirstAsync(), ValidFrom = DateOnly.FromDateTime(DateTime.UtcNow),
            };
            db.RoleAssignments.Add(role);
            await db.SaveChangesAsync();
            return role.Id;
        });
        var seen = await UntilAsync(async () => (await onB.RolesAsync()).Contains(given));
        Assert.True(seen < TimeSpan.FromSeconds(1), $"B used the new role after {seen.TotalMilliseconds:0} ms");
        Assert.Equal(before.Append(given).Order(), (await onB.RolesAsync()).Order());

        // Withdrawn through A: the account gets a new stamp, and B, holding the old one, ends the session.
        await first.InDbAsync(async db =>
        {
            (await db.RoleAssignments.SingleAsync(r => r.Id == given)).ValidTo = DateOnly.FromDateTime(DateTime.UtcNow);
            return await db.SaveChangesAsync();
        });
        var ended = await UntilAsync(async () => (await onB.GetAsync("/api/v1/me")).StatusCode == HttpStatusCode.Unauthorized);
        Assert.True(ended < TimeSpan.FromSeconds(1), $"B ended the session after {ended.TotalMilliseconds:0} ms");
    }
}
