using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.Agenda;
using Pactwerk.Web.Features.Audit;
using Pactwerk.Web.Features.Knowledge;
using Pactwerk.Web.Features.Monitor;
using Pactwerk.Web.Features.Network;
using Pactwerk.Web.Features.Pacts;
using Pactwerk.Web.Features.ReferenceData;
using Pactwerk.Web.Features.Regions;
using Pactwerk.Web.Features.Vouchers;

namespace Pactwerk.Web.Data;

/// <summary>
/// The one database of an installation, accounts included. Each provider has a subclass only so
/// that it can carry its own migration set (see Data/Sqlite and Data/Postgres); the model is
/// defined here once. Saving writes the audit trail of pact data in the same transaction.
/// </summary>
public abstract class PactwerkDb(DbContextOptions options, IAuditActor actor) : IdentityDbContext<PactwerkUser>(options)
{
    /// <summary>The data-protection key ring, here so every instance on this database signs cookies and tokens alike (read and written through <see cref="KeyRingDb"/>).</summary>
    public DbSet<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> DataProtectionKeys => Set<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>();
    public DbSet<RegionSet> RegionSets => Set<RegionSet>();
    public DbSet<Region> Regions => Set<Region>();
    public DbSet<RegionMembership> RegionMemberships => Set<RegionMembership>();
    public DbSet<ReferenceDataLoad> ReferenceDataLoads => Set<ReferenceDataLoad>();
    public DbSet<Pact> Pacts => Set<Pact>();
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<PactRole> PactRoles => Set<PactRole>();
    public DbSet<PactSignatory> PactSignatories => Set<PactSignatory>();
    public DbSet<PactAction> PactActions => Set<PactAction>();
    public DbSet<ActionRegion> ActionRegions => Set<ActionRegion>();
    public DbSet<ActionPartner> ActionPartners => Set<ActionPartner>();
    public DbSet<ActionObjective> ActionObjectives => Set<ActionObjective>();
    public DbSet<FundingSource> FundingSources => Set<FundingSource>();
    public DbSet<ActionOutput> ActionOutputs => Set<ActionOutput>();
    public DbSet<Objective> Objectives => Set<Objective>();
    public DbSet<Plan> Plans => Set<Plan>();
    public DbSet<PlanRevision> PlanRevisions => Set<PlanRevision>();
    public DbSet<RevisionChangeReason> RevisionChangeReasons => Set<RevisionChangeReason>();
    public DbSet<RoleAssignment> RoleAssignments => Set<RoleAssignment>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<DataSource> DataSources => Set<DataSource>();
    public DbSet<DataRelease> DataReleases => Set<DataRelease>();
    public DbSet<DataElement> DataElements => Set<DataElement>();
    public DbSet<Observation> Observations => Set<Observation>();
    public DbSet<Indicator> Indicators => Set<Indicator>();
    public DbSet<IndicatorVersion> IndicatorVersions => Set<IndicatorVersion>();
    public DbSet<IndicatorGoal> IndicatorGoals => Set<IndicatorGoal>();
    public DbSet<Event> Events => Set<Event>();
    public DbSet<MeetingDocument> MeetingDocuments => Set<MeetingDocument>();
    public DbSet<MeetingMember> MeetingMembers => Set<MeetingMember>();
    public DbSet<EventRegistration> EventRegistrations => Set<EventRegistration>();
    public DbSet<LearningNetwork> LearningNetworks => Set<LearningNetwork>();
    public DbSet<LearningNetworkMember> LearningNetworkMembers => Set<LearningNetworkMember>();
    public DbSet<LearningNetworkSession> LearningNetworkSessions => Set<LearningNetworkSession>();
    public DbSet<LearningNetworkCase> LearningNetworkCases => Set<LearningNetworkCase>();
    public DbSet<VoucherScheme> VoucherSchemes => Set<VoucherScheme>();
    public DbSet<VoucherProvider> VoucherProviders => Set<VoucherProvider>();
    public DbSet<VoucherCourse> VoucherCourses => Set<VoucherCourse>();
    public DbSet<VoucherApplication> VoucherApplications => Set<VoucherApplication>();
    public DbSet<VoucherDraw> VoucherDraws => Set<VoucherDraw>();
    public DbSet<VoucherWaitingCount> VoucherWaitingCounts => Set<VoucherWaitingCount>();
    public DbSet<VoucherProviderUser> VoucherProviderUsers => Set<VoucherProviderUser>();
    public DbSet<VoucherEvidence> VoucherEvidence => Set<VoucherEvidence>();
    public DbSet<VoucherPayment> VoucherPayments => Set<VoucherPayment>();
    public DbSet<VoucherPaymentBatch> VoucherPaymentBatches => Set<VoucherPaymentBatch>();
    public DbSet<Features.Rooms.Room> Rooms => Set<Features.Rooms.Room>();
    public DbSet<Features.Rooms.RoomOpeningHours> RoomOpeningHours => Set<Features.Rooms.RoomOpeningHours>();
    public DbSet<Features.Rooms.RoomClosure> RoomClosures => Set<Features.Rooms.RoomClosure>();
    public DbSet<Features.Rooms.RoomBooking> RoomBookings => Set<Features.Rooms.RoomBooking>();
    public DbSet<Features.WorkshopDays.WorkshopDayEvent> WorkshopDayEvents => Set<Features.WorkshopDays.WorkshopDayEvent>();
    public DbSet<Features.WorkshopDays.EventDay> EventDays => Set<Features.WorkshopDays.EventDay>();
    public DbSet<Features.WorkshopDays.SessionSlot> SessionSlots => Set<Features.WorkshopDays.SessionSlot>();
    public DbSet<Features.WorkshopDays.Workshop> Workshops => Set<Features.WorkshopDays.Workshop>();
    public DbSet<Features.WorkshopDays.VolunteerShift> VolunteerShifts => Set<Features.WorkshopDays.VolunteerShift>();
    public DbSet<Features.WorkshopDays.SchoolRegistration> SchoolRegistrations => Set<Features.WorkshopDays.SchoolRegistration>();
    public DbSet<Features.WorkshopDays.SchoolClass> SchoolClasses => Set<Features.WorkshopDays.SchoolClass>();
    public DbSet<Features.WorkshopDays.ClassAssignment> ClassAssignments => Set<Features.WorkshopDays.ClassAssignment>();
    public DbSet<Features.WorkshopDays.ClassCheckIn> ClassCheckIns => Set<Features.WorkshopDays.ClassCheckIn>();
    public DbSet<Features.WorkshopDays.VolunteerSignUp> VolunteerSignUps => Set<Features.WorkshopDays.VolunteerSignUp>();
    public DbSet<Features.LearningAccounts.Funder> LearningFunders => Set<Features.LearningAccounts.Funder>();
    public DbSet<Features.LearningAccounts.LearningAccount> LearningAccounts => Set<Features.LearningAccounts.LearningAccount>();
    public DbSet<Features.LearningAccounts.Deposit> LearningDeposits => Set<Features.LearningAccounts.Deposit>();
    public DbSet<Features.LearningAccounts.LedgerPosting> LedgerPostings => Set<Features.LearningAccounts.LedgerPosting>();
    public DbSet<Features.LearningAccounts.LedgerLine> LedgerLines => Set<Features.LearningAccounts.LedgerLine>();
    public DbSet<Features.LearningAccounts.DepositFile> LearningDepositFiles => Set<Features.LearningAccounts.DepositFile>();
    public DbSet<Features.LearningAccounts.LearningBooking> LearningBookings => Set<Features.LearningAccounts.LearningBooking>();
    public DbSet<Features.Competences.Competence> Competences => Set<Features.Competences.Competence>();
    public DbSet<Features.Competences.Occupation> Occupations => Set<Features.Competences.Occupation>();
    public DbSet<Features.Competences.OccupationCompetence> OccupationCompetences => Set<Features.Competences.OccupationCompetence>();
    /// <summary>Who runs each periodic job in its current period (<see cref="Shared.ClusterJob"/>).</summary>
    public DbSet<Shared.JobLease> JobLeases => Set<Shared.JobLease>();

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        // SQLite hands DateTime back without a kind, PostgreSQL as UTC: store and read UTC everywhere.
        builder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        builder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
    }

    protected override void OnModelCreating(ModelBuilder model)
    {
        base.OnModelCreating(model);
        model.ApplyConfigurationsFromAssembly(typeof(PactwerkDb).Assembly);
        foreach (var entity in model.Model.GetEntityTypes().Where(e => typeof(IVersioned).IsAssignableFrom(e.ClrType)))
            model.Entity(entity.ClrType).Property(nameof(IVersioned.Version)).IsConcurrencyToken();
    }

    /// <summary>
    /// The one way to write a business event (invited, published, import committed, access refused, …)
    /// to the audit trail, saved with the next SaveChangesAsync. Changes to audited entities need no
    /// call: SaveChangesAsync writes them. The actor is the one making the change, unless the event
    /// is about someone else (<paramref name="by"/>).
    /// </summary>
    public void RecordEvent(DateTime at, string action, string entityType, string? entityId, object details, int? pactId = null, IAuditActor? by = null) =>
        AuditEntries.Add(AuditEntry.Event(by ?? actor, at, action, entityType, entityId, details, pactId));

    /// <summary>Only the asynchronous path writes the audit trail, so the synchronous one is closed.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new NotSupportedException("Use SaveChangesAsync: it writes the audit trail.");

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken ct = default)
    {
        // One comparison of every tracked entity per save instead of one per question: the checks below,
        // the audit trail and the interceptors each ask the tracker for its entries, and with automatic
        // detection each asking compares everything again (a group of voucher decisions tracks hundreds).
        // Detected again only after this method's own changes (stamps, versions); the interceptors only read.
        var detect = ChangeTracker.AutoDetectChangesEnabled;
        if (detect)
            ChangeTracker.DetectChanges();
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return await SaveDetectedChangesAsync(acceptAllChangesOnSuccess, detect, ct);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    private async Task<int> SaveDetectedChangesAsync(bool acceptAllChangesOnSuccess, bool detect, CancellationToken ct)
    {
        if (ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
            throw new InvalidOperationException("The audit trail is append-only.");
        await Features.Accounts.SessionEnd.StampAccountsLosingAccessAsync(ChangeTracker, Users, ct);
        foreach (var versioned in ChangeTracker.Entries<IVersioned>().Where(e => e.State == EntityState.Modified))
            versioned.Entity.Version++;
        if (detect)
            ChangeTracker.DetectChanges();

        var pending = AuditTrail.Capture(ChangeTracker, actor, DateTime.UtcNow);
        if (pending.Count == 0)
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);

        // The change and its audit lines commit together or not at all.
        var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(ct) : null;
        try
        {
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);
            foreach (var p in pending)
                AuditEntries.Add(await p.CompleteAsync(ct));
            await base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);
            if (own is not null)
                await own.CommitAsync(ct);
            return written;
        }
        finally
        {
            if (own is not null)
                await own.DisposeAsync();
        }
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

/// <summary>An editable entity with an optimistic concurrency token: a stale edit is refused.</summary>
public interface IVersioned
{
    int Version { get; set; }
}
