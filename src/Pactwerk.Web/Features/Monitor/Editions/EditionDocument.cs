using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pactwerk.Web.Features.Monitor.Editions;

/// <summary>
/// An edition as a PDF in one language, made once on the first request and from then on served as stored: the document a
/// ministry files and quotes never changes, and its checksum says so. Marked as shown on the monitor because the cached
/// open-data catalogue names its checksum.
/// </summary>
[Data.ShownOnMonitor]
public class EditionDocument
{
    public int Id { get; set; }
    public int EditionId { get; set; }
    /// <summary>"nl" or "en".</summary>
    public required string Language { get; set; }
    public required byte[] Content { get; set; }
    /// <summary>The SHA-256 of <see cref="Content"/>, lower-case hexadecimal.</summary>
    public required string Sha256 { get; set; }
    /// <summary>The length of <see cref="Content"/> in bytes, shown beside the download link without reading the document.</summary>
    public int Size { get; set; }
    public DateTime CreatedAt { get; set; }
}

internal sealed class EditionDocumentConfiguration : IEntityTypeConfiguration<EditionDocument>
{
    public void Configure(EntityTypeBuilder<EditionDocument> document)
    {
        document.Property(d => d.Language).HasMaxLength(2);
        document.Property(d => d.Sha256).HasMaxLength(64);
        document.HasOne<MonitorEdition>().WithMany().HasForeignKey(d => d.EditionId);
        // One document per edition and language: of two first requests at once, one stores it and the other serves that one.
        document.HasIndex(d => new { d.EditionId, d.Language }).IsUnique();
    }
}
