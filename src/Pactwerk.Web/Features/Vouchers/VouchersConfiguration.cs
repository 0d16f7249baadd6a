using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pactwerk.Web.Features.Vouchers;

internal sealed class VoucherSchemeConfiguration : IEntityTypeConfiguration<VoucherScheme>
{
    public void Configure(EntityTypeBuilder<VoucherScheme> scheme)
    {
        scheme.Property(s => s.Code).HasMaxLength(40);
        scheme.HasIndex(s => s.Code).IsUnique();
        scheme.Property(s => s.Name).HasMaxLength(300);
        scheme.Property(s => s.NameEn).HasMaxLength(300);
        scheme.HasOne<Pacts.Pact>().WithMany().HasForeignKey(s => s.PactId);
        scheme.HasOne<Network.Organisation>().WithMany().HasForeignKey(s => s.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        scheme.HasOne<Agenda.PactAction>().WithMany().HasForeignKey(s => s.ActionId).OnDelete(DeleteBehavior.SetNull);
        foreach (var money in new[] { nameof(VoucherScheme.Ceiling), nameof(VoucherScheme.MaxPerVoucher), nameof(VoucherScheme.Reserved), nameof(VoucherScheme.Paid), nameof(VoucherScheme.FourEyesThreshold) })
            scheme.Property(money).HasPrecision(14, 2);
        scheme.Property(s => s.CoFundingShare).HasPrecision(5, 4);
        scheme.Property(s => s.AdvanceShare).HasPrecision(5, 4);
        scheme.Ignore(s => s.Available);
        scheme.Property(s => s.DebtorName).HasMaxLength(70);
        scheme.Property(s => s.DebtorIban).HasMaxLength(34);
        scheme.Property(s => s.DebtorBic).HasMaxLength(11);
        // A second line of defence under the conditional updates: the database itself refuses an overspend.
        // "+ 0" because SQLite keeps decimals as text, and a bare text column would be compared as text.
        scheme.ToTable(t =>
        {
            t.HasCheckConstraint("CK_VoucherSchemes_Budget", "\"Reserved\" + 0 >= 0 AND \"Paid\" + 0 >= 0 AND \"Reserved\" + \"Paid\" <= \"Ceiling\" + 0");
            t.HasCheckConstraint("CK_VoucherSchemes_Waiting", "\"Waiting\" >= 0");
        });
    }
}

internal sealed class VoucherProviderConfiguration : IEntityTypeConfiguration<VoucherProvider>
{
    public void Configure(EntityTypeBuilder<VoucherProvider> provider)
    {
        provider.HasOne<VoucherScheme>().WithMany().HasForeignKey(p => p.SchemeId);
        provider.Property(p => p.Name).HasMaxLength(300);
        provider.Property(p => p.KvkNumber).HasMaxLength(8);
        provider.Property(p => p.Iban).HasMaxLength(34);
        provider.Property(p => p.QualityRegistration).HasMaxLength(200);
        // One registration of a company per scheme.
        provider.HasIndex(p => new { p.SchemeId, p.KvkNumber }).IsUnique();
        provider.HasMany(p => p.Courses).WithOne(c => c.Provider).HasForeignKey(c => c.ProviderId);
    }
}

internal sealed class VoucherCourseConfiguration : IEntityTypeConfiguration<VoucherCourse>
{
    public void Configure(EntityTypeBuilder<VoucherCourse> course)
    {
        course.Property(c => c.Title).HasMaxLength(300);
        course.Property(c => c.Sector).HasMaxLength(40);
        course.Property(c => c.Level).HasMaxLength(40);
        course.Property(c => c.TargetOccupation).HasMaxLength(200);
        course.Property(c => c.Price).HasPrecision(14, 2);
    }
}

internal sealed class VoucherApplicationConfiguration : IEntityTypeConfiguration<VoucherApplication>
{
    public void Configure(EntityTypeBuilder<VoucherApplication> application)
    {
        application.HasOne<VoucherScheme>().WithMany().HasForeignKey(a => a.SchemeId);
        application.HasOne<VoucherCourse>().WithMany().HasForeignKey(a => a.CourseId).OnDelete(DeleteBehavior.Restrict);
        application.Property(a => a.Email).HasMaxLength(254);
        application.Property(a => a.TargetGroup).HasMaxLength(40);
        application.Property(a => a.MunicipalityCode).HasMaxLength(6);
        application.Property(a => a.Amount).HasPrecision(14, 2);
        application.Property(a => a.VoucherCode).HasMaxLength(20);
        application.Property(a => a.KeyHash).HasMaxLength(64);
        application.Property(a => a.Language).HasMaxLength(2).HasDefaultValue("nl");
        // One application per person per scheme, whatever arrives at the same moment.
        application.HasIndex(a => new { a.SchemeId, a.Email }).IsUnique();
        application.HasIndex(a => a.VoucherCode).IsUnique();
        application.HasIndex(a => a.KeyHash).IsUnique();
        // The waiting list in order and the counts per status, each one index range.
        application.HasIndex(a => new { a.SchemeId, a.Arrival }).IsUnique();
        application.HasIndex(a => new { a.SchemeId, a.Status, a.QueueOrder });
    }
}

internal sealed class VoucherDrawConfiguration : IEntityTypeConfiguration<VoucherDraw>
{
    public void Configure(EntityTypeBuilder<VoucherDraw> draw)
    {
        draw.HasOne<VoucherScheme>().WithMany().HasForeignKey(d => d.SchemeId);
        draw.Property(d => d.Seed).HasMaxLength(64);
        // One draw per scheme and day, whatever asks for it at the same moment: a second line under the scheme's lock.
        draw.HasIndex(d => new { d.SchemeId, d.Day }).IsUnique();
    }
}
