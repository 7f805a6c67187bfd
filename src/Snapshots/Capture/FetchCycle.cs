using System.Collections.Concurrent;

namespace Snapshots.Capture;

/// <summary>
/// One capture cycle's view of the web: documents that share a source URL (and the same validators)
/// fetch it once, and all of them see the same page or the same failure. Make one per cycle.
/// The shared fetch runs under the first caller's cancellation token; a cancelled fetch is forgotten
/// so that a later caller starts afresh.
/// </summary>
public sealed class FetchCycle(PageFetcher fetcher)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<FetchedPage>>> _fetches = new();

    public Task<FetchedPage> FetchAsync(Uri url, ConditionalRequest? conditional, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var key = $"{url.AbsoluteUri}\n{conditional?.ETag}\n{conditional?.LastModified}";
        var fetch = _fetches.GetOrAdd(key, _ => new Lazy<Task<FetchedPage>>(() => fetcher.FetchAsync(url, conditional, ct)));
        if (fetch.Value.IsCanceled && _fetches.TryRemove(KeyValuePair.Create(key, fetch)))
            return FetchAsync(url, conditional, ct);
        return fetch.Value.WaitAsync(ct);
    }
}
