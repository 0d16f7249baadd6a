using Microsoft.AspNetCore.OutputCaching;

namespace Pactwerk.Web.Features.Monitor.Import;

/// <summary>
/// The public monitor pages are output-cached under the tag "monitor"; whatever changes their
/// figures (an import commit, a withdrawal, a published edition) evicts that tag.
/// </summary>
public sealed class MonitorCache(IOutputCacheStore store)
{
    public const string Tag = "monitor";

    public ValueTask EvictAsync(CancellationToken ct) => store.EvictByTagAsync(Tag, ct);
}
