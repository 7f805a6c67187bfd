using System.Collections.Concurrent;

namespace Snapshots.Email;

/// <summary>
/// Work by key, one at a time: a caller asking for a key whose work is running waits for that work instead of starting it
/// again. Nothing is kept once the work has ended, whether it succeeded or failed, so this holds only what is running now.
/// </summary>
internal sealed class InFlight<T>
{
    private readonly ConcurrentDictionary<string, Lazy<Task<T>>> _running = new(StringComparer.Ordinal);

    /// <summary>
    /// The running work of <paramref name="key"/>, or <paramref name="work"/> started now. The work is shared, so it is not
    /// cancelled with <paramref name="ct"/>: a cancelled caller only stops waiting for it.
    /// </summary>
    public Task<T> RunAsync(string key, Func<Task<T>> work, CancellationToken ct = default)
    {
        Lazy<Task<T>>? started = null;
        var running = _running.GetOrAdd(key, _ => started = new Lazy<Task<T>>(work));
        if (ReferenceEquals(running, started))
            running.Value.ContinueWith(_ => _running.TryRemove(KeyValuePair.Create(key, running)), CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return running.Value.WaitAsync(ct);
    }

    /// <summary>How many keys have work running now.</summary>
    public int Count => _running.Count;
}
