using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pactwerk.Web.Features.Monitor.Import;

/// <summary>
/// A mapping profile built in the import wizard, usable by the wizard, <c>POST /api/v1/imports</c>
/// and the import command like the profiles in code. It may be changed until a release used it;
/// from then on it is immutable (a changed mapping is saved under a new code), so every release's
/// profile still says how its file was read.
/// </summary>
public class StoredImportProfile : Audit.IAudited
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    /// <summary>The mapping as JSON (<see cref="ProfileMapping"/>).</summary>
    public required string Mapping { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
}

/// <summary>
/// An uploaded file held between the wizard's steps, on the server: the preview and the commit read
/// this copy, never one the browser sends again. Removed on commit or cancel, and after it expires.
/// </summary>
public class HeldUpload
{
    public Guid Id { get; set; }
    public required string FileName { get; set; }
    /// <summary>The file as UTF-8 (converted when it came as Windows-1252).</summary>
    public required byte[] Content { get; set; }
    public required string Encoding { get; set; }
    public char Delimiter { get; set; }
    public required string UploadedBy { get; set; }
    public DateTime UploadedAt { get; set; }
    /// <summary>The profile chosen or built for this file, once there is one.</summary>
    public string? ProfileCode { get; set; }
}

internal sealed class StoredImportProfileConfiguration : IEntityTypeConfiguration<StoredImportProfile>
{
    public void Configure(EntityTypeBuilder<StoredImportProfile> profile)
    {
        profile.Property(p => p.Code).HasMaxLength(60);
        profile.HasIndex(p => p.Code).IsUnique();
        profile.Property(p => p.Name).HasMaxLength(200);
        profile.Property(p => p.Mapping).HasMaxLength(8000);
        profile.Property(p => p.CreatedBy).HasMaxLength(200);
    }
}

internal sealed class HeldUploadConfiguration : IEntityTypeConfiguration<HeldUpload>
{
    public void Configure(EntityTypeBuilder<HeldUpload> upload)
    {
        upload.Property(u => u.FileName).HasMaxLength(260);
        upload.Property(u => u.Encoding).HasMaxLength(40);
        upload.Property(u => u.UploadedBy).HasMaxLength(450);
        upload.Property(u => u.ProfileCode).HasMaxLength(60);
        upload.HasIndex(u => u.UploadedAt);
    }
}
