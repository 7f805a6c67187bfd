using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace Snapshots.Fetching;

/// <summary>
/// Browser contexts reused across renders of the same origin, each with a bounded lifetime: closed after
/// <see cref="BrowserOptions.RendersPerContext"/> renders or <see cref="BrowserOptions.ContextLifetime"/>, and at once after a
/// render that failed, timed out, opened other windows, left storage it could not clear or took more than
/// <see cref="BrowserOptions.ContextMemoryLimit"/> (the renderer says why). A context serves one render at a time and only pages
/// of its own origin, so one site's cookies and storage never reach another site's render; between two renders of the same
/// origin the renderer clears what the first left (cookies, storage of every origin it reached). At most
/// <see cref="IdleLimit"/> contexts wait idle; the oldest is closed first.
/// </summary>
internal sealed class BrowserContextPool(BrowserOptions options, ILogger log)
{
    private readonly Lock _gate = new();
    private readonly List<PooledContext> _idle = [];
    private int _opened;

    /// <summary>Contexts waiting for another render at most; beyond it the longest idle is closed.</summary>
    public int IdleLimit { get; } = Math.Max(2, options.MaxConcurrentPages * 2);

    /// <summary>Contexts opened so far.</summary>
    public int Opened => Volatile.Read(ref _opened);

    /// <summary>An idle context of <paramref name="origin"/> still within its lifetime, or a new one from <paramref name="open"/>.</summary>
    public async Task<PooledContext> LeaseAsync(string origin, Func<Task<PooledContext>> open)
    {
        PooledContext? found = null;
        List<PooledContext> expired;
        var now = DateTime.UtcNow;
        lock (_gate)
        {
            expired = _idle.Where(c => Expired(c, now) is not null).ToList();
            foreach (var context in expired) _idle.Remove(context);
            var index = _idle.FindLastIndex(c => string.Equals(c.Origin, origin, StringComparison.OrdinalIgnoreCase));
            if (index >= 0)
            {
                found = _idle[index];
                _idle.RemoveAt(index);
            }
        }
        foreach (var context in expired) await CloseAsync(context, Expired(context, now) ?? "expired").ConfigureAwait(false);
        if (found is not null) return found;
        var opened = await open().ConfigureAwait(false);
        Interlocked.Increment(ref _opened);
        return opened;
    }

    /// <summary>Takes a context back after a render: kept for the next render of its origin, or closed (<paramref name="retire"/> says why, else its bounds).</summary>
    public async Task ReturnAsync(PooledContext context, string? retire)
    {
        retire ??= Expired(context, DateTime.UtcNow);
        if (retire is null && context.Context.Browser is { IsConnected: false }) retire = "the browser is gone";
        PooledContext? evicted = null;
        if (retire is null)
        {
            lock (_gate)
            {
                _idle.Add(context);
                if (_idle.Count > IdleLimit)
                {
                    evicted = _idle[0];
                    _idle.RemoveAt(0);
                }
            }
        }
        if (retire is not null) await CloseAsync(context, retire).ConfigureAwait(false);
        if (evicted is not null) await CloseAsync(evicted, "too many idle contexts").ConfigureAwait(false);
    }

    /// <summary>Closes every idle context (the browser is closing or restarting).</summary>
    public async Task CloseIdleAsync()
    {
        List<PooledContext> idle;
        lock (_gate)
        {
            idle = [.. _idle];
            _idle.Clear();
        }
        foreach (var context in idle) await CloseAsync(context, "the browser is closing").ConfigureAwait(false);
    }

    private string? Expired(PooledContext context, DateTime now) =>
        context.Renders >= Math.Max(1, options.RendersPerContext) ? $"{context.Renders} renders"
        : now - context.OpenedAt >= options.ContextLifetime ? $"open for {(now - context.OpenedAt).TotalSeconds:0} s"
        : null;

    private async Task CloseAsync(PooledContext context, string reason)
    {
        log.LogDebug("Closing the browser context of {Origin} after {Renders} renders: {Reason}", context.Origin, context.Renders, reason);
        try { await context.Context.CloseAsync().ConfigureAwait(false); }
        catch (PlaywrightException e) { log.LogDebug(e, "Closing a browser context failed"); }
    }
}
