using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pactwerk.Web.Features.LearningAccounts;

internal sealed class FunderConfiguration : IEntityTypeConfiguration<Funder>
{
    public void Configure(EntityTypeBuilder<Funder> funder)
    {
        funder.ToTable("LearningFunders");
        funder.Property(f => f.Code).HasMaxLength(40);
        funder.HasIndex(f => f.Code).IsUnique();
        funder.Property(f => f.Name).HasMaxLength(300);
        funder.HasOne<Network.Organisation>().WithMany().HasForeignKey(f => f.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class LearningAccountConfiguration : IEntityTypeConfiguration<LearningAccount>
{
    public void Configure(EntityTypeBuilder<LearningAccount> account)
    {
        account.Property(a => a.HolderEmail).HasMaxLength(254);
        // One account per person, whoever opens it first.
        account.HasIndex(a => a.HolderEmail).IsUnique();
        account.Property(a => a.MunicipalityCode).HasMaxLength(10);
    }
}

internal sealed class DepositConfiguration : IEntityTypeConfiguration<Deposit>
{
    public void Configure(EntityTypeBuilder<Deposit> deposit)
    {
        deposit.ToTable("LearningDeposits", t => t.HasCheckConstraint("CK_LearningDeposits_Amount", "\"Amount\" > 0 AND \"ValidFrom\" <= \"ValidUntil\""));
        deposit.HasOne<LearningAccount>().WithMany().HasForeignKey(d => d.AccountId).OnDelete(DeleteBehavior.Restrict);
        deposit.HasOne(d => d.Funder).WithMany().HasForeignKey(d => d.FunderId).OnDelete(DeleteBehavior.Restrict);
        deposit.Property(d => d.Reference).HasMaxLength(100);
        // A funder's reference names one deposit: a bulk file sent twice adds nothing the second time.
        deposit.HasIndex(d => new { d.FunderId, d.Reference }).IsUnique();
        deposit.HasIndex(d => new { d.AccountId, d.ValidUntil });
        deposit.HasIndex(d => d.ValidUntil);
    }
}

internal sealed class LedgerPostingConfiguration : IEntityTypeConfiguration<LedgerPosting>
{
    public void Configure(EntityTypeBuilder<LedgerPosting> posting)
    {
        posting.HasOne<LearningAccount>().WithMany().HasForeignKey(p => p.AccountId).OnDelete(DeleteBehavior.Restrict);
        posting.Property(p => p.By).HasMaxLength(450);
        posting.HasMany(p => p.Lines).WithOne().HasForeignKey(l => l.PostingId).OnDelete(DeleteBehavior.Restrict);
        // A reservation is released or spent once, a posting reversed once, whatever arrives at the same moment.
        posting.HasOne<LedgerPosting>().WithMany().HasForeignKey(p => p.SettlesId).OnDelete(DeleteBehavior.Restrict);
        posting.HasOne<LedgerPosting>().WithMany().HasForeignKey(p => p.ReversesId).OnDelete(DeleteBehavior.Restrict);
        // Partial: only a release, spend or reversal has one, and a deposit file's hundreds of thousands of postings need
        // no index entries for their nulls. Every lookup asks for one id (x = @id), which both databases prove not null.
        posting.HasIndex(p => p.SettlesId).IsUnique().HasFilter("\"SettlesId\" IS NOT NULL");
        posting.HasIndex(p => p.ReversesId).IsUnique().HasFilter("\"ReversesId\" IS NOT NULL");
        posting.HasIndex(p => new { p.AccountId, p.Id });
    }
}

internal sealed class LedgerLineConfiguration : IEntityTypeConfiguration<LedgerLine>
{
    public void Configure(EntityTypeBuilder<LedgerLine> line)
    {
        line.ToTable(t => t.HasCheckConstraint("CK_LedgerLines_Amount", "\"Amount\" <> 0"));
        line.HasOne<Deposit>().WithMany().HasForeignKey(l => l.DepositId).OnDelete(DeleteBehavior.Restrict);
        // A deposit's balance is one index range, summed per bucket.
        line.HasIndex(l => new { l.DepositId, l.Bucket }).IncludeProperties(l => l.Amount);
    }
}

internal sealed class DepositFileConfiguration : IEntityTypeConfiguration<DepositFile>
{
    public void Configure(EntityTypeBuilder<DepositFile> file)
    {
        file.ToTable("LearningDepositFiles");
        file.HasOne<Funder>().WithMany().HasForeignKey(f => f.FunderId).OnDelete(DeleteBehavior.Restrict);
        file.Property(f => f.Sha256).HasMaxLength(64);
        // A file is written once per funder, whoever sends it again.
        file.HasIndex(f => new { f.FunderId, f.Sha256 }).IsUnique();
        file.Property(f => f.By).HasMaxLength(450);
    }
}

internal sealed class LearningBookingConfiguration : IEntityTypeConfiguration<LearningBooking>
{
    public void Configure(EntityTypeBuilder<LearningBooking> booking)
    {
        booking.ToTable("LearningBookings", t => t.HasCheckConstraint("CK_LearningBookings_Amounts",
            "\"Price\" > 0 AND \"FromAccount\" > 0 AND \"CoPayment\" >= 0 AND \"FromAccount\" + \"CoPayment\" = \"Price\""));
        booking.HasOne<LearningAccount>().WithMany().HasForeignKey(b => b.AccountId).OnDelete(DeleteBehavior.Restrict);
        booking.HasOne<Vouchers.VoucherCourse>().WithMany().HasForeignKey(b => b.CourseId).OnDelete(DeleteBehavior.Restrict);
        booking.HasOne<Vouchers.VoucherProvider>().WithMany().HasForeignKey(b => b.ProviderId).OnDelete(DeleteBehavior.Restrict);
        booking.HasOne<LedgerPosting>().WithMany().HasForeignKey(b => b.ReservationId).OnDelete(DeleteBehavior.Restrict);
        booking.HasIndex(b => b.ReservationId).IsUnique();
        booking.HasIndex(b => new { b.AccountId, b.Id });
        booking.HasIndex(b => new { b.ProviderId, b.Status });
        booking.Property(b => b.BookedBy).HasMaxLength(450);
        booking.Property(b => b.ProviderConfirmedBy).HasMaxLength(450);
        booking.Property(b => b.ResolvedBy).HasMaxLength(450);
        booking.Property(b => b.DisputeReason).HasMaxLength(BookingDisputes.MaxReason);
        booking.Property(b => b.Resolution).HasMaxLength(BookingDisputes.MaxReason);
    }
}
