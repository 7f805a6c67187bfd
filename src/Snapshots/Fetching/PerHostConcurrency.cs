using System.Collections.Concurrent;

namespace Snapshots.Fetching;

/// <summary>
/// Bounds the fetches this process has in flight to one host (scheme, host and port of the URL asked for) at
/// <see cref="FetchOptions.MaxConcurrentPerHost"/>: a check of many documents on one site takes turns instead of opening as
/// many connections as documents. The wait comes before a fetch's time limits start. 0 turns the bound off.
/// One instance per process (a singleton).
/// </summary>
public sealed class PerHostConcurrency(int maxPerHost)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _hosts = new(StringComparer.Ordinal);

    /// <summary>Waits for a turn at <paramref name="url"/>'s host; dispose the result to give the turn back.</summary>
    public async Task<IDisposable> EnterAsync(Uri url, CancellationToken ct)
    {
        if (maxPerHost <= 0) return Turn.None;
        var gate = _hosts.GetOrAdd(PerHostPoliteness.HostOf(url), _ => new SemaphoreSlim(maxPerHost));
        await gate.WaitAsync(ct).ConfigureAwait(false);
        return new Turn(gate);
    }

    private sealed class Turn(SemaphoreSlim? gate) : IDisposable
    {
        public static readonly Turn None = new(null);
        private SemaphoreSlim? _gate = gate;

        public void Dispose() => Interlocked.Exchange(ref _gate, null)?.Release();
    }
}
