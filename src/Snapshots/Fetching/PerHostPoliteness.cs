using System.Collections.Concurrent;

namespace Snapshots.Fetching;

/// <summary>
/// Spaces the requests this process sends to one host (scheme, host and port) so that no site gets more than
/// <see cref="FetchOptions.PerHostRequestsPerMinute"/> from it: consecutive requests to a host are at least 60 s / N
/// apart, each attempt, retry and redirect counted. A request waits for its turn within the fetch's own time limit.
/// 0 turns the limit off. One instance per process (a singleton), shared by every HTTP handler the client factory builds.
/// (System.Threading.RateLimiting's partitioned token bucket refills on a shared 100 ms timer and lets bursts through,
/// which is not the promise made here.)
/// </summary>
public sealed class PerHostPoliteness(int requestsPerMinute, TimeProvider time)
{
    private readonly TimeSpan _spacing = requestsPerMinute switch
    {
        < 0 => throw new ArgumentOutOfRangeException(nameof(requestsPerMinute), "Fetch:PerHostRequestsPerMinute must not be negative"),
        0 => TimeSpan.Zero,
        _ => TimeSpan.FromMinutes(1) / requestsPerMinute,
    };

    private readonly ConcurrentDictionary<string, Turns> _hosts = new(StringComparer.Ordinal);

    /// <summary>Waits until <paramref name="request"/> may be sent (at once when the limit is off).</summary>
    public async Task WaitForTurnAsync(HttpRequestMessage request, CancellationToken ct)
    {
        if (_spacing == TimeSpan.Zero) return;
        var turns = _hosts.GetOrAdd(HostOf(request), _ => new Turns());
        await turns.Gate.WaitAsync(ct);
        try
        {
            var wait = turns.Next - time.GetUtcNow();
            if (wait > TimeSpan.Zero) await Task.Delay(wait, time, ct);
            turns.Next = time.GetUtcNow() + _spacing;
        }
        finally
        {
            turns.Gate.Release();
        }
    }

    /// <summary>The partition of a request: <c>https://example.com:443</c>, lower-cased.</summary>
    public static string HostOf(HttpRequestMessage request) =>
        request.RequestUri is { IsAbsoluteUri: true } uri ? HostOf(uri) : "";

    /// <summary>The partition of an absolute URL: <c>https://example.com:443</c>, lower-cased (also <see cref="PerHostConcurrency"/>'s).</summary>
    public static string HostOf(Uri url) => $"{url.Scheme}://{url.IdnHost}:{url.Port}".ToLowerInvariant();

    private sealed class Turns
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public DateTimeOffset Next { get; set; } = DateTimeOffset.MinValue;
    }

    /// <summary>The HTTP handler that asks for a turn before each request.</summary>
    public sealed class Handler(PerHostPoliteness politeness) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await politeness.WaitForTurnAsync(request, cancellationToken);
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
