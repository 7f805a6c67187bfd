using System.Collections.Concurrent;

namespace Snapshots.Fetching;

/// <summary>
/// One capture cycle's view of the web: documents that share a source URL (and the same validators)
/// fetch it once, and all of them see the same page or the same failure. Make one per cycle.
/// The shared fetch runs under the first caller's cancellation token; when that caller cancels,
/// the fetch is forgotten and the callers still waiting start it afresh.
/// </summary>
public sealed class FetchCycle(PageFetcher fetcher)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<FetchedPage>>> _fetches = new();

    public async Task<FetchedPage> FetchAsync(Uri url, ConditionalRequest? conditional, CancellationToken ct)
    {
        var key = $"{url.AbsoluteUri}\n{conditional?.ETag}\n{conditional?.LastModified}";
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var fetch = _fetches.GetOrAdd(key, _ => new Lazy<Task<FetchedPage>>(() => fetcher.FetchAsync(url, conditional, ct)));
            try
            {
                return await fetch.Value.WaitAsync(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                _fetches.TryRemove(KeyValuePair.Create(key, fetch));
            }
        }
    }
}
