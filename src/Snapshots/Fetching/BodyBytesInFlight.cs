namespace Snapshots.Fetching;

/// <summary>
/// Bounds the page bodies this process holds at once by their size, as <c>Capture:Concurrency</c> bounds them by count: a
/// fetch starts only while the bodies held (read, or expected, and not yet let go) total less than
/// <see cref="FetchOptions.MaxBytesInFlight"/>. Each <see cref="FetchCycle"/> holds what it fetched until it is disposed (its
/// documents are done). A fetch for a cycle that already holds a page never waits (so a combined document, whose pages are
/// fetched one after another, cannot deadlock against another), and when nothing is held a fetch always starts, however large.
/// Before its body is read a fetch counts as <see cref="Expected"/> bytes, then as what it read. 0 turns the bound off.
/// One instance per process (a singleton).
/// </summary>
public sealed class BodyBytesInFlight(long capacity)
{
    /// <summary>What a fetch counts for until its body has been read: about a large policy page.</summary>
    public const long Expected = 1024 * 1024;

    private readonly object _gate = new();
    private readonly LinkedList<TaskCompletionSource> _waiting = new();
    private long _held;

    /// <summary>The bytes held now (for tests and reports).</summary>
    public long Held { get { lock (_gate) return _held; } }

    /// <summary>Waits until a fetch for <paramref name="holder"/> may start, then counts it as <see cref="Expected"/> bytes.</summary>
    public async Task<Reservation> ReserveAsync(Holder holder, CancellationToken ct)
    {
        while (true)
        {
            TaskCompletionSource turn;
            lock (_gate)
            {
                if (capacity <= 0 || holder.Released) return default;
                if (holder.Bytes > 0 || _held < capacity)
                {
                    _held += Expected;
                    holder.Bytes += Expected;
                    return new Reservation(this, holder);
                }
                turn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiting.AddLast(turn);
            }
            using (ct.Register(() => turn.TrySetCanceled(ct)))
            {
                try
                {
                    await turn.Task.ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    lock (_gate) _waiting.Remove(turn);
                    throw;
                }
            }
        }
    }

    /// <summary>A new holder: one per <see cref="FetchCycle"/>.</summary>
    public Holder NewHolder() => new(this);

    /// <param name="release">Let go of everything the holder has, for good: what settles later is not counted.</param>
    private void Adjust(Holder holder, long change, bool release = false)
    {
        List<TaskCompletionSource>? wake = null;
        lock (_gate)
        {
            if (holder.Released) return;
            holder.Released = release;
            change = release ? -holder.Bytes : Math.Max(change, -holder.Bytes);
            holder.Bytes += change;
            _held += change;
            if (change < 0 && _waiting.Count > 0)
            {
                // Wake every waiter: each checks again, and those that still do not fit wait anew.
                wake = [.. _waiting];
                _waiting.Clear();
            }
        }
        wake?.ForEach(t => t.TrySetResult());
    }

    /// <summary>The bytes one <see cref="FetchCycle"/> holds; disposing lets them all go.</summary>
    public sealed class Holder(BodyBytesInFlight owner) : IDisposable
    {
        internal long Bytes { get; set; }
        internal bool Released { get; set; }

        public void Dispose() => owner.Adjust(this, 0, release: true);
    }

    /// <summary>One fetch's share: <see cref="Settle"/> it with the size of what was read (0 when the fetch failed).</summary>
    public readonly struct Reservation(BodyBytesInFlight owner, Holder holder)
    {
        public void Settle(long bytes) => owner?.Adjust(holder, bytes - Expected);
    }
}
