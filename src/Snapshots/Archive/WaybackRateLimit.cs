namespace Snapshots.Archive;

/// <summary>
/// At most <see cref="WaybackOptions.RequestsPerMinute"/> Save Page Now submissions in any minute from this process: a
/// sliding window of the last submissions' times. A request that gets no turn is queued again for when one frees.
/// </summary>
public sealed class WaybackRateLimit(Microsoft.Extensions.Options.IOptions<WaybackOptions> options)
{
    private readonly Queue<DateTimeOffset> _recent = new();
    private readonly Lock _gate = new();

    /// <summary>True and counted when a submission may go now; else false with the wait until one may.</summary>
    public bool TryTake(DateTimeOffset now, out TimeSpan wait)
    {
        var limit = Math.Max(1, options.Value.RequestsPerMinute);
        lock (_gate)
        {
            while (_recent.Count > 0 && now - _recent.Peek() >= TimeSpan.FromMinutes(1)) _recent.Dequeue();
            if (_recent.Count < limit)
            {
                _recent.Enqueue(now);
                wait = TimeSpan.Zero;
                return true;
            }
            wait = _recent.Peek() + TimeSpan.FromMinutes(1) - now;
            return false;
        }
    }
}
