using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Tests.LearningPlaces;
using Pactwerk.Web.Features.Matching;
using Pactwerk.Web.Shared;
using static Pactwerk.Tests.Matching.MatchingTestData;

namespace Pactwerk.Tests.Matching;

/// <summary>
/// The retention of candidates (<c>Matching:RetentionMonths</c>), run as the cluster job runs it: a candidate who withdrew
/// consent, or was inactive, longer ago than the setting loses name, birth year, gender, address and competences; the
/// proposals the organisation accepted stay as counts, the others go; candidates within the period are untouched. Each
/// candidate's expected fate is worked out here from the dates written, one by one.
/// </summary>
public abstract class MatchingRetentionTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    [Fact]
    public async Task Candidates_past_the_retention_period_are_erased_and_accepted_proposals_stay_as_counts()
    {
        factory.CreateClient();
        var months = factory.Services.GetRequiredService<IOptions<MatchingOptions>>().Value.RetentionMonths;
        var now = DateTime.UtcNow;
        var (_, _, place) = await LearningPlacesTestData.DbPlaceAsync(factory, "Vogellanden");
        var competence = (await CompetencesAsync(factory, 1))[0];

        // Five candidates, written as they would be after their history, with the dates that decide.
        var old = now.AddMonths(-months).AddDays(-2);
        var recent = now.AddMonths(-months).AddDays(2);
        var cases = new (string Name, DateTime Created, DateTime? Given, DateTime? Withdrawn, DateTime? Active, ProposalState[] Proposals, bool Due)[]
        {
            ("Withdrew long ago", old.AddMonths(-6), old.AddMonths(-6), old, old, [ProposalState.Agreed, ProposalState.Declined], true),
            ("Inactive long", old, old, null, old, [], true),
            ("Withdrew lately", old.AddMonths(-6), old.AddMonths(-6), recent, recent, [ProposalState.Accepted], false),
            ("Active lately", old, old, null, recent, [ProposalState.Proposed], false),
            // Inactive by their own saves, but a proposal for them moved within the period: not inactive.
            ("Proposal moved lately", old, old, null, old, [ProposalState.Accepted], false),
        };
        var ids = new List<int>();
        foreach (var c in cases)
        {
            var id = await factory.InDbAsync(async db =>
            {
                var candidate = new Candidate
                {
                    Email = $"bewaar-{Guid.NewGuid():N}@matching.test", CreatedAt = c.Created, ConsentGivenAt = c.Given, ConsentWithdrawnAt = c.Withdrawn, LastActiveAt = c.Active,
                    CandidateCompetences = [new CandidateCompetence { CompetenceId = competence, Level = 3, Evidence = "portfolio" }],
                };
                db.Add(candidate);
                await db.SaveChangesAsync();
                db.Add(new CandidatePersonalDetails { CandidateId = candidate.Id, Name = c.Name + " Bewaartermijn", BirthYear = 1990, Gender = "vrouw" });
                foreach (var state in c.Proposals)
                {
                    var moved = c.Name == "Proposal moved lately" ? recent : c.Active ?? c.Created;
                    db.Add(new Proposal
                    {
                        CandidateId = candidate.Id, LearningPlaceId = place, State = state, ProposedBy = "test", ProposedAt = c.Created,
                        DecidedAt = state == ProposalState.Proposed ? null : moved, DeclineReason = state == ProposalState.Declined ? "past niet" : null,
                    });
                }
                await db.SaveChangesAsync();
                return candidate.Id;
            });
            ids.Add(id);
        }
        var acceptedBefore = await factory.InDbAsync(db => db.Set<Proposal>().CountAsync(p => p.LearningPlaceId == place
            && (p.State == ProposalState.Accepted || p.State == ProposalState.Agreed || p.State == ProposalState.Refused)));

        // As the cluster job runs it: one tick that takes the job's lease.
        var job = factory.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<MatchingRetentionWorker>().Single();
        await factory.InDbAsync(db => db.JobLeases.Where(l => l.Name == job.Name).ExecuteDeleteAsync());
        Assert.True(await job.TickAsync(default));

        for (var i = 0; i < cases.Length; i++)
        {
            var id = ids[i];
            var (details, competences, candidate, proposals) = await factory.InDbAsync(async db => (
                await db.Set<CandidatePersonalDetails>().CountAsync(d => d.CandidateId == id), await db.Set<CandidateCompetence>().CountAsync(x => x.CandidateId == id),
                await db.Set<Candidate>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == id),
                await db.Set<Proposal>().Where(p => p.CandidateId == id).Select(p => p.State).ToListAsync()));
            var keptStates = cases[i].Proposals.Where(s => s is ProposalState.Accepted or ProposalState.Agreed or ProposalState.Refused).ToList();
            if (cases[i].Due)
            {
                Assert.Equal((0, 0), (details, competences));
                Assert.Equal(keptStates.Order(), proposals.Order());
                if (keptStates.Count == 0)
                    Assert.Null(candidate);
                else
                {
                    Assert.NotNull(candidate);
                    Assert.EndsWith("@gewist.invalid", candidate.Email);
                    Assert.False(candidate.Consents);
                }
            }
            else
            {
                Assert.Equal((1, 1), (details, competences));
                Assert.Equal(cases[i].Proposals.Order(), proposals.Order());
                Assert.StartsWith("bewaar-", candidate!.Email);
            }
        }
        // Accepted proposals are still counted as before.
        Assert.Equal(acceptedBefore, await factory.InDbAsync(db => db.Set<Proposal>().CountAsync(p => p.LearningPlaceId == place
            && (p.State == ProposalState.Accepted || p.State == ProposalState.Agreed || p.State == ProposalState.Refused))));
        // The trail names the number only, no name.
        var trail = await factory.InDbAsync(db => db.AuditEntries.Where(a => a.Action == MatchingAuditActions.Erased).Select(a => a.EntityId).ToListAsync());
        Assert.Contains(ids[0].ToString(), trail);
        Assert.Contains(ids[1].ToString(), trail);

        // A second run finds nothing more to do.
        await factory.InDbAsync(db => db.JobLeases.Where(l => l.Name == job.Name).ExecuteDeleteAsync());
        var audit = await factory.InDbAsync(db => db.AuditEntries.CountAsync());
        Assert.True(await job.TickAsync(default));
        Assert.Equal(audit, await factory.InDbAsync(db => db.AuditEntries.CountAsync()));
    }
}

public sealed class MatchingRetentionSqlite(SqliteFactory factory) : MatchingRetentionTests<SqliteFactory>(factory);
public sealed class MatchingRetentionPostgres(PostgresFactory factory) : MatchingRetentionTests<PostgresFactory>(factory);
