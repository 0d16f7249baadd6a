using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pactwerk.Web.Features.Accounts.TwoFactor;

internal sealed class AccountAuthenticatorConfiguration : IEntityTypeConfiguration<AccountAuthenticator>
{
    public void Configure(EntityTypeBuilder<AccountAuthenticator> authenticator)
    {
        authenticator.HasKey(a => a.UserId);
        authenticator.HasOne<PactwerkUser>().WithOne().HasForeignKey<AccountAuthenticator>(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
        authenticator.Property(a => a.ProtectedSecret).HasMaxLength(1000);
    }
}

internal sealed class AccountRecoveryCodeConfiguration : IEntityTypeConfiguration<AccountRecoveryCode>
{
    public void Configure(EntityTypeBuilder<AccountRecoveryCode> code)
    {
        code.HasOne<PactwerkUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        code.Property(c => c.Hash).HasMaxLength(64);
        code.HasIndex(c => new { c.UserId, c.Hash }).IsUnique();
    }
}
