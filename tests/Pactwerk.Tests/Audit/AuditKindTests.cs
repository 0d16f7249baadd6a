using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Audit;
using Pactwerk.Web;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Audit;

/// <summary>The audit log names every kind of line in words, in Dutch and in English, never by its code name.</summary>
public abstract class AuditKindTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    public static TheoryData<string> Languages() => new("nl", "en");

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_kind_the_code_can_write_has_a_name(string language)
    {
        var localiser = factory.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        try
        {
            // The kinds the other features declare are among them, not only the audit module's own.
            Assert.Superset(new HashSet<string> { AuditActions.Created, "CaseAccessRefused", "ProposalAccepted", "ReleaseWithdrawn", "NewsletterSent" }, AuditKinds.All.ToHashSet());
            // In English a name may be the code's own word ("Created"); in Dutch it never is.
            var missing = AuditKinds.All.Where(kind => localiser[$"AuditAction.{kind}"] is var name
                && (name.ResourceNotFound || name.Value.Length == 0 || (language == "nl" && name.Value == kind))).Order().ToList();
            Assert.True(missing.Count == 0, $"No {language} name for: {string.Join(", ", missing)}");
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Fact]
    public async Task A_kind_that_is_not_declared_is_never_written()
    {
        var count = await factory.InDbAsync(db => db.AuditEntries.CountAsync());

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => factory.InDbAsync(db =>
        {
            db.RecordEvent(DateTime.UtcNow, "access.refused", "Test", null, new { });
            return db.SaveChangesAsync();
        }));

        Assert.Contains("access.refused", refused.Message);
        Assert.Equal(count, await factory.InDbAsync(db => db.AuditEntries.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task The_log_shows_every_kind_it_holds_in_words(string language)
    {
        var client = await SignInAsync(factory, "beheerder@pactwerk.demo");
        // A refused look at a case, so that a kind of another feature is in the log.
        var network = await factory.InDbAsync(db => db.LearningNetworkCases.Select(c => c.NetworkId).FirstAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/learning-networks/{network}/cases")).StatusCode);
        var held = await factory.InDbAsync(db => db.AuditEntries.Select(a => a.Action).Distinct().ToListAsync());

        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/beheer/audit" + (language == "en" ? "?culture=en" : "")));

        Assert.Contains("CaseAccessRefused", held);
        Assert.Subset(AuditKinds.All.ToHashSet(), held.ToHashSet());
        var localiser = factory.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        try
        {
            foreach (var kind in held)
            {
                var name = localiser[$"AuditAction.{kind}"];
                Assert.False(name.ResourceNotFound, kind);
                Assert.Contains($"<option value=\"{kind}\">{name.Value}</option>", page);
            }
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
        Assert.Contains(language == "en" ? ">Access to a case refused</option>" : ">Toegang tot casus geweigerd</option>", page);
    }
}

public sealed class AuditKindTestsSqlite(SqliteFactory factory) : AuditKindTests<SqliteFactory>(factory);
public sealed class AuditKindTestsPostgres(PostgresFactory factory) : AuditKindTests<PostgresFactory>(factory);
