using System.Diagnostics;

namespace Snapshots.Fetching;

/// <summary>
/// The requests of one render in flight through its routing, and when the last one started or ended: the DOM is taken once
/// none has been in flight for a short window (<see cref="BrowserOptions.NetworkQuietWindow"/>), instead of a fixed delay.
/// </summary>
internal sealed class NetworkQuiet
{
    private int _inFlight;
    private long _lastActivity = Stopwatch.GetTimestamp();

    public void Started()
    {
        Interlocked.Increment(ref _inFlight);
        Volatile.Write(ref _lastActivity, Stopwatch.GetTimestamp());
    }

    public void Ended()
    {
        Interlocked.Decrement(ref _inFlight);
        Volatile.Write(ref _lastActivity, Stopwatch.GetTimestamp());
    }

    /// <summary>Waits until nothing has been in flight for <paramref name="window"/>, for at most <paramref name="atMost"/>; false when it never went quiet.</summary>
    public async Task<bool> WaitAsync(TimeSpan window, TimeSpan atMost, CancellationToken ct)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(atMost.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            var quietFor = Stopwatch.GetElapsedTime(Volatile.Read(ref _lastActivity));
            if (Volatile.Read(ref _inFlight) == 0 && quietFor >= window) return true;
            var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
            if (left <= TimeSpan.Zero) return false;
            var step = Volatile.Read(ref _inFlight) == 0 ? window - quietFor : TimeSpan.FromMilliseconds(25);
            await Task.Delay(Min(Max(step, TimeSpan.FromMilliseconds(5)), left), ct).ConfigureAwait(false);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
