namespace Pactwerk.Web.Features.ReferenceData;

/// <summary>
/// Where reference files come from: a folder on disk or an HTTP(S) base address that serves the
/// same layout (regions/gemeenten.csv, …). The loader only sees this interface, so it reads both.
/// </summary>
public interface IReferenceDataSource
{
    /// <summary>Human-readable location, written into the load's provenance and error messages.</summary>
    string Location { get; }

    /// <summary>The file's bytes, or null when the source has no such file.</summary>
    Task<byte[]?> ReadBytesAsync(string relativePath, CancellationToken ct);

    /// <summary>The file's text (UTF-8, a byte-order mark dropped), or null when the source has no such file.</summary>
    async Task<string?> ReadTextAsync(string relativePath, CancellationToken ct) =>
        await ReadBytesAsync(relativePath, ct) is { } bytes ? new System.Text.UTF8Encoding(false).GetString(bytes).TrimStart('\uFEFF') : null;
}

public sealed class DirectoryReferenceDataSource(string root) : IReferenceDataSource
{
    public string Location { get; } = Path.GetFullPath(root);

    public async Task<byte[]?> ReadBytesAsync(string relativePath, CancellationToken ct)
    {
        var path = Path.Combine(Location, relativePath);
        return File.Exists(path) ? await File.ReadAllBytesAsync(path, ct) : null;
    }
}

public sealed class HttpReferenceDataSource(HttpClient http, Uri baseAddress) : IReferenceDataSource
{
    private readonly Uri _base = baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");

    public string Location => _base.AbsoluteUri;

    public async Task<byte[]?> ReadBytesAsync(string relativePath, CancellationToken ct)
    {
        using var response = await http.GetAsync(new Uri(_base, relativePath), ct);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
            return null;
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync(ct);
    }
}
