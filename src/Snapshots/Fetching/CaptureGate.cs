namespace Snapshots.Fetching;

/// <summary>
/// Closed once a render's DOM is taken (or the render ends otherwise): the routing then aborts whatever the page still asks for,
/// and the guard's requests in flight are cancelled. Not disposed: route callbacks may read it after the render returns,
/// and a token source without timers holds nothing to release.
/// </summary>
internal sealed class CaptureGate
{
    private readonly CancellationTokenSource _closed = new();

    public bool IsClosed => _closed.IsCancellationRequested;

    public CancellationToken Token => _closed.Token;

    public void Close() => _closed.Cancel();
}
