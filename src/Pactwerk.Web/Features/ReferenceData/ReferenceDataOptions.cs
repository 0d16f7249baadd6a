namespace Pactwerk.Web.Features.ReferenceData;

public sealed class ReferenceDataOptions
{
    public const string Section = "ReferenceData";

    /// <summary>
    /// A folder or an http(s) address holding regions/*.csv. Empty: look for ../shared/data/nl
    /// beside the repository that holds the app.
    /// </summary>
    public string? Path { get; set; }

    /// <summary>The day the loaded municipality set takes effect (the files are the 2025 set).</summary>
    public DateOnly ValidFrom { get; set; } = new(2025, 1, 1);

    /// <summary>Load reference data at start when the database has none.</summary>
    public bool LoadOnStart { get; set; } = true;

    /// <summary>
    /// Finds the source to read: the configured path or URL, else the shared data folder found by
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
            var shared = System.IO.Path.Combine(dir.FullName, "..", "shared", "data", "nl");
            return Directory.Exists(shared) ? new DirectoryReferenceDataSource(shared) : null;
        }
        return null;
    }
}
