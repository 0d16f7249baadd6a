namespace Pactwerk.Web.Features.ReferenceData;

public sealed class ReferenceDataOptions
{
    public const string Section = "ReferenceData";

    /// <summary>Where the repository keeps the reference data it ships, relative to its root.</summary>
    public const string DefaultFolder = "data/nl";

    /// <summary>
    /// A folder or an http(s) address holding regions/*.csv. Empty: the repository's own data/nl,
    /// which ships with the code so that a clone runs with nothing beside it.
    /// </summary>
    public string? Path { get; set; }

    /// <summary>The day the loaded municipality set takes effect (the files are the 2025 set).</summary>
    public DateOnly ValidFrom { get; set; } = new(2025, 1, 1);

    /// <summary>Load reference data at start when the database has none.</summary>
    public bool LoadOnStart { get; set; } = true;

    /// <summary>
    /// Finds the source to read: the configured path or URL, else the repository's data/nl, found by
    /// walking up from the content root to the repository (the folder with Pactwerk.slnx).
    /// Returns null when there is nothing to read.
    /// </summary>
    public IReferenceDataSource? Resolve(string contentRoot, IHttpClientFactory httpClients)
    {
        if (!string.IsNullOrWhiteSpace(Path))
        {
            if (Uri.TryCreate(Path, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
                return new HttpReferenceDataSource(httpClients.CreateClient(nameof(HttpReferenceDataSource)), uri);
            var folder = System.IO.Path.GetFullPath(Path, contentRoot);
            return Directory.Exists(folder) ? new DirectoryReferenceDataSource(folder) : null;
        }

        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(System.IO.Path.Combine(dir.FullName, "Pactwerk.slnx")))
                continue;
            var shipped = System.IO.Path.Combine(dir.FullName, DefaultFolder);
            return Directory.Exists(shipped) ? new DirectoryReferenceDataSource(shipped) : null;
        }
        return null;
    }
}
