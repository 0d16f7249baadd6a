using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pactwerk.Web.Features.Vouchers;

/// <summary>An account that acts for one vetted provider: it confirms enrolments and submits evidence for that provider's vouchers only.</summary>
public class VoucherProviderUser
{
    public int Id { get; set; }
    public int ProviderId { get; set; }
    public required string UserId { get; set; }
    public DateTime LinkedAt { get; set; }
}

/// <summary>The provider's evidence that a voucher's course was delivered: attendance, the completion date and the certificate.</summary>
public class VoucherEvidence
{
    /// <summary>The application (voucher) it belongs to: one set of evidence per voucher, replaced when sent back and submitted again.</summary>
    public long ApplicationId { get; set; }
    /// <summary>0 to 100.</summary>
    public int AttendancePercent { get; set; }
    public DateOnly CompletedOn { get; set; }
    public required string FileName { get; set; }
    /// <summary>application/pdf, image/png or image/jpeg, as the file's own first bytes say.</summary>
    public required string ContentType { get; set; }
    public required byte[] Certificate { get; set; }
    public DateTime SubmittedAt { get; set; }
}

internal sealed class VoucherProviderUserConfiguration : IEntityTypeConfiguration<VoucherProviderUser>
{
    public void Configure(EntityTypeBuilder<VoucherProviderUser> link)
    {
        link.HasOne<VoucherProvider>().WithMany().HasForeignKey(l => l.ProviderId);
        link.HasOne<Accounts.PactwerkUser>().WithMany().HasForeignKey(l => l.UserId);
        link.HasIndex(l => new { l.ProviderId, l.UserId }).IsUnique();
        link.HasIndex(l => l.UserId);
    }
}

internal sealed class VoucherEvidenceConfiguration : IEntityTypeConfiguration<VoucherEvidence>
{
    public void Configure(EntityTypeBuilder<VoucherEvidence> evidence)
    {
        evidence.HasKey(e => e.ApplicationId);
        evidence.HasOne<VoucherApplication>().WithOne().HasForeignKey<VoucherEvidence>(e => e.ApplicationId);
        evidence.Property(e => e.FileName).HasMaxLength(200);
        evidence.Property(e => e.ContentType).HasMaxLength(40);
    }
}
